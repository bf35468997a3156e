"""SIGKILL during the automatic repair of a damaged file never hides the assessment.

The repair copies the damaged file to the quarantine, then writes the newest good backup in
its place atomically: whenever the process dies, the assessment file is there (damaged, to be
repaired at the next opening, or repaired). A file an interrupted repair of an older version
left missing is put back from its backups; a deleted assessment is not.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.storage.conftest import FAST_COST
from wizard.core.model import Answer, Organisation
from wizard.storage import Store, UnknownAssessment

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")

ANSWERS = {"t.a28.contract.signed": "no", "t.a28.sub.any": "yes", "t.a32.access.individual": "partial"}


def _new(data: Path, passphrase: str | None = None) -> str:
    store = Store(data)
    if passphrase:
        store.change_passphrase(passphrase, cost=FAST_COST)
    aid = store.create("lab", Organisation("Laboratoire des Tilleuls")).id
    for qid, value in ANSWERS.items():
        store.save_answer(aid, qid, Answer(value))
    store.close()
    return aid


def _damage(path: Path, round_: int, plain_forgery: bool) -> None:
    if plain_forgery:  # a well-formed plain file: accepted in a plain folder, refused in an encrypted one
        doc = {"format": "vigie-assessment", "version": 2, "id": path.name.split(".")[0], "app": "0",
               "sha256": "0" * 64, "data": {"round": round_}}
        path.write_bytes(json.dumps(doc).encode())
    else:
        path.write_bytes(f'{{"format": "vigie-assessment", "round": {round_}'.encode())


def _kill_loop(data: Path, aid: str, kills: int, seed: int, passphrase: str | None = None) -> int:
    rng = random.Random(seed)
    repaired_by_child = 0
    for round_ in range(kills):
        _damage(data / "assessments" / f"{aid}.vigie.json", round_, passphrase is not None and round_ % 2 == 0)
        pid = os.fork()
        if pid == 0:  # the child: opens the assessment, which repairs it
            try:
                Store(data, passphrase=passphrase).load(aid)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 0.012))
        os.kill(pid, signal.SIGKILL)
        _pid, status = os.waitpid(pid, 0)
        repaired_by_child += os.WIFEXITED(status)
        store = Store(data, passphrase=passphrase)  # as the next Vigie start would
        try:
            assert [s.id for s in store.list()] == [aid], f"round {round_}: hidden; {store.problems}"
            assert {q: a.value for q, a in store.load(aid).answers.items()} == ANSWERS
        finally:
            store.close()
    return repaired_by_child


@pytest.mark.slow
def test_killed_200_times_while_repairing_nothing_is_hidden(tmp_path):
    data = tmp_path / "data"
    aid = _new(data)
    finished = _kill_loop(data, aid, kills=220, seed=2)
    assert 0 < finished < 220, "the kills should land both during and after the repair"
    copies = list((data / "quarantine").glob("*.vigie.json"))
    assert 0 < len(copies) <= 220 and len({c.read_bytes() for c in copies}) == len(copies)  # each kept once


@pytest.mark.slow
def test_killed_while_repairing_an_encrypted_folder(tmp_path):
    data = tmp_path / "data"
    aid = _new(data, "une phrase de passe")
    _kill_loop(data, aid, kills=40, seed=5, passphrase="une phrase de passe")
    for copy in (data / "quarantine").glob("*.vigie.json"):  # set aside encrypted too
        assert json.loads(copy.read_bytes())["cipher"] == "AES-256-GCM"


def _lost_in_an_old_repair(store: Store, aid: str) -> Path:
    """What an older version left when killed mid-repair: the file moved to the quarantine,
    no file in its place."""
    (store.data_dir / "quarantine").mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    moved = store.data_dir / "quarantine" / f"{aid}-{stamp}.vigie.json"
    shutil.move(store.path_of(aid), moved)
    return moved


def test_a_file_an_interrupted_repair_left_missing_is_put_back(store, lab):
    for qid, value in ANSWERS.items():
        store.save_answer(lab.id, qid, Answer(value))
    _lost_in_an_old_repair(store, lab.id)
    reopened = Store(store.data_dir)
    assert [s.id for s in reopened.list()] == [lab.id]
    assert {q: a.value for q, a in reopened.load(lab.id).answers.items()} == ANSWERS
    assert any("remise en place" in n for n in reopened.notices)
    reopened.close()
    _lost_in_an_old_repair(store, lab.id)
    other = Store(store.data_dir)
    assert {q: a.value for q, a in other.load(lab.id).answers.items()} == ANSWERS  # show finds it too
    other.close()


def test_a_deleted_assessment_stays_deleted(store, lab):
    store.save_answer(lab.id, "t.a28.sub.any", Answer("yes"))
    store.path_of(lab.id).write_bytes(b"damaged")
    store.load(lab.id)  # repaired: a copy set aside, newer than every backup
    store.delete(lab.id)
    reopened = Store(store.data_dir)
    assert reopened.list() == []
    with pytest.raises(UnknownAssessment):
        reopened.load(lab.id)
    assert [b.reason for b in reopened.list_backups(lab.id)][0] == "deleted"  # and it can be restored
    reopened.close()
