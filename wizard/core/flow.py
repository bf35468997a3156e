"""Which questions are shown, given the answers so far (skip logic), and progress.

A question is hidden when one of its conditions points at a question that is hidden, or that
has been answered with a value outside the condition's list. An unanswered controlling
question hides nothing: skip logic saves time, it never hides an obligation by default. Nor
does « Non applicable » on a controlling question: it counts as « Je ne sais pas », so that
only an explicit answer (« Non ») closes a gate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wizard.core.model import Answer, Condition, Question, Section
from wizard.core.questionnaire import Questionnaire


@dataclass(frozen=True)
class Hidden:
    question: Question
    because: Condition  # the condition that failed


def _value(answers: Mapping[str, Answer], qid: str) -> str | None:
    answer = answers.get(qid)
    if answer is None:
        return None
    return "unknown" if answer.value == "na" else answer.value


def hidden_questions(questionnaire: Questionnaire, answers: Mapping[str, Answer]) -> dict[str, Hidden]:
    """Hidden questions by id, with the condition that hides each."""
    by_id = {q.id: q for q in questionnaire.questions}
    hidden: dict[str, Hidden] = {}
    resolved: set[str] = set()

    def visit(q: Question, trail: frozenset[str]) -> None:
        if q.id in resolved or q.id in trail:
            return
        for cond in q.depends_on:
            target = by_id.get(cond.question)
            if target is None:
                # The controlling question is not part of this profile: nothing to hide on.
                continue
            visit(target, trail | {q.id})
            value = _value(answers, cond.question)
            if cond.question in hidden or (value is not None and value not in cond.values):
                hidden[q.id] = Hidden(q, cond)
                break
        resolved.add(q.id)

    for q in questionnaire.questions:
        visit(q, frozenset())
    return hidden


def visible_questions(questionnaire: Questionnaire, answers: Mapping[str, Answer]) -> list[Question]:
    hidden = hidden_questions(questionnaire, answers)
    return [q for q in questionnaire.questions if q.id not in hidden]


def visible_in_section(section: Section, hidden: Mapping[str, Hidden]) -> list[Question]:
    return [q for q in section.questions if q.id not in hidden]


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100


def progress(questionnaire: Questionnaire, answers: Mapping[str, Answer],
             section: Section | None = None, hidden: Mapping[str, Hidden] | None = None) -> Progress:
    """Answered visible questions over visible questions, for a section or everything."""
    if hidden is None:
        hidden = hidden_questions(questionnaire, answers)
    pool = section.questions if section else questionnaire.questions
    shown = [q for q in pool if q.id not in hidden]
    return Progress(sum(1 for q in shown if q.id in answers), len(shown))
