"""The numbers questions carry on paper and in spreadsheets: « 3.2 », the second question of
the profile's third section. One rule, so that a participant's paper questionnaire, the
answers spreadsheet and the discussion in the workshop speak of the same « 3.2 »."""

from __future__ import annotations

from wizard.core.questionnaire import Questionnaire


def question_numbers(view: Questionnaire) -> dict[str, str]:
    """Question id → « section.question », numbered in the profile view's order from 1."""
    return {q.id: f"{s}.{n}" for s, section in enumerate(view.sections, start=1)
            for n, q in enumerate(section.questions, start=1)}


def section_numbers(view: Questionnaire) -> dict[str, int]:
    return {section.id: s for s, section in enumerate(view.sections, start=1)}
