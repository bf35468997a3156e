"""The questions that weigh most: the gaps whose fixing would raise the overall score most.

The gain is asked of the core's own scoring (the score with the answer set to "Oui" minus the
score now), so this module never repeats the scoring rules; skip logic is respected because
compute_scores applies it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from wizard.core.flow import Hidden, hidden_questions
from wizard.core.model import GAP_VALUES, Answer, Question
from wizard.core.questionnaire import Questionnaire
from wizard.core.scoring import compute_scores


@dataclass(frozen=True)
class Gap:
    question: Question
    answer: str  # partial, no or unknown
    gain: int  # points the overall score would gain with "Oui", rounded as the core rounds


def gap_answers(questionnaire: Questionnaire, answers: Mapping[str, Answer],
                hidden: Mapping[str, Hidden]) -> list[tuple[Question, Answer]]:
    """Visible, scored questions answered with a gap, in questionnaire order."""
    return [(q, a) for q in questionnaire.questions
            if q.id not in hidden and q.scored and (a := answers.get(q.id)) is not None and a.value in GAP_VALUES]


def weightiest_gaps(questionnaire: Questionnaire, answers: Mapping[str, Answer], limit: int = 10,
                    hidden: Mapping[str, Hidden] | None = None) -> list[Gap]:
    """Visible questions answered with a gap, the costliest first (then questionnaire order)."""
    if hidden is None:
        hidden = hidden_questions(questionnaire, answers)
    now = compute_scores(questionnaire, answers, hidden).overall or 0
    order = {q.id: i for i, q in enumerate(questionnaire.questions)}
    found = []
    for q, answer in gap_answers(questionnaire, answers, hidden):  # a gate question's "no" is a fact, not a gap
        fixed = dict(answers)
        fixed[q.id] = replace(answer, value="yes")
        gain = (compute_scores(questionnaire, fixed).overall or 0) - now
        found.append((-gain, -q.weight, order[q.id], Gap(q, answer.value, gain)))
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found[:limit]]
