"""The line that says what an undo did (« Réponse à la question 24 annulée ») with the button
that reverses it (« Rétablir »): an undo is never silent, and never one-way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from wizard.i18n import _
from wizard.ui.widgets.accessible import named


class NoticeBar(QFrame):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        named(self.label, _("Dernière opération"))
        self.button = QPushButton()
        self.button.clicked.connect(self._clicked)
        self._action: Callable[[], object] | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.setVisible(False)

    def say(self, text: str, button: str = "", action: Callable[[], object] | None = None) -> None:
        self.label.setText(text)
        self.label.setAccessibleDescription(text)
        self.button.setText(button)
        named(self.button, button)
        self.button.setVisible(bool(button))
        self._action = action
        self.setVisible(True)

    def clear(self) -> None:
        self._action = None
        self.setVisible(False)

    def _clicked(self) -> None:
        if self._action is not None:
            self._action()
