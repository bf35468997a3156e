"""« Non applicable » in an answers file is earned; Vigie's own stored data is read as it was."""

from __future__ import annotations

import pytest

from wizard.core.answers_file import AnswersFileError, assessment_from_dict

DATA = {"format": "vigie-answers", "version": 1, "profile": "lab", "organisation": {"name": "Labo"},
        "date": "2026-11-28", "answers": {"t.a28.contract.signed": {"value": "na"},
                                          "t.a28.contract.audit": {"value": "na", "justification": "Aucun accès."}}}


def test_strict_reading_refuses_an_unearned_not_applicable_naming_the_question(mini):
    with pytest.raises(AnswersFileError, match="t.a28.contract.signed"):
        assessment_from_dict(DATA, mini, strict_na=True)


def test_stored_data_keeps_an_older_not_applicable_which_counts_as_unknown(mini):
    from wizard.core.evaluation import evaluate

    assessment = assessment_from_dict(DATA, mini)  # .vigie files and the copy attached to a plan
    assert assessment.answers["t.a28.contract.signed"].value == "na"
    evaluation = evaluate(mini.for_profile("lab"), assessment)
    assert [q.id for q in evaluation.refused_na] == ["t.a28.contract.signed"]
    assert [q.id for q in evaluation.not_applicable] == ["t.a28.contract.audit"]
    assert [q.id for q, _a in evaluation.critical_gaps] == ["t.a28.contract.signed"]
