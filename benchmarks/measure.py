"""Small measuring helpers shared by the benchmark modules.

Every figure is a set of samples, reported as its median and its 90th percentile: the median
says what a user usually waits, the 90th percentile what they wait when the machine is busy.
A goal compared with a reference (bare Qt, plain ReportLab) is measured with the reference in
the same rounds, taking turns, so that a busy moment of the machine weighs on both alike.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest sample with at least that share of the samples
    at or below it (p90 of 11 samples: the 10th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Timing:
    """Samples of one measure, in seconds (or of a ratio, unitless)."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p90(self) -> float:
        return percentile(self.samples, 0.9)

    def ratio_to(self, reference: Timing) -> Timing:
        """Round by round ratio to a reference measured in the same rounds."""
        return Timing(tuple(a / b for a, b in zip(self.samples, reference.samples, strict=True)))


def sample_times(func: Callable[[], object], runs: int = 7, warmup: int = 1) -> Timing:
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return Timing(tuple(samples))


def median_time(func: Callable[[], object], runs: int = 7, warmup: int = 1) -> float:
    return sample_times(func, runs, warmup).median


def interleaved(funcs: dict[str, Callable[[], object]], runs: int = 11, warmup: int = 1) -> dict[str, Timing]:
    """Each function once per round, in turns, for runs rounds after warmup rounds."""
    samples: dict[str, list[float]] = {name: [] for name in funcs}
    for round_ in range(warmup + runs):
        for name, func in funcs.items():
            start = time.perf_counter()
            func()
            if round_ >= warmup:
                samples[name].append(time.perf_counter() - start)
    return {name: Timing(tuple(values)) for name, values in samples.items()}


def _ready_after(command: list[str], env: dict[str, str], markers: tuple[str, ...]) -> dict[str, float]:
    """Seconds from process start until it prints each marker (no marker: until it exits with 0)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True, cwd=ROOT)
    assert proc.stdout is not None
    seen: dict[str, float] = {}
    for line in proc.stdout:
        if line.strip() in markers and line.strip() not in seen:
            seen[line.strip()] = time.perf_counter() - start
            if len(seen) == len(markers):
                break
    code = proc.wait(timeout=60)
    if not markers and code == 0:
        seen[""] = time.perf_counter() - start
    return seen


@dataclass(frozen=True)
class Command:
    """A process to time: until it prints `marker` (None: until it exits with code 0), and until
    it prints each of `later` (timed as "name later")."""

    argv: list[str]
    env: dict[str, str]
    marker: str | None = "ready"
    later: tuple[str, ...] = ()


def process_times(commands: dict[str, Command], runs: int = 9) -> dict[str, Timing]:
    """Seconds from process start until each command is ready. The commands take turns, so
    that a slow moment of the machine weighs on all of them alike instead of on one ratio."""
    samples: dict[str, list[float]] = {}
    base = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "VIGIE_READY_PROBE": "1"}
    # As on a user's machine (and in the frozen bundle), compiled bytecode is cached and reused;
    # the first, uncounted round writes it (and the checked-questionnaire cache).
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    for round_ in range(runs + 1):
        for name, command in commands.items():
            markers = ((command.marker,) if command.marker else ()) + command.later
            seen = _ready_after(command.argv, {**base, **command.env}, markers)
            if len(seen) != max(len(markers), 1):
                raise RuntimeError(f"{name}: {command.argv[0]} never got ready ({', '.join(markers) or 'exit 0'})")
            if round_:
                for marker, seconds in seen.items():
                    key = name if marker in ("", command.marker) else f"{name} {marker}"
                    samples.setdefault(key, []).append(seconds)
    return {name: Timing(tuple(values)) for name, values in samples.items()}


def times_to_ready(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int = 9) -> dict[str, float]:
    """Median seconds until each command prints 'ready' (see process_times)."""
    timings = process_times({name: Command(argv, env) for name, (argv, env) in commands.items()}, runs)
    return {name: timing.median for name, timing in timings.items()}


def time_to_ready(command: list[str], env: dict[str, str] | None = None, runs: int = 5) -> float:
    return times_to_ready({"command": (command, env or {})}, runs)["command"]


EMPTY_WINDOW = (
    "import sys\n"
    "from PySide6.QtCore import QEvent, QObject, QTimer\n"
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "app = QApplication(sys.argv[:1])\n"
    "class FirstPaint(QObject):\n"
    "    def eventFilter(self, watched, event):\n"
    "        if event.type() == QEvent.Type.Paint:\n"
    "            watched.removeEventFilter(self)\n"
    "            QTimer.singleShot(0, lambda: (print('ready', flush=True), app.quit()))\n"
    "        return False\n"
    "w = QWidget(); w.resize(1000, 700); f = FirstPaint(w); w.installEventFilter(f); w.show()\n"
    "app.exec()\n"
)


def empty_window_command() -> list[str]:
    return [sys.executable, "-c", EMPTY_WINDOW]


def bare_window_command() -> list[str]:
    return [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")]


def _cpu_seconds() -> tuple[float, float] | None:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat (Linux)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + waiting for the disk
    return (sum(fields) - idle) / ticks, sum(fields) / ticks


def _own_cpu_seconds() -> float:
    """CPU seconds used by this process and the children it waited for (the measured programs)."""
    import resource

    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


class OtherWork:
    """How many cores other people's work kept busy while a section of the benchmark ran: the
    machine's busy CPU time less the benchmark's own, over the elapsed time."""

    def __init__(self) -> None:
        self.start = _cpu_seconds()
        self.own = _own_cpu_seconds() if self.start else 0.0
        self.wall = time.perf_counter()

    def elapsed(self) -> float:
        return time.perf_counter() - self.wall

    def cores(self) -> float | None:
        end = _cpu_seconds()
        if self.start is None or end is None:
            return None
        others = (end[0] - self.start[0]) - (_own_cpu_seconds() - self.own)
        return max(others, 0.0) / (time.perf_counter() - self.wall)


def row(name: str, seconds: float | Timing | None, notes: str = "", target: str = "", ok: bool | None = None,
        value: str | None = None, p90: str | None = None) -> dict[str, object]:
    """One line of the table. seconds: a Timing (median and p90 shown), a median alone, or None
    with value (a size, a memory figure) given as text."""
    if isinstance(seconds, Timing):
        return {"name": name, "seconds": seconds.median, "p90": seconds.p90, "value": value, "notes": notes,
                "target": target, "ok": ok}
    return {"name": name, "seconds": seconds, "p90": p90, "value": value, "notes": notes, "target": target,
            "ok": ok}
