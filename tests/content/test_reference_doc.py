"""docs/questionnaires.md is generated from the content and kept up to date."""

from __future__ import annotations

from pathlib import Path

from wizard.core.questionnaire import load_questionnaire
from wizard.tools.reference_doc import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "questionnaires.md"


def test_reference_names_every_question_and_action():
    q = load_questionnaire()
    text = render(q)
    for question in q.questions:
        assert f"`{question.id}`" in text
    for action in q.actions:
        assert f"`{action}`" in text
    for element in q.contract_elements.elements:  # reviewed like the questionnaires
        assert f"`{element.id}`" in text and element.draft.fr.split()[0] in text


def test_committed_reference_is_current():
    assert DOC.exists(), "run `make docs`"
    assert DOC.read_text(encoding="utf-8") == render(load_questionnaire()), "content changed: run `make docs`"
