"""One writer per assessment: a second process opens it read-only; a dead holder's lock is taken over."""

from __future__ import annotations

import getpass
import os
import signal
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests.storage.conftest import snapshot
from wizard.core.model import Answer
from wizard.operations.session import ReadOnlySession, Session
from wizard.storage import AssessmentLocked, Store

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from pathlib import Path
from wizard.operations.session import Session
from wizard.storage import Store
store = Store(Path(sys.argv[1]))
session = Session(store, sys.argv[2])
print("ready" if not session.read_only else "read-only", flush=True)
sys.stdin.readline()
session.close()
print("closed", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def holder(store, lab, mini_questionnaire_dir):
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(store.data_dir), lab.id], cwd=ROOT,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    yield child
    if child.poll() is None:
        child.kill()
        child.wait()


def test_second_process_gets_read_only_and_is_told_who_writes(store, lab, holder):
    before = snapshot(store.data_dir / "assessments")
    session = Session(store, lab.id)
    assert session.read_only
    assert session.holder.pid == holder.pid
    assert session.holder.host == socket.gethostname()
    assert session.holder.user == getpass.getuser()
    datetime.fromisoformat(session.holder.since)
    reason = session.read_only_reason
    assert str(holder.pid) in reason and socket.gethostname() in reason and "lecture" in reason
    assert session.assessment.organisation.name == "Laboratoire des Tilleuls"  # reading works
    with pytest.raises(ReadOnlySession):
        session.answer("t.a28.sub.any", "yes")
    with pytest.raises(AssessmentLocked):
        store.save_answer(lab.id, "t.a28.sub.any", Answer("yes"))
    session.close()
    assert snapshot(store.data_dir / "assessments") == before


def test_lock_released_on_close_is_free_without_a_takeover(store, lab, holder):
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "closed"
    session = Session(store, lab.id)
    assert not session.read_only and not store.notices
    session.answer("t.a28.sub.any", "no")
    session.close()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_stale_lock_of_a_killed_process_is_taken_over(store, lab, holder):
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (store.locks_dir / f"{lab.id}.lock").exists()  # the dead process could not clean up
    session = Session(store, lab.id)
    assert not session.read_only
    assert any(str(holder.pid) in n and "repris" in n for n in store.notices)
    session.answer("t.a28.sub.any", "no")
    assert Store(store.data_dir).load(lab.id).answers["t.a28.sub.any"].value == "no"
    session.close()
    assert not (store.locks_dir / f"{lab.id}.lock").exists()


def test_two_sessions_of_one_process_share_the_lock(store, lab):
    first, second = Session(store, lab.id), Session(store, lab.id)
    assert not first.read_only and not second.read_only
    first.close()
    second.answer("t.a28.sub.any", "yes")  # still held by the second one
    assert store.holder(lab.id) is None
    second.close()
    assert not (store.locks_dir / f"{lab.id}.lock").exists()


def test_another_store_in_the_same_process_is_kept_out_too(store, lab):
    session = Session(store, lab.id)
    other = Store(store.data_dir)
    assert Session(other, lab.id).read_only
    with pytest.raises(AssessmentLocked):
        other.save_answer(lab.id, "t.a28.sub.any", Answer("yes"))
    session.close()
    other.save_answer(lab.id, "t.a28.sub.any", Answer("yes"))
