"""The "Enregistré" indicator: tells the user, in words, that the last change is on disk."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLabel

from wizard.i18n import _
from wizard.ui.widgets.accessible import named
from wizard.ui.widgets.text import fr


class SavedIndicator(QLabel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        named(self, _("État de l’enregistrement"))
        self.ok = True
        self.setText(_("Enregistrement automatique"))

    def mark_saved(self) -> None:
        self.ok = True
        # A check mark and the word: the state is never carried by colour alone.
        self.setText(_("✓ Enregistré à {time}").format(time=QTime.currentTime().toString("HH:mm:ss")))
        self.setAccessibleDescription(self.text())

    def mark_error(self, message: str) -> None:
        self.ok = False
        self.setText(fr(_("⚠ Non enregistré : {message}")).format(message=message))
        self.setAccessibleDescription(self.text())
