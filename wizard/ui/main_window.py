"""The main window: a stack of pages (home, answering, results), menus, toolbar, shortcuts.

Each page does its own work; the window only switches between them and opens dialogs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStackedWidget

from wizard.i18n import _
from wizard.settings import Settings
from wizard.ui import optional
from wizard.ui.answering.shortcuts import ShortcutsDialog
from wizard.ui.home.home_page import HomePage
from wizard.ui.window_actions import build_actions, update_actions
from wizard.ui.window_look import WindowLook

if TYPE_CHECKING:
    from wizard.operations.workspace import Workspace

_REPLACEMENTS: list[QMainWindow] = []  # windows rebuilt in another language, kept alive here


class MainWindow(WindowLook, QMainWindow):
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
        self.undo_stack = QUndoStack(self)
        self.pages = QStackedWidget()
        self.home = HomePage(workspace)
        self._answering = None  # built on first use: start-up shows the home page only
        self.pages.addWidget(self.home)
        self.setCentralWidget(self.pages)
        self.home.openRequested.connect(self.open_assessment)
        self.home.newRequested.connect(self.new_assessment)
        self.home.importRequested.connect(self.import_exchange)
        self.home.exportRequested.connect(self.export_exchange)
        self.home.set_exchange_available(True)
        self.actions_by_name, self.toolbar = build_actions(self)
        self.pages.currentChanged.connect(lambda _i: update_actions(self))
        self.resize(1280, 820)
        if workspace is not None:
            self.attach_workspace(workspace)
        else:
            self.home.wait_for_data()
            for name in ("new", "settings"):  # they need the folder and its content
                self.actions_by_name[name].setEnabled(False)
            update_actions(self)

    def attach_workspace(self, workspace: Workspace) -> None:
        """The data folder, once open: the home lists its assessments."""
        self.workspace = workspace
        self.data_dir = workspace.data_dir
        self.registry = workspace.registry
        self.settings = workspace.settings()
        for name in ("new", "settings"):
            self.actions_by_name[name].setEnabled(True)
        self.home.set_workspace(workspace)
        update_actions(self)

    @property
    def answering(self):
        if self._answering is None:
            from wizard.ui.answering.answering_page import AnsweringPage

            page = AnsweringPage(self.undo_stack)
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

    def open_assessment(self, aid: str) -> None:
        self._flush()
        try:
            session = self.workspace.open_session(aid)
        except Exception as exc:
            QMessageBox.warning(self, _("Ouverture impossible"), str(exc))
            return
        self._close_session()
        self.session = session
        self.undo_stack.clear()
        self.answering.set_session(session)
        for notice in getattr(session, "notices", []) or []:
            QMessageBox.information(self, _("Information"), notice)
        self.workspace.notices.clear()
        if self.results is not None:
            self.results.set_session(session)
        self.pages.setCurrentWidget(self.answering)
        self.setWindowTitle(_("Vigie — {organisation}").format(organisation=session.assessment.organisation.name))
        update_actions(self)

    def _close_session(self) -> None:
        if self.session is not None and hasattr(self.session, "close"):
            self.session.close()
        self.session = None

    def new_assessment(self) -> None:
        from wizard.ui.dialogs.new_assessment import NewAssessmentDialog

        dialog = NewAssessmentDialog(self.registry.default.framework, self)
        if not dialog.exec():
            return
        data = dialog.result_data()
        try:
            created = self.workspace.create(data.profile, data.organisation, assessor=data.assessor,
                                        participants=data.participants, when=data.when)
        except Exception as exc:
            QMessageBox.warning(self, _("Création impossible"), str(exc))
            return
        self.home.reload(select=created.id)
        self.open_assessment(created.id)

    def import_exchange(self) -> None:
        from wizard.ui.home.exchange import import_assessment

        aid = import_assessment(self, self.workspace)
        if aid:
            self.home.reload(select=aid)

    def export_exchange(self, aid: str) -> None:
        from wizard.ui.home.exchange import export_assessment

        if aid:
            row = self.home.model.row_of(aid)
            export_assessment(self, self.workspace, aid, self.home.model.text(row, 0) if row >= 0 else "")

    def edit_details(self) -> None:
        """Organisation, assessor, date and participants (who joins the workshop later)."""
        from dataclasses import replace

        from wizard.ui.dialogs.new_assessment import NewAssessmentDialog

        if self.session is None or getattr(self.session, "read_only", False):
            return
        dialog = NewAssessmentDialog(self.session.questionnaire.framework, self)
        dialog.prefill(self.session.assessment)
        if not dialog.exec():
            return
        data = dialog.result_data()
        updated = replace(self.session.assessment, organisation=data.organisation, assessor=data.assessor,
                          participants=data.participants, date=data.when)
        try:
            self.workspace.save_details(updated)
        except Exception as exc:
            QMessageBox.warning(self, _("Enregistrement impossible"), str(exc))
            return
        a = self.session.assessment
        a.organisation, a.assessor, a.participants, a.date = (
            updated.organisation, updated.assessor, updated.participants, updated.date)
        self.answering.show_details()
        self.setWindowTitle(_("Vigie — {organisation}").format(organisation=a.organisation.name))

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

    # -- dialogs ---------------------------------------------------------------------------------
    def export_pdf(self) -> None:
        dialog_class = optional.screen("export")
        if self.session is None or dialog_class is None:
            return
        self._flush()
        extra = {"open_pdf": self.open_pdf} if self.open_pdf is not None else {}
        self.export_dialog = dialog_class(self.session, self.data_dir, self, **extra)
        self.export_dialog.exec()
        self.export_dialog = None

    def open_settings(self) -> None:
        dialog_class = optional.screen("settings")
        if dialog_class is None:
            return
        language = self.settings.language
        dialog_class(self.data_dir, self).exec()
        self.settings = self.workspace.settings()
        self._apply_look()
        if self.settings.language != language:
            self.switch_language(self.settings.language)

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
            replacement.open_assessment(self.session.assessment.id)
            if on_results:
                replacement.show_results()
        replacement.set_presentation(self.presentation)
        self._hand_over_workspace = True
        _REPLACEMENTS.append(replacement)
        replacement.show()
        self.close()
        return replacement

    def verify_pdf(self) -> None:
        dialog_class = optional.screen("verify")
        if dialog_class is not None:
            dialog_class(self).exec()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        from wizard import __version__

        QMessageBox.about(self, _("À propos de Vigie"), _(
            "Vigie {version}\nAuto-évaluation RGPD (articles 28, 29 et 32) pour les laboratoires de "
            "biologie médicale et leurs éditeurs. Les données restent sur cet ordinateur.").format(
                version=__version__))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._flush()
        self.home.commit_deletes()
        self.home.model.stop()
        self._close_session()
        if self.workspace is not None and not getattr(self, "_hand_over_workspace", False):
            self.workspace.close()
        super().closeEvent(event)
