"""The title of the selected action, and the organisation's own wording of it.

The title reads as a bold label that wraps; « Reformuler l’intitulé… » puts a line edit in its
place, the whole title selected. Enter or leaving the field stores the new wording; Escape
gives up and shows the title as it was. When the organisation reworded a catalogue action, the
catalogue's wording shows under it (while it is reworded again too), as the signed plan prints it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from wizard.core import limits
from wizard.i18n import _
from wizard.ui.results.labels import typo
from wizard.ui.widgets.bounded import bounded


class TitleEdit(QLineEdit):
    """A line edit that says when it is left (confirmed) or given up with Escape (cancelled)."""

    confirmed = Signal()
    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.cancelled.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.confirmed.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusOutEvent(event)
        self.confirmed.emit()


class ActionTitle(QWidget):
    """Emits reworded(action_id, text) when the user confirms a wording different from the one shown."""

    reworded = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action_id: str | None = None
        self._shown = ""
        self._editing: str | None = None  # the action whose title is being reworded

        self.label = QLabel(wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a title is shown as typed, never as markup
        self.label.setStyleSheet("font-weight: bold;")
        self.label.setAccessibleName(_("Intitulé de l’action"))
        self.edit = TitleEdit()
        self.edit.setAccessibleName(_("Nouvel intitulé de l’action"))
        self.edit.setToolTip(typo(_("Entrée : enregistrer ; Échap : annuler")))
        self.edit.setAccessibleDescription(self.edit.toolTip())
        bounded(self.edit, limits.ACTION_TITLE)
        self.edit.confirmed.connect(self.commit)
        self.edit.cancelled.connect(self.cancel)
        self.edit.hide()
        self.catalogue = QLabel(wordWrap=True)
        self.catalogue.setTextFormat(Qt.TextFormat.PlainText)
        self.catalogue.setStyleSheet("font-style: italic;")
        self.catalogue.setAccessibleName(_("Intitulé du référentiel"))
        self.button = QPushButton(_("Reform&uler l’intitulé…"))
        self.button.setAccessibleName(_("Reformuler l’intitulé de cette action"))
        self.button.setAccessibleDescription(_("L’intitulé choisi par l’organisation figure dans le plan signé, "
                                               "avec celui du référentiel."))
        self.button.clicked.connect(self.start)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)
        layout.addWidget(self.catalogue)
        layout.addLayout(row)

    def show_title(self, action_id: str | None, title: str, catalogue: str | None = None) -> None:
        """The title of an action (catalogue: the catalogue's wording when the organisation reworded
        it), or a prompt when none is chosen (action_id None). A rewording under way for this same
        action is left as it is."""
        if self._editing is not None and self._editing != action_id:
            self._stop()
        self.action_id = action_id
        self._shown = title
        self.label.setText(title)
        self.catalogue.setText(typo(_("Intitulé du référentiel : « {title} »").format(title=catalogue))
                               if catalogue else "")
        self.catalogue.setVisible(bool(catalogue))
        self.button.setVisible(action_id is not None and self._editing is None)

    @property
    def editing(self) -> bool:
        return self._editing is not None

    def start(self) -> None:
        """Put the line edit in place of the label, the whole title selected."""
        if self.action_id is None:
            return
        self._editing = self.action_id
        self.edit.setText(self._shown)
        self.label.hide()
        self.button.hide()
        self.edit.show()
        self.edit.selectAll()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def commit(self) -> None:
        """Store what was typed (Enter, or the field left), when it differs from the title shown."""
        action_id = self._editing
        if action_id is None:
            return
        text = self.edit.text()
        self._stop()
        if text.strip() != self._shown.strip():
            self.reworded.emit(action_id, text)

    def cancel(self) -> None:
        """Escape: nothing stored, the title as it was."""
        self._stop()

    def _stop(self) -> None:
        had_focus = self.edit.hasFocus()
        self._editing = None  # first: hiding the field moves the focus, which must not store it
        self.edit.hide()
        self.label.show()
        self.button.setVisible(self.action_id is not None)
        if had_focus:
            self.button.setFocus(Qt.FocusReason.OtherFocusReason)
