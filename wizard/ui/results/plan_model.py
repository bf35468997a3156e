"""The action plan as a Qt table model, and the proxy that sorts and filters it.

The model only shows Session.plan(): it never decides priorities or dates. Sorting uses
SORT_ROLE (priority code, ISO date, status order) so that columns sort by meaning, not by
their displayed text.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from wizard.core.action_plan import PlannedAction
from wizard.core.framework import Framework
from wizard.core.model import ACTION_STATUSES
from wizard.i18n import N_, _
from wizard.ui.results.labels import content, date_text, owner_text, priority_label, status_label, typo

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS: tuple[tuple[str, str], ...] = (
    ("priority", N_("Priorité")),
    ("title", N_("Action")),
    ("owner", N_("Responsable")),
    ("due", N_("Échéance")),
    ("status", N_("Statut")),
)
STATUS_ORDER = {key: i for i, key in enumerate(ACTION_STATUSES)}
Index = QModelIndex | QPersistentModelIndex


class ActionPlanModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._actions: list[PlannedAction] = []
        self._display_cache: list[tuple[str, ...]] = []
        self._sort_cache: list[tuple[object, ...]] = []
        self.framework: Framework | None = None  # names the owner roles

    def set_actions(self, actions: list[PlannedAction], framework: Framework | None = None) -> None:
        self.beginResetModel()
        self._actions = list(actions)
        self.framework = framework
        # Texts and sort keys computed once: the view asks for them thousands of times.
        self._display_cache = [tuple(self._display(a, c) for c, _l in COLUMNS) for a in self._actions]
        self._sort_cache = [self._sort_keys(a) for a in self._actions]
        self.endResetModel()

    def action_at(self, row: int) -> PlannedAction:
        return self._actions[row]

    def row_of(self, action_id: str) -> int | None:
        for row, action in enumerate(self._actions):
            if action.id == action_id:
                return row
        return None

    def actions(self) -> list[PlannedAction]:
        return list(self._actions)

    # -- Qt model API -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._actions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        action = self._actions[index.row()]
        column = COLUMNS[index.column()][0]
        if role == ACTION_ID_ROLE:
            return action.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display_cache[index.row()][index.column()]
        if role == SORT_ROLE:
            return self._sort_cache[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "priority" and action.overridden:
                return typo(_("Priorité proposée : {p}. Raison du changement : {r}").format(
                    p=priority_label(action.computed_priority), r=action.priority_reason))
            if column == "title":
                if action.catalogue_title is None:
                    return content(action.description)
                origin = typo(_("Intitulé du référentiel : « {title} »").format(title=content(action.catalogue_title)))
                return "\n\n".join(t for t in (content(action.description), origin) if t)
        if role == Qt.ItemDataRole.FontRole and column == "priority" and action.priority == "P1":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _sort_keys(self, action: PlannedAction) -> tuple[object, ...]:
        return (action.priority, content(action.title).casefold(), owner_text(action.owner, self.framework).casefold(),
                action.due.isoformat(), STATUS_ORDER.get(action.status, 99))

    def _display(self, action: PlannedAction, column: str) -> str:
        if column == "priority":
            text = priority_label(action.priority)
            return typo(_("{p} (modifiée)").format(p=text)) if action.overridden else text
        if column == "title":
            title = content(action.title)
            return typo(_("{t} (action ajoutée)").format(t=title)) if action.custom else title
        if column == "owner":
            return owner_text(action.owner, self.framework)
        if column == "due":
            return date_text(action.due)
        return status_label(action.status)


class ActionPlanFilter(QSortFilterProxyModel):
    """Filters by status ("open" = not done nor dropped), by priority and by words."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._status = ""
        self._priority = ""
        self._words = ""

    def set_status(self, status: str) -> None:
        self._refilter(lambda: setattr(self, "_status", status))

    def set_priority(self, priority: str) -> None:
        self._refilter(lambda: setattr(self, "_priority", priority))

    def set_words(self, words: str) -> None:
        self._refilter(lambda: setattr(self, "_words", words.casefold().strip()))

    def _refilter(self, change) -> None:  # noqa: ANN001
        # Qt 6.10 replaced invalidateFilter() with begin/endFilterChange(); older 6.x lack them.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, ActionPlanModel):
            return True
        action = model.action_at(source_row)
        if self._status == "open" and action.status in ("done", "dropped"):
            return False
        if self._status and self._status != "open" and action.status != self._status:
            return False
        if self._priority and action.priority != self._priority:
            return False
        if self._words:
            haystack = " ".join((content(action.title), content(action.description),
                                 owner_text(action.owner, model.framework))).casefold()
            return all(word in haystack for word in self._words.split())
        return True
