"""The application's operations on one assessment, for the UI and the CLI alike.

The UI never computes scores nor writes files: it calls a Session, which asks the core for
visibility, scores and the plan, and the store to save each change at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from wizard.core import checks, limits
from wizard.core.action_plan import PlannedAction
from wizard.core.answer_rules import AnswerRefused, check_not_applicable
from wizard.core.content_changes import ContentChanges, changes_since
from wizard.core.evaluation import Evaluation, evaluate
from wizard.core.flow import Hidden, Progress
from wizard.core.model import ANSWER_VALUES, Answer, Assessment, Question
from wizard.core.numbering import question_numbers
from wizard.core.questionnaire import Questionnaire
from wizard.core.scoring import Scores
from wizard.core.undo import TEXTS, AnswerChange, Change, ChangeGroup, UndoLog, copy
from wizard.i18n import _
from wizard.operations.session_errors import ReadOnlySession, SessionError
from wizard.operations.session_plan import PlanEditing
from wizard.storage import HistoryEntry, LockInfo, PlanHistoryEntry, Store, UnknownAssessment
from wizard.storage.store import locked_message
from wizard.typography import french

__all__ = ["ReadOnlySession", "Session", "SessionError", "content_notice"]


class Session(PlanEditing):
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
        self._numbers = question_numbers(self.questionnaire)  # « 3.2 », as on paper and in spreadsheets
        self._positions = {q.id: n for n, q in enumerate(self.questionnaire.questions, start=1)}
        self.undo_log = UndoLog()  # the answer changes of this session, each undoable whole
        self.listeners: list[Callable[[], None]] = []  # called after every stored change
        self._position_unsaved: str | None = None  # written at close (save_position)

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
            numbers = {q: self._numbers[q] for q in self.content_changes.new if q in self._numbers}
            told.append(content_notice(self.content_changes, numbers))
        return told

    def close(self) -> None:
        """Store where the user was, release the lock; the session must not be used afterwards."""
        if not self.read_only:
            self._store_position()
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

    def number(self, qid: str) -> str:
        """The question's number as the screens, the paper questionnaire, the spreadsheets and the
        report show it (« question 3.2 »: the second of the third section)."""
        self.question(qid)
        return self._numbers[qid]

    def position(self, qid: str) -> int:
        """Where the question stands among all the profile's, from 1 (« 24 / 69 » in the room)."""
        self.question(qid)
        return self._positions[qid]

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

    def save_position(self, position: str) -> None:
        """Where the user is, written when the session closes: a durable write at every page
        switch cost more than the page itself, and a crash loses a place, never an answer."""
        self.assessment.position = position
        if not self.read_only:  # reading elsewhere may still move around: just not remembered
            self._position_unsaved = position

    def _store_position(self) -> None:
        position, self._position_unsaved = self._position_unsaved, None
        if position is not None:
            try:
                self.store.save_position(self.assessment.id, position)
            except UnknownAssessment:  # deleted while open (the demonstration going away): no place to keep
                pass

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


SHOWN_NUMBERS = 12  # new questions named by their number in the notice; more are counted only


def content_notice(changes: ContentChanges, numbers: Mapping[str, str] | None = None) -> str:
    """« Commencée avec la version … : 3 questions nouvelles (1.5, 3.2, 7.1), 1 retirée » in plain
    words; numbers: the new questions' numbers, to find them (F8 goes to each in turn)."""
    from wizard.i18n import current_language, ngettext
    from wizard.typography import for_language

    parts = [_("Cette évaluation a été commencée avec la version {since} du questionnaire ; la version "
               "actuelle est la {now}.").format(since=changes.since or "?", now=changes.now)]
    if changes.new:
        parts.append(ngettext("{n} question est nouvelle : elle attend sa réponse.",
                              "{n} questions sont nouvelles : elles attendent leur réponse.",
                              len(changes.new)).format(n=len(changes.new)))
        shown = [numbers[q] for q in changes.new if numbers and q in numbers]
        if shown:
            parts.append(ngettext("Question : {numbers}", "Questions : {numbers}", len(shown)).format(
                numbers=", ".join(shown[:SHOWN_NUMBERS])) + ("…" if len(shown) > SHOWN_NUMBERS else "."))
    if changes.gone:
        parts.append(ngettext(
            "{n} question a été retirée : sa réponse reste dans le fichier mais ne compte plus.",
            "{n} questions ont été retirées : leurs réponses restent dans le fichier mais ne comptent plus.",
            len(changes.gone)).format(n=len(changes.gone)))
    return for_language(" ".join(parts), current_language())
