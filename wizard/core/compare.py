"""What changed between two assessments of one framework, and the trend over several.

Both are read through the same rules (wizard.core.evaluation): the indices per axis and per
section then and now, the questions whose answer improved or worsened, the actions closed, new
and still open (with how many days late on the later assessment's date), and the questions that
are new or gone between the content versions they were answered on.

An answer improved when the credit the scoring gives it rose (« Non » → « Partiellement » →
« Oui »; no answer earns what « Non » earns); it worsened when it fell. A change to or from
« Non applicable », or of a question hidden on one side, is listed apart: the index leaves
such questions out, so it is neither better nor worse.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from wizard.core.action_plan import PlannedAction
from wizard.core.content_changes import ContentChange, between, of_profile
from wizard.core.evaluation import Evaluation
from wizard.core.model import Answer, Question
from wizard.core.scoring import CREDIT, effective_value
from wizard.i18n import N_

CLOSED_STATUSES = ("done", "dropped")
# How an action was closed, as the screens, the report and the command line say it.
CLOSED_LABELS = {"done": N_("faite"), "dropped": N_("abandonnée"), "resolved": N_("plus nécessaire")}


@dataclass(frozen=True)
class IndexChange:
    """One index then and now: "overall", an axis id or a section id."""

    id: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class AnswerChange:
    question: Question
    before: Answer | None
    after: Answer | None


@dataclass(frozen=True)
class ClosedAction:
    """An action open in the earlier plan that no longer is: how is "done", "dropped", or
    "resolved" (the answers no longer call for it)."""

    action: PlannedAction  # as the earlier plan had it
    how: str


@dataclass(frozen=True)
class OpenAction:
    """An action open in both plans: late by days_late on the later assessment's date, counted
    from the due date the earlier plan set (0: not due yet)."""

    action: PlannedAction  # as the later plan has it
    first_due: date
    days_late: int


@dataclass(frozen=True)
class Comparison:
    before: Evaluation
    after: Evaluation
    overall: IndexChange
    axes: tuple[IndexChange, ...]
    sections: tuple[IndexChange, ...]
    improved: tuple[AnswerChange, ...]
    worsened: tuple[AnswerChange, ...]
    other_changes: tuple[AnswerChange, ...]  # to or from « Non applicable », or hidden on one side
    closed: tuple[ClosedAction, ...]
    new_actions: tuple[PlannedAction, ...]
    still_open: tuple[OpenAction, ...]
    content: ContentChange


def _credit(evaluation: Evaluation, question: Question) -> float | None:
    """What the answer earns per unit of weight; None when the index leaves the question out."""
    if question.id in evaluation.hidden or not question.scored:
        return None
    value = effective_value(question, evaluation.answers.get(question.id))
    if value == "na":
        return None
    return CREDIT.get(value or "", 0.0)


def _answer_changes(before: Evaluation, after: Evaluation) -> tuple[list[AnswerChange], ...]:
    improved: list[AnswerChange] = []
    worsened: list[AnswerChange] = []
    other: list[AnswerChange] = []
    seen: set[str] = set()
    questions = [*after.questionnaire.questions, *before.questionnaire.questions]
    for question in questions:
        if question.id in seen:
            continue
        seen.add(question.id)
        old, new = before.answers.get(question.id), after.answers.get(question.id)
        if (old and old.value) == (new and new.value):
            continue
        change = AnswerChange(question, old, new)
        then, now = _credit(before, question), _credit(after, question)
        if then is None or now is None:
            other.append(change)
        elif now > then:
            improved.append(change)
        elif now < then:
            worsened.append(change)
        else:
            other.append(change)  # « Non » ↔ « Je ne sais pas »: the same gap
    return improved, worsened, other


def _actions(before: Evaluation, after: Evaluation
             ) -> tuple[tuple[ClosedAction, ...], tuple[PlannedAction, ...], tuple[OpenAction, ...]]:
    then = {a.id: a for a in before.plan}
    now = {a.id: a for a in after.plan}
    reference = after.assessment.date
    closed, still_open = [], []
    for action in before.plan:
        if action.status in CLOSED_STATUSES:
            continue  # already closed then
        later = now.get(action.id)
        if later is None:
            closed.append(ClosedAction(action, "resolved"))
        elif later.status in CLOSED_STATUSES:
            closed.append(ClosedAction(action, later.status))
        else:
            still_open.append(OpenAction(later, action.due, max(0, (reference - action.due).days)))
    new = tuple(a for a in after.plan if a.id not in then and a.status not in CLOSED_STATUSES)
    return tuple(closed), new, tuple(still_open)


def compare(before: Evaluation, after: Evaluation,
            versions: Mapping[str, Sequence[str]] | None = None) -> Comparison:
    """What changed from before to after (two evaluations of one framework, usually one profile).

    versions: the question ids of each content version (Questionnaire.versions), to say which
    questions of their profile are new or gone between the versions the two assessments were
    answered on."""
    axis_ids = [a.id for a in after.questionnaire.axes]
    axis_ids += [a.id for a in before.questionnaire.axes if a.id not in axis_ids]
    section_ids = [s.id for s in after.questionnaire.sections]
    section_ids += [s.id for s in before.questionnaire.sections if s.id not in section_ids]
    (o1, a1, s1), (o2, a2, s2) = before.measured_indices(), after.measured_indices()
    improved, worsened, other = _answer_changes(before, after)
    closed, new, still_open = _actions(before, after)
    concerns = of_profile(after.questionnaire, after.assessment.profile, versions=versions,
                          answered={*before.assessment.answers, *after.assessment.answers})
    return Comparison(
        before=before, after=after,
        overall=IndexChange("overall", o1, o2),
        axes=tuple(IndexChange(a, a1.get(a), a2.get(a)) for a in axis_ids),
        sections=tuple(IndexChange(s, s1.get(s), s2.get(s)) for s in section_ids),
        improved=tuple(improved), worsened=tuple(worsened), other_changes=tuple(other),
        closed=closed, new_actions=new, still_open=still_open,
        content=between(versions, before.assessment.content.version, after.assessment.content.version,
                        concerns),
    )


# -- the trend over several assessments ---------------------------------------------------------
@dataclass(frozen=True)
class TrendPoint:
    assessment_id: str
    date: date
    overall: int | None
    axes: dict[str, int | None]


def trend(evaluations: Sequence[Evaluation]) -> tuple[TrendPoint, ...]:
    """The indices of each assessment, oldest first (by date, then in the order given)."""
    ordered = sorted(enumerate(evaluations), key=lambda pair: (pair[1].assessment.date, pair[0]))
    measured = [(e, e.measured_indices()) for _i, e in ordered]
    return tuple(TrendPoint(e.assessment.id, e.assessment.date, overall, axes) for e, (overall, axes, _s) in measured)


@dataclass(frozen=True)
class Evolution:
    """What a re-assessment's report shows of its past: the comparison with the assessment it
    started from, and the indices of the earlier ones and its own, oldest first."""

    comparison: Comparison
    trend: tuple[TrendPoint, ...]


# -- the command line's JSON ---------------------------------------------------------------------
def _answer_dict(change: AnswerChange) -> dict[str, object]:
    return {"question": change.question.id,
            "before": None if change.before is None else change.before.value,
            "after": None if change.after is None else change.after.value}


def comparison_dict(c: Comparison, lang: str = "fr") -> dict[str, object]:
    """The comparison as plain data: ids, values and dates, titles in lang."""
    def index(change: IndexChange) -> dict[str, object]:
        return {"before": change.before, "after": change.after, "delta": change.delta}

    def side(e: Evaluation) -> dict[str, object]:
        a = e.assessment
        return {"id": a.id, "date": a.date.isoformat(), "organisation": a.organisation.name,
                "profile": a.profile, "content_version": a.content.version or None}

    return {
        "before": side(c.before), "after": side(c.after),
        "overall": index(c.overall),
        "articles": {i.id: index(i) for i in c.axes},
        "sections": {i.id: index(i) for i in c.sections},
        "improved": [_answer_dict(x) for x in c.improved],
        "worsened": [_answer_dict(x) for x in c.worsened],
        "other_changes": [_answer_dict(x) for x in c.other_changes],
        "actions": {
            "closed": [{"id": x.action.id, "title": x.action.title.get(lang), "how": x.how} for x in c.closed],
            "new": [{"id": a.id, "title": a.title.get(lang), "priority": a.priority, "due": a.due.isoformat()}
                    for a in c.new_actions],
            "still_open": [{"id": x.action.id, "title": x.action.title.get(lang), "priority": x.action.priority,
                            "status": x.action.status, "first_due": x.first_due.isoformat(),
                            "days_late": x.days_late} for x in c.still_open],
        },
        "content": {"before": c.content.before or None, "after": c.content.after or None,
                    "known": c.content.known, "new": list(c.content.new), "gone": list(c.content.gone)},
    }
