"""Run long work (PDF export, signing, verification) off the UI thread.

The function runs in a QThread and reports progress through a callback; the signals are
delivered in the UI thread (queued connections), so slots may touch widgets. The task keeps
itself alive until it has finished, whoever holds a reference to it.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

ProgressCallback = Callable[[float, str], None]

_running: set[Task] = set()  # tasks not yet finished: kept referenced so Python does not collect them


class _Thread(QThread):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        task = self.task
        try:
            result = task.function(task.report_progress)
        except BaseException as exc:  # noqa: BLE001 — every failure must reach the window
            task.error = exc
            task.details = traceback.format_exc()
            task.failed.emit(exc)
        else:
            task.result = result
            task.succeeded.emit(result)


class Task(QObject):
    """One function run in a worker thread.

    progress(fraction 0..1, message), succeeded(result) or failed(exception), then done().
    """

    progress = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, function: Callable[[ProgressCallback], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.function = function
        self.result: Any = None
        self.error: BaseException | None = None
        self.details = ""
        self._thread = _Thread(self)
        self._thread.finished.connect(self._finished)

    def report_progress(self, fraction: float, message: str = "") -> None:
        """Called from the worker thread; safe because signals cross threads by queue."""
        self.progress.emit(max(0.0, min(1.0, float(fraction))), message)

    def start(self) -> Task:
        _running.add(self)
        self._thread.start()
        return self

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, msecs: int = -1) -> bool:
        return self._thread.wait() if msecs < 0 else self._thread.wait(msecs)

    def _finished(self) -> None:
        _running.discard(self)
        self.done.emit()


def run_in_thread(function: Callable[[ProgressCallback], Any], *,
                  on_progress: Callable[[float, str], None] | None = None,
                  on_success: Callable[[Any], None] | None = None,
                  on_failure: Callable[[BaseException], None] | None = None,
                  parent: QObject | None = None) -> Task:
    """Start function(progress) in a worker thread and connect the given slots."""
    task = Task(function, parent)
    if on_progress:
        task.progress.connect(on_progress)
    if on_success:
        task.succeeded.connect(on_success)
    if on_failure:
        task.failed.connect(on_failure)
    return task.start()
