"""What an assessment means, computed once: the one value every screen, report and export reads.

Visible and hidden questions, progress, scores, the action plan and the gaps all come from the
same answers through the same rules; computing them here once keeps the results page, the PDF,
the command line's JSON and any later exporter from each recomputing (and one day disagreeing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wizard.core.action_plan import PlannedAction, build_plan
from wizard.core.flow import Hidden, Progress, hidden_questions, progress
from wizard.core.framework import Framework
from wizard.core.gaps import Gap, gap_answers, weightiest_gaps
from wizard.core.model import Answer, Assessment, Contradiction, Question
from wizard.core.questionnaire import Questionnaire
from wizard.core.scoring import Scores, compute_scores, effective_value, is_critical_gap

if TYPE_CHECKING:
    from wizard.core.processor_attention import ProcessorState


@dataclass(frozen=True)
class FoundContradiction:
    """A declared contradiction the answers fall into: the question that sets it off and those
    it conflicts with (each flagged on screen, all listed in the report)."""

    contradiction: Contradiction
    question: Question
    conflicting: tuple[Question, ...]

    @property
    def question_ids(self) -> tuple[str, ...]:
        return (self.question.id, *(q.id for q in self.conflicting))


@dataclass(frozen=True)
class Evaluation:
    """An assessment read through its profile's questionnaire. Build it with evaluate()."""

    questionnaire: Questionnaire  # the profile's view
    assessment: Assessment
    hidden: Mapping[str, Hidden]
    visible: tuple[Question, ...]
    progress: Progress
    scores: Scores
    plan: tuple[PlannedAction, ...]
    gaps: tuple[tuple[Question, Answer], ...]  # visible, scored questions answered with a gap
    # What the signed plan must never hide:
    unanswered: tuple[Question, ...] = ()  # visible questions without an answer
    not_applicable: tuple[Question, ...] = ()  # « Non applicable », allowed and justified
    refused_na: tuple[Question, ...] = ()  # « Non applicable » counted as « Je ne sais pas »
    critical_gaps: tuple[tuple[Question, Answer], ...] = ()  # critical questions answered Non / Je ne sais pas
    contradictions: tuple[FoundContradiction, ...] = ()
    # The laboratory's register of processors, when linked (processor_attention.linked_evaluation):
    # each processor with what needs attention; the plan then holds one action per such processor.
    processors: tuple[ProcessorState, ...] = ()
    _weightiest: dict[int, list[Gap]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def framework(self) -> Framework:
        return self.questionnaire.framework

    @property
    def answers(self) -> Mapping[str, Answer]:
        return self.assessment.answers

    @property
    def complete(self) -> bool:
        return not self.unanswered

    def unassessed_axes(self) -> list[str]:
        """Axes with scored questions on screen and not one answer yet: their index of 0 says
        nothing was demonstrated, not that they were found the weakest."""
        scored = {q.axis for q in self.visible if q.scored}
        answered = {q.axis for q in self.visible if q.scored and q.id in self.answers}
        return [axis for axis in self.scores.axes if axis in scored - answered]

    def measured_indices(self) -> tuple[int | None, dict[str, int | None], dict[str, int | None]]:
        """The overall, axis and section indices, None where not one scored question has an
        answer: there, the 0 the scores hold measures nothing, and a comparison or a trend that
        showed it would read « 0 → 23, +23 » for an assessment that was merely never filled in."""
        answered = [q for q in self.visible if q.scored and q.id in self.answers]
        axes = {q.axis for q in answered}
        sections = {q.section for q in answered}
        return (self.scores.overall if answered else None,
                {k: v if k in axes else None for k, v in self.scores.axes.items()},
                {k: v if k in sections else None for k, v in self.scores.sections.items()})

    def contradictions_of(self, question_id: str) -> list[FoundContradiction]:
        """The contradictions a question takes part in (to flag it where it is shown)."""
        return [c for c in self.contradictions if question_id in c.question_ids]

    def section_progress(self, section_id: str) -> Progress:
        for section in self.questionnaire.sections:
            if section.id == section_id:
                return progress(self.questionnaire, self.answers, section, self.hidden)
        raise KeyError(section_id)

    def to_revisit(self) -> list[Question]:
        """Visible questions still open, in the questionnaire's order: without an answer, marked
        « à revoir », or « Non applicable » that counts as « Je ne sais pas »."""
        refused = {q.id for q in self.refused_na}
        return [q for q in self.visible if (a := self.answers.get(q.id)) is None or a.review or q.id in refused]

    def next_to_revisit(self, after: str | None) -> Question | None:
        """The first open question after `after` (None: from the start), going round to the start."""
        ids = [q.id for q in self.questionnaire.questions]
        start = ids.index(after) + 1 if after in ids else 0
        rank = {qid: (i - start) % len(ids) for i, qid in enumerate(ids)}
        candidates = [q for q in self.to_revisit() if q.id != after]
        return min(candidates, key=lambda q: rank[q.id], default=None)

    def weightiest_gaps(self, limit: int = 10) -> list[Gap]:
        """The gaps whose fixing would raise the overall score most (computed on first demand)."""
        if limit not in self._weightiest:
            self._weightiest[limit] = weightiest_gaps(self.questionnaire, self.answers, limit, self.hidden)
        return self._weightiest[limit]


def _contradictions(questionnaire: Questionnaire, answers: Mapping[str, Answer],
                    visible: dict[str, Question]) -> tuple[FoundContradiction, ...]:
    def holds(question_id: str, values: tuple[str, ...]) -> bool:
        answer = answers.get(question_id)
        return question_id in visible and answer is not None and answer.value in values

    found = []
    for c in questionnaire.contradictions:
        if not holds(c.when.question, c.when.values):
            continue
        conflicting = tuple(visible[x.question] for x in c.conflicts if holds(x.question, x.values))
        if conflicting:
            found.append(FoundContradiction(c, visible[c.when.question], conflicting))
    return tuple(found)


def evaluate(questionnaire: Questionnaire, assessment: Assessment) -> Evaluation:
    """The assessment's meaning; questionnaire is the view of the assessment's profile."""
    answers = assessment.answers
    hidden = hidden_questions(questionnaire, answers)
    visible = tuple(q for q in questionnaire.questions if q.id not in hidden)
    na = [q for q in visible if (a := answers.get(q.id)) is not None and a.value == "na"]
    return Evaluation(
        questionnaire=questionnaire,
        assessment=assessment,
        hidden=hidden,
        visible=visible,
        progress=progress(questionnaire, answers, hidden=hidden),
        scores=compute_scores(questionnaire, answers, hidden),
        plan=tuple(build_plan(questionnaire, assessment, hidden)),
        gaps=tuple(gap_answers(questionnaire, answers, hidden)),
        unanswered=tuple(q for q in visible if q.id not in answers),
        not_applicable=tuple(q for q in na if effective_value(q, answers[q.id]) == "na"),
        refused_na=tuple(q for q in na if effective_value(q, answers[q.id]) != "na"),
        critical_gaps=tuple((q, answers[q.id]) for q in visible if is_critical_gap(q, answers.get(q.id))),
        contradictions=_contradictions(questionnaire, answers, {q.id: q for q in visible}),
    )
