"""The table of assessments: filled at once from the store's summaries; progress and score
are filled just after, a few rows at a time, so that the window is usable at once."""

from __future__ import annotations

import threading
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel

from wizard.core.model import PROFILE_LABELS
from wizard.i18n import _, format_percent
from wizard.storage import Store

COLUMNS = ("organisation", "profile", "date", "progress", "score", "modified")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
CHUNK = 4  # rows completed per event-loop turn: each turn stays well under a frame or two


def _load_questionnaire() -> None:
    from wizard.core.questionnaire import default_questionnaire  # YAML and schema: after start-up

    try:
        default_questionnaire()
    except Exception:  # reported when a row needs it, in the UI thread
        pass


def headers() -> list[str]:
    return [_("Organisation"), _("Profil"), _("Date"), _("Progression"), _("Score global"),
            _("Dernière modification")]


def _item(text: str, sort_key, aid: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(sort_key, SORT_ROLE)
    item.setData(aid, ID_ROLE)
    item.setToolTip(text)
    return item


class AssessmentTable(QStandardItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(headers())
        self._todo: list[str] = []
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._fill_some)
        self.store: Store | None = None
        self._loader: threading.Thread | None = None

    def load(self, store: Store, exclude: set[str] = frozenset()) -> None:
        self.store = store
        self.removeRows(0, self.rowCount())
        locale = QLocale()  # set from the interface language at start-up; fast for hundreds of rows
        for s in store.list():
            if s.id in exclude:
                continue
            modified = datetime.fromisoformat(s.modified)
            self.appendRow([
                _item(s.organisation, s.organisation.casefold(), s.id),
                _item(_(PROFILE_LABELS.get(s.profile, s.profile)), s.profile, s.id),
                _item(locale.toString(QDate(s.date.year, s.date.month, s.date.day), "d MMM yyyy"),
                      s.date.isoformat(), s.id),
                _item(_("…"), -1, s.id),
                _item(_("…"), -1, s.id),
                _item(locale.toString(QDateTime(modified.date(), modified.time()),
                                      QLocale.FormatType.ShortFormat), s.modified, s.id),
            ])
        self._todo = [self.item(r, 0).data(ID_ROLE) for r in range(self.rowCount())]
        if self._todo:
            QTimer.singleShot(0, self._warm_up)  # after the window has been shown

    def _warm_up(self) -> None:
        """Parse the questionnaire in a thread first (the first parse takes a while), so that
        the window answers at once; rows are completed once it is ready."""
        if self._loader is None:
            self._loader = threading.Thread(target=_load_questionnaire, daemon=True)
            self._loader.start()
        if self._loader.is_alive():
            QTimer.singleShot(30, self._warm_up)
        else:
            self._timer.start()

    def row_of(self, aid: str) -> int:
        for r in range(self.rowCount()):
            if self.item(r, 0).data(ID_ROLE) == aid:
                return r
        return -1

    def _fill_some(self) -> None:
        for _n in range(CHUNK):
            if not self._todo:
                self._timer.stop()
                return
            aid = self._todo.pop(0)
            row = self.row_of(aid)
            if row < 0:
                continue
            from wizard.service import Session  # not needed before the first rows are filled

            try:
                # Read-only: the list must not take the lock another window may need.
                session = Session(self.store, aid, read_only=True)
                prog, score = session.progress(), session.scores().overall
            except Exception:  # a damaged file: the row says so instead of breaking the list
                self.item(row, 3).setText(_("illisible"))
                self.item(row, 4).setText(_("illisible"))
                continue
            self.item(row, 3).setText(_("{percent} ({answered}/{total})").format(
                percent=format_percent(prog.percent), answered=prog.answered, total=prog.total))
            self.item(row, 3).setData(prog.percent, SORT_ROLE)
            self.item(row, 4).setText(_("{score}/100").format(score=score) if score is not None else _("—"))
            self.item(row, 4).setData(score if score is not None else -1, SORT_ROLE)

    def stop(self) -> None:
        """Stop filling and let the parsing thread end (it fills a process-wide cache)."""
        self._timer.stop()
        self._todo = []
        if self._loader is not None:
            self._loader.join(timeout=10)

    def finished(self) -> bool:
        return not self._todo and not self._timer.isActive()


class SearchProxy(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
