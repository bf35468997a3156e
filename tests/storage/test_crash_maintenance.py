"""SIGKILL during the rare, heavy writes: upgrading an old file and changing the passphrase.

After each kill the folder opens (with exactly one of the two passphrases) and every
assessment holds its content.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from collections.abc import Callable

import pytest

from tests.storage.conftest import FAST_COST, FIXTURE_ID, STORAGE_FIXTURES
from wizard.core.model import Answer, Organisation
from wizard.storage import Store, WrongPassphrase
from wizard.storage.migrations import CURRENT_VERSION
from wizard.storage.quarantine import unwrap

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")


def _kill_during(work: Callable[[], None], delay: float) -> None:
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            work()
        except BaseException:  # noqa: BLE001 - the parent only checks the folder
            code = 3
        finally:
            os._exit(code)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _upgrade_time(tmp_path) -> float:
    """How long a forked upgrade takes on this machine now (busy or not): the kills spread over it."""
    data = tmp_path / "timing"
    store = Store(data)
    shutil.copy(STORAGE_FIXTURES / "v1-lab.vigie.json", store.path_of(FIXTURE_ID))
    store.close()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        Store(data).load(FIXTURE_ID)
        os._exit(0)
    os.waitpid(pid, 0)
    return time.monotonic() - start


@pytest.mark.slow
def test_killed_while_upgrading_a_version_1_file(tmp_path):
    rng = random.Random(3)
    upgraded = 0
    span = 1.2 * _upgrade_time(tmp_path)
    for _ in range(30):
        data = tmp_path / f"run{_}"
        store = Store(data)
        shutil.copy(STORAGE_FIXTURES / "v1-lab.vigie.json", store.path_of(FIXTURE_ID))
        store.close()
        _kill_during(lambda data=data: Store(data).load(FIXTURE_ID), rng.uniform(0, span))
        upgraded += f'"version":{CURRENT_VERSION}'.encode() in (data / "assessments" / f"{FIXTURE_ID}.vigie.json").read_bytes()
        reopened = Store(data)
        a = reopened.load(FIXTURE_ID)
        assert a.organisation.name == "Laboratoire Béranger" and len(a.answers) == 3
        assert not reopened.notices
        reopened.close()
    assert 0 < upgraded < 30, "the kills should land both before and after the upgrade"


@pytest.mark.slow
def test_killed_while_changing_the_passphrase(tmp_path):
    data = tmp_path / "data"
    store = Store(data)
    store.change_passphrase("phrase numéro 0", cost=FAST_COST)
    expected = {}
    for i in range(8):
        a = store.create("lab", Organisation(f"Laboratoire n° {i}"))
        store.save_answer(a.id, "t.a28.contract.signed", Answer("partial", note=f"note {i}"))
        store.save_answer(a.id, "t.a28.sub.any", Answer("no"))
        expected[a.id] = f"note {i}"
    damaged = store.path_of(a.id).read_bytes()[:-10]
    store.path_of(a.id).write_bytes(damaged)
    store.load(a.id)  # repaired: its damaged copy set aside, encrypted with the rest
    store.notices.clear()
    store.close()
    rng = random.Random(5)
    current = "phrase numéro 0"
    committed = 0
    for round_ in range(1, 26):
        new = f"phrase numéro {round_}"

        def change(old=current, new=new):
            Store(data, passphrase=old).change_passphrase(new, cost=FAST_COST)

        _kill_during(change, rng.uniform(0, 0.15))
        try:
            reopened = Store(data, passphrase=current)
        except WrongPassphrase:
            reopened = Store(data, passphrase=new)  # the change reached its commit point
            current = new
            committed += 1
        assert not list(data.glob(".rekey-*"))
        for aid, note in expected.items():
            assert reopened.load(aid).answers["t.a28.contract.signed"].note == note
        assert len(reopened.list()) == len(expected)
        [kept] = (data / "quarantine").iterdir()  # re-encrypted with the rest, all or nothing
        assert unwrap(kept.read_bytes(), reopened.key) == damaged
        reopened.close()
    assert 0 < committed < 25, f"the kills should land both before and after the commit ({committed})"
