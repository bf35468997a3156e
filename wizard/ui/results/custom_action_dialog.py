"""The small dialog that adds an action of the user's own to the plan."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from wizard.core import limits
from wizard.core.framework import Framework
from wizard.core.model import ACTION_STATUSES, PRIORITIES
from wizard.i18n import _
from wizard.ui.results.action_editor import owner_combo, owner_value, to_qdate
from wizard.ui.results.labels import priority_label, status_label, typo
from wizard.ui.widgets.bounded import bounded, dated


class CustomActionDialog(QDialog):
    """Title (required), description, priority, owner, due date and status of a new action."""

    def __init__(self, start: date, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Ajouter une action"))
        self.setAccessibleName(_("Ajouter une action au plan"))
        self.title = QLineEdit(placeholderText=_("Ce qu’il faut faire, en une phrase"))
        self.title.setAccessibleName(_("Intitulé de l’action"))
        bounded(self.title, limits.ACTION_TITLE)
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(_("Détails, étapes, personnes à associer (facultatif)"))
        self.description.setAccessibleName(_("Description de l’action"))
        self.description.setTabChangesFocus(True)
        bounded(self.description, limits.TEXT)
        self.description.setFixedHeight(self.fontMetrics().height() * 5)
        self.priority = QComboBox()
        for key in PRIORITIES:
            self.priority.addItem(priority_label(key), key)
        self.priority.setCurrentIndex(PRIORITIES.index("P2"))
        self.priority.setAccessibleName(_("Priorité"))
        self.owner = owner_combo(framework, self)
        self.owner.setCurrentIndex(-1)
        self.due = dated(QDateEdit(to_qdate(start + timedelta(days=90)), calendarPopup=True,
                                   displayFormat="dd/MM/yyyy"))
        self.due.setAccessibleName(_("Échéance"))
        self.status = QComboBox()
        for key in ACTION_STATUSES:
            self.status.addItem(status_label(key), key)
        self.status.setAccessibleName(_("Statut"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Ajouter"))
        ok.setAccessibleName(_("Ajouter l’action"))
        ok.setEnabled(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Annuler"))
        cancel.setAccessibleName(_("Annuler"))
        self.title.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow(typo(_("&Intitulé :")), self.title)
        form.addRow(typo(_("&Description :")), self.description)
        form.addRow(typo(_("&Priorité :")), self.priority)
        form.addRow(typo(_("&Responsable :")), self.owner)
        form.addRow(typo(_("É&chéance :")), self.due)
        form.addRow(typo(_("S&tatut :")), self.status)
        form.addRow(self.buttons)
        self.resize(520, self.sizeHint().height())
        self.title.setFocus()  # « Ajouter une action » : one types its title at once

    def values(self) -> dict[str, object]:
        return {
            "title": self.title.text(),
            "description": self.description.toPlainText(),
            "priority": self.priority.currentData(),
            "owner": owner_value(self.owner),
            "due": self.due.date().toPython(),
            "status": self.status.currentData(),
        }
