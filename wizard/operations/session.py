"""The application's operations on one assessment, for the UI and the CLI alike.

The UI never computes scores nor writes files: it calls a Session, which asks the core for
visibility, scores and the plan, and the store to save each change at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from wizard.core import checks, limits, plan_changes, plan_edits
from wizard.core.action_plan import PlannedAction
from wizard.core.answer_rules import AnswerRefused, check_not_applicable
from wizard.core.content_changes import ContentChanges, changes_since
from wizard.core.evaluation import Evaluation, evaluate
from wizard.core.flow import Hidden, Progress
from wizard.core.model import ANSWER_VALUES, ActionEdit, Answer, Assessment, CustomAction, Question
from wizard.core.processor_attention import processor_proposal
from wizard.core.questionnaire import Questionnaire
from wizard.core.scoring import Scores
from wizard.core.undo import TEXTS, AnswerChange, Change, ChangeGroup, UndoLog, copy
from wizard.i18n import _
from wizard.storage import HistoryEntry, LockInfo, PlanHistoryEntry, Store
from wizard.storage.store import locked_message
from wizard.typography import french


class SessionError(ValueError):
    """A change the session refuses (unknown question, bad value); nothing was stored."""


class ReadOnlySession(SessionError):
    """Another process writes this assessment; this session can only read it."""


class Session:
    """One open assessment: the questionnaire of its profile, its answers, and the store.

    The session holds the assessment's lock until close(). When another Vigie process holds
    it, the session opens read-only: read_only is True, holder says who writes (user,
    machine, since when), and every change raises ReadOnlySession. So it does, with the
    folder's reason, in a data folder that cannot be written.
    """

    def __init__(self, store: Store, assessment_id: str, questionnaire: Questionnaire | None = None,
                 *, read_only: bool = False, link: Callable[[Evaluation], Evaluation] | None = None,
                 facts: Callable[[str, Assessment], list[Any]] | None = None) -> None:
        self.store = store
        self.folder_read_only = getattr(store, "read_only", False)  # a folder that cannot be written
        read_only = read_only or self.folder_read_only
        self.holder: LockInfo | None = None if read_only else store.lock(assessment_id)
        self.read_only = read_only or self.holder is not None
        try:
            self.assessment: Assessment = store.load(assessment_id)
        except BaseException:
            if not self.read_only:
                store.unlock(assessment_id)
            raise
        if questionnaire is None:  # a script's shortcut: the content Vigie would start with
            from wizard.core.registry import ContentRegistry

            questionnaire = ContentRegistry().default
        self.questionnaire = questionnaire.for_profile(self.assessment.profile)
        self._by_id = {q.id: q for q in self.questionnaire.questions}
        # Answered on an earlier content: what is new and what is gone, told once at opening.
        self.content_changes = changes_since(self.questionnaire, self.assessment, questionnaire)
        self._evaluation: Evaluation | None = None  # computed on demand, dropped at every change
        # The register of processors a laboratory's assessment is linked to (its actions join the plan).
        self._link = link
        self._facts = facts
        self._numbers = {q.id: n for n, q in enumerate(self.questionnaire.questions, start=1)}
        self.undo_log = UndoLog()  # the answer changes of this session, each undoable whole
        self.listeners: list[Callable[[], None]] = []  # called after every stored change

    # -- lock ------------------------------------------------------------------------
    @property
    def read_only_reason(self) -> str:
        if self.holder is not None:
            return locked_message(self.holder)
        return self.store.read_only_reason if self.folder_read_only else ""

    @property
    def notices(self) -> list[str]:
        """What the user must be told on opening: a damaged file restored, a stale lock taken
        over, an assessment answered on an earlier content."""
        told = list(self.store.notices)
        if self.content_changes is not None:
            told.append(content_notice(self.content_changes))
        return told

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

    def _record_content(self) -> None:
        """The first change made on today's content records it (once the change is known to be valid)."""
        current = self.questionnaire.framework.stamp
        if self.assessment.content != current:
            self.assessment.content = current
            self.store.save_details(self.assessment)

    # -- reading ---------------------------------------------------------------------
    def history(self, qid: str) -> list[HistoryEntry]:
        """Every change of one question's answer, oldest first: when, by whom, old and new."""
        self.question(qid)
        return self.store.history(self.assessment.id, qid)

    def plan_history(self) -> list[PlanHistoryEntry]:
        """The named changes of the plan (imports of a spreadsheet), oldest first."""
        return self.store.plan_history(self.assessment.id)

    def question(self, qid: str) -> Question:
        try:
            return self._by_id[qid]
        except KeyError:
            raise SessionError(_("question inconnue « {question} » pour le profil « {profile} »").format(
                question=qid, profile=self.assessment.profile)) from None

    def evaluation(self) -> Evaluation:
        """What the answers mean (scores, plan, gaps…), computed once per state of the assessment."""
        if self._evaluation is None:
            evaluation = evaluate(self.questionnaire, self.assessment)
            self._evaluation = self._link(evaluation) if self._link is not None else evaluation
        return self._evaluation

    def facts(self, qid: str) -> list[Any]:
        """What the register of processors says about one question (wizard.core.processor_facts.Fact)."""
        self.question(qid)
        return self._facts(qid, self.assessment) if self._facts is not None else []

    def hidden(self) -> dict[str, Hidden]:
        return dict(self.evaluation().hidden)

    def progress(self) -> Progress:
        return self.evaluation().progress

    def scores(self) -> Scores:
        return self.evaluation().scores

    def plan(self) -> list[PlannedAction]:
        return list(self.evaluation().plan)

    def number(self, qid: str) -> int:
        """The question's number as the screens and the report show it (« question 24 »)."""
        self.question(qid)
        return self._numbers[qid]

    # -- changes, each stored before returning ---------------------------------------------
    def answer(self, qid: str, value: str | None, *, note: str | None = None,
               justification: str | None = None, evidence: str | None = None, by: str = "") -> AnswerChange | None:
        """Set (or clear, with value None) an answer; other fields keep their value unless given.

        by names who gave the answer (a workshop participant); default: the assessor. It is
        recorded with the answer and in the audit trail. Giving an answer again confirms it: the
        « à revoir » flag goes. Returns what changed (None: nothing did, nothing was written).
        """
        self._writable()
        question = self.question(qid)
        if value is not None and value not in ANSWER_VALUES:
            raise SessionError(_("réponse inconnue « {value} » : {choices} attendu").format(
                value=value, choices=", ".join(ANSWER_VALUES)))
        who = by or self.assessment.assessor
        self._check(checks.text, who, "by", limits.NAME)
        previous = self.assessment.answers.get(qid)
        new: Answer | None = None
        if value is not None:
            old = previous or Answer(value)
            try:
                check_not_applicable(question, value, old.justification if justification is None else justification,
                                     previous)
            except AnswerRefused as exc:
                raise SessionError(str(exc)) from None
            new = replace(
                old, value=value, at="", review=False,
                note=old.note if note is None else note,
                justification=old.justification if justification is None else justification,
                evidence=old.evidence if evidence is None else evidence,
                by=who)
            self._check(checks.check_answer, new, f"answers.{qid}")
        return self._store_answer(qid, previous, new, who)

    def edit_text(self, qid: str, field: str, text: str) -> AnswerChange | None:
        """Change the comment (note), evidence or justification of a given answer; its value, who
        gave it and its « à revoir » flag stay as they are."""
        self._writable()
        question = self.question(qid)
        if field not in TEXTS:
            raise SessionError(_("champ inconnu « {field} » : {choices} attendu").format(
                field=field, choices=", ".join(TEXTS)))
        previous = self.assessment.answers.get(qid)
        if previous is None:
            raise SessionError(french(_("la question {number} n’a pas encore de réponse : le texte sera gardé "
                                        "avec la réponse")).format(number=self.number(qid)))
        new = replace(previous)
        setattr(new, field, text)  # one of TEXTS, all plain text fields of an answer
        try:
            check_not_applicable(question, new.value, new.justification, previous)
        except AnswerRefused as exc:
            raise SessionError(str(exc)) from None
        self._check(checks.check_answer, new, f"answers.{qid}")
        return self._store_answer(qid, previous, new, previous.by or self.assessment.assessor)

    def set_review(self, qid: str, review: bool) -> AnswerChange | None:
        """Mark an answer « à revoir » (to come back to later), or clear the mark."""
        self._writable()
        previous = self.assessment.answers.get(qid)
        if previous is None:
            raise SessionError(french(_("la question {number} n’a pas encore de réponse : elle est déjà parmi "
                                        "les questions à reprendre")).format(number=self.number(qid)))
        return self._store_answer(qid, previous, replace(previous, review=bool(review)),
                                  previous.by or self.assessment.assessor)

    def answer_all(self, changes: Sequence[tuple[str, str, str]], *, name: str, by: str = "") -> ChangeGroup | None:
        """Several answers given by one operation (a contract review applied): (question, value,
        evidence) each, the comment and justification kept. All are checked before any is stored;
        they are then stored one by one (each in the history), and undone or redone together.
        Returns what changed (None: nothing did, nothing was written)."""
        self._writable()
        who = by or self.assessment.assessor
        self._check(checks.text, who, "by", limits.NAME)
        planned: list[tuple[str, Answer | None, Answer]] = []
        for qid, value, evidence in changes:
            question = self.question(qid)
            if value not in ANSWER_VALUES:
                raise SessionError(_("réponse inconnue « {value} » : {choices} attendu").format(
                    value=value, choices=", ".join(ANSWER_VALUES)))
            previous = self.assessment.answers.get(qid)
            old = previous or Answer(value)
            try:
                check_not_applicable(question, value, old.justification, previous)
            except AnswerRefused as exc:
                raise SessionError(str(exc)) from None
            new = replace(old, value=value, at="", review=False, evidence=evidence, by=who)
            self._check(checks.check_answer, new, f"answers.{qid}")
            if AnswerChange(qid, previous, new).changed:
                planned.append((qid, previous, new))
        if not planned:
            return None
        done: list[AnswerChange] = []
        try:
            for qid, previous, new in planned:
                before = copy(previous)
                self._put(qid, new, who)
                done.append(AnswerChange(qid, before, copy(new)))
        except BaseException:
            for change in reversed(done):  # all or nothing: put back what was stored
                try:
                    self._put(change.question_id, copy(change.before), who)
                except Exception:  # noqa: BLE001 - the first error is the one to report
                    break
            raise
        group = ChangeGroup(name, tuple(done))
        self.undo_log.record(group)
        self._changed()
        return group

    def _store_answer(self, qid: str, previous: Answer | None, new: Answer | None, who: str) -> AnswerChange | None:
        if not AnswerChange(qid, previous, new).changed:
            return None  # nothing to store: no write, no history line, no undo step
        before = copy(previous)
        self._put(qid, new, who)
        change = AnswerChange(qid, before, copy(new))  # with the time the store gave it
        self.undo_log.record(change)
        self._changed()  # once the change can be undone: the screens show what undo would do
        return change

    def _put(self, qid: str, answer: Answer | None, who: str) -> None:
        self._record_content()
        self.store.save_answer(self.assessment.id, qid, answer, by=who)
        if answer is None:
            self.assessment.answers.pop(qid, None)
        else:
            self.assessment.answers[qid] = answer
        self._evaluation = None

    # -- undo by operation: the whole answer comes back -------------------------------------
    def can_undo(self) -> Change | None:
        return self.undo_log.next_undo()

    def can_redo(self) -> Change | None:
        return self.undo_log.next_redo()

    def undo(self) -> Change | None:
        """Put back the answer (or the answers of one operation) as before the last change."""
        return self._replay(self.undo_log.next_undo(), undo=True)

    def redo(self) -> Change | None:
        return self._replay(self.undo_log.next_redo(), undo=False)

    def _replay(self, change: Change | None, *, undo: bool) -> Change | None:
        if change is None:
            return None
        self._writable()
        parts = change.changes if isinstance(change, ChangeGroup) else (change,)
        for part in (reversed(parts) if undo else parts):
            target = copy(part.before if undo else part.after)
            if target is not None:
                self._check(checks.check_answer, target, f"answers.{part.question_id}")
            self._put(part.question_id, target, (target.by if target else "") or self.assessment.assessor)
        (self.undo_log.undone if undo else self.undo_log.redone)()
        self._changed()
        return change

    def edit_action(self, action_id: str, edit: ActionEdit | None) -> None:
        self._writable()
        self._check(checks.action_id, action_id, "action_edits")
        if edit is not None:
            self._check(checks.check_edit, edit, f"action_edits.{action_id}")
        self._record_content()
        self.store.save_action_edit(self.assessment.id, action_id, edit)
        if edit is None:
            self.assessment.action_edits.pop(action_id, None)
        else:
            self.assessment.action_edits[action_id] = edit
        self._changed()

    def set_custom_actions(self, actions: list[CustomAction]) -> None:
        self._writable()
        self._check(checks.check_custom_actions, actions)
        self._record_content()
        self.store.save_custom_actions(self.assessment.id, actions)
        self.assessment.custom_actions = list(actions)
        self._changed()

    # -- the plan, under the core's rules (wizard.core.plan_edits) ------------------------------
    def edit_plan_action(self, action_id: str, *, owner: object = plan_edits.UNSET, due: object = plan_edits.UNSET,
                         status: object = plan_edits.UNSET, priority: object = plan_edits.UNSET,
                         reason: str = "") -> None:
        """Change some fields of one action, computed or custom, and store it at once."""
        self._writable()
        customs = self.assessment.custom_actions
        for i, custom in enumerate(customs):
            if custom.id == action_id:
                changed = plan_edits.edited_custom(custom, owner=owner, due=due, status=status, priority=priority)
                self.set_custom_actions(customs[:i] + [changed] + customs[i + 1:])
                return
        base = plan_edits.proposal(self.questionnaire, self.assessment, action_id)
        if base is None:  # an action of the register of processors, when linked
            base = processor_proposal(self.evaluation(), action_id)
        if base is None:
            raise plan_edits.unknown_action(action_id)
        self.edit_action(action_id, plan_edits.edited_action(
            base, self.assessment.action_edits.get(action_id), owner=owner, due=due, status=status,
            priority=priority, reason=reason))

    def reset_plan_action(self, action_id: str) -> None:
        """Back to the plan's proposal for a computed action."""
        self.edit_action(action_id, None)

    def add_custom_action(self, title: str, **fields: object) -> CustomAction:
        action = plan_edits.new_custom(title, **fields)  # type: ignore[arg-type]
        self.set_custom_actions(self.assessment.custom_actions + [action])
        return action

    def remove_custom_action(self, action_id: str) -> tuple[int, CustomAction]:
        """Remove a custom action; where it was and what it held, to put it back (restore_custom_action)."""
        customs = self.assessment.custom_actions
        for position, action in enumerate(customs):
            if action.id == action_id:
                self.set_custom_actions(customs[:position] + customs[position + 1:])
                return position, action
        raise plan_edits.unknown_action(action_id)

    def restore_custom_action(self, position: int, action: CustomAction) -> None:
        customs = list(self.assessment.custom_actions)
        customs.insert(position, action)
        self.set_custom_actions(customs)

    # -- several changes of the plan as one (an imported spreadsheet) ---------------------------
    def _plan_update(self, changes: list[plan_changes.PlanChange]) -> tuple[plan_changes.PlanUpdate,
                                                                            list[plan_changes.FieldChange]]:
        try:
            update = plan_changes.update_for(self.questionnaire, self.assessment, changes)
        except plan_edits.PlanEditError as exc:
            raise SessionError(str(exc)) from None
        after = plan_changes.plan_after(self.questionnaire, self.assessment, update)
        return update, plan_changes.differences(self.evaluation().plan, after)

    def preview_plan_changes(self, changes: list[plan_changes.PlanChange]) -> list[plan_changes.FieldChange]:
        """What the plan would show differently after these changes; nothing is stored."""
        return self._plan_update(changes)[1]

    def apply_plan_changes(self, changes: list[plan_changes.PlanChange], *, operation: str, source: str = "",
                           by: str = "") -> list[plan_changes.FieldChange]:
        """Store several changes of the plan as one: one write, one version, and one entry in the
        plan's history naming the operation (« sheet-import »), its source (the file's name), who
        made it (default: the assessor) and every field it changed. All or nothing: a change the
        rules refuse raises SessionError and nothing is stored. Returns the fields changed."""
        self._writable()
        update, changed = self._plan_update(changes)
        if not changed:
            return []
        who = by or self.assessment.assessor
        self._check(checks.text, who, "by", limits.NAME)
        self._check(checks.text, operation, "operation", limits.NAME)
        self._check(checks.text, source, "source", limits.NAME)
        after = update.applied_to(self.assessment)
        for action_id, edit in update.edits.items():
            self._check(checks.action_id, action_id, "action_edits")
            if edit is not None:
                self._check(checks.check_edit, edit, f"action_edits.{action_id}")
        self._check(checks.check_custom_actions, after.custom_actions)
        self._check(checks.check_action_notes, after.action_notes)
        record = {"by": who, "operation": operation, "source": source,
                  "changes": [change.record() for change in changed]}
        self.store.save_plan(self.assessment.id, edits=update.edits, custom_actions=update.custom_actions,
                             notes=update.notes, record=record)
        self.assessment.action_edits = after.action_edits
        self.assessment.custom_actions = after.custom_actions
        self.assessment.action_notes = after.action_notes
        self._changed()
        return changed

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
        self._evaluation = None
        for listener in list(self.listeners):
            listener()


def content_notice(changes: ContentChanges) -> str:
    """« Commencée avec la version … : 3 questions nouvelles, 1 retirée » in plain words."""
    from wizard.i18n import current_language, ngettext
    from wizard.typography import for_language

    parts = [_("Cette évaluation a été commencée avec la version {since} du questionnaire ; la version "
               "actuelle est la {now}.").format(since=changes.since or "?", now=changes.now)]
    if changes.new:
        parts.append(ngettext("{n} question est nouvelle : elle attend sa réponse.",
                              "{n} questions sont nouvelles : elles attendent leur réponse.",
                              len(changes.new)).format(n=len(changes.new)))
    if changes.gone:
        parts.append(ngettext(
            "{n} question a été retirée : sa réponse reste dans le fichier mais ne compte plus.",
            "{n} questions ont été retirées : leurs réponses restent dans le fichier mais ne comptent plus.",
            len(changes.gone)).format(n=len(changes.gone)))
    return for_language(" ".join(parts), current_language())
