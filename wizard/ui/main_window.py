"""The main window: a stack of pages (home, answering, results), menus, toolbar, shortcuts.

Each page does its own work; the window only switches between them and opens dialogs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from wizard.i18n import _
from wizard.settings import Settings, opened
from wizard.ui import optional
from wizard.ui.home.home_page import HomePage
from wizard.ui.widgets import message
from wizard.ui.widgets.text import one_line
from wizard.ui.window_actions import build_actions, update_actions, update_undo
from wizard.ui.window_dialogs import WindowDialogs
from wizard.ui.window_geometry import place_window, saved_geometry
from wizard.ui.window_look import WindowLook

if TYPE_CHECKING:
    from wizard.operations.workspace import Workspace

WANTED = QSize(1280, 820)  # the window's size where the screen has room for it
# Menu entries that need the data folder open: disabled for the instant it opens after the first paint.
NEEDS_FOLDER = ("new", "settings", "compare", "merge", "processors", "clients", "deleted")

_REPLACEMENTS: list[QMainWindow] = []  # windows rebuilt in another language, kept alive here


class MainWindow(WindowDialogs, WindowLook, QMainWindow):
    def __init__(self, workspace: Workspace | None, parent=None, *, settings: Settings | None = None) -> None:
        """workspace None: the window is shown first, its data come with attach_workspace() (start-up:
        the data layer is loaded, and the folder opened, once the window has been painted)."""
        super().__init__(parent)
        self.workspace = workspace  # the one door to the stored assessments, reports and signatures
        self.data_dir = workspace.data_dir if workspace is not None else None
        self.registry = workspace.registry if workspace is not None else None
        self.settings = workspace.settings() if workspace is not None else (settings or Settings())
        self.session = None  # the open assessment's wizard.operations.session.Session
        self.results = None
        self.presentation = False
        self.presentation_scale = 150
        self.open_pdf = None  # how an exported PDF is opened; None: the export dialog's default
        self.setWindowTitle("Vigie")
        self.pages = QStackedWidget()
        self.home = HomePage(workspace)
        self._answering = None  # built on first use: start-up shows the home page only
        self.pages.addWidget(self.home)
        self.setCentralWidget(self.pages)
        self.home.openRequested.connect(self.open_assessment)
        self.home.newRequested.connect(self.new_assessment)
        self.home.importRequested.connect(self.import_exchange)
        self.home.exportRequested.connect(self.export_exchange)
        self.home.reassessRequested.connect(self.reassess)
        self.home.guideRequested.connect(self.show_guide)
        self.home.demoRequested.connect(self.open_demo)
        self.home.set_exchange_available(True)
        self.home.demo_id = self.settings.demo_id
        self.actions_by_name, self.toolbar = build_actions(self)
        self.pages.currentChanged.connect(lambda _i: update_actions(self))
        if workspace is not None:
            self.attach_workspace(workspace)
        else:
            self.home.wait_for_data()
            for name in NEEDS_FOLDER:  # they need the folder and its content
                self.actions_by_name[name].setEnabled(False)
            update_actions(self)
        self.place_on()

    def attach_workspace(self, workspace: Workspace) -> None:
        """The data folder, once open: the home lists its assessments."""
        self.workspace = workspace
        self.data_dir = workspace.data_dir
        self.registry = workspace.registry
        self.settings = workspace.settings()
        self.home.demo_id = self.settings.demo_id
        for name in NEEDS_FOLDER:
            self.actions_by_name[name].setEnabled(True)
        self.home.set_workspace(workspace)
        update_actions(self)

    # -- where the window goes -------------------------------------------------------------------
    def place_on(self, screen=None) -> None:  # noqa: ANN001 - a QScreen, default: the window's own
        """Fit the window to the screen's available area (the one it was left at, if it fits)."""
        if screen is not None:
            self.setScreen(screen)
            self.move(screen.availableGeometry().topLeft())
        self._maximise = place_window(self, WANTED, self.settings.window_geometry if screen is None else "")

    def show(self) -> None:
        self.showMaximized() if getattr(self, "_maximise", False) else super().show()

    def _remember_geometry(self) -> None:
        if self.presentation:
            self.set_presentation(False)  # the window comes back as it was before the room
        self._remember(window_geometry=saved_geometry(self))

    def _remember(self, **changes) -> None:
        """Keep what the window remembers (its place, the last assessments); a folder that cannot
        be written (or not open yet) only means it is not remembered."""
        if self.workspace is None or self.workspace.read_only:
            return
        try:
            current = self.workspace.settings()
            updated = replace(current, **changes)
            if updated != current:
                self.workspace.save_settings(updated)
            self.settings = replace(self.settings, **changes)
        except OSError:
            pass

    @property
    def answering(self):
        if self._answering is None:
            from wizard.ui.answering.answering_page import AnsweringPage

            page = AnsweringPage()
            page.auto_advance = self.settings.auto_advance
            page.changed.connect(lambda: update_undo(self))
            page.homeRequested.connect(self.show_home)
            page.resultsRequested.connect(self.show_results)
            page.results_button.setVisible(optional.available("results"))
            page.set_presentation(self.presentation)
            self.pages.addWidget(page)
            self._answering = page
        return self._answering

    def _flush(self) -> None:
        if self._answering is not None:
            self._answering.flush()

    # -- pages -----------------------------------------------------------------------------------
    def show_home(self) -> None:
        self._flush()
        self.pages.setCurrentWidget(self.home)
        self.home.reload(select=self.session.assessment.id if self.session else None)
        self.home.focus_list()
        self.setWindowTitle("Vigie")

    def show_deleted(self) -> None:
        """« Évaluations supprimées », from the home page, where one brought back appears."""
        self.show_home()
        self.home.show_deleted()

    def open_assessment(self, aid: str) -> None:
        self._flush()
        try:
            session = self.workspace.open_session(aid)
        except Exception as exc:
            message.warning(self, _("Ouverture impossible"), str(exc))
            return
        self._close_session()
        self.session = session
        self.answering.set_session(session)
        for notice in getattr(session, "notices", []) or []:
            message.information(self, _("Information"), notice)
        self.workspace.notices.clear()
        if self.results is not None:
            self.results.set_session(session)
        self.pages.setCurrentWidget(self.answering)
        self.setWindowTitle(_("Vigie — {organisation}").format(organisation=one_line(session.assessment.organisation.name)))
        update_actions(self)
        self._remember(recent=opened(self.settings, aid).recent)

    def _close_session(self) -> None:
        if self.session is not None and hasattr(self.session, "close"):
            self.session.close()
        self.session = None

    def show_results(self) -> None:
        page_class = optional.screen("results")
        if self.session is None or page_class is None:
            return
        self._flush()
        if self.results is None:
            self.results = page_class()
            self.pages.addWidget(self.results)
            if hasattr(self.results, "backRequested"):
                self.results.backRequested.connect(self.show_answering)
            if hasattr(self.results, "exportRequested"):
                self.results.exportRequested.connect(self.export_pdf)
            if hasattr(self.results, "amendmentRequested"):
                self.results.amendmentRequested.connect(self.contract_amendment)
            if hasattr(self.results, "questionRequested"):
                self.results.questionRequested.connect(self.show_question)
        self.results.set_session(self.session)
        self.results.refresh()
        self.pages.setCurrentWidget(self.results)

    def show_question(self, qid: str) -> None:
        if self.session is not None:
            self.show_answering()
            self.answering.show_question(qid)

    def show_answering(self) -> None:
        if self.session is not None:
            self.pages.setCurrentWidget(self.answering)
            self.answering.refresh()
            if self.answering.current is not None:
                self.answering.current.focus_choices()

    def switch_language(self, lang: str) -> MainWindow:
        """Relabel everything by building the window again, in place of this one. Nothing is lost:
        every change is already stored; the open assessment, its position and page come back."""
        from wizard.ui.app import install_language

        self._flush()
        install_language(QApplication.instance(), lang)
        replacement = MainWindow(self.workspace)
        replacement.setGeometry(self.geometry())
        if self.session is not None:
            on_results = self.results is not None and self.pages.currentWidget() is self.results
            aid = self.session.assessment.id
            self._close_session()  # where the user was is written, the lock passes to the new window
            replacement.open_assessment(aid)
            if on_results:
                replacement.show_results()
        replacement.set_presentation(self.presentation)
        self._hand_over_workspace = True
        _REPLACEMENTS.append(replacement)
        replacement.show()
        self.close()
        return replacement

    # -- undo by operation ------------------------------------------------------------------------
    def undo(self) -> None:
        """Undo the last answer change, wherever it was: its question comes into view."""
        if self.session is not None:
            if self.pages.currentWidget() is not self.answering:
                self.show_answering()
            self.answering.undo()
            update_undo(self)

    def redo(self) -> None:
        if self.session is not None:
            if self.pages.currentWidget() is not self.answering:
                self.show_answering()
            self.answering.redo()
            update_undo(self)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._flush()
        self._remember_geometry()
        self.home.commit_deletes()
        self.home.model.stop()
        self._close_session()
        if self.workspace is not None and not getattr(self, "_hand_over_workspace", False):
            self.workspace.close()
        super().closeEvent(event)
