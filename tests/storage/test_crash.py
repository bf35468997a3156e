"""A writer killed with SIGKILL at random moments never loses an acknowledged change.

A child process opens the assessment (taking over the lock its killed predecessor left),
then answers questions, edits an action and replaces custom actions in a loop, reporting
"begin" before and "saved" after each change. The parent kills it at a random moment, then
opens the folder as a new Vigie would: the assessment must load without any repair and hold
every change reported saved (plus, possibly, the one that was in flight).
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from wizard.atomic_files import TMP_PREFIX
from wizard.core.model import ANSWER_VALUES, ActionEdit, CustomAction, Organisation
from wizard.core.questionnaire import Questionnaire
from wizard.storage import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")

ROOT = Path(__file__).resolve().parents[2]


def run_writer(data_dir: Path, aid: str, questionnaire: Questionnaire, seed: int, counter: int,
               passphrase: str | None, out: int) -> None:
    """The child's loop; it only ends when killed."""
    from wizard.operations.session import Session

    def say(line: str) -> None:
        os.write(out, (line + "\n").encode())

    store = Store(data_dir, passphrase=passphrase)
    session = Session(store, aid, questionnaire)
    if session.read_only:
        say("X read-only: " + session.read_only_reason)
        return
    say("R")
    rng = random.Random(seed)
    qids = [q.id for q in session.questionnaire.questions]
    while True:
        counter += 1
        pick = rng.random()
        if pick < 0.8:
            qid = rng.choice(qids)
            say(f"B {counter} A {qid}")
            value = rng.choice(ANSWER_VALUES)
            if value == "na" and not session.question(qid).na_allowed:
                value = "unknown"  # « Non applicable » is refused where the content does not allow it
            session.answer(qid, value, note=str(counter), justification=f"motif {counter}")
        elif pick < 0.9:
            say(f"B {counter} E t.act.contract")
            session.edit_action("t.act.contract", ActionEdit(owner=str(counter)))
        else:
            say(f"B {counter} C custom")
            session.set_custom_actions([CustomAction(f"c{counter}", f"Action {counter}")])
        say(f"S {counter}")


@dataclass
class Expected:
    """What the writers reported: the last saved counter per target, and the one in flight."""

    saved: dict[tuple[str, str], int] = field(default_factory=dict)
    last: int = 0

    def absorb(self, lines: list[str]) -> tuple[tuple[str, str], int] | None:
        pending: dict[int, tuple[str, str]] = {}
        in_flight = None
        for line in lines:
            parts = line.split()
            if parts[0] == "X":
                pytest.fail(line)
            if parts[0] == "B":
                pending[int(parts[1])] = (parts[2], parts[3])
                in_flight = ((parts[2], parts[3]), int(parts[1]))
                self.last = max(self.last, int(parts[1]))
            elif parts[0] == "S":
                counter = int(parts[1])
                self.saved[pending[counter]] = counter
                in_flight = None
        return in_flight

    def check(self, store: Store, aid: str, in_flight: tuple[tuple[str, str], int] | None) -> None:
        a = store.load(aid)
        stored: dict[tuple[str, str], int] = {
            ("A", qid): int(ans.note) for qid, ans in a.answers.items()}
        if "t.act.contract" in a.action_edits:
            stored[("E", "t.act.contract")] = int(a.action_edits["t.act.contract"].owner or 0)
        if a.custom_actions:
            stored[("C", "custom")] = int(a.custom_actions[0].id[1:])
        for target, counter in self.saved.items():
            allowed = {counter}
            if in_flight and in_flight[0] == target:
                allowed.add(in_flight[1])
            assert stored.get(target) in allowed, f"{target}: stored {stored.get(target)}, saved {counter}"
        # Nothing newer than what was begun can exist, and only the in-flight change may be unreported.
        for target, counter in stored.items():
            if counter != self.saved.get(target):
                assert in_flight and (target, counter) == in_flight, f"{target}: unexpected {counter}"
                self.saved[target] = counter  # the in-flight change did reach the disk


def _read_lines(fd: int, until_ready: bool, timeout: float = 10.0) -> list[str]:
    data = b""
    deadline = time.monotonic() + timeout
    while True:
        if until_ready and (b"R\n" in data or b"X " in data):
            break
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError("the writer did not report in time")
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return data.decode().splitlines()


