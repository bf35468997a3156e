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
    with pytest.raises(OSError):
        store.change_passphrase("nouvelle phrase", cost=FAST_COST)
    monkeypatch.undo()
    reopened = Store(store.data_dir, passphrase="ancienne phrase")
    assert reopened.load(lab.id).answers["t.a28.contract.signed"].note == SECRET_NOTE
    assert not list(store.data_dir.glob(".rekey-*"))
    assert store.holder(lab.id) is None  # the locks taken for the change were released


def test_passphrase_change_interrupted_after_its_commit_is_finished_at_next_start(encrypted, monkeypatch):
    store, lab = encrypted
    monkeypatch.setattr(folder_module, "finish_pending_change", lambda data_dir: None)
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
