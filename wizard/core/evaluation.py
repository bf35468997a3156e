"""What an assessment means, computed once: the one value every screen, report and export reads.

Visible and hidden questions, progress, scores, the action plan and the gaps all come from the
same answers through the same rules; computing them here once keeps the results page, the PDF,
the command line's JSON and any later exporter from each recomputing (and one day disagreeing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from wizard.core.action_plan import PlannedAction, build_plan
from wizard.core.flow import Hidden, Progress, hidden_questions, progress
from wizard.core.framework import Framework
from wizard.core.gaps import Gap, gap_answers, weightiest_gaps
from wizard.core.model import Answer, Assessment, Question
from wizard.core.questionnaire import Questionnaire
from wizard.core.scoring import Scores, compute_scores


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
    _weightiest: dict[int, list[Gap]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def framework(self) -> Framework:
        return self.questionnaire.framework

    @property
    def answers(self) -> Mapping[str, Answer]:
        return self.assessment.answers

    def section_progress(self, section_id: str) -> Progress:
        for section in self.questionnaire.sections:
            if section.id == section_id:
                return progress(self.questionnaire, self.answers, section, self.hidden)
        raise KeyError(section_id)

    def weightiest_gaps(self, limit: int = 10) -> list[Gap]:
        """The gaps whose fixing would raise the overall score most (computed on first demand)."""
        if limit not in self._weightiest:
            self._weightiest[limit] = weightiest_gaps(self.questionnaire, self.answers, limit, self.hidden)
        return self._weightiest[limit]


def evaluate(questionnaire: Questionnaire, assessment: Assessment) -> Evaluation:
    """The assessment's meaning; questionnaire is the view of the assessment's profile."""
    answers = assessment.answers
    hidden = hidden_questions(questionnaire, answers)
    return Evaluation(
        questionnaire=questionnaire,
        assessment=assessment,
        hidden=hidden,
        visible=tuple(q for q in questionnaire.questions if q.id not in hidden),
        progress=progress(questionnaire, answers, hidden=hidden),
        scores=compute_scores(questionnaire, answers, hidden),
        plan=tuple(build_plan(questionnaire, assessment, hidden)),
        gaps=tuple(gap_answers(questionnaire, answers, hidden)),
    )
