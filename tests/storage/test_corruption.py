"""A file that does not parse or fails its checksum is quarantined and its last good backup restored."""

from __future__ import annotations

import pytest

from wizard.core.model import Answer
from wizard.operations.session import Session
from wizard.storage import StorageError, Store


def _answered(store, lab):
    store.save_answer(lab.id, "t.a28.contract.signed", Answer("no", note="Pas de contrat"))
    store.save_answer(lab.id, "t.a28.sub.any", Answer("yes"))
    store.save_answer(lab.id, "t.a32.access.individual", Answer("partial"))
    return store.path_of(lab.id)


def _check_restored(store, lab, damaged: bytes):
    a = store.load(lab.id)
    assert {q: x.value for q, x in a.answers.items()} == {
        "t.a28.contract.signed": "no", "t.a28.sub.any": "yes", "t.a32.access.individual": "partial"}
    [quarantined] = list((store.data_dir / "quarantine").iterdir())
    assert quarantined.read_bytes() == damaged  # kept as it was, for inspection
    [notice] = store.notices
    assert "Laboratoire des Tilleuls" in notice and "endommagée" in notice
    assert str(quarantined) in notice and "restaurée" in notice


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],  # truncated
    lambda raw: b"",  # emptied
    lambda raw: raw.replace(b'"value":"no"', b'"value":"na"'),  # changed: checksum no longer matches
    lambda raw: b"\x00" * len(raw),  # zeroed (a lost write on some file systems)
])
def test_damaged_file_is_quarantined_and_last_good_backup_restored(store, lab, damage):
    path = _answered(store, lab)
    damaged = damage(path.read_bytes())
    path.write_bytes(damaged)
    _check_restored(store, lab, damaged)
    assert Store(store.data_dir).load(lab.id).answers["t.a28.sub.any"].value == "yes"  # repaired on disk


def test_listing_repairs_too_and_says_so(store, lab):
    path = _answered(store, lab)
    path.write_bytes(b'{"format": "vigie-assess')
    [summary] = store.list()
    assert summary.answered == 3
    _check_restored(store, lab, b'{"format": "vigie-assess')


def test_a_damaged_newest_backup_is_skipped(store, lab):
    path = _answered(store, lab)
    newest = store.list_backups(lab.id)[0]
    (store.backups.folder(lab.id) / newest.name).write_bytes(b"garbage")
    path.write_bytes(b"garbage")
    a = store.load(lab.id)
    assert set(a.answers) == {"t.a28.contract.signed", "t.a28.sub.any"}  # the version before


def test_without_any_backup_the_message_says_where_the_file_went(store, lab):
    path = _answered(store, lab)
    for backup in store.backups.folder(lab.id).iterdir():
        backup.unlink()
    path.write_bytes(b"not json")
    with pytest.raises(StorageError) as err:
        store.load(lab.id)
    [quarantined] = list((store.data_dir / "quarantine").iterdir())
    assert str(quarantined) in str(err.value) and "aucune sauvegarde" in str(err.value)
    assert quarantined.read_bytes() == b"not json"


def test_session_reports_the_repair(store, lab):
    path = _answered(store, lab)
    path.write_bytes(b"{}")
    session = Session(store, lab.id)
    assert session.assessment.answers["t.a28.sub.any"].value == "yes"
    assert any("endommagée" in n for n in session.notices)
    session.close()
