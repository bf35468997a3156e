"""The .vigie exchange file: complete round trip; anything malformed is refused whole, with a message."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINI_QUESTIONNAIRE
from tests.storage.conftest import STORAGE_FIXTURES, snapshot
from wizard.core.answers_file import assessment_to_dict
from wizard.core.model import ActionEdit, Answer, CustomAction
from wizard.core.questionnaire import load_questionnaire
from wizard.operations.session import Session
from wizard.storage import Store
from wizard.storage.crypto import canonical
from wizard.storage.exchange import ExchangeError, read_exchange

QUESTIONNAIRE = load_questionnaire(MINI_QUESTIONNAIRE)
VALID = (STORAGE_FIXTURES / "exchange-v1-lab.vigie").read_bytes()


def test_round_trip_keeps_everything(store, lab):
    session = Session(store, lab.id)
    session.answer("t.a28.contract.signed", "partial", note="Avenant", justification="2019", by="Jean Dupont")
    session.answer("t.a28.contract.signed", "no", by="Zoé Leroy")
    session.edit_action("t.act.contract", ActionEdit(owner="dpo", status="doing", priority="P1",
                                                     priority_reason="Audit CNIL"))
    session.set_custom_actions([CustomAction("c1", "Former l’équipe", owner="quality")])
    session.save_position("t.a32.access.individual")
    session.close()
    data = store.export_exchange(lab.id)

    other = Store(store.data_dir.parent / "other")
    imported, mode = other.import_exchange(data, QUESTIONNAIRE)
    assert mode == "new" and imported.id == lab.id
    original, copy = store.load(lab.id), other.load(lab.id)
    assert assessment_to_dict(copy) == assessment_to_dict(original)
    assert copy.position == "t.a32.access.individual"
    assert [(h.by, h.new_value) for h in other.history(lab.id, "t.a28.contract.signed")] == [
        ("Jean Dupont", "partial"), ("Zoé Leroy", "no")]


def test_a_reworded_title_travels_and_says_the_version_an_older_vigie_cannot_read(store, lab, monkeypatch):
    from wizard.storage import exchange

    session = Session(store, lab.id, QUESTIONNAIRE)
    session.answer("t.a28.contract.signed", "no")
    session.close()
    unchanged = json.loads(store.export_exchange(lab.id))
    assert unchanged["version"] == 1  # nothing reworded: every Vigie reads it
    session = Session(store, lab.id, QUESTIONNAIRE)
    session.edit_plan_action("t.act.contract", title="Faire signer l’avenant RGPD", owner="dpo")
    session.close()
    data = store.export_exchange(lab.id)
    assert json.loads(data)["version"] == 3

    other = Store(store.data_dir.parent / "other")
    other.import_exchange(data, QUESTIONNAIRE)
    assert other.load(lab.id).action_edits["t.act.contract"] == ActionEdit(
        owner="dpo", title="Faire signer l’avenant RGPD")
    other.close()

    monkeypatch.setattr(exchange, "VERSION", 2)  # a Vigie that reads up to format 2
    later = Store(store.data_dir.parent / "older")
    with pytest.raises(ExchangeError) as err:
        later.import_exchange(data, QUESTIONNAIRE)
    assert "format 3" in str(err.value) and "Rien n’a été importé" in str(err.value)
    assert later.list() == []
    later.close()


def test_importing_an_existing_id_makes_a_copy_unless_replace(store):
    first, mode = store.import_exchange(VALID, QUESTIONNAIRE)
    assert mode == "new"
    store.save_answer(first.id, "t.a28.sub.any", Answer("na"))
    second, mode = store.import_exchange(VALID, QUESTIONNAIRE)
    assert mode == "copy" and second.id != first.id
    assert store.load(first.id).answers["t.a28.sub.any"].value == "na"  # not overwritten silently
    third, mode = store.import_exchange(VALID, QUESTIONNAIRE, replace=True)
    assert mode == "replaced" and third.id == first.id
    assert store.load(first.id).answers["t.a28.sub.any"].value == "yes"
    kept = [store.read_backup(first.id, b.name).answers["t.a28.sub.any"].value
            for b in store.list_backups(first.id)]
    assert "na" in kept  # the replaced version stays among the backups


@pytest.mark.parametrize(("content", "message"), [
    (b"", "JSON illisible"),
    (b"%PDF-1.7\n", "JSON illisible"),
    (b'{"format": "vigie-answers", "version": 1}', "ce n’est pas un fichier d’échange"),
    (VALID[:-40], "tronqué"),
    (VALID.replace(b'"value": "yes"', b'"value": "no"', 1), "somme de contrôle"),
    (VALID.replace(b'"version": 1', b'"version": 7', 1), "format 7"),
])
def test_malformed_files_are_refused_with_a_clear_message(store, content, message):
    with pytest.raises(ExchangeError) as err:
        store.import_exchange(content, QUESTIONNAIRE)
    assert message in str(err.value)
    assert store.list() == []


def _signed(doc):
    """The file with its checksum recomputed, so the content checks themselves are exercised."""
    import hashlib

    doc = dict(doc)
    doc["sha256"] = hashlib.sha256(canonical(doc["content"])).hexdigest()
    return json.dumps(doc, ensure_ascii=False).encode()


def test_unknown_question_with_a_valid_checksum_is_refused(store):
    doc = json.loads(VALID)
    doc["content"]["assessment"]["answers"]["no.such.question"] = {"value": "yes"}
    with pytest.raises(ExchangeError) as err:
        store.import_exchange(_signed(doc), QUESTIONNAIRE)
    assert "no.such.question" in str(err.value)


# -- fuzzing: never a crash, never a partial import, always a clear error ----------------------
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _attempt(data: bytes) -> None:
    """Import into a fresh folder: either a clean refusal that changed nothing, or a full import."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        before = snapshot(store.folder)
        try:
            imported, _mode = store.import_exchange(data, QUESTIONNAIRE)
        except ExchangeError as exc:
            assert str(exc).strip(), "an error without a message"
            assert snapshot(store.folder) == before, "a refused import left something behind"
            return
        # Accepted: then the whole assessment is there, exactly as the file says.
        assessment, history, _plan_history = read_exchange(data, QUESTIONNAIRE)
        stored = store.load(imported.id)
        assert assessment_to_dict(stored) | {"id": ""} == assessment_to_dict(assessment) | {"id": ""}
        assert len(store.history(imported.id)) == len(history)


@FUZZ
@given(st.binary(max_size=3000))
def test_fuzz_random_bytes(data):
    _attempt(data)


@FUZZ
@given(st.integers(min_value=0, max_value=len(VALID) - 1))
def test_fuzz_truncated(cut):
    _attempt(VALID[:cut])


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_fuzz_mutated_bytes(changes):
    data = bytearray(VALID)
    for position, value in changes:
        data[position] = value
    _attempt(bytes(data))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


ALL_PATHS = [p for p in _paths(json.loads(VALID)["content"]) if p]


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), JSON_VALUES), min_size=1, max_size=4))
def test_fuzz_mutated_content_with_a_valid_checksum(changes):
    doc = json.loads(VALID)
    for path, value in changes:
        node = doc["content"]
        try:
            for key in path[:-1]:
                node = node[key]
            if isinstance(node, dict) != isinstance(path[-1], str):
                continue  # an earlier change put a list where an object was, or the reverse
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed that place
    _attempt(_signed(doc))
