"""« Évaluations supprimées »: the assessments gone from the folder that their backups can still
bring back, and bringing one back.

The home list only shows what is in the folder, and a backup is reached from a selected row: so
without this window, an assessment deleted once the few seconds of « Annuler » had passed (or
whose file was removed by hand) could only be recovered by someone who knew its id.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from wizard.i18n import _, current_language, format_day, format_moment
from wizard.operations.deleted import DeletedAssessment
from wizard.operations.errors import OperationError, StorageError
from wizard.operations.workspace import Workspace
from wizard.ui.widgets import message
from wizard.ui.widgets.accessible import name_headers, named
from wizard.ui.widgets.text import fr


def _cells(d: DeletedAssessment, profiles: dict[str, str]) -> tuple[str, ...]:
    last = format_moment(d.last_version, "short")
    if d.organisation is None:
        return (_("(aucune sauvegarde lisible)"), "", "", "", last)
    day = format_day(d.date) if d.date else ""
    return (d.organisation, profiles.get(d.profile or "", d.profile or ""), day, str(d.answered), last)


class DeletedDialog(QDialog):
    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.restored: str | None = None
        self.setWindowTitle(_("Évaluations supprimées"))
        named(self, _("Évaluations supprimées"))
        intro = QLabel(fr(_("Une évaluation supprimée garde ses sauvegardes. Rétablir la remet dans la liste de "
                            "l’accueil, telle qu’elle était à sa dernière version.")), wordWrap=True)
        self.deleted = workspace.deleted()
        lang = current_language()
        profiles = {p.id: p.label.get(lang) for p in workspace.registry.default.framework.profiles}
        headers = [_("Organisation"), _("Profil"), _("Date"), _("Réponses"), _("Dernière version")]
        self.table = QTableWidget(len(self.deleted), len(headers))
        named(self.table, _("Liste des évaluations supprimées"))
        self.table.setHorizontalHeaderLabels(headers)
        name_headers(self.table, _("Liste des évaluations supprimées"))
        for row, deleted in enumerate(self.deleted):
            for column, text in enumerate(_cells(deleted, profiles)):
                item = QTableWidgetItem(fr(text) if column == 0 else text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if column == 0:
                    item.setToolTip(item.text())  # the whole name, when the column cuts it
                self.table.setItem(row, column, item)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # a long name ends in « … », no sideways scroll
        self.table.verticalHeader().setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = named(QPushButton(_("&Rétablir l’évaluation")), _("Rétablir l’évaluation choisie"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_button.setEnabled(False)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _item: self.restore_selected())
        empty = QLabel(_("Aucune évaluation supprimée."))
        empty.setVisible(not self.deleted)
        self.table.setVisible(bool(self.deleted))
        layout = QVBoxLayout(self)
        for widget in (intro, empty, self.table, self.buttons):
            layout.addWidget(widget)
        self.resize(820, 380)
        if self.deleted:
            self.table.selectRow(0)
            self.table.setFocus()

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(chosen is not None and chosen.organisation is not None)

    def selected(self) -> DeletedAssessment | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.deleted[rows.pop()] if rows else None

    def restore_selected(self) -> bool:
        chosen = self.selected()
        if chosen is None or chosen.organisation is None:
            return False
        try:
            self.workspace.undelete(chosen.id)
        except (OperationError, StorageError) as exc:
            message.warning(self, _("Rétablissement impossible"), str(exc))
            return False
        self.restored = chosen.id
        self.accept()
        return True
