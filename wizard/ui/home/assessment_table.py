"""The table of assessments: filled at once from the store's summaries; progress and score
are filled just after, a few rows at a time, so that the window is usable at once.

A plain table model over Python rows, sorted and filtered here: Qt asks only for the cells
it shows, where one item object per cell (QStandardItemModel) cost 20 ms for 200 rows at
start-up and a sorting proxy called back into Python for every comparison.
"""

from __future__ import annotations

import threading
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QDate, QLocale, QModelIndex, Qt, QTime, QTimer

from wizard.i18n import _
from wizard.ui.widgets.text import one_line

COLUMNS = ("organisation", "profile", "date", "progress", "score", "modified", "state")
PROGRESS, SCORE = 3, 4
SORT_ROLE = Qt.ItemDataRole.UserRole.value + 1
ID_ROLE = Qt.ItemDataRole.UserRole.value + 2
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_HORIZONTAL = Qt.Orientation.Horizontal
_DESCENDING = Qt.SortOrder.DescendingOrder
CHUNK = 4  # rows completed per event-loop turn: each turn stays well under a frame or two
DAY = "d MMM yyyy"  # every day of the list written alike: « 28 nov. 2026 »


def _load_questionnaire(workspace) -> None:  # noqa: ANN001
    try:
        workspace.registry.default  # noqa: B018 - loads it (the model's classes too): after start-up
    except Exception:  # reported when a row needs it, in the UI thread
        pass


def headers() -> list[str]:
    return [_("Organisation"), _("Profil"), _("Date"), _("Progression"), _("Indice global"),
            _("Dernière modification"), _("État")]


def moment_text(moment: datetime) -> str:
    """« 5 déc. 2026 à 07:52 »: the day written as in the Date column, then the time."""
    locale = QLocale()
    day = locale.toString(QDate(moment.year, moment.month, moment.day), DAY)
    return _("{day} à {time}").format(day=day, time=locale.toString(QTime(moment.hour, moment.minute), "HH:mm"))


def state_text(export: dict | None) -> tuple[str, str]:
    """« brouillon », « exporté le … » or « signé le … », and its sort key."""
    if not export:
        return _("brouillon"), ""
    day = QDate.fromString(export["day"], "yyyy-MM-dd")
    when = QLocale().toString(day, DAY) if day.isValid() else export["day"]
    text = _("signé le {day}") if export.get("signed") else _("exporté le {day}")
    return text.format(day=when), export["day"]


class _Row:
    """One assessment: sort keys at once, texts when Qt first shows them (or a search needs them)."""

    __slots__ = ("id", "summary", "keys", "_texts", "_labels", "demo", "origin", "export")

    def __init__(self, summary, labels: dict[str, str], demo: bool = False, export: dict | None = None) -> None:
        self._labels = labels  # the model's profile labels, filled once the content is loaded
        self.export = export  # the last plan exported from it (the settings remember it)
        self.demo = demo  # the demonstration assessment: said so in its row
        self.origin: str | None = None  # a re-assessment: the date of the one it started from
        self.id = summary.id
        self.summary = summary
        self.keys = [summary.organisation.casefold(), summary.profile, summary.date.isoformat(), -1, -1,
                     summary.modified, state_text(export)[1]]
        self._texts: list[str] | None = None

    @property
    def texts(self) -> list[str]:
        if self._texts is None:
            s = self.summary
            locale = QLocale()  # set from the interface language at start-up
            modified = datetime.fromisoformat(s.modified)
            name = one_line(s.organisation)  # a name is shown as one line of plain text
            if self.demo:
                name = _("{name} (démonstration, données fictives)").format(name=name)
            self._texts = [
                name, self._labels.get(s.profile, s.profile),
                locale.toString(QDate(s.date.year, s.date.month, s.date.day), DAY), _("…"), _("…"),
                moment_text(modified), state_text(self.export)[0]]
        return self._texts

    def haystack(self) -> str:
        return "\n".join(self.texts).casefold()


