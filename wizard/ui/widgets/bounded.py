"""Text fields that hold at most what wizard.core.limits allows, and say so when they cut.

A line edit gets a maximum length; a multi-line edit, which has none in Qt, is cut back to the
limit whenever a paste or a keystroke goes beyond it. Either way the user sees why at once: a
message under the field (a tooltip) and, for a screen reader, in the field's description.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QObject, QPoint, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDateEdit, QLineEdit, QPlainTextEdit, QStyledItemDelegate, QToolTip, QWidget

from wizard.core import limits
from wizard.i18n import _, format_number
from wizard.ui.widgets.text import fr


class LengthGuard(QObject):
    """Keeps one field within limit characters; `refused` carries the message shown."""

    refused = Signal(str)

    def __init__(self, widget: QLineEdit | QPlainTextEdit, limit: int) -> None:
        super().__init__(widget)
        self.widget = widget
        self.limit = limit
        self.message = fr(_("Ce champ est limité à {limit} caractères : le texte au-delà n’a pas été gardé.")).format(
            limit=format_number(limit))
        if isinstance(widget, QLineEdit):
            widget.setMaxLength(limit)
            widget.inputRejected.connect(self._say)
        else:
            widget.textChanged.connect(self._cut)

    def _cut(self) -> None:
        edit = self.widget
        assert isinstance(edit, QPlainTextEdit)
        document = edit.document()
        if document.characterCount() - 1 <= self.limit:  # counts the final paragraph mark
            return
        cut = self.limit  # in UTF-16 units, as Qt counts: never more characters than the limit
        if 0xD800 <= ord(document.characterAt(cut - 1)) <= 0xDBFF:
            cut -= 1  # not between the two halves of a character outside the BMP
        cursor = QTextCursor(document)
        cursor.setPosition(cut)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        edit.moveCursor(QTextCursor.MoveOperation.End)
        self._say()

    def _say(self) -> None:
        widget = self.widget
        QToolTip.showText(widget.mapToGlobal(QPoint(0, widget.height())), self.message, widget)
        widget.setAccessibleDescription(self.message)
        self.refused.emit(self.message)


def bounded(widget: QLineEdit | QPlainTextEdit, limit: int) -> LengthGuard:
    """Hold widget to limit characters (a length of wizard.core.limits)."""
    return LengthGuard(widget, limit)  # a child of the widget: lives as long as it


class BoundedCells(QStyledItemDelegate):
    """Table cells edited within a length (participants' names and roles)."""

    def __init__(self, limit: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limit = limit

    def createEditor(self, parent: QWidget, option, index) -> QWidget:  # noqa: N802, ANN001 (Qt's names)
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            bounded(editor, self.limit)
        return editor


def dated(edit: QDateEdit) -> QDateEdit:
    """A date edit limited to the dates Vigie accepts (limits.FIRST_DAY – LAST_DAY)."""

    def qdate(day: date) -> QDate:
        return QDate(day.year, day.month, day.day)

    edit.setDateRange(qdate(limits.FIRST_DAY), qdate(limits.LAST_DAY))
    return edit
