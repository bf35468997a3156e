"""The application's operations on one assessment, for the UI and the CLI alike.

The UI never computes scores nor writes files: it calls a Session, which asks the core for
visibility, scores and the plan, and the store to save each change at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from wizard.core.action_plan import PlannedAction, build_plan
from wizard.core.flow import Hidden, Progress, hidden_questions, progress
from wizard.core.model import ANSWER_VALUES, ActionEdit, Answer, Assessment, CustomAction, Question
from wizard.core.questionnaire import Questionnaire, default_questionnaire
from wizard.core.scoring import Scores, compute_scores
from wizard.storage import Store


class SessionError(ValueError):
    """A change the session refuses (unknown question, bad value); nothing was stored."""


class Session:
    """One open assessment: the questionnaire of its profile, its answers, and the store."""

    def __init__(self, store: Store, assessment_id: str, questionnaire: Questionnaire | None = None) -> None:
        self.store = store
        self.assessment: Assessment = store.load(assessment_id)
        self.questionnaire = (questionnaire or default_questionnaire()).for_profile(self.assessment.profile)
        self._by_id = {q.id: q for q in self.questionnaire.questions}
        self.listeners: list[Callable[[], None]] = []  # called after every stored change

    # -- reading ---------------------------------------------------------------------
    def question(self, qid: str) -> Question:
        try:
            return self._by_id[qid]
        except KeyError:
            raise SessionError(f"unknown question id {qid!r} for profile {self.assessment.profile!r}") from None

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
        """Set (or clear, with value None) an answer; other fields keep their value unless given."""
        self.question(qid)
        if value is not None and value not in ANSWER_VALUES:
            raise SessionError(f"unknown answer {value!r}; expected one of {', '.join(ANSWER_VALUES)}")
        if value is None:
            self.store.save_answer(self.assessment.id, qid, None)
            self.assessment.answers.pop(qid, None)
        else:
            old = self.assessment.answers.get(qid) or Answer(value)
            new = replace(
                old, value=value, at="", review=False,
                note=old.note if note is None else note,
                justification=old.justification if justification is None else justification,
                evidence=old.evidence if evidence is None else evidence,
                by=by or old.by)
            self.store.save_answer(self.assessment.id, qid, new)
            self.assessment.answers[qid] = new
        self._changed()

    def edit_action(self, action_id: str, edit: ActionEdit | None) -> None:
        self.store.save_action_edit(self.assessment.id, action_id, edit)
        if edit is None:
            self.assessment.action_edits.pop(action_id, None)
        else:
            self.assessment.action_edits[action_id] = edit
        self._changed()

    def set_custom_actions(self, actions: list[CustomAction]) -> None:
        self.store.save_custom_actions(self.assessment.id, actions)
        self.assessment.custom_actions = list(actions)
        self._changed()

    def save_position(self, position: str) -> None:
        self.store.save_position(self.assessment.id, position)
        self.assessment.position = position

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()
