"""The follow-up note beside one action (« devis demandé le 3/12 »): typed freely, stored after a
pause or when another action is chosen, like an answer's comment. It is the same note the plan's
spreadsheet carries in its « Notes » column, and the signed plan prints it."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from wizard.core import limits
from wizard.i18n import _
from wizard.ui.widgets.bounded import bounded

PAUSE_MS = 800  # after typing stops: stored without waiting for the field to lose focus


class ActionNote(QPlainTextEdit):
    """Emits edited(action_id, text) once the user pauses, or leaves this action."""

    edited = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("Note de suivi (facultative) : devis demandé, point d’étape, preuve obtenue…"))
        self.setAccessibleName(_("Note de suivi de l’action"))
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        bounded(self, limits.TEXT)
        self.action_id: str | None = None
        self._shown = ""
        self._timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(lambda: self._timer.start() if self.action_id else None)

    def show_note(self, action_id: str | None, note: str) -> None:
        """The note of another action (the one typed so far is stored first), or this action's
        note changed elsewhere (a spreadsheet taken back) while nothing is being typed."""
        if action_id != self.action_id:
            self.flush()
            self.action_id = action_id
            self._set(note)
        elif not self._timer.isActive() and self.toPlainText() != note:
            self._set(note)
        self.setEnabled(action_id is not None)

    def _set(self, note: str) -> None:
        self.blockSignals(True)
        self.setPlainText(note)
        self.blockSignals(False)
        self._shown = note

    def flush(self) -> None:
        self._timer.stop()
        text = self.toPlainText()
        if self.action_id is not None and text != self._shown:
            self._shown = text
            self.edited.emit(self.action_id, text)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.flush()
        super().focusOutEvent(event)
