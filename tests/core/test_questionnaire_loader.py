"""A malformed questionnaire is refused with a message naming the file, the place and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wizard.core.questionnaire import ContentError, load_questionnaire


def copy_mini(tmp_path: Path, mini_dir: Path) -> Path:
    folder = tmp_path / "q"
    folder.mkdir()
    shutil.copy(mini_dir / "mini.yaml", folder / "mini.yaml")
    return folder


@pytest.fixture
def folder(tmp_path):
    from tests.conftest import MINI_QUESTIONNAIRE

    return copy_mini(tmp_path, MINI_QUESTIONNAIRE)


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / "mini.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_malformed_yaml_names_file_and_line(folder):
    edit(folder, "    title: {fr: \"Contrat\", en: \"Contract\"}", "    title: {fr: \"Contrat\"\n  bad: [")
    with pytest.raises(ContentError) as err:
        load_questionnaire(folder)
    message = str(err.value)
    assert "mini.yaml" in message and "line " in message and "invalid YAML" in message


def test_schema_violation_names_file_line_and_path(folder):
    edit(folder, "        weight: 1\n        text: {fr: \"Le contrat prévoit-il", "        weight: 7\n        text: {fr: \"Le contrat prévoit-il")
    with pytest.raises(ContentError) as err:
        load_questionnaire(folder)
    message = str(err.value)
    assert "mini.yaml" in message
    assert "sections/0/questions/1/weight" in message
    assert "7 is greater than the maximum of 3" in message
    # The line points at the weight key of the second question.
    line = int(message.split("line ")[1].split(",")[0])
    assert (folder / "mini.yaml").read_text(encoding="utf-8").splitlines()[line - 1].strip() == "weight: 7"


def test_missing_gap_action_is_a_schema_error(folder):
    edit(folder, "          unknown: [t.act.find_contract]\n      - id: t.a28.contract.audit",
         "      - id: t.a28.contract.audit")
    with pytest.raises(ContentError, match=r"sections/0/questions/0/actions: 'unknown' is a required property"):
        load_questionnaire(folder)


def test_unknown_action_reference(folder):
    edit(folder, "no: [t.act.contract]", "no: [t.act.nowhere]")
    with pytest.raises(ContentError, match=r"mini.yaml, line \d+: question 't.a28.contract.signed', answer 'no': unknown action 't.act.nowhere'"):
        load_questionnaire(folder)


def test_condition_on_unknown_question(folder):
    edit(folder, "question: t.a28.sub.any,", "question: t.a28.sub.nothing,")
    with pytest.raises(ContentError, match="depends on unknown question 't.a28.sub.nothing'"):
        load_questionnaire(folder)


def test_duplicate_id_across_files(folder):
    shutil.copy(folder / "mini.yaml", folder / "other.yaml")
    with pytest.raises(ContentError, match="duplicate id 't.a28.contract'"):
        load_questionnaire(folder)


def test_answer_values_are_text_not_yaml_booleans(mini):
    # YAML 1.1 would read `in: [yes, partial, unknown]` as [True, ...]: our loader keeps text.
    q = mini.question("t.a28.sub.authorised")
    assert q.depends_on[0].values == ("yes", "partial", "unknown")


def test_empty_folder(tmp_path):
    with pytest.raises(ContentError, match="no questionnaire file"):
        load_questionnaire(tmp_path)
