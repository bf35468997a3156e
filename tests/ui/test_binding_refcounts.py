"""The Qt binding must not drop references to True or None: PySide6 6.12.0 did, once per signal
emitted from Python, per missing property read and per unset role read, and the interpreter
aborted (« bool_dealloc », « none_dealloc ») as soon as one count reached zero, in the middle of a
session or on quitting. pyproject.toml excludes that version; this test catches the next one."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Signal


class _Emitter(QObject):
    changed = Signal()
    moved = Signal(str)


class _Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 2

    def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 2

    def data(self, index, role=0):
        return "texte" if role == 0 else None


def _delta(obj: object, action, times: int = 200) -> int:
    before = sys.getrefcount(obj)
    for _ in range(times):
        action()
    return sys.getrefcount(obj) - before


@pytest.mark.parametrize("case", ["emit", "emit with argument", "missing property", "unset role",
                                  "layout changed", "data changed"])
def test_no_reference_to_true_or_none_is_lost(qapp, case):
    emitter, model = _Emitter(), _Model()
    index = model.index(0, 0)
    action = {
        "emit": emitter.changed.emit,
        "emit with argument": lambda: emitter.moved.emit("x"),
        "missing property": lambda: emitter.property("vigieNothing"),
        "unset role": lambda: index.data(7),
        "layout changed": model.layoutChanged.emit,
        "data changed": lambda: model.dataChanged.emit(index, index),
    }[case]
    action()  # first call: caches and lazy initialisation
    assert _delta(True, action) >= 0
    assert _delta(None, action) >= 0
    assert _delta(False, action) >= 0
