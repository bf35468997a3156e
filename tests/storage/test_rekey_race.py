"""A passphrase change and other processes opening the folder at the same time.

The change holds the folder's lock alone; another process that opens the folder meanwhile
waits for it to end (or gives up with a message), and a change waits for the other processes
to close the folder. Whenever the second process opens the folder — before the change, while
it writes its staging folder, at its commit, during its file swap — the change ends with
exactly the new passphrase opening every assessment and every backup, and the opener never
crashes nor sees an assessment missing.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from tests.storage.conftest import FAST_COST
from wizard.core.model import Answer, Organisation
from wizard.storage import Store, WrongPassphrase
from wizard.storage import folder as folder_module
from wizard.storage.crypto import PassphraseRequired
from wizard.storage.errors import FolderBusy
from wizard.storage.locking import FolderLock

pytestmark = pytest.mark.skipif(os.name != "posix", reason="fork is POSIX")

COUNT = 12


def _fill(data: Path) -> dict[str, str]:
    store = Store(data)
    notes = {}
    for i in range(COUNT):
        a = store.create("lab", Organisation(f"Laboratoire n° {i}"))
        for k, value in enumerate(("no", "partial", "yes")):
            store.save_answer(a.id, "t.a28.contract.signed", Answer(value, note=f"note {i}.{k}"))
        notes[a.id] = f"note {i}.2"
    store.close()
    return notes


def _backups(store: Store) -> dict[str, int]:
    """How many backups each assessment has, after reading every one (they must all decode)."""
    counts = {}
    for aid in store.ids():
        infos = store.list_backups(aid)
        for info in infos:
            store.read_backup(aid, info.name)
        counts[aid] = len(infos)
    return counts


def _fork(work, out: int | None = None) -> int:
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, then exit
            if out is not None:
                os.write(out, f"X {type(exc).__name__}: {exc}\n".encode())
            code = 3
        finally:
            os._exit(code)
    return pid


def _opener(data: Path, passphrases: list[str | None], expected: dict[str, str], out: int) -> None:
    """Open the folder again and again until killed; report each opening, fail on any surprise."""
    while True:
        for passphrase in passphrases:
            try:
                store = Store(data, passphrase=passphrase)
            except (WrongPassphrase, PassphraseRequired):
                continue  # the change committed (or not yet): the other passphrase opens it
            try:
                listed = {s.id for s in store.list()}
                assert listed == set(expected), f"listed {len(listed)} of {len(expected)}: {store.problems}"
                for aid, note in expected.items():
                    assert store.load(aid).answers["t.a28.contract.signed"].note == note
            finally:
                store.close()
            os.write(out, b"O\n")
            break
        time.sleep(0.005)


def _race(data: Path, expected: dict[str, str], old: str | None, new: str, delay: float,
          slow_swap: bool = False) -> list[str]:
    """Change old -> new in one process while another opens the folder from delay seconds on."""
    read_fd, write_fd = os.pipe()

    def change() -> None:
        if slow_swap:  # widen the window between the commit and the end of the file swap
            real = folder_module.os

            class Slow:
                def __getattr__(self, name):
                    return getattr(real, name)

                @staticmethod
                def replace(src, dst):
                    time.sleep(0.05)
                    real.replace(src, dst)

            folder_module.os = Slow()
        Store(data, passphrase=old).change_passphrase(new, cost=FAST_COST)
        os.write(write_fd, b"C\n")

    changer = _fork(change, write_fd)
    time.sleep(delay)
    opener = _fork(lambda: _opener(data, [old, new], expected, write_fd), write_fd)
    _pid, status = os.waitpid(changer, 0)
    time.sleep(0.05)  # the opener opens once more after the change
    os.kill(opener, signal.SIGKILL)
    os.waitpid(opener, 0)
    os.close(write_fd)
    lines = b""
    while chunk := os.read(read_fd, 65536):
        lines += chunk
    os.close(read_fd)
    report = lines.decode().splitlines()
    failures = [line for line in report if line.startswith("X")]
    assert not failures, failures
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and "C" in report
    return report


def _check(data: Path, expected: dict[str, str], old: str | None, new: str, backups: dict[str, int]) -> None:
    if old is not None:
        with pytest.raises(WrongPassphrase):
            Store(data, passphrase=old)
    else:
        with pytest.raises(PassphraseRequired):
            Store(data)
    store = Store(data, passphrase=new)
    try:
        assert {s.id for s in store.list()} == set(expected) and not store.problems
        for aid, note in expected.items():
            assert store.load(aid).answers["t.a28.contract.signed"].note == note
        assert _backups(store) == backups  # every backup kept, each readable with the new key
        assert not store.notices
    finally:
        store.close()
    assert not list(data.glob(".rekey-*"))


@pytest.mark.slow
def test_opening_the_folder_at_any_point_of_a_change_loses_nothing(tmp_path):
    data = tmp_path / "data"
    expected = _fill(data)
    store = Store(data)
    backups = _backups(store)
    store.close()
    rng = random.Random(12)
    current: str | None = None
    openings = 0
    for round_ in range(16):
        if current is not None and round_ % 4 == 0:  # back to a plain folder, to set a passphrase again
            store = Store(data, passphrase=current)
            store.change_passphrase(None)
            store.close()
            current = None
        new = f"phrase numéro {round_}"
        report = _race(data, expected, current, new, rng.uniform(0, 0.25))
        openings += report.count("O")
        _check(data, expected, current, new, backups)
        current = new
    assert openings >= 16


@pytest.mark.slow
def test_openers_during_the_file_swap_wait_and_never_crash(tmp_path):
    data = tmp_path / "data"
    expected = _fill(data)
    store = Store(data)
    backups = _backups(store)
    store.close()
    current: str | None = None
    for round_ in range(4):
        new = f"phrase numéro {round_}"
        _race(data, expected, current, new, 0.02 * round_, slow_swap=True)
        _check(data, expected, current, new, backups)
        current = new


def test_an_opener_waits_for_a_running_change_then_says_why_it_gave_up(tmp_path):
    data = tmp_path / "data"
    _fill(data)
    read_fd, write_fd = os.pipe()

    def hold() -> None:  # as a change does, for as long as it runs
        lock = FolderLock(data / "locks" / folder_module.LOCK_NAME)
        assert lock.acquire(exclusive=True, wait=1) is None
        os.write(write_fd, b"held\n")
        time.sleep(60)

    holder = _fork(hold)
    try:
        assert os.read(read_fd, 100) == b"held\n"
        with pytest.raises(FolderBusy) as err:
            Store(data, wait=0.3)
        assert f"pid {holder}" in str(err.value) and "phrase de passe" in str(err.value)
    finally:
        os.kill(holder, signal.SIGKILL)
        os.waitpid(holder, 0)
    assert len(Store(data).list()) == COUNT  # the holder gone, its lock went with it


def test_a_change_waits_for_other_processes_to_close_the_folder(tmp_path):
    data = tmp_path / "data"
    expected = _fill(data)
    read_fd, write_fd = os.pipe()

    def keep_open() -> None:  # another Vigie, showing the list of assessments
        store = Store(data)
        store.list()
        os.write(write_fd, b"open\n")
        time.sleep(60)

    other = _fork(keep_open)
    store = Store(data)
    try:
        assert os.read(read_fd, 100) == b"open\n"
        with pytest.raises(FolderBusy) as err:
            store.change_passphrase("une phrase", cost=FAST_COST, wait=0.3)
        assert "ouvert dans un autre Vigie" in str(err.value)
        assert not Store.is_encrypted(data) and not list(data.glob(".rekey-*"))
    finally:
        os.kill(other, signal.SIGKILL)
        os.waitpid(other, 0)
    store.change_passphrase("une phrase", cost=FAST_COST, wait=5)  # once the other has closed it
    store.close()
    reopened = Store(data, passphrase="une phrase")
    assert {s.id for s in reopened.list()} == set(expected)
    reopened.close()
