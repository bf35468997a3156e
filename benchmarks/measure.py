"""Small measuring helpers shared by the benchmark modules."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_time(func: Callable[[], object], runs: int = 7, warmup: int = 1) -> float:
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _ready_after(command: list[str], env: dict[str, str]) -> float | None:
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True, cwd=ROOT)
    assert proc.stdout is not None
    seconds = None
    for line in proc.stdout:
        if line.strip() == "ready":
            seconds = time.perf_counter() - start
            break
    proc.wait(timeout=60)
    return seconds


def times_to_ready(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int = 9) -> dict[str, float]:
    """Median seconds from process start until each command prints 'ready' (window shown, event
    loop running). The commands take turns, so that a slow moment of the machine weighs on all
    of them alike instead of on one ratio."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    base = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "VIGIE_READY_PROBE": "1"}
    # As on a user's machine (and in the frozen bundle), compiled bytecode is cached and reused;
    # the first, uncounted round writes it (and the checked-questionnaire cache).
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    for round_ in range(runs + 1):
        for name, (command, env) in commands.items():
            seconds = _ready_after(command, {**base, **env})
            if seconds is None:
                raise RuntimeError(f"{name}: {command[0]} never printed 'ready'")
            if round_:
                samples[name].append(seconds)
    return {name: statistics.median(values) for name, values in samples.items()}


def time_to_ready(command: list[str], env: dict[str, str] | None = None, runs: int = 5) -> float:
    return times_to_ready({"command": (command, env or {})}, runs)["command"]


EMPTY_WINDOW = (
    "import sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "app = QApplication(sys.argv[:1])\n"
    "w = QWidget(); w.resize(1000, 700); w.show()\n"
    "QTimer.singleShot(0, lambda: (print('ready', flush=True), app.quit()))\n"
    "app.exec()\n"
)


def empty_window_command() -> list[str]:
    return [sys.executable, "-c", EMPTY_WINDOW]


def bare_window_command() -> list[str]:
    return [sys.executable, str(ROOT / "benchmarks" / "bare_window.py")]


def row(name: str, seconds: float | None, notes: str = "", target: str = "", ok: bool | None = None,
        value: str | None = None) -> dict[str, object]:
    return {"name": name, "seconds": seconds, "value": value, "notes": notes, "target": target, "ok": ok}
