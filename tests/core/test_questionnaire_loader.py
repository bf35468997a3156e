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
    shutil.copy(mini_dir / "framework.yaml", folder / "framework.yaml")
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
    edit(folder, "          unknown: [{action: t.act.find_contract, priority: P1}]\n      - id: t.a28.contract.audit",
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


def _scope_role(folder: Path, role: str, profiles: str) -> None:
    path = folder / "framework.yaml"
    text = path.read_text(encoding="utf-8")
    old = f"  - {{id: {role}, label: "
    assert old in text
    path.write_text(text.replace(old, f"  - {{id: {role}, profiles: [{profiles}], label: ", 1), encoding="utf-8")


def test_an_action_owned_by_a_role_of_another_profile_is_refused(folder):
    """A laboratory's gap must not be given to a role that only the vendor has."""
    _scope_role(folder, "it", "vendor")  # t.act.accounts (owner it) answers a question asked of the lab
    with pytest.raises(ContentError, match="action 't.act.accounts' is owned by 'it', a role the framework does "
                                           "not give to profile 'lab'"):
        load_questionnaire(folder)


def test_a_profile_view_offers_only_the_roles_that_serve_it(folder):
    _scope_role(folder, "hr", "vendor")
    _scope_role(folder, "biologist", "lab")
    q = load_questionnaire(folder)
    lab = [r.id for r in q.for_profile("lab").framework.owner_roles]
    vendor = [r.id for r in q.for_profile("vendor").framework.owner_roles]
    assert "biologist" in lab and "hr" not in lab
    assert "hr" in vendor and "biologist" not in vendor
    assert "dpo" in lab and "dpo" in vendor  # a role without profiles serves every profile
    assert len(q.framework.owner_roles) == len(set(lab) | set(vendor))  # the whole content keeps them all


def test_answer_values_are_text_not_yaml_booleans(mini):
    # YAML 1.1 would read `in: [yes, partial, unknown]` as [True, ...]: our loader keeps text.
    q = mini.question("t.a28.sub.authorised")
    assert q.depends_on[0].values == ("yes", "partial", "unknown")


def test_empty_folder(tmp_path):
    with pytest.raises(ContentError, match="no questionnaire file"):
        load_questionnaire(tmp_path)


def _bundled_copy(tmp_path: Path) -> Path:
    from wizard import paths

    folder = tmp_path / "bundled"
    shutil.copytree(paths.questionnaires_dir(), folder, ignore=shutil.ignore_patterns("*.json"))
    return folder


def test_a_new_question_without_a_new_content_version_is_refused(tmp_path):
    """versions.yaml holds each published version's questions: changing them means a new version."""
    folder = _bundled_copy(tmp_path)
    path = folder / "lab_12_contrat.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id: lab.a28.contract.before_access", "id: lab.a28.contract.before_any_access", 1),
                    encoding="utf-8")
    with pytest.raises(ContentError, match="versions.yaml: the questions of content version") as err:
        load_questionnaire(folder)
    assert "lab.a28.contract.before_any_access" in str(err.value) and "raise content_version" in str(err.value)


def test_a_content_version_missing_from_versions_is_refused(tmp_path):
    folder = _bundled_copy(tmp_path)
    path = folder / "framework.yaml"
    text = path.read_text(encoding="utf-8")
    current = load_questionnaire(folder).framework.content_version
    assert f'content_version: "{current}"' in text
    path.write_text(text.replace(f'content_version: "{current}"', 'content_version: "2027.01"', 1), encoding="utf-8")
    with pytest.raises(ContentError, match="content version '2027.01' of framework.yaml is not listed"):
        load_questionnaire(folder)


def test_a_folder_without_framework_is_refused(folder):
    (folder / "framework.yaml").unlink()
    with pytest.raises(ContentError, match="no framework.yaml"):
        load_questionnaire(folder)


def test_a_format_1_file_says_what_changed(folder):
    edit(folder, "version: 2", "version: 1")
    edit(folder, "axis: \"28\"", "article: \"28\"")
    with pytest.raises(ContentError, match="questionnaire format 1; this Vigie reads format 2"):
        load_questionnaire(folder)
