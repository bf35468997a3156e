"""Home: the assessments with their count, search, year filter and sort; new, open, re-assess,
delete (with undo), import and copy to exchange files; an explanation, the guide and the
demonstration when there is nothing yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wizard.i18n import _, ngettext
from wizard.ui.home.assessment_table import ID_ROLE, AssessmentTable
from wizard.ui.home.empty_state import EmptyState
from wizard.ui.widgets import message
from wizard.ui.widgets.accessible import name_headers, named
from wizard.ui.widgets.ask import ask
from wizard.ui.widgets.text import fr, one_line
from wizard.ui.widgets.theme import scale_widget_font

if TYPE_CHECKING:
    from wizard.operations.workspace import Workspace

UNDO_DELETE_MS = 15_000  # how long a deletion can be undone before the file is removed
ORGANISATION_ROOM = 20  # characters the organisation keeps before the profile column gives way


class HomePage(QWidget):
    openRequested = Signal(str)  # assessment id
    newRequested = Signal()
    importRequested = Signal()
    exportRequested = Signal(str)
    reassessRequested = Signal(str)  # assessment id: asks for the new date and participants
    guideRequested = Signal(str)  # which guide
    demoRequested = Signal()

    def __init__(self, workspace: Workspace | None, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace  # None until the folder is open (wait_for_data, set_workspace)
        self.pending_deletes: list[str] = []
        self.model = AssessmentTable(workspace, self)
        self.demo_id = ""  # the demonstration assessment, marked as such in the list

        title = QLabel(_("Évaluations"))
        scale_widget_font(title, 1.5, bold=True)
        self.search = named(QLineEdit(), _("Rechercher une évaluation"),
                            _("Filtre sur l’organisation, le profil ou la date"))
        self.search.setPlaceholderText(_("Rechercher (organisation, profil, date)…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.open_selected)  # type, then Enter: the first match opens
        self.year = named(QComboBox(), _("Année de l’évaluation"), _("N’afficher que les évaluations d’une année"))
        # Filled once the folder is open, after the first paint: its width follows its choices.
        self.year.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year.currentIndexChanged.connect(lambda _i: self._filter(self.search.text()))
        self.count = QLabel()
        named(self.count, _("Nombre d’évaluations"))

        self.table = named(QTableView(), _("Liste des évaluations"),
                           fr(_("Entrée ou double-clic : ouvrir l’évaluation")))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        name_headers(self.table, _("Liste des évaluations"))
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)  # a long name ends in « … » on its line (in full in its tooltip)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(40)  # sizing on every row of a long list is slow
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A re-assessment's date takes two lines: only its row grows (sizing every row is slow).
        for changed in (self.model.modelReset, self.model.layoutChanged, self.model.rowsRemoved):
            changed.connect(lambda *_args: self._fit_rows())
        self.model.dataChanged.connect(lambda first, last, *_roles: self._fit_rows(first.row(), last.row()))
        # When the other columns leave the organisation too little room (a small screen, long
        # states), the profile shares it, each ending in « … »: the list never scrolls sideways.
        self._share_timer = QTimer(self, singleShot=True, interval=0)
        self._share_timer.timeout.connect(self._share_the_width)
        header.sectionResized.connect(lambda column, *_sizes: column > 0 and self._share_timer.start())
        self.table.viewport().installEventFilter(self)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table,
                               context=Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)

        def button(text, name, slot, description=""):
            b = named(QPushButton(text), name, description)
            b.clicked.connect(slot)
            return b
        self.new_button = button(_("&Nouvelle évaluation"), _("Nouvelle évaluation"), self.newRequested.emit)
        self.open_button = button(_("&Ouvrir"), _("Ouvrir l’évaluation sélectionnée"), self.open_selected)
        self.reassess_button = button(
            fr(_("&Réévaluer…")), _("Réévaluer : nouvelle évaluation à partir de celle-ci"), self.reassess_selected,
            _("Reprend les réponses comme point de départ, marquées « à revoir » ; demande la date et les "
              "participants"))
        self.delete_button = button(_("&Supprimer"), _("Supprimer l’évaluation sélectionnée"), self.delete_selected)
        self.backups_button = button(_("Sau&vegardes…"), _("Sauvegardes de l’évaluation sélectionnée"),
                                     self.show_backups, _("Revenir à une version précédente"))
        self.import_button = button(_("&Importer…"), _("Importer un fichier d’échange ou un plan signé"),
                                    self.importRequested.emit)
        # « Exporter » is the signed PDF's verb: moving an assessment to another PC is a copy.
        self.export_button = button(_("&Copier vers un fichier…"),
                                    _("Copier l’évaluation sélectionnée dans un fichier d’échange (.vigie)"),
                                    lambda: self.exportRequested.emit(self.selected_id() or ""),
                                    _("Pour la reprendre sur un autre ordinateur ou la confier à un consultant"))

        self.undo_bar = QFrame()
        self.undo_bar.setFrameShape(QFrame.Shape.Box)
        self.undo_label = QLabel()
        self.undo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = button(_("Annuler la suppression"), _("Annuler la suppression"), self.undo_delete)
        bar = QHBoxLayout(self.undo_bar)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)
        self._delete_timer = QTimer(self, singleShot=True, interval=UNDO_DELETE_MS)
        self._delete_timer.timeout.connect(self.commit_deletes)

        self.empty = EmptyState()
        self.empty.newRequested.connect(self.newRequested)
        self.empty.importRequested.connect(self.importRequested)
        self.empty.guideRequested.connect(self.guideRequested)
        self.empty.demoRequested.connect(self.demoRequested)
        list_page = QWidget()
        lp = QVBoxLayout(list_page)
        lp.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.count)
        top.addWidget(self.search, 1)
        top.addWidget(self.year)
        lp.addLayout(top)
        lp.addWidget(self.table, 1)
        self.no_match = QLabel()
        self.no_match.setWordWrap(True)
        named(self.no_match, _("Aucun résultat"))
        self.no_match.setVisible(False)
        lp.addWidget(self.no_match)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        named(self.problems, _("Évaluations illisibles"))
        self.problems.setVisible(False)
        lp.addWidget(self.problems)
        row = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.reassess_button, self.delete_button, self.backups_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.import_button)
        row.addWidget(self.export_button)
        lp.addLayout(row)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(list_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.stack, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.set_exchange_available(False)

    def wait_for_data(self) -> None:
        """Until the data folder is open (just after the window's first paint): the list, empty,
        and nothing to click that needs the folder."""
        self.stack.setCurrentIndex(1)
        for b in (self.new_button, self.import_button, self.search, self.year):
            b.setEnabled(False)
        self._update_buttons()

    def set_workspace(self, workspace: Workspace) -> None:
        """The data folder, now open: its assessments fill the list."""
        self.workspace = workspace
        self.model.workspace = workspace
        for b in (self.new_button, self.import_button, self.search, self.year):
            b.setEnabled(True)
        self.reload()
        focused = self.focusWidget()
        if focused is None or not focused.isEnabled():
            self.focus_list()

    def set_exchange_available(self, available: bool) -> None:
        for b in (self.import_button, self.export_button, self.empty.import_button):
            b.setVisible(available)

    # -- data ----------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.model.demo_id = self.demo_id
        self.model.exports = self.workspace.settings().exports
        self.model.load(exclude=set(self.pending_deletes))
        self._fill_years()
        problems = self.workspace.problems  # files the folder holds but could not be read
        self.problems.setText(fr("⚠ " + _("Fichiers illisibles, laissés de côté : {list}").format(
            list=" ; ".join(message for _id, message in problems))))
        self.problems.setVisible(bool(problems))
        self.stack.setCurrentIndex(1 if self.model.total() else 0)
        if select:
            self.select(select)
        elif self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._share_timer.start()
        return False

    def _share_the_width(self) -> None:
        """The profile column takes its text's width, unless the organisation would then keep
        less than ORGANISATION_ROOM characters: both then share what is left."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(2, header.count()) if not header.isSectionHidden(c))
        profile = max(header.sectionSizeHint(1), self.table.sizeHintForColumn(1))
        least = ORGANISATION_ROOM * self.table.fontMetrics().averageCharWidth()
        squeezed = self.table.viewport().width() - others - profile < least
        mode = QHeaderView.ResizeMode.Stretch if squeezed else QHeaderView.ResizeMode.ResizeToContents
        if header.sectionResizeMode(1) != mode:
            header.setSectionResizeMode(1, mode)

    def _fit_rows(self, first: int = 0, last: int | None = None) -> None:
        """Rows of one line, but for the two-line dates of re-assessments."""
        header = self.table.verticalHeader()
        one_line_height = header.defaultSectionSize()
        last = self.model.rowCount() - 1 if last is None else min(last, self.model.rowCount() - 1)
        air = self.table.fontMetrics().height() // 2  # the lines do not touch the row's edges
        for position in range(max(0, first), last + 1):
            wanted = self.table.sizeHintForRow(position) + air if self.model.two_lines(position) else one_line_height
            if header.sectionSize(position) != wanted:
                header.resizeSection(position, wanted)

    def _filter(self, text: str) -> None:
        """Show the matching assessments; the one selected stays selected if it matches, else the
        first match is, so that Enter opens it."""
        kept = self.selected_id()
        self.model.set_filter(text, self.year.currentData())
        if kept and self.model.row_of(kept) >= 0:
            self.select(kept)
        elif self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.table.clearSelection()
        empty = bool(text.strip()) and not self.model.rowCount() and self.model.total() > 0
        self.no_match.setText(fr(_("Aucune évaluation ne correspond à « {text} ».")).format(text=one_line(text)))
        self.no_match.setVisible(empty)
        self._show_count()
        self._update_buttons()

    def _fill_years(self) -> None:
        """« Toutes les années », then each year that has an assessment, newest first."""
        keep = self.year.currentData()
        years = self.model.years()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(_("Toutes les années"), None)
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(0, self.year.findData(keep)) if keep in years else 0)
        self.year.blockSignals(False)
        self.year.setVisible(len(years) > 1)
        self.model.set_filter(self.search.text(), self.year.currentData())
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if shown == total:
            text = ngettext("{n} évaluation", "{n} évaluations", total).format(n=total)
        else:
            text = ngettext("{shown} sur {n} évaluation", "{shown} sur {n} évaluations", total).format(
                shown=shown, n=total)
        self.count.setText(fr(text))

    def select(self, aid: str) -> None:
        row = self.model.row_of(aid)
        if row >= 0:
            self.table.selectRow(row)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        for b in (self.open_button, self.reassess_button, self.delete_button, self.backups_button, self.export_button):
            b.setEnabled(has)

    def focus_list(self) -> None:
        (self.table if self.model.total() else self.empty.new_button).setFocus()

    # -- actions -------------------------------------------------------------------------------
    def open_selected(self) -> None:
        aid = self.selected_id()
        if aid:
            self.openRequested.emit(aid)

    def reassess_selected(self) -> None:
        aid = self.selected_id()
        if aid:
            self.reassessRequested.emit(aid)

    def show_backups(self) -> None:
        from wizard.ui.home.backups_dialog import BackupsDialog

        aid = self.selected_id()
        if aid is None:
            return
        dialog = BackupsDialog(self.workspace, aid, self.workspace.summary(aid).organisation, self)
        if dialog.exec() and dialog.restored:
            self.reload(select=aid)

    def show_deleted(self) -> None:
        """The deleted assessments their backups can bring back; one brought back is selected."""
        from wizard.ui.home.deleted_dialog import DeletedDialog

        self.commit_deletes()  # one deleted a moment ago is listed there too, not hidden in the undo bar
        dialog = DeletedDialog(self.workspace, self)
        dialog.exec()
        self.reload(select=dialog.restored)
        self.focus_list()

    def delete_selected(self) -> None:
        aid = self.selected_id()
        if not aid:
            return
        name = one_line(self.workspace.summary(aid).organisation)
        if not ask(self, _("Supprimer l’évaluation"), fr(_(
                "Supprimer l’évaluation de « {name} » ? Vous pourrez l’annuler pendant quelques secondes.")).format(
                name=name)):
            return
        self.pending_deletes.append(aid)
        self.model.remove(aid)
        self.stack.setCurrentIndex(1 if self.model.total() else 0)
        self.undo_label.setText(fr(_("Évaluation de « {name} » supprimée.")).format(name=name))
        self.undo_bar.setVisible(True)
        self.undo_button.setFocus()
        self._delete_timer.start()
        self._update_buttons()

    def undo_delete(self) -> None:
        if not self.pending_deletes:
            return
        aid = self.pending_deletes.pop()
        if not self.pending_deletes:
            self.undo_bar.setVisible(False)
            self._delete_timer.stop()
        self.reload(select=aid)
        self.table.setFocus()

    def commit_deletes(self) -> None:
        """Remove the files of deletions no longer undoable (timer ran out, or the app closes)."""
        while self.pending_deletes:
            aid = self.pending_deletes.pop(0)
            try:
                self.workspace.delete(aid)
            except Exception as exc:
                message.warning(self, _("Suppression impossible"), str(exc))
        self.undo_bar.setVisible(False)