def _kill_loop(data_dir: Path, aid: str, questionnaire: Questionnaire, kills: int, seed: int,
               passphrase: str | None = None) -> None:
    rng = random.Random(seed)
    expected = Expected()
    for round_ in range(kills):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            code = 0
            try:
                os.close(read_fd)
                run_writer(data_dir, aid, questionnaire, rng.randrange(1 << 30), expected.last + 1000,
                           passphrase, write_fd)
            except BaseException as exc:  # noqa: BLE001 - reported to the parent, then exit
                os.write(write_fd, f"X {type(exc).__name__}: {exc}\n".encode())
                code = 3
            finally:
                os._exit(code)
        os.close(write_fd)
        lines: list[str] = []
        if rng.random() < 0.2:  # sometimes while it opens the store and takes over the lock
            time.sleep(rng.uniform(0, 0.005))
        else:
            lines = _read_lines(read_fd, until_ready=True)
            time.sleep(rng.uniform(0, 0.02))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        lines += _read_lines(read_fd, until_ready=False)
        os.close(read_fd)
        assert os.WIFSIGNALED(status), f"round {round_}: the writer stopped by itself: {lines[-3:]}"
        in_flight = expected.absorb(lines)

        store = Store(data_dir, passphrase=passphrase)  # as the next Vigie start would
        try:
            assert not store.notices, store.notices  # no repair was needed
            expected.check(store, aid, in_flight)
            assert [s.id for s in store.list()] == [aid]
            assert not list(store.folder.glob(TMP_PREFIX + "*"))
            assert not (data_dir / "quarantine").exists() or not any((data_dir / "quarantine").iterdir())
        finally:
            store.close()
    assert len(expected.saved) > 5, "the writers hardly saved anything: the kills came too early"


@pytest.fixture
def questionnaire(mini):
    return mini


def _new(data_dir: Path, passphrase: str | None = None) -> str:
    store = Store(data_dir)
    if passphrase:
        from tests.storage.conftest import FAST_COST

        store.change_passphrase(passphrase, cost=FAST_COST)
    aid = store.create("lab", Organisation("Laboratoire des Tilleuls"), assessor="Claire").id
    store.close()
    return aid


@pytest.mark.slow
def test_plain_writer_killed_180_times_loses_nothing(tmp_path, questionnaire):
    data_dir = tmp_path / "data"
    _kill_loop(data_dir, _new(data_dir), questionnaire, kills=180, seed=4)


@pytest.mark.slow
def test_encrypted_writer_killed_40_times_loses_nothing(tmp_path, questionnaire):
    data_dir = tmp_path / "data"
    _kill_loop(data_dir, _new(data_dir, "une phrase de passe"), questionnaire, kills=40, seed=7,
               passphrase="une phrase de passe")


WRITER_SCRIPT = """
import os, sys
from pathlib import Path
from wizard.core.questionnaire import load_questionnaire
from tests.storage.test_crash import run_writer
run_writer(Path(sys.argv[1]), sys.argv[2], load_questionnaire(Path(sys.argv[3])), int(sys.argv[4]),
           int(sys.argv[5]), None, sys.stdout.fileno())
"""


@pytest.mark.slow
def test_separate_interpreter_killed_10_times_loses_nothing(tmp_path, questionnaire):
    """The same with a freshly started interpreter each time (as a real second Vigie)."""
    from tests.conftest import MINI_QUESTIONNAIRE

    data_dir = tmp_path / "data"
    aid = _new(data_dir)
    expected = Expected()
    rng = random.Random(11)
    for _round in range(10):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER_SCRIPT, str(data_dir), aid, str(MINI_QUESTIONNAIRE),
             str(rng.randrange(1 << 30)), str(expected.last + 1000)],
            stdout=subprocess.PIPE, cwd=ROOT)
        assert child.stdout is not None
        lines = _read_lines(child.stdout.fileno(), until_ready=True, timeout=60)
        time.sleep(rng.uniform(0.005, 0.03))
        child.send_signal(signal.SIGKILL)
        child.wait()
        lines += _read_lines(child.stdout.fileno(), until_ready=False)
        child.stdout.close()
        in_flight = expected.absorb(lines)
        store = Store(data_dir)
        try:
            assert not store.notices
            expected.check(store, aid, in_flight)
        finally:
            store.close()
