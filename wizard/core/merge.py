"""Three-way merge of copies of one assessment answered on several computers.

Each copy carries its audit trail: every change of an answer, with who made it and when. The
entries two copies share are their common past; what a copy's trail holds that the other's
lacks is what that copy changed since their common origin. For each question:

- the same answer in both: nothing to decide (the other copy's entries join the trail);
- changed in one copy only: that copy's answer is taken, its entries join the trail;
- changed in both, differently: a conflict. The person merging chooses this copy's answer
  ("mine") or the other's ("theirs"), or a rule decides for every conflict ("newest": the
  answer changed last). Each decision is an entry of the trail, which keeps the version set
  aside, who decided and when.

Copies are merged one after the other into this copy. Merging a copy again changes nothing: its
entries are all in the trail by then. Plan edits, custom actions, notes and participants have no
trail: plan_merge.py merges them field by field, never undoing this copy's value in silence.
Copies of another assessment, or answered on another content version, are refused
(MergeRefused), naming the questions of the profile the versions differ by.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from wizard.core import checks
from wizard.core.answers_file import assessment_to_dict
from wizard.core.content_changes import between
from wizard.core.model import Answer, Assessment
from wizard.core.plan_merge import Difference, merge_plan, own_entries
from wizard.core.plan_merge import trail as plan_trail
from wizard.i18n import _
from wizard.typography import french

# The fields of an answer the audit trail keeps (as wizard.storage.tables.AUDITED).
AUDITED = ("value", "note", "justification", "evidence", "review")
CHOICES = ("mine", "theirs")
RULES = ("mine", "theirs", "newest")

Record = Mapping[str, Any]  # an entry of the audit trail: question, at, by, old, new (and merge)


_EARLIEST = datetime.min.replace(tzinfo=UTC)


class MergeRefused(ValueError):
    """The copies cannot be merged; the message says why, nothing was merged."""


def audited(answer: Answer | None) -> dict[str, Any] | None:
    return None if answer is None else {k: getattr(answer, k) for k in AUDITED}


def _identity(record: Record) -> tuple[object, ...]:
    """What makes two entries the same change (a decision's merge details aside). A field an
    older file did not record reads as empty: the same entry, written before and after an upgrade."""
    def frozen(side: Any) -> object:
        return None if side is None else tuple((k, side.get(k) or None) for k in AUDITED)

    return record["question"], record["at"], record["by"], frozen(record["old"]), frozen(record["new"])


@dataclass(frozen=True)
class Copy:
    """One copy of the assessment: its name for the person merging (a file's name), its
    answers, its audit trail and its plan's history, oldest first."""

    label: str
    assessment: Assessment
    history: tuple[Record, ...] = ()
    plan_history: tuple[Record, ...] = ()


@dataclass(frozen=True)
class Version:
    """One side of a conflict: the answer (None: no answer), who gave it and when."""

    answer: Answer | None
    by: str
    at: str


@dataclass(frozen=True)
class Conflict:
    copy: int  # the copy's place among those merged, from 0
    label: str
    question: str
    mine: Version
    theirs: Version

    @property
    def ref(self) -> tuple[int, str]:
        return self.copy, self.question


@dataclass
class MergeResult:
    assessment: Assessment  # the merged assessment
    history: list[dict[str, Any]]  # its audit trail
    taken: list[tuple[int, str]] = field(default_factory=list)  # (copy, question) answers brought in
    conflicts: list[Conflict] = field(default_factory=list)  # every conflict met
    decisions: dict[tuple[int, str], str] = field(default_factory=dict)  # conflict ref -> mine/theirs
    differences: list[Difference] = field(default_factory=list)  # plan or details where mine was kept
    # The plan's history: this copy's, then the entries each copy merged brought (their common
    # origin next time, so that merging the same copy twice brings nothing the second time).
    plan_history: list[dict[str, Any]] = field(default_factory=list)
    changed: bool = False  # the merged assessment or its trail differ from this copy's

    @property
    def unresolved(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.ref not in self.decisions]


def check_copies(mine: Copy, copies: Sequence[Copy], versions: Mapping[str, Sequence[str]] | None,
                 concerns: Callable[[str], bool] | None = None) -> None:
    """MergeRefused for a copy of another assessment, or one answered on another content version
    (naming the questions the versions differ by, those concerns keeps: the profile's)."""
    a = mine.assessment
    for copy in copies:
        b = copy.assessment
        if b.id != a.id or b.profile != a.profile:
            raise MergeRefused(french(_(
                "{file} est une copie d’une autre évaluation ({organisation}, {date}, identifiant {id}) ; seules "
                "les copies de l’évaluation {mine} peuvent y être fusionnées. Rien n’a été fusionné.")).format(
                file=copy.label, organisation=b.organisation.name, date=b.date.isoformat(), id=b.id or "—",
                mine=a.id))
        mine_version, theirs_version = a.content.version, b.content.version
        if mine_version and theirs_version and (mine_version != theirs_version or a.content.framework != b.content.framework):
            change = between(versions, theirs_version, mine_version, concerns)
            if change.known:
                detail = french(_("questions de la version {mine} absentes de la version {theirs} : {new} ; "
                                  "questions de la version {theirs} retirées depuis : {gone}")).format(
                    mine=mine_version, theirs=theirs_version,
                    new=", ".join(change.new) or "—", gone=", ".join(change.gone) or "—")
            else:
                detail = french(_("cette version de Vigie ne connaît pas les questions de l’une des deux versions"))
            raise MergeRefused(french(_(
                "{file} a été répondue sur la version {theirs} du contenu, cette évaluation sur la version {mine} "
                "({detail}). Rien n’a été fusionné.")).format(
                file=copy.label, theirs=theirs_version, mine=mine_version, detail=detail))


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()


def _version(answer: Answer | None, own: list[Record]) -> Version:
    """Who changed the answer last and when: the copy's last entry of its own, else the answer's."""
    last = max(own, key=lambda r: _moment(r["at"]) or _EARLIEST, default=None)
    if last is not None:
        return Version(answer, str(last["by"]), str(last["at"]))
    return Version(answer, answer.by if answer else "", answer.at if answer else "")


def _newest(conflict: Conflict) -> str:
    mine, theirs = _moment(conflict.mine.at), _moment(conflict.theirs.at)
    return "theirs" if mine is not None and theirs is not None and theirs > mine else "mine"


class _Merger:
    def __init__(self, mine: Copy, decisions: Mapping[tuple[int, str], str], rule: str | None,
                 who: str, when: str) -> None:
        self.assessment = replace(mine.assessment, answers=dict(mine.assessment.answers),
                                  action_edits=dict(mine.assessment.action_edits),
                                  custom_actions=list(mine.assessment.custom_actions),
                                  action_notes=dict(mine.assessment.action_notes),
                                  participants=list(mine.assessment.participants))
        self.history = [dict(r) for r in mine.history]
        self.plan_history = [dict(r) for r in mine.plan_history]
        self.decisions, self.rule, self.who, self.when = decisions, rule, who, when
        self.result = MergeResult(self.assessment, self.history, plan_history=self.plan_history)

    def own_entries(self, copy: Copy) -> tuple[dict[str, list[Record]], dict[str, list[Record]]]:
        """By question: the entries only this trail holds, the entries only the copy's holds."""
        here = Counter(_identity(r) for r in self.history)
        there = Counter(_identity(r) for r in copy.history)
        mine_only, theirs_only = here - there, there - here
        mine: dict[str, list[Record]] = {}
        theirs: dict[str, list[Record]] = {}
        for records, only, out in ((self.history, mine_only, mine), (copy.history, theirs_only, theirs)):
            for r in records:
                key = _identity(r)
                if only[key] > 0:
                    only[key] -= 1
                    out.setdefault(str(r["question"]), []).append(r)
        return mine, theirs

    def merge(self, index: int, copy: Copy) -> None:
        mine_own, theirs_own = self.own_entries(copy)
        answers, other = self.assessment.answers, copy.assessment.answers
        questions = list(dict.fromkeys([*answers, *other, *theirs_own]))
        for qid in questions:
            here, there = answers.get(qid), other.get(qid)
            new_entries = sorted(theirs_own.get(qid, []), key=lambda r: _moment(r["at"]) or _EARLIEST)
            if audited(here) == audited(there):
                self.history.extend(dict(r) for r in new_entries)
                continue
            if new_entries and not mine_own.get(qid):
                self._take(qid, there)
                self.history.extend(dict(r) for r in new_entries)
                self.result.taken.append((index, qid))
                continue
            if mine_own.get(qid) and not new_entries:
                continue  # changed here only
            conflict = Conflict(index, copy.label, qid, _version(here, mine_own.get(qid, [])),
                                _version(there, new_entries))
            self.result.conflicts.append(conflict)
            choice = self.decisions.get(conflict.ref)
            if choice is None and self.rule is not None:
                choice = _newest(conflict) if self.rule == "newest" else self.rule
            if choice not in CHOICES:
                continue  # left as it is here until someone chooses
            self.result.decisions[conflict.ref] = choice
            self.history.extend(dict(r) for r in new_entries)
            kept, other_side = (conflict.theirs, conflict.mine) if choice == "theirs" else (conflict.mine,
                                                                                                conflict.theirs)
            if choice == "theirs":
                self._take(qid, there)
            self.history.append({
                "question": qid, "at": self.when, "by": self.who, "old": audited(here), "new": audited(kept.answer),
                "merge": {"kept": choice, "rule": "chosen" if conflict.ref in self.decisions else self.rule,
                          "copy": copy.label, "other": audited(other_side.answer), "other_by": other_side.by,
                          "other_at": other_side.at}})
        known = plan_trail(self.plan_history, copy.plan_history)
        self.result.differences += merge_plan(self.assessment, copy.assessment, index, copy.label, known)
        self.plan_history.extend(dict(e) for e in own_entries(self.plan_history, copy.plan_history)[1])

    def _take(self, qid: str, answer: Answer | None) -> None:
        if answer is None:
            self.assessment.answers.pop(qid, None)
        else:
            self.assessment.answers[qid] = replace(answer)


def merge(mine: Copy, copies: Sequence[Copy], *, decisions: Mapping[tuple[int, str], str] | None = None,
          rule: str | None = None, who: str = "", when: str,
          versions: Mapping[str, Sequence[str]] | None = None,
          concerns: Callable[[str], bool] | None = None) -> MergeResult:
    """Merge copies into mine, in order. decisions: "mine" or "theirs" by conflict ref (copy,
    question); rule: how to decide the others ("mine", "theirs", "newest"; None leaves them
    unresolved, this copy's answer in place). who and when are recorded with each decision.
    MergeRefused (checked first) for a copy that cannot be merged; versions and concerns (the
    profile's questions, content_changes.of_profile) say which questions two versions differ by."""
    check_copies(mine, copies, versions, concerns)
    if rule is not None and rule not in RULES:
        raise MergeRefused(french(_("règle inconnue « {rule} » : {choices} attendu")).format(
            rule=rule, choices=checks.one_of(RULES)))
    merger = _Merger(mine, decisions or {}, rule, who, when)
    for index, copy in enumerate(copies):
        merger.merge(index, copy)
    result = merger.result
    # Decisions given for a conflict that is no longer met are simply not used.
    result.decisions = {ref: how for ref, how in result.decisions.items()
                        if any(c.ref == ref for c in result.conflicts)}
    try:
        checks.check_assessment(result.assessment)
    except checks.FieldError as exc:
        raise MergeRefused(french(_("la fusion donnerait une évaluation invalide : {error}. Rien n’a été "
                                    "fusionné.")).format(error=exc)) from None
    result.changed = (assessment_to_dict(result.assessment) != assessment_to_dict(mine.assessment)
                      or len(result.history) != len(mine.history)
                      or len(result.plan_history) != len(mine.plan_history))
    return result
