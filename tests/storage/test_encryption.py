"""Encryption at rest: round trip, wrong passphrase, tampering detected, passphrase change."""

from __future__ import annotations

import json
import os
import stat

import pytest

from tests.storage.conftest import FAST_COST, snapshot
from wizard.core.model import Answer
from wizard.storage import AssessmentLocked, PassphraseRequired, StorageError, Store, WrongPassphrase
from wizard.storage import folder as folder_module
from wizard.storage import rekey as rekey_module
from wizard.storage.crypto import StoreKey
from wizard.storage.envelope import open_sealed
from wizard.storage.migrations import ASSESSMENT_FORMAT, CURRENT_VERSION

SECRET_NOTE = "Mot de passe admin partagé sur un post-it"


@pytest.fixture
def encrypted(store, lab):
    store.save_answer(lab.id, "t.a28.contract.signed", Answer("no", note=SECRET_NOTE))
    store.save_answer(lab.id, "t.a28.sub.any", Answer("yes"))
    store.list()
    store.change_passphrase("ancienne phrase", cost=FAST_COST)
    return store, lab


def _all_bytes(folder):
    return b"".join(snapshot(folder).values())


def test_round_trip_and_nothing_readable_on_disk(encrypted):
    store, lab = encrypted
    reopened = Store(store.data_dir, passphrase="ancienne phrase")
    a = reopened.load(lab.id)
    assert a.answers["t.a28.contract.signed"].note == SECRET_NOTE
    reopened.save_answer(lab.id, "t.a32.access.individual", Answer("partial"))
    assert [s.answered for s in reopened.list()] == [3]
    everything = _all_bytes(store.data_dir)  # files, backups and the index
    for clear in (SECRET_NOTE, "Laboratoire des Tilleuls", "Claire Martin", "t.a28.contract.signed"):
        assert clear.encode() not in everything
    doc = json.loads(store.path_of(lab.id).read_bytes())
    assert doc["cipher"] == "AES-256-GCM" and doc["version"] == CURRENT_VERSION
    reopened.close()


def test_missing_or_wrong_passphrase_is_a_clear_error_and_changes_nothing(encrypted):
    store, _lab = encrypted
    before = snapshot(store.data_dir)
    with pytest.raises(PassphraseRequired) as err:
        Store(store.data_dir)
    assert "VIGIE_STORE_PASSPHRASE" in str(err.value)
    with pytest.raises(WrongPassphrase) as err:
        Store(store.data_dir, passphrase="mauvaise phrase")
    assert "incorrecte" in str(err.value)
    assert snapshot(store.data_dir) == before


def test_every_flipped_byte_of_an_encrypted_file_is_detected(encrypted):
    store, lab = encrypted
    raw = store.path_of(lab.id).read_bytes()
    for i in range(len(raw)):
        for mask in (0x01, 0x80):
            changed = bytearray(raw)
            changed[i] ^= mask
            with pytest.raises(StorageError):
                open_sealed(bytes(changed), store.key, fmt=ASSESSMENT_FORMAT, current=CURRENT_VERSION)
    assert open_sealed(raw, store.key, fmt=ASSESSMENT_FORMAT, current=CURRENT_VERSION).payload


def test_a_tampered_file_is_not_decrypted_but_quarantined_and_restored(encrypted):
    store, lab = encrypted
    path = store.path_of(lab.id)
    doc = json.loads(path.read_bytes())
    data = bytearray(doc["data"].encode())
    data[40] = ord("A") if data[40] != ord("A") else ord("B")
    doc["data"] = data.decode()
    path.write_bytes(json.dumps(doc).encode())
    reopened = Store(store.data_dir, passphrase="ancienne phrase")
    assert reopened.load(lab.id).answers["t.a28.contract.signed"].note == SECRET_NOTE  # from the backup
    assert any("altéré" in n for n in reopened.notices)


