"""The line under a field that says what is wrong with it, in words and in red (never colour
alone: the text begins with ⚠)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def field_error(name: str) -> QLabel:
    """Hidden while nothing is wrong; name is what a screen reader calls it."""
    label = QLabel(wordWrap=True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setObjectName("fieldError")
    label.setStyleSheet("color: #b3261e; font-weight: bold;")
    label.setAccessibleName(name)
    label.setVisible(False)
    return label
