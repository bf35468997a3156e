"""Scores per section, per article and overall, from 0 to 100.

Method (also printed in the report):
- each visible, answered question counts with its weight w (1 to 3, the gravity of a gap);
- "Oui" earns w, "Partiellement" earns w/2, "Non" and "Je ne sais pas" earn 0 — not knowing
  whether a measure exists is treated as a gap, because it cannot be shown to an auditor;
- "Non applicable", unanswered or hidden questions, and gate questions (scored: false, such as
  "does the vendor use sub-processors?", whose "no" is a fact and not a gap) are left out;
- score = 100 × earned / possible, rounded half up (12.5 → 13); a group with nothing to score has no score (None).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from wizard.core.flow import Hidden, hidden_questions
from wizard.core.model import Answer, Question
from wizard.core.questionnaire import Questionnaire

CREDIT: dict[str, float] = {"yes": 1.0, "partial": 0.5, "no": 0.0, "unknown": 0.0}


@dataclass(frozen=True)
class Scores:
    overall: int | None
    axes: dict[str, int | None] = field(default_factory=dict)  # by axis id, in the framework's order
    sections: dict[str, int | None] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        # "articles": the key of the command line's JSON since the first release (axes are articles there).
        return {"overall": self.overall, "articles": dict(self.axes), "sections": dict(self.sections)}


def score_of(questions: Iterable[Question], answers: Mapping[str, Answer]) -> int | None:
    earned = possible = 0.0
    for q in questions:
        answer = answers.get(q.id)
        if answer is None or answer.value not in CREDIT or not q.scored:
            continue
        earned += q.weight * CREDIT[answer.value]
        possible += q.weight
    return math.floor(100 * earned / possible + 0.5) if possible else None


def compute_scores(questionnaire: Questionnaire, answers: Mapping[str, Answer],
                   hidden: Mapping[str, Hidden] | None = None) -> Scores:
    if hidden is None:
        hidden = hidden_questions(questionnaire, answers)
    shown = [q for q in questionnaire.questions if q.id not in hidden]
    return Scores(
        overall=score_of(shown, answers),
        axes={a.id: score_of([q for q in shown if q.axis == a.id], answers) for a in questionnaire.axes},
        sections={
            s.id: score_of([q for q in s.questions if q.id not in hidden], answers)
            for s in questionnaire.sections
        },
    )
