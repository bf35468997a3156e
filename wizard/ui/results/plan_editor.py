"""The action plan editor: a sortable, filterable table and the form of the selected action."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wizard.core.model import ACTION_STATUSES, PRIORITIES, CustomAction
from wizard.i18n import _, ngettext
from wizard.operations.session import Session
from wizard.ui.results.action_editor import ActionEditor
from wizard.ui.results.custom_action_dialog import CustomActionDialog
from wizard.ui.results.labels import priority_label, status_label, typo
from wizard.ui.results.plan_model import ACTION_ID_ROLE, ActionPlanFilter, ActionPlanModel

WIDE_ENOUGH_CHARS = 170  # below this many average characters across, the form goes under the table


class PlanEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.custom_dialog: CustomActionDialog | None = None
        self._removed: tuple[int, CustomAction] | None = None
        self._reloading = False

        self.model = ActionPlanModel(self)
        self.proxy = ActionPlanFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(placeholderText=_("Rechercher une action…"), clearButtonEnabled=True)
        self.search.setAccessibleName(_("Rechercher dans le plan d’action"))
        self.search.textChanged.connect(self._filter_changed)
        self.status_filter = QComboBox()
        self.status_filter.addItem(_("Tous les statuts"), "")
        self.status_filter.addItem(_("Non terminées"), "open")
        for key in ACTION_STATUSES:
            self.status_filter.addItem(status_label(key), key)
        self.status_filter.setAccessibleName(_("Filtrer par statut"))
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        self.priority_filter = QComboBox()
        self.priority_filter.addItem(_("Toutes les priorités"), "")
        for key in PRIORITIES:
            self.priority_filter.addItem(priority_label(key), key)
        self.priority_filter.setAccessibleName(_("Filtrer par priorité"))
        self.priority_filter.currentIndexChanged.connect(self._filter_changed)
        self.add_button = QPushButton(_("&Ajouter une action…"))
        self.add_button.setAccessibleName(_("Ajouter une action au plan"))
        self.add_button.clicked.connect(self.open_custom_dialog)
        self.count = QLabel()
        self.count.setAccessibleName(_("Nombre d’actions affichées"))
        self.undo_label = QLabel()
        self.undo_label.setAccessibleName(_("Action supprimée"))
        self.undo_button = QPushButton(_("Rétablir"))
        self.undo_button.setAccessibleName(_("Rétablir l’action supprimée"))
        self.undo_button.clicked.connect(self.undo_remove)
        self.undo_label.hide()
        self.undo_button.hide()

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_("Plan d’action"))
        self.table.setAccessibleDescription(_("Une ligne par action ; l’action choisie se modifie à droite."))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the form; arrows move rows
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setAlternatingRowColors(True)
        self.table.setStyleSheet("QTableView::item { padding: 3px 4px; }")  # wrapped lines need air
        self.table.verticalHeader().hide()
        # Rows follow their wrapped titles whatever the column widths become.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selection_changed())
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self._remove_current)

        self.editor = ActionEditor()
        self.editor.saved.connect(self.reload)
        self.editor.remove_requested.connect(self.remove_custom)
        scroll = QScrollArea()
        scroll.setWidget(self.editor)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(340)
        scroll.setAccessibleName(_("Action sélectionnée"))
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight from the table to the form

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.priority_filter, 1)
        filters.addWidget(self.add_button)
        notice = QHBoxLayout()
        notice.addWidget(self.count)
        notice.addStretch(1)
        notice.addWidget(self.undo_label)
        notice.addWidget(self.undo_button)
        self.splitter = splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3000, 2000])  # scaled to the real width: the table gets three fifths
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(notice)
        layout.addWidget(splitter, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Side by side when there is room; the form below the table with large text or narrow windows."""
        super().resizeEvent(event)
        room = self.width() / max(1, self.fontMetrics().averageCharWidth())
        wanted = Qt.Orientation.Horizontal if room >= WIDE_ENOUGH_CHARS else Qt.Orientation.Vertical
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self.splitter.setSizes([3000, 2000] if wanted == Qt.Orientation.Horizontal else [2000, 3000])

    # -- data ------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self.session = session
        self.editor.set_session(session)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Re-read the plan from the session, keeping the selected action selected."""
        if self.session is None:
            return
        keep = select or self.current_id()
        self._reloading = True  # the reset clears the selection: do not blank the form meanwhile
        try:
            self.model.set_actions(self.session.plan(), self.session.questionnaire.framework)
            self._update_count()
            if not (keep and self.select(keep)) and self.proxy.rowCount():
                self.table.selectRow(0)
        finally:
            self._reloading = False
        self._selection_changed()

    def select(self, action_id: str) -> bool:
        row = self.model.row_of(action_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        if not self._reloading:
            self._selection_changed()
        return True

    def current_id(self) -> str | None:
        index = self.table.selectionModel().currentIndex()
        return index.data(ACTION_ID_ROLE) if index.isValid() else None

    def _selection_changed(self) -> None:
        if self._reloading:
            return
        action_id = self.current_id()
        row = self.model.row_of(action_id) if action_id else None
        self.editor.show_action(self.model.action_at(row) if row is not None else None)

    def _filter_changed(self) -> None:
        self.proxy.set_words(self.search.text())
        self.proxy.set_status(self.status_filter.currentData())
        self.proxy.set_priority(self.priority_filter.currentData())
        self._update_count()
        if not self.current_id() and self.proxy.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = ngettext("{shown} action affichée sur {total}", "{shown} actions affichées sur {total}", shown)
        self.count.setText(typo(text.format(shown=shown, total=total)))

    # -- custom actions -------------------------------------------------------------------
    def open_custom_dialog(self) -> CustomActionDialog | None:
        if self.session is None:
            return None
        self.custom_dialog = CustomActionDialog(self.session.assessment.date, self.session.questionnaire.framework,
                                                self)
        self.custom_dialog.accepted.connect(self._add_custom)
        self.custom_dialog.open()
        return self.custom_dialog

    def _add_custom(self) -> None:
        if self.session is None or self.custom_dialog is None:
            return
        values = self.custom_dialog.values()
        action = self.session.add_custom_action(**values)  # type: ignore[arg-type]
        self.reload(select=action.id)

    def _remove_current(self) -> None:
        action_id = self.current_id()
        row = self.model.row_of(action_id) if action_id else None
        if row is not None and self.model.action_at(row).custom:
            self.remove_custom(action_id)

    def remove_custom(self, action_id: str) -> None:
        """Remove at once and offer to bring it back: quicker than a confirmation box."""
        if self.session is None:
            return
        if not any(a.id == action_id for a in self.session.assessment.custom_actions):
            return
        self._removed = self.session.remove_custom_action(action_id)
        self.undo_label.setText(typo(_("« {t} » supprimée.").format(t=self._removed[1].title)))
        self.undo_label.show()
        self.undo_button.show()
        self.reload()

    def undo_remove(self) -> None:
        if self.session is None or self._removed is None:
            return
        position, action = self._removed
        self.session.restore_custom_action(position, action)
        self._removed = None
        self.undo_label.hide()
        self.undo_button.hide()
        self.reload(select=action.id)
