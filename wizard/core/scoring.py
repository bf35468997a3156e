"""Maturity indices per section, per axis and overall, from 0 to 100.

Method (also printed in the report, and in the README's « Scoring and priorities »):
- each visible, scored question counts with its weight w (1 to 3, the gravity of a gap);
- « Oui » earns w, « Partiellement » w/2; « Non », « Je ne sais pas » and no answer earn 0 —
  what cannot be shown to an auditor is not demonstrated;
- « Non applicable » leaves the question out, but only where the content allows it (its help
  says when) and with a justification; anywhere else it counts as « Je ne sais pas »;
- gate questions (scored: false, such as "does the vendor use sub-processors?", whose « Non »
  is a fact and not a gap) and hidden questions are left out;
- index = 100 × earned / possible, rounded half up (12.5 → 13), and never above the share of
  the group's questions that have an answer (rounded down): one « Oui » out of 69 cannot look good;
- a critical question (by default those of weight 3) answered « Non » or « Je ne sais pas » holds
  its section and its axis below 50 (the red band) and the overall index below 80 (out of the green);
- a group with nothing to score (everything « Non applicable ») has no index (None), not 100.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from wizard.core.flow import Hidden, hidden_questions
from wizard.core.model import Answer, Question
from wizard.core.questionnaire import Questionnaire

CREDIT: dict[str, float] = {"yes": 1.0, "partial": 0.5, "no": 0.0, "unknown": 0.0}
CRITICAL_GAP_VALUES = ("no", "unknown")
RED_BELOW = 50  # an axis with a critical gap stays under this
GREEN_FROM = 80  # the overall index with a critical gap stays under this


def effective_value(question: Question, answer: Answer | None) -> str | None:
    """The value the rules count: « Non applicable » only where allowed and justified, else
    « Je ne sais pas »; None when unanswered."""
    if answer is None:
        return None
    if answer.value == "na" and not (question.na_allowed and answer.justification.strip()):
        return "unknown"
    return answer.value


def is_critical_gap(question: Question, answer: Answer | None) -> bool:
    return question.critical and question.scored and effective_value(question, answer) in CRITICAL_GAP_VALUES


@dataclass(frozen=True)
class Scores:
    overall: int | None
    axes: dict[str, int | None] = field(default_factory=dict)  # by axis id, in the framework's order
    sections: dict[str, int | None] = field(default_factory=dict)
    held_down: frozenset[str] = frozenset()  # "overall", axis and section ids a critical gap caps

    def as_dict(self) -> dict[str, object]:
        # "articles": the key of the command line's JSON since the first release (axes are articles there).
        return {"overall": self.overall, "articles": dict(self.axes), "sections": dict(self.sections)}


def index_of(questions: Iterable[Question], answers: Mapping[str, Answer], *, cap: int = 100) -> int | None:
    """The index of visible questions; cap applies when one of them is a critical gap."""
    earned = possible = 0.0
    answered = total = 0
    critical = False
    for q in questions:
        if not q.scored:
            continue
        answer = answers.get(q.id)
        value = effective_value(q, answer)
        total += 1
        answered += value is not None
        if value == "na":
            continue
        possible += q.weight
        earned += q.weight * CREDIT.get(value or "", 0.0)
        critical = critical or is_critical_gap(q, answer)
    if not possible:
        return None
    index = min(math.floor(100 * earned / possible + 0.5), math.floor(100 * answered / total))
    return min(index, cap) if critical else index


def compute_scores(questionnaire: Questionnaire, answers: Mapping[str, Answer],
                   hidden: Mapping[str, Hidden] | None = None) -> Scores:
    if hidden is None:
        hidden = hidden_questions(questionnaire, answers)
    shown = [q for q in questionnaire.questions if q.id not in hidden]
    gaps = {q.id for q in shown if is_critical_gap(q, answers.get(q.id))}
    held = {"overall"} if gaps else set()
    held |= {q.axis for q in shown if q.id in gaps} | {q.section for q in shown if q.id in gaps}
    return Scores(
        overall=index_of(shown, answers, cap=GREEN_FROM - 1),
        axes={a.id: index_of([q for q in shown if q.axis == a.id], answers, cap=RED_BELOW - 1)
              for a in questionnaire.axes},
        sections={s.id: index_of([q for q in s.questions if q.id not in hidden], answers, cap=RED_BELOW - 1)
                  for s in questionnaire.sections},
        held_down=frozenset(held),
    )
