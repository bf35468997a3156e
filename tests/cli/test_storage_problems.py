"""A bad day for the data folder: a full disk, a read-only folder, a --data-dir that cannot be
one, damaged settings. Each is a message naming what and where (exit 2), never a traceback,
and nothing stored is lost or changed."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from tests.storage.conftest import snapshot
from wizard.cli import main


@pytest.fixture(autouse=True)
def _mini(mini_questionnaire_dir):
    yield


@pytest.fixture
def run(capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def aid(run):
    code, out, _err = run("new", "--profile", "lab", "--org", "Laboratoire des Tilleuls", "--assessor", "Claire")
    assert code == 0
    assert run("answer", out.strip(), "t.a28.sub.any", "yes")[0] == 0
    return out.strip()


def _stored(data_dir: Path) -> dict[str, bytes]:
    """Every stored file but the lock files (taken and released by each command)."""
    return {name: data for name, data in snapshot(data_dir).items() if not name.startswith("locks")}


class _FullDisk:
    """A file handle on a full disk: half of what is written lands, then ENOSPC."""

    def __init__(self, handle) -> None:
        self.handle = handle

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()


def test_a_full_disk_while_saving_says_so_and_keeps_what_was_stored(run, aid, data_dir, monkeypatch):
    before = _stored(data_dir)
    real = os.fdopen
    with monkeypatch.context() as full:
        full.setattr(os, "fdopen", lambda fd, mode="r", *a, **k: _FullDisk(real(fd, mode, *a, **k))
                     if "w" in mode else real(fd, mode, *a, **k))
        code, _out, err = run("answer", aid, "t.a28.sub.any", "no")
        assert code == 2 and "le disque est plein" in err and f"{aid}.vigie.json" in err
        code, _out, err = run("new", "--profile", "lab", "--org", "Labo n° 2")
        assert code == 2 and "le disque est plein" in err
    assert _stored(data_dir) == before  # no torn backup, no half file, the answer as it was
    assert json.loads(run("show", aid, "--json")[1])["answers"]["t.a28.sub.any"]["value"] == "yes"


def test_a_read_only_folder_can_be_read_and_refuses_changes_clearly(run, aid, data_dir, tmp_path, read_only):
    exported = tmp_path / "copy.vigie"
    answers = tmp_path / "answers.json"
    [backup] = [b["name"] for b in json.loads(run("backups", aid, "--json")[1])][-1:]
    before = snapshot(data_dir)
    read_only(data_dir)
    assert run("list")[0] == 0
    code, out, err = run("show", aid, "--json")
    assert code == 0 and json.loads(out)["answers"]["t.a28.sub.any"]["value"] == "yes"
    answers.write_text(out, encoding="utf-8")
    assert run("history", aid, "t.a28.sub.any")[0] == 0
    assert run("backups", aid)[0] == 0
    assert run("export", aid, "-o", str(exported))[0] == 0
    assert run("plan", str(answers), "--json")[0] == 0
    for command in (["answer", aid, "t.a28.sub.any", "no"], ["new", "--profile", "lab", "--org", "Autre"],
                    ["restore", aid, backup], ["import", str(exported)], ["passphrase", "set"]):
        code, _out, err = run(*command)
        assert code == 2 and "lecture seule" in err and str(data_dir) in err, (command, err)
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("where", ["file", "under a file", "impossible"])
def test_a_data_dir_that_cannot_be_a_folder_is_named(run, tmp_path, where):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("pas un dossier")
    path = {"file": a_file, "under a file": a_file / "data", "impossible": Path("/proc/vigie/data")}[where]
    for command in (["list"], ["new", "--profile", "lab", "--org", "X"]):
        code, _out, err = run("--data-dir", str(path), *command)
        assert code == 2 and str(path) in err and "dossier de données" in err
    assert a_file.read_text() == "pas un dossier"


@pytest.mark.parametrize("settings", [
    b"{pas du json",
    b'["vigie-store"]',
    json.dumps({"format": "vigie-store", "version": 1, "encryption": {
        "kdf": "scrypt", "cipher": "AES-256-GCM", "salt": "AAAA", "n": 3, "r": 8, "p": 1, "key_id": "x",
        "check": "AAAA"}}).encode(),  # a cost scrypt refuses
    json.dumps({"format": "vigie-store", "version": 1, "encryption": {
        "kdf": "scrypt", "cipher": "AES-256-GCM", "salt": "AAAA", "n": 2**40, "r": 8, "p": 1, "key_id": "x",
        "check": "AAAA"}}).encode(),  # more memory than any computer has
])
def test_damaged_storage_settings_are_named_and_nothing_is_touched(run, aid, data_dir, monkeypatch, settings):
    (data_dir / "storage.json").write_bytes(settings)
    monkeypatch.setenv("VIGIE_STORE_PASSPHRASE", "une phrase")
    before = snapshot(data_dir)
    for command in (["list"], ["show", aid], ["answer", aid, "t.a28.sub.any", "no"], ["passphrase", "change"]):
        code, _out, err = run(*command)
        assert code == 2 and "storage.json" in err and "illisibles" in err, (command, err)
    assert snapshot(data_dir) == before


def test_a_plain_file_forged_into_an_encrypted_folder_is_refused(run, aid, data_dir, monkeypatch):
    path = data_dir / "assessments" / f"{aid}.vigie.json"
    plain = json.loads(path.read_bytes())  # a genuine plain file: the forger's template
    monkeypatch.setenv("VIGIE_STORE_PASSPHRASE", "une phrase solide")
    assert run("passphrase", "set")[0] == 0
    from wizard.storage.crypto import canonical

    plain["data"]["meta"]["1"]["organisation"]["name"] = "Labo FALSIFIE"
    body = canonical(plain["data"])
    import hashlib

    plain["sha256"] = hashlib.sha256(body).hexdigest()
    path.write_bytes(json.dumps(plain).encode())
    code, out, err = run("list")
    assert code == 0 and "FALSIFIE" not in out and "Laboratoire des Tilleuls" in out
    assert "non chiffré" in err and "quarantine" in err
    code, out, _err = run("show", aid, "--json")
    assert code == 0 and json.loads(out)["organisation"]["name"] == "Laboratoire des Tilleuls"
