"""The checked questionnaire is cached: the second start reads neither YAML nor the schema, and
any change to the files (or a damaged cache) means a full check again."""

from __future__ import annotations

import pytest

from tests.core.test_questionnaire_loader import copy_mini, edit
from wizard.core import questionnaire_files, yaml_source
from wizard.core.questionnaire import ContentError, load_questionnaire


@pytest.fixture
def folder(tmp_path, monkeypatch):
    from tests.conftest import MINI_QUESTIONNAIRE

    monkeypatch.setenv("VIGIE_CACHE_DIR", str(tmp_path / "cache"))
    return copy_mini(tmp_path, MINI_QUESTIONNAIRE)


def forbid_parsing(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("the files were parsed again")
    monkeypatch.setattr(questionnaire_files, "read_yaml", refuse)
    monkeypatch.setattr(questionnaire_files, "_check_schema", refuse)


def cache_files(tmp_path):
    return sorted((tmp_path / "cache").glob("questionnaire-*.json"))


def test_second_load_comes_from_the_cache_and_is_identical(folder, tmp_path, monkeypatch):
    first = load_questionnaire(folder)
    assert len(cache_files(tmp_path)) == 1
    forbid_parsing(monkeypatch)
    second = load_questionnaire(folder)
    assert second == first  # dataclasses: every section, question, help text and action
    assert [q.id for q in second.questions] == [q.id for q in first.questions]


def test_an_edited_file_is_checked_again(folder, tmp_path, monkeypatch):
    load_questionnaire(folder)
    edit(folder, "weight: 3", "weight: 7")  # now outside the schema
    with pytest.raises(ContentError) as err:
        load_questionnaire(folder)
    assert "mini.yaml" in str(err.value) and "weight" in str(err.value)


def test_an_edited_text_is_seen(folder):
    before = load_questionnaire(folder)
    title = before.sections[0].title.fr
    edit(folder, title, title + " modifié")
    assert load_questionnaire(folder).sections[0].title.fr == title + " modifié"


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"key": "x", "payload": {"files": []}}', b"[1, 2]"])
def test_a_damaged_or_foreign_cache_is_ignored(folder, tmp_path, damage):
    expected = load_questionnaire(folder)
    [cached] = cache_files(tmp_path)
    cached.write_bytes(damage)
    assert load_questionnaire(folder) == expected


def test_a_cache_with_the_right_key_but_wrong_content_falls_back(folder, tmp_path):
    import json

    expected = load_questionnaire(folder)
    [cached] = cache_files(tmp_path)
    data = json.loads(cached.read_bytes())
    data["payload"]["files"] = [{"sections": [{"id": "broken"}]}]  # no questions, no title, no framework
    cached.write_text(json.dumps(data), encoding="utf-8")
    assert load_questionnaire(folder) == expected


def test_an_unwritable_cache_folder_does_not_stop_loading(folder, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("VIGIE_CACHE_DIR", str(blocker / "cache"))
    assert load_questionnaire(folder).questions
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_yaml_is_parsed_once_per_file_with_line_numbers(folder, monkeypatch):
    calls = []
    real = yaml_source._loader_class()

    class Counting(real):  # type: ignore[misc, valid-type]
        def get_single_node(self):
            calls.append(1)
            return super().get_single_node()
    monkeypatch.setattr(yaml_source, "_loader_class", lambda: Counting)
    monkeypatch.setenv("VIGIE_CACHE_DIR", str(folder.parent / "fresh-cache"))
    load_questionnaire(folder)
    assert len(calls) == len(list(folder.glob("*.yaml")))
