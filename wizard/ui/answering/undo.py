"""Answer changes as undoable commands: each redo and undo goes through the Session."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from wizard.core.model import ANSWER_LABELS, Answer
from wizard.i18n import _
from wizard.operations.session import Session


class AnswerCommand(QUndoCommand):
    """Set one question's answer; undo puts the previous answer (or no answer) back."""

    def __init__(self, session: Session, qid: str, value: str, by: str,
                 texts: dict[str, str] | None = None) -> None:
        super().__init__(_("Réponse « {answer} »").format(answer=_(ANSWER_LABELS[value])))
        self.session = session
        self.qid = qid
        self.value = value
        self.by = by
        self.texts = texts or {}
        old = session.assessment.answers.get(qid)
        self.old: Answer | None = replace(old) if old else None
        self.error: Exception | None = None

    def redo(self) -> None:
        try:
            self.session.answer(self.qid, self.value, by=self.by, **self.texts)
        except Exception as exc:  # nothing stored: the command must not enter the history
            self.error = exc
            self.setObsolete(True)

    def undo(self) -> None:
        old = self.old
        if old is None:
            self.session.answer(self.qid, None)
        else:
            self.session.answer(self.qid, old.value, note=old.note, justification=old.justification,
                                evidence=old.evidence, by=old.by)
