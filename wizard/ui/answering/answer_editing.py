"""Answering on the answering page: a choice or a typed text becomes a Session call (answers
through the undo stack), a failed save is said at once, and the help shows the answer's history.

A mixin of AnsweringPage: it works on the page's current question card and its Session.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QMessageBox

from wizard.core.model import ANSWER_LABELS
from wizard.i18n import _, format_moment
from wizard.ui.answering.question_card import QuestionCard
from wizard.ui.answering.question_text import ui
from wizard.ui.answering.undo import AnswerCommand
from wizard.ui.widgets.text import fr


class AnswerEditing:
    """What AnsweringPage does with the answers and texts given on its question cards."""

    def answer_current(self, number: int) -> None:
        if self.current is not None:
            from wizard.core.model import ANSWER_VALUES

            self._answer_chosen(self.current.question.id, ANSWER_VALUES[number])

    def toggle_help(self) -> None:
        if self.current is not None:
            self.current.toggle_help()

    def _show_history(self, card: QuestionCard) -> None:
        """Each change of the answer, newest last, when the store keeps a history."""
        if not hasattr(self.session, "history"):
            return
        labels = {None: _("sans réponse"), **{k: _(v) for k, v in ANSWER_LABELS.items()}}
        lines = []
        for entry in self.session.history(card.question.id)[-8:]:
            when = format_moment(datetime.fromisoformat(entry.at)) if entry.at else ""
            lines.append(ui(_("{when} — {who} : {old} → {new}")).format(
                when=when, who=entry.by or _("(non précisé)"),
                old=labels.get(entry.old_value, entry.old_value), new=labels.get(entry.new_value, entry.new_value)))
        card.set_history(lines)

    def _answer_chosen(self, qid: str, value: str) -> None:
        if self.read_only():
            return
        view = self.views[self.section_index]
        card = view.cards[qid]
        self._set_current(card)
        existing = self.session.assessment.answers.get(qid)
        if value != "na":
            card.na_pending = False
        if value == "na" and not card.question.na_allowed:
            self.saved.mark_error(fr(_("« Non applicable » n’est pas possible pour cette question.")))
            return
        if value == "na" and not card.na_pending and not (existing and existing.value == "na") \
                and not card.justification.text().strip():
            card.begin_na()  # stored once justified (Enter in the justification field)
            return
        texts = card.take_pending()
        if existing and existing.value == value and not existing.review and not texts:
            return  # nothing changes: keep the undo history clean
        command = AnswerCommand(self.session, qid, value, self.by(), texts)
        self.undo_stack.push(command)
        if command.error is not None:
            self._show_error(command.error)

    def _text_edited(self, qid: str, field: str, text: str) -> None:
        answer = self.session.assessment.answers.get(qid)
        if answer is None or self.read_only():
            return
        try:
            # A comment added later does not change who gave the answer.
            self.session.answer(qid, answer.value, by=answer.by, **{field: text})
        except Exception as exc:  # storage failure: say so, keep the text on screen
            self._show_error(exc)

    def _show_error(self, exc: Exception) -> None:
        self.saved.mark_error(str(exc))
        QMessageBox.warning(self, _("Enregistrement impossible"),
                            fr(_("La modification n’a pas été enregistrée :\n{error}")).format(error=exc))

    def flush(self) -> None:
        """Store any text typed but not saved yet."""
        for view in self.views.values():
            for card in view.cards.values():
                card.flush()