def test_passphrase_change_reencrypts_files_and_backups(encrypted):
    store, lab = encrypted
    old_key = store.key.key_id
    store.change_passphrase("nouvelle phrase", cost=FAST_COST)
    with pytest.raises(WrongPassphrase):
        Store(store.data_dir, passphrase="ancienne phrase")
    reopened = Store(store.data_dir, passphrase="nouvelle phrase")
    assert reopened.load(lab.id).answers["t.a28.contract.signed"].note == SECRET_NOTE
    files = [store.path_of(lab.id)] + list(store.backups.folder(lab.id).iterdir())
    assert len(files) > 2
    for path in files:
        assert json.loads(path.read_bytes())["key_id"] not in (old_key, None)
    for backup in reopened.list_backups(lab.id):
        reopened.read_backup(lab.id, backup.name)  # every backup readable with the new key
    assert not list(store.data_dir.glob(".rekey-*"))


def test_passphrase_change_interrupted_before_its_commit_keeps_the_old_one(encrypted, monkeypatch):
    store, lab = encrypted

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(folder_module.FolderConfig, "save", crash)
    with pytest.raises(StorageError) as err:  # a message for the user, not a traceback
        store.change_passphrase("nouvelle phrase", cost=FAST_COST)
    assert "rien n’a été modifié" in str(err.value)
    monkeypatch.undo()
    reopened = Store(store.data_dir, passphrase="ancienne phrase")
    assert reopened.load(lab.id).answers["t.a28.contract.signed"].note == SECRET_NOTE
    assert not list(store.data_dir.glob(".rekey-*"))
    assert store.holder(lab.id) is None  # the locks taken for the change were released


def test_passphrase_change_interrupted_after_its_commit_is_finished_at_next_start(encrypted, monkeypatch):
    store, lab = encrypted
    monkeypatch.setattr(rekey_module, "finish_pending_change", lambda data_dir: None)
    store.change_passphrase("nouvelle phrase", cost=FAST_COST)  # committed, files not swapped yet
    monkeypatch.undo()
    assert list(store.data_dir.glob(".rekey-*"))
    reopened = Store(store.data_dir, passphrase="nouvelle phrase")
    assert reopened.load(lab.id).answers["t.a28.contract.signed"].note == SECRET_NOTE
    assert not list(store.data_dir.glob(".rekey-*"))


def test_wrong_key_is_told_apart_from_damage():
    key, params = StoreKey.create("une phrase", cost=FAST_COST)
    with pytest.raises(WrongPassphrase):
        StoreKey.unlock("une autre", params)
    assert StoreKey.unlock("une phrase", params).key_id == key.key_id


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_files_and_folders_are_private(encrypted):
    store, _lab = encrypted
    for path in [store.data_dir, *store.data_dir.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path} is readable by others ({oct(mode)})"


def test_passphrase_change_waits_for_every_writer_to_close(encrypted):
    store, lab = encrypted
    writer = Store(store.data_dir, passphrase="ancienne phrase")  # another window, the assessment open
    assert writer.lock(lab.id) is None
    before = snapshot(store.data_dir / "assessments")
    with pytest.raises(AssessmentLocked) as err:
        store.change_passphrase("nouvelle phrase", cost=FAST_COST)
    assert "ouverte par" in str(err.value)
    assert snapshot(store.data_dir / "assessments") == before
    assert Store(store.data_dir, passphrase="ancienne phrase").load(lab.id).answers
    writer.close()


# -- an encrypted folder accepts only files encrypted with its key -------------------------
def _plain_forgery(store, aid, organisation="Labo FALSIFIE"):
    """A well-formed plain file (its checksum right) with forged content: what anyone can write."""
    from wizard.storage.assessment_files import FILE_FORMAT, FILE_VERSION
    from wizard.storage.envelope import seal

    tables = store.files.read(aid)[1]
    tables["meta"]["1"]["organisation"]["name"] = organisation
    tables["answers"] = {}
    return seal(FILE_FORMAT, FILE_VERSION, aid, tables, None)


