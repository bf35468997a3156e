"""The main window: a stack of pages (home, answering, results), menus, toolbar, shortcuts.

Each page does its own work; the window only switches between them and opens dialogs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStackedWidget, QToolBar

from wizard.i18n import _
from wizard.settings import load_settings
from wizard.storage import Store
from wizard.ui import optional
from wizard.ui.answering.shortcuts import ShortcutsDialog, keys
from wizard.ui.home.home_page import HomePage
from wizard.ui.widgets.theme import apply_look

PRESENTATION_SCALES = (125, 150, 175, 200)
_REPLACEMENTS: list[QMainWindow] = []  # windows rebuilt in another language, kept alive here


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path, store: Store | None = None, parent=None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.store = store or Store(self.data_dir)
        self.settings = load_settings(self.data_dir)
        self.session = None  # the open assessment's wizard.service.Session
        self.results = None
        self.presentation = False
        self.presentation_scale = 150
        self.open_pdf = None  # how an exported PDF is opened; None: the export dialog's default
        self.setWindowTitle("Vigie")
        self.undo_stack = QUndoStack(self)
        self.pages = QStackedWidget()
        self.home = HomePage(self.store)
        self._answering = None  # built on first use: start-up shows the home page only
        self.pages.addWidget(self.home)
        self.setCentralWidget(self.pages)
        self.home.openRequested.connect(self.open_assessment)
        self.home.newRequested.connect(self.new_assessment)
        self.home.importRequested.connect(self.import_exchange)
        self.home.exportRequested.connect(self.export_exchange)
        self.home.set_exchange_available(hasattr(self.store, "export_exchange"))
        self._build_actions()
        self.pages.currentChanged.connect(lambda _i: self._update_actions())
        self.home.reload()
        self._update_actions()
        self.resize(1280, 820)

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

    # -- menus and toolbar -----------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: str | None = None, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcuts(keys(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts keep working when bars are hidden
        return action

    def _build_actions(self) -> None:
        a = {}
        a["new"] = self._action(_("&Nouvelle évaluation…"), self.new_assessment, "new")
        a["home"] = self._action(_("&Accueil"), self.show_home, "home")
        a["results"] = self._action(_("&Résultats et plan d’action"), self.show_results, "results")
        a["export"] = self._action(_("&Exporter le plan d’action signé (PDF)…"), self.export_pdf, "export")
        a["details"] = self._action(_("&Détails et participants…"), self.edit_details)
        a["verify"] = self._action(_("&Vérifier un PDF signé…"), self.verify_pdf)
        a["settings"] = self._action(_("&Paramètres…"), self.open_settings, "settings")
        a["quit"] = self._action(_("&Quitter"), self.close, "quit")
        a["undo"] = self.undo_stack.createUndoAction(self, _("&Annuler"))
        a["undo"].setShortcuts(keys("undo"))
        a["redo"] = self.undo_stack.createRedoAction(self, _("&Rétablir"))
        a["redo"].setShortcuts(keys("redo"))
        self.addActions([a["undo"], a["redo"]])
        a["presentation"] = self._action(_("Mode &présentation"), self.set_presentation, "presentation", True)
        a["bigger"] = self._action(_("A&grandir le texte"), lambda: self.step_text(1), "bigger")
        a["smaller"] = self._action(_("Ré&duire le texte"), lambda: self.step_text(-1), "smaller")
        a["shortcuts"] = self._action(_("&Raccourcis clavier"), self.show_shortcuts, "shortcuts")
        a["about"] = self._action(_("À &propos de Vigie"), self.show_about)
        self.actions_by_name = a
        bar = self.menuBar()
        for title, names in ((_("&Fichier"), ("new", "home", "details", None, "export", "verify", None, "settings", None, "quit")),
                             (_("É&dition"), ("undo", "redo")),
                             (_("&Affichage"), ("results", None, "presentation", "bigger", "smaller")),
                             (_("Ai&de"), ("shortcuts", "about"))):
            menu = bar.addMenu(title)
            for name in names:
                menu.addSeparator() if name is None else menu.addAction(a[name])
        self.toolbar = QToolBar(_("Barre d’outils"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setAccessibleName(_("Barre d’outils"))
        for name in ("home", "new", "results", "export", "presentation", "shortcuts"):
            self.toolbar.addAction(a[name])
        self.addToolBar(self.toolbar)

    def _update_actions(self) -> None:
        a = self.actions_by_name
        has_session = self.session is not None
        a["results"].setEnabled(has_session and optional.available("results"))
        a["details"].setEnabled(has_session and not getattr(self.session, "read_only", False))
        a["export"].setEnabled(has_session and optional.available("export"))
        a["settings"].setVisible(optional.available("settings"))
        a["verify"].setVisible(optional.available("verify"))
        if self._answering is not None:
            self._answering.results_button.setVisible(optional.available("results"))

    # -- pages -----------------------------------------------------------------------------------
    def show_home(self) -> None:
        self._flush()
        self.pages.setCurrentWidget(self.home)
        self.home.reload(select=self.session.assessment.id if self.session else None)
        self.home.focus_list()
        self.setWindowTitle("Vigie")

    def open_assessment(self, aid: str) -> None:
        from wizard.service import Session

        self._flush()
        try:
            session = Session(self.store, aid)
        except Exception as exc:
            QMessageBox.warning(self, _("Ouverture impossible"), str(exc))
            return
        self._close_session()
        self.session = session
        self.undo_stack.clear()
        self.answering.set_session(session)
        for notice in getattr(session, "notices", []) or []:
            QMessageBox.information(self, _("Information"), notice)
        if hasattr(self.store, "notices"):
            self.store.notices.clear()
        if self.results is not None:
            self.results.set_session(session)
        self.pages.setCurrentWidget(self.answering)
        self.setWindowTitle(_("Vigie — {organisation}").format(organisation=session.assessment.organisation.name))
        self._update_actions()

    def _close_session(self) -> None:
        if self.session is not None and hasattr(self.session, "close"):
            self.session.close()
        self.session = None

    def new_assessment(self) -> None:
        from wizard.ui.dialogs.new_assessment import NewAssessmentDialog

        dialog = NewAssessmentDialog(self)
        if not dialog.exec():
            return
        data = dialog.result_data()
        try:
            created = self.store.create(data.profile, data.organisation, assessor=data.assessor,
                                        participants=data.participants, when=data.when)
        except Exception as exc:
            QMessageBox.warning(self, _("Création impossible"), str(exc))
            return
        self.home.reload(select=created.id)
        self.open_assessment(created.id)

    def import_exchange(self) -> None:
        from wizard.ui.home.exchange import import_assessment

        aid = import_assessment(self, self.store)
        if aid:
            self.home.reload(select=aid)

    def export_exchange(self, aid: str) -> None:
        from wizard.ui.home.exchange import export_assessment

        if aid:
            row = self.home.model.row_of(aid)
            export_assessment(self, self.store, aid, self.home.model.item(row, 0).text() if row >= 0 else "")

    def edit_details(self) -> None:
        """Organisation, assessor, date and participants (who joins the workshop later)."""
        from dataclasses import replace

        from wizard.ui.dialogs.new_assessment import NewAssessmentDialog

        if self.session is None or getattr(self.session, "read_only", False):
            return
        dialog = NewAssessmentDialog(self)
        dialog.prefill(self.session.assessment)
        if not dialog.exec():
            return
        data = dialog.result_data()
        updated = replace(self.session.assessment, organisation=data.organisation, assessor=data.assessor,
                          participants=data.participants, date=data.when)
        try:
            self.store.save_details(updated)
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
        self.settings = load_settings(self.data_dir)
        self._apply_look()
        if self.settings.language != language:
            self.switch_language(self.settings.language)

    def switch_language(self, lang: str) -> MainWindow:
        """Relabel everything by building the window again, in place of this one. Nothing is lost:
        every change is already stored; the open assessment, its position and page come back."""
        from wizard.ui.app import install_language

        self._flush()
        install_language(QApplication.instance(), lang)
        replacement = MainWindow(self.data_dir, self.store)
        replacement.setGeometry(self.geometry())
        if self.session is not None:
            on_results = self.results is not None and self.pages.currentWidget() is self.results
            replacement.open_assessment(self.session.assessment.id)
            if on_results:
                replacement.show_results()
        replacement.set_presentation(self.presentation)
        self._hand_over_store = True
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

    # -- look ------------------------------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        """Projector mode: larger text, high contrast, only the questions."""
        self.presentation = bool(on)
        self.actions_by_name["presentation"].setChecked(self.presentation)
        self.toolbar.setVisible(not self.presentation)
        self.statusBar().setVisible(not self.presentation)
        if self._answering is not None:
            self._answering.set_presentation(self.presentation)
        self._apply_look()

    def step_text(self, direction: int) -> None:
        if self.presentation:
            i = PRESENTATION_SCALES.index(self.presentation_scale) + direction
            self.presentation_scale = PRESENTATION_SCALES[max(0, min(i, len(PRESENTATION_SCALES) - 1))]
        else:
            self.settings.text_scale = max(100, min(200, self.settings.text_scale + 25 * direction))
        self._apply_look()

    def text_scale(self) -> int:
        return self.presentation_scale if self.presentation else self.settings.text_scale

    def _apply_look(self) -> None:
        apply_look(QApplication.instance(), text_scale=self.text_scale(), presentation=self.presentation)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._flush()
        self.home.commit_deletes()
        self.home.model.stop()
        self._close_session()
        if hasattr(self.store, "close") and not getattr(self, "_hand_over_store", False):
            self.store.close()
        super().closeEvent(event)