class AssessmentTable(QAbstractTableModel):
    def __init__(self, workspace, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.workspace = workspace
        self._profile_labels: dict[str, str] = {}
        self._headers = headers()
        self._rows: list[_Row] = []  # every assessment listed
        self._by_id: dict[str, _Row] = {}
        self._shown: list[_Row] = []  # those matching the filter, in the sort order
        self._filter = ""
        self._year: int | None = None
        self.demo_id = ""
        self.exports: dict[str, dict] = {}
        self._sort_column, self._sort_order = 5, _DESCENDING
        self._todo: list[str] = []
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._fill_some)
        self._loader: threading.Thread | None = None

    # -- what Qt asks --------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=_DISPLAY):
        if not index.isValid():
            return None
        row = self._shown[index.row()]
        if role == _DISPLAY or role == _TOOLTIP:
            return row.texts[index.column()]
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return row.keys[index.column()]
        return None

    def headerData(self, section, orientation, role=_DISPLAY):
        if role == _DISPLAY and orientation == _HORIZONTAL:
            return self._headers[section]
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self._relayout()

    # -- what the home page asks ---------------------------------------------------------------
    def load(self, exclude: set[str] = frozenset()) -> None:
        rows = [_Row(s, self._profile_labels, s.id == self.demo_id, self.exports.get(s.id))
                for s in self.workspace.summaries() if s.id not in exclude]
        self.beginResetModel()
        self._rows = rows
        self._by_id = {r.id: r for r in rows}
        self._shown = self._arranged()
        self.endResetModel()
        self._todo = [r.id for r in rows]
        if self._todo:
            QTimer.singleShot(0, self._warm_up)  # after the window has been shown

    def set_filter(self, text: str, year: int | None = None) -> None:
        """Show only the rows holding text in one of their columns, whatever its case, and of
        the given year (None: every year)."""
        self._filter = text.casefold()
        self._year = year
        self._relayout()

    def years(self) -> list[int]:
        return sorted({r.summary.date.year for r in self._rows}, reverse=True)

    def row_of(self, aid: str) -> int:
        """Position of an assessment among the rows shown, -1 if hidden or absent."""
        for position, row in enumerate(self._shown):
            if row.id == aid:
                return position
        return -1

    def text(self, row: int, column: int) -> str:
        return self._shown[row].texts[column]

    def remove(self, aid: str) -> None:
        position = self.row_of(aid)
        self._rows = [r for r in self._rows if r.id != aid]
        self._by_id.pop(aid, None)
        if position >= 0:
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._shown[position]
            self.endRemoveRows()

    def total(self) -> int:
        """Every assessment listed, whatever the filter."""
        return len(self._rows)

    # -- order and filter ----------------------------------------------------------------------
    def _arranged(self) -> list[_Row]:
        needle = self._filter
        shown = [r for r in self._rows if needle in r.haystack()] if needle else list(self._rows)
        if self._year is not None:
            shown = [r for r in shown if r.summary.date.year == self._year]
        column = self._sort_column
        shown.sort(key=lambda r: r.keys[column], reverse=self._sort_order == _DESCENDING)
        return shown

    def _relayout(self) -> None:
        """Re-sort and re-filter, keeping the selection and the current row where they still show."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [(self._shown[i.row()].id, i.column()) for i in before]
        self._shown = self._arranged()
        positions = {r.id: n for n, r in enumerate(self._shown)}
        after = [self.index(positions[aid], column) if aid in positions else QModelIndex() for aid, column in ids]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    # -- progress and score, after start-up ----------------------------------------------------
    def _warm_up(self) -> None:
        """Parse the questionnaire in a thread first (the first parse takes a while), so that
        the window answers at once; rows are completed once it is ready."""
        if self._loader is None:
            self._loader = threading.Thread(target=_load_questionnaire, args=(self.workspace,), daemon=True)
            self._loader.start()
        if self._loader.is_alive():
            QTimer.singleShot(30, self._warm_up)
        else:
            self._name_profiles()
            self._timer.start()

    def _name_profiles(self) -> None:
        """The profiles' labels from the content, once loaded (the rows showed their ids until then)."""
        from wizard.i18n import current_language

        try:
            framework = self.workspace.registry.default.framework
        except Exception:  # damaged content: the ids stay, each row says why it cannot be read
            return
        if self._profile_labels:
            return
        self._profile_labels.update({p.id: p.label.get(current_language()) for p in framework.profiles})
        for row in self._rows:
            if row._texts is not None:
                row._texts[1] = self._profile_labels.get(row.summary.profile, row.summary.profile)
        if self._shown:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._shown) - 1, 1))

    def _fill_some(self) -> None:
        from wizard.i18n import format_index, format_percent

        for _n in range(CHUNK):
            if not self._todo:
                self._timer.stop()
                break
            row = self._by_id.get(self._todo.pop(0))
            if row is None:
                continue
            try:
                # Read without a lock: the list must not take the one another window may need.
                evaluation = self.workspace.evaluation(row.id)
                prog, score = evaluation.progress, evaluation.scores.overall
                self._mark_origin(row, evaluation.assessment.previous_id)
            except Exception:  # a damaged file: the row says so instead of breaking the list
                self._set(row, _("illisible"), -1, _("illisible"), -1)
                continue
            self._set(row, _("{percent} ({answered}/{total})").format(
                percent=format_percent(prog.percent), answered=prog.answered, total=prog.total), prog.percent,
                # As on the results page (« 23 / 100 »); with no answer at all, nothing was assessed:
                # « non évalué », not an index of 0.
                format_index(score) if score is not None and prog.answered else _("non évalué"),
                score if score is not None and prog.answered else -1)
        if self._filter or self._sort_column in (PROGRESS, SCORE):
            self._relayout()

    def _mark_origin(self, row: _Row, previous_id: str) -> None:
        """A re-assessment says so under its date, told apart from the one it started from: on a
        second line, so that the column stays narrow enough for the list to fit a 1024×768 screen."""
        if not previous_id or row.origin is not None:
            return
        origin = self._by_id.get(previous_id)
        row.origin = origin.texts[2].split("\n")[0] if origin is not None else ""
        date_text = row.texts[2]
        row.texts[2] = (_("{date}\nréévaluation du {origin}").format(date=date_text, origin=row.origin)
                        if row.origin else _("{date}\nréévaluation").format(date=date_text))

    def two_lines(self, position: int) -> bool:
        """Whether the row shown at this position needs two lines (a re-assessment's date)."""
        return self._shown[position].origin is not None

    def _set(self, row: _Row, progress: str, progress_key, score: str, score_key) -> None:
        row.texts[PROGRESS], row.keys[PROGRESS] = progress, progress_key
        row.texts[SCORE], row.keys[SCORE] = score, score_key
        position = self.row_of(row.id)
        if position >= 0:
            self.dataChanged.emit(self.index(position, 2), self.index(position, SCORE))

    def stop(self) -> None:
        """Stop filling and let the parsing thread end (it fills a process-wide cache)."""
        self._timer.stop()
        self._todo = []
        if self._loader is not None:
            self._loader.join(timeout=10)

    def finished(self) -> bool:
        return not self._todo and not self._timer.isActive()