def test_a_plain_file_in_an_encrypted_folder_is_refused_and_set_aside(encrypted):
    store, lab = encrypted
    forged = _plain_forgery(store, lab.id)
    store.path_of(lab.id).write_bytes(forged)
    reopened = Store(store.data_dir, passphrase="ancienne phrase")
    [summary] = reopened.list()
    assert summary.organisation == "Laboratoire des Tilleuls"  # the genuine one, from its backup
    assert reopened.load(lab.id).answers["t.a28.contract.signed"].note == SECRET_NOTE
    [notice] = reopened.notices
    assert "non chiffré" in notice and "restaurée" in notice
    [kept] = (store.data_dir / "quarantine").iterdir()
    assert str(kept) in notice and b"FALSIFIE" not in kept.read_bytes()  # set aside, encrypted
    reopened.close()


def test_a_plain_backup_in_an_encrypted_folder_is_never_restored(encrypted):
    store, lab = encrypted
    folder = store.backups.folder(lab.id)
    name = "29990101T000000.000000Z-0123456789ab-auto.bak"  # the newest of all
    (folder / name).write_bytes(_plain_forgery(store, lab.id))
    with pytest.raises(StorageError) as err:
        store.restore(lab.id, name)
    assert "non chiffré" in str(err.value) and "mise de côté" in str(err.value)
    assert not (folder / name).exists() and store.load(lab.id).organisation.name == "Laboratoire des Tilleuls"
    (folder / name).write_bytes(_plain_forgery(store, lab.id))
    store.path_of(lab.id).write_bytes(b"damaged")  # a repair takes the newest authenticated backup
    assert store.load(lab.id).organisation.name == "Laboratoire des Tilleuls"


def test_a_plain_index_in_an_encrypted_folder_is_not_believed(encrypted):
    from wizard.storage.envelope import seal
    from wizard.storage.index import INDEX_FORMAT, INDEX_VERSION, signature

    store, lab = encrypted
    sig = signature(os.stat(store.path_of(lab.id)))
    summary = {"id": lab.id, "organisation": "Labo FALSIFIE", "profile": "lab", "date": "2026-11-28",
               "answered": 99, "modified": "2026-11-28T10:00:00+01:00"}
    store.index.path.write_bytes(seal(INDEX_FORMAT, INDEX_VERSION, "index",
                                      {"entries": {lab.id: {"sig": sig, "summary": summary}}}, None))
    [listed] = Store(store.data_dir, passphrase="ancienne phrase").list()
    assert listed.organisation == "Laboratoire des Tilleuls" and listed.answered == 2


def test_setting_a_passphrase_encrypts_the_quarantine_too(store, lab):
    store.save_answer(lab.id, "t.a28.contract.signed", Answer("no", note=SECRET_NOTE))
    store.save_answer(lab.id, "t.a28.sub.any", Answer("yes"))
    path = store.path_of(lab.id)
    path.write_bytes(path.read_bytes()[:-10])  # damaged, the secret still readable in it
    store.load(lab.id)  # repaired; the damaged copy set aside
    [kept] = (store.data_dir / "quarantine").iterdir()
    damaged = kept.read_bytes()
    assert SECRET_NOTE.encode() in damaged
    store.change_passphrase("une phrase", cost=FAST_COST)
    assert SECRET_NOTE.encode() not in _all_bytes(store.data_dir)
    [kept] = (store.data_dir / "quarantine").iterdir()  # the same copy, now encrypted
    from wizard.storage.quarantine import unwrap

    assert unwrap(kept.read_bytes(), store.key) == damaged
    store.change_passphrase(None)  # decrypting the folder gives it back as it was
    [kept] = (store.data_dir / "quarantine").iterdir()
    assert kept.read_bytes() == damaged
