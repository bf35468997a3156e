"""The worker-thread helper used by export and verification: results, errors, progress, no freeze."""

from __future__ import annotations

import threading

import pytest

from wizard.ui.workers import run_in_thread


def test_result_and_progress_arrive_in_the_ui_thread(qtbot):
    seen: list[tuple[float, str, bool]] = []
    main = threading.get_ident()
    worker_threads: list[int] = []

    def work(progress):
        worker_threads.append(threading.get_ident())
        for step in range(3):
            progress(step / 2, f"étape {step}")
        return 42

    def on_progress(fraction, message):
        seen.append((fraction, message, threading.get_ident() == main))

    task = run_in_thread(work, on_progress=on_progress)
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert task.result == 42 and task.error is None
    assert worker_threads and worker_threads[0] != main  # the work really ran elsewhere
    assert [(f, m) for f, m, _ in seen] == [(0.0, "étape 0"), (0.5, "étape 1"), (1.0, "étape 2")]
    assert all(in_ui for _f, _m, in_ui in seen)


def test_failure_is_reported_not_raised(qtbot):
    def work(progress):
        raise PermissionError("dossier en lecture seule")

    failures: list[BaseException] = []
    task = run_in_thread(work, on_failure=failures.append)
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert isinstance(task.error, PermissionError)
    assert [str(e) for e in failures] == ["dossier en lecture seule"]
    assert "PermissionError" in task.details


def test_ui_thread_keeps_running_while_work_waits(qtbot):
    release = threading.Event()
    task = run_in_thread(lambda progress: release.wait(5))
    ticks = []
    from PySide6.QtCore import QTimer

    timer = QTimer(interval=10, timeout=lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=3000)  # events processed while work blocks
    assert task.is_running()
    release.set()
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    timer.stop()


@pytest.mark.parametrize("fraction, expected", [(-1, 0.0), (2, 1.0)])
def test_progress_is_clamped(qtbot, fraction, expected):
    seen = []
    task = run_in_thread(lambda progress: progress(fraction, ""), on_progress=lambda f, m: seen.append(f))
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert seen == [expected]
