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


def time_to_ready(command: list[str], env: dict[str, str] | None = None, runs: int = 5) -> float:
    """Median seconds from process start until it prints 'ready' (window shown, event loop running)."""
    samples = []
    full_env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                "VIGIE_READY_PROBE": "1", **(env or {})}
    # As on a user's machine (and in the frozen bundle), compiled bytecode is cached and reused;
    # the first, uncounted run writes it.
    full_env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs += 1
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=full_env,
                                text=True, cwd=ROOT)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == "ready":
                samples.append(time.perf_counter() - start)
                break
        proc.wait(timeout=60)
    if len(samples) < 2:
        raise RuntimeError(f"{command[0]} never printed 'ready'")
    return statistics.median(samples[1:])


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


def row(name: str, seconds: float | None, notes: str = "", target: str = "", ok: bool | None = None,
        value: str | None = None) -> dict[str, object]:
    return {"name": name, "seconds": seconds, "value": value, "notes": notes, "target": target, "ok": ok}
