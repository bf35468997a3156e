"""Message boxes whose text is plain text: an error naming a file or an organisation called
« <b>Labo</b> » shows it as typed (QMessageBox's own functions guess rich text and would render
it). Same names and arguments as QMessageBox's static functions; called as message.warning(…)
so that a test can replace one of them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def _show(icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str, buttons: Button,
          default: Button) -> Button:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return Button(box.exec())


def warning(parent: QWidget | None, title: str, text: str, buttons: Button = Button.Ok,
            default: Button = Button.NoButton) -> Button:
    return _show(QMessageBox.Icon.Warning, parent, title, text, buttons, default)


def information(parent: QWidget | None, title: str, text: str, buttons: Button = Button.Ok,
                default: Button = Button.NoButton) -> Button:
    return _show(QMessageBox.Icon.Information, parent, title, text, buttons, default)


def critical(parent: QWidget | None, title: str, text: str, buttons: Button = Button.Ok,
             default: Button = Button.NoButton) -> Button:
    return _show(QMessageBox.Icon.Critical, parent, title, text, buttons, default)


def question(parent: QWidget | None, title: str, text: str, buttons: Button = Button.Yes | Button.No,
             default: Button = Button.NoButton) -> Button:
    return _show(QMessageBox.Icon.Question, parent, title, text, buttons, default)
