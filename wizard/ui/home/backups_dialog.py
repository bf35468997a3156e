"""The rolling backups of one assessment, and restoring one of them from the interface.

Pages only translate widgets into calls: the workspace lists, reads and restores; restoring keeps
the version it replaces among the backups, so a wrong choice can itself be undone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from wizard.i18n import N_, _, format_moment
from wizard.operations.errors import StorageError
from wizard.operations.workspace import Workspace
from wizard.ui.widgets import message
from wizard.ui.widgets.accessible import name_headers, named
from wizard.ui.widgets.text import fr

REASONS = {
    "auto": N_("Enregistrement"),
    "restore": N_("Avant une restauration"),
    "import": N_("Avant un import"),
    "migration": N_("Avant une mise à jour du format"),
    "deleted": N_("Avant une suppression"),
}


class BackupsDialog(QDialog):
    def __init__(self, workspace: Workspace, assessment_id: str, organisation: str, parent=None) -> None:
        super().__init__(parent)
        self.workspace, self.assessment_id = workspace, assessment_id
        self.restored: str | None = None
        self.setWindowTitle(fr(_("Sauvegardes — {organisation}").format(organisation=organisation)))
        named(self, _("Sauvegardes de l’évaluation"))
        intro = QLabel(fr(_("Vigie garde une copie de chaque version (les 20 dernières, puis une par jour "
                            "pendant 30 jours). Restaurer une copie en fait la version courante ; la version "
                            "remplacée reste dans cette liste.")), wordWrap=True)
        self.backups = workspace.backups(assessment_id)
        self.table = QTableWidget(len(self.backups), 3)
        named(self.table, _("Liste des sauvegardes"))
        self.table.setHorizontalHeaderLabels([_("Date"), _("Réponses"), _("Origine")])
        name_headers(self.table, _("Liste des sauvegardes"))
        for row, backup in enumerate(self.backups):
            answered = self._answers_in(backup.name)
            when = format_moment(backup.created, "medium")  # with seconds: several versions a minute
            for column, text in enumerate((when, answered, _(REASONS.get(backup.reason, backup.reason)))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.table.verticalHeader().setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = named(QPushButton(_("&Restaurer cette version…")), _("Restaurer la sauvegarde choisie"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_button.setEnabled(False)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(bool(self.table.selectedItems())))
        empty = QLabel(_("Aucune sauvegarde pour l’instant."))
        empty.setVisible(not self.backups)
        layout = QVBoxLayout(self)
        for widget in (intro, empty, self.table, self.buttons):
            layout.addWidget(widget)
        self.resize(640, 420)

    def _answers_in(self, name: str) -> str:
        count = self.workspace.answers_in_backup(self.assessment_id, name)
        return _("illisible") if count is None else str(count)

    def selected(self) -> str | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.backups[rows.pop()].name if rows else None

    def restore_selected(self, *, confirm: bool = True) -> bool:
        name = self.selected()
        if name is None:
            return False
        if confirm and message.question(
                self, _("Restaurer cette version ?"),
                fr(_("La version choisie remplace la version actuelle, qui reste dans la liste des sauvegardes."))
        ) != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.workspace.restore(self.assessment_id, name)
        except StorageError as exc:
            message.warning(self, _("Restauration impossible"), str(exc))
            return False
        self.restored = name
        self.accept()
        return True
