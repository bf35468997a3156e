"""The questions that weigh most: the gaps whose fixing would raise the overall score most.

No Qt here. The gain is asked of the core's own scoring (the score with the answer set to
"Oui" minus the score now), so this module never repeats the scoring rules; skip logic is
respected because compute_scores applies it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from wizard.core.flow import hidden_questions
from wizard.core.model import GAP_VALUES, Answer, Question
from wizard.core.questionnaire import Questionnaire
from wizard.core.scoring import compute_scores


@dataclass(frozen=True)
class Gap:
    question: Question
    answer: str  # partial, no or unknown
    gain: int  # points the overall score would gain with "Oui", rounded as the core rounds


def weightiest_gaps(questionnaire: Questionnaire, answers: Mapping[str, Answer],
                    limit: int = 10) -> list[Gap]:
    """Visible questions answered with a gap, the costliest first (then questionnaire order)."""
    hidden = hidden_questions(questionnaire, answers)
    now = compute_scores(questionnaire, answers).overall or 0
    gaps = []
    for index, q in enumerate(questionnaire.questions):
        answer = answers.get(q.id)
        if q.id in hidden or answer is None or answer.value not in GAP_VALUES or not q.scored:
            continue  # a gate question's "no" is a fact, not a gap
        fixed = dict(answers)
        fixed[q.id] = replace(answer, value="yes")
        gain = (compute_scores(questionnaire, fixed).overall or 0) - now
        gaps.append((-gain, -q.weight, index, Gap(q, answer.value, gain)))
    gaps.sort(key=lambda item: item[:3])
    return [item[3] for item in gaps[:limit]]
