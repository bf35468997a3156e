"""Reference for the start-up benchmark: the home window's widgets with no application code.

A main window with a 13-action toolbar, a title, a search field, a sortable 200-row table
sized to its contents and 7 buttons, built with PySide6 alone. Vigie's start beside this shows
what its own code costs; the empty window (measure.EMPTY_WINDOW) shows what Qt's widgets cost.
"""

import sys

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

HEADERS = ("Organisation", "Profil", "Date", "Progression", "Score global", "Dernière modification")


class Rows(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows = [[f"Laboratoire {i:03d}", "Laboratoire (responsable de traitement)", "1 janv. 2026", "…", "…",
                      "28/11/2026 10:00"] for i in range(200)]

    def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index, role=0):
        return self.rows[index.row()][index.column()] if role == 0 else None

    def headerData(self, section, orientation, role=0):  # noqa: N802
        return HEADERS[section] if role == 0 and orientation == Qt.Orientation.Horizontal else None


app = QApplication([*sys.argv[:1], "-style", "Fusion"])
window = QMainWindow()
toolbar = window.addToolBar("Actions")
for n in range(13):
    action = QAction(f"Action {n}", window)
    action.setShortcut(QKeySequence(f"Ctrl+{chr(65 + n)}"))
    toolbar.addAction(action)
page = QWidget()
layout = QVBoxLayout(page)
top = QHBoxLayout()
top.addWidget(QLabel("Évaluations"))
top.addWidget(QLineEdit(), 1)
layout.addLayout(top)
table = QTableView()
table.setModel(Rows())
table.setSortingEnabled(True)
header = table.horizontalHeader()
header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
header.setResizeContentsPrecision(40)
header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
layout.addWidget(table, 1)
buttons = QHBoxLayout()
for n in range(7):
    buttons.addWidget(QPushButton(f"Bouton {n}"))
layout.addLayout(buttons)
pages = QStackedWidget()
pages.addWidget(page)
window.setCentralWidget(pages)
window.resize(1280, 820)
table.selectRow(0)


class FirstPaint(QObject):
    """"ready" in the event loop's turn after the window's first paint, as Vigie's probe says it."""

    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
        return False


watcher = FirstPaint(window)
window.installEventFilter(watcher)
window.show()
app.exec()
