"""The application's operations on one assessment, for the UI and the CLI alike.

The UI never computes scores nor writes files: it calls a Session, which asks the core for
visibility, scores and the plan, and the store to save each change at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from wizard.core import checks, limits
from wizard.core.action_plan import PlannedAction, build_plan
from wizard.core.flow import Hidden, Progress, hidden_questions, progress
from wizard.core.model import ANSWER_VALUES, ActionEdit, Answer, Assessment, CustomAction, Question
from wizard.core.questionnaire import Questionnaire, default_questionnaire
from wizard.core.scoring import Scores, compute_scores
from wizard.i18n import _
from wizard.storage import HistoryEntry, LockInfo, Store
from wizard.storage.store import locked_message


class SessionError(ValueError):
    """A change the session refuses (unknown question, bad value); nothing was stored."""


class ReadOnlySession(SessionError):
    """Another process writes this assessment; this session can only read it."""


class Session:
    """One open assessment: the questionnaire of its profile, its answers, and the store.

    The session holds the assessment's lock until close(). When another Vigie process holds
    it, the session opens read-only: read_only is True, holder says who writes (user,
    machine, since when), and every change raises ReadOnlySession.
    """

    def __init__(self, store: Store, assessment_id: str, questionnaire: Questionnaire | None = None,
                 *, read_only: bool = False) -> None:
        self.store = store
        self.holder: LockInfo | None = None if read_only else store.lock(assessment_id)
        self.read_only = read_only or self.holder is not None
        try:
            self.assessment: Assessment = store.load(assessment_id)
        except BaseException:
            if not self.read_only:
                store.unlock(assessment_id)
            raise
        self.questionnaire = (questionnaire or default_questionnaire()).for_profile(self.assessment.profile)
        self._by_id = {q.id: q for q in self.questionnaire.questions}
        self.listeners: list[Callable[[], None]] = []  # called after every stored change

    # -- lock ------------------------------------------------------------------------
    @property
    def read_only_reason(self) -> str:
        return locked_message(self.holder) if self.holder is not None else ""

    @property
    def notices(self) -> list[str]:
        """What the store had to tell the user (a damaged file restored, a stale lock taken over)."""
        return self.store.notices

    def close(self) -> None:
        """Release the lock; the session must not be used afterwards."""
        if not self.read_only:
            self.store.unlock(self.assessment.id)
            self.read_only = True

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnlySession(self.read_only_reason or _("Cette évaluation est ouverte en lecture seule."))

    # -- reading ---------------------------------------------------------------------
    def history(self, qid: str) -> list[HistoryEntry]:
        """Every change of one question's answer, oldest first: when, by whom, old and new."""
        self.question(qid)
        return self.store.history(self.assessment.id, qid)

    def question(self, qid: str) -> Question:
        try:
            return self._by_id[qid]
        except KeyError:
            raise SessionError(_("question inconnue « {question} » pour le profil « {profile} »").format(
                question=qid, profile=self.assessment.profile)) from None

    def hidden(self) -> dict[str, Hidden]:
        return hidden_questions(self.questionnaire, self.assessment.answers)

    def progress(self) -> Progress:
        return progress(self.questionnaire, self.assessment.answers)

    def scores(self) -> Scores:
        return compute_scores(self.questionnaire, self.assessment.answers)

    def plan(self) -> list[PlannedAction]:
        return build_plan(self.questionnaire, self.assessment)

    # -- changes, each stored before returning ---------------------------------------------
    def answer(self, qid: str, value: str | None, *, note: str | None = None,
               justification: str | None = None, evidence: str | None = None, by: str = "") -> None:
        """Set (or clear, with value None) an answer; other fields keep their value unless given.

        by names who gave the answer (a workshop participant); default: the assessor. It is
        recorded with the answer and in the audit trail.
        """
        self._writable()
        self.question(qid)
        if value is not None and value not in ANSWER_VALUES:
            raise SessionError(_("réponse inconnue « {value} » : {choices} attendu").format(
                value=value, choices=", ".join(ANSWER_VALUES)))
        who = by or self.assessment.assessor
        self._check(checks.text, who, "by", limits.NAME)
        if value is None:
            self.store.save_answer(self.assessment.id, qid, None, by=who)
            self.assessment.answers.pop(qid, None)
        else:
            old = self.assessment.answers.get(qid) or Answer(value)
            new = replace(
                old, value=value, at="", review=False,
                note=old.note if note is None else note,
                justification=old.justification if justification is None else justification,
                evidence=old.evidence if evidence is None else evidence,
                by=who)
            self._check(checks.check_answer, new, f"answers.{qid}")
            self.store.save_answer(self.assessment.id, qid, new, by=who)
            self.assessment.answers[qid] = new
        self._changed()

    def edit_action(self, action_id: str, edit: ActionEdit | None) -> None:
        self._writable()
        self._check(checks.action_id, action_id, "action_edits")
        if edit is not None:
            self._check(checks.check_edit, edit, f"action_edits.{action_id}")
        self.store.save_action_edit(self.assessment.id, action_id, edit)
        if edit is None:
            self.assessment.action_edits.pop(action_id, None)
        else:
            self.assessment.action_edits[action_id] = edit
        self._changed()

    def set_custom_actions(self, actions: list[CustomAction]) -> None:
        self._writable()
        self._check(checks.check_custom_actions, actions)
        self.store.save_custom_actions(self.assessment.id, actions)
        self.assessment.custom_actions = list(actions)
        self._changed()

    def save_position(self, position: str) -> None:
        if self.read_only:  # reading elsewhere may still move around: just not remembered
            self.assessment.position = position
            return
        self.store.save_position(self.assessment.id, position)
        self.assessment.position = position

    @staticmethod
    def _check(check: Callable[..., object], *args: object) -> None:
        """The rules of wizard.core.checks (lengths, dates, choices); nothing stored when broken."""
        try:
            check(*args)
        except checks.FieldError as exc:
            raise SessionError(str(exc)) from None

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()
