"""The main window's commands: one QAction each (with its declared shortcut), laid out in the
menus and, for the frequent ones, on the toolbar; and which of them apply right now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

from wizard.i18n import _
from wizard.ui import compare, optional, relations
from wizard.ui.answering.shortcuts import keys

if TYPE_CHECKING:
    from wizard.ui.main_window import MainWindow


def window_action(window: MainWindow, text: str, slot: Callable, shortcut: str | None = None,
                  checkable: bool = False) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcuts(keys(shortcut))
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    window.addAction(action)  # shortcuts keep working when bars are hidden
    return action


def build_actions(window: MainWindow) -> tuple[dict[str, QAction], QToolBar]:
    """Create every command of the window, its menu bar and its toolbar."""
    def act(text: str, slot: Callable, shortcut: str | None = None, checkable: bool = False) -> QAction:
        return window_action(window, text, slot, shortcut, checkable)

    a = {}
    a["new"] = act(_("&Nouvelle évaluation…"), window.new_assessment, "new")
    a["home"] = act(_("&Accueil"), window.show_home, "home")
    a["results"] = act(_("&Résultats et plan d’action"), window.show_results, "results")
    a["export"] = act(_("&Exporter le plan d’action signé (PDF)…"), window.export_pdf, "export")
    a["details"] = act(_("&Détails et participants…"), window.edit_details)
    a["deleted"] = act(_("Évaluations &supprimées…"), window.show_deleted)
    a["verify"] = act(_("&Vérifier un PDF signé…"), window.verify_pdf)
    a["compare"] = act(_("&Comparer des évaluations…"), lambda: compare.open_compare(window))
    a["merge"] = act(_("&Fusionner des copies (.vigie)…"), lambda: compare.open_merge(window))
    a["processors"] = act(_("Pres&tataires…"), lambda: relations.open_processors(window))
    a["clients"] = act(_("C&lients…"), lambda: relations.open_clients(window))
    a["settings"] = act(_("&Paramètres…"), window.open_settings, "settings")
    a["quit"] = act(_("&Quitter"), window.close, "quit")
    a["undo"] = act(_("&Annuler"), window.undo, "undo")
    a["redo"] = act(_("&Rétablir"), window.redo, "redo")
    a["presentation"] = act(_("Mode &présentation"), window.set_presentation, "presentation", True)
    a["auto_advance"] = act(_("Passer à la question &suivante après une réponse"),
                            lambda on: window.set_auto_advance(on), checkable=True)
    a["auto_advance"].setChecked(window.settings.auto_advance)
    a["guide"] = act(_("&Guide d’utilisation"), lambda: window.show_guide("utilisation"))
    a["workshop"] = act(_("Guide d’&atelier (consultants)"), lambda: window.show_guide("atelier"))
    a["demo"] = act(_("Ouvrir l’évaluation de &démonstration"), window.open_demo)
    a["bigger"] = act(_("A&grandir le texte"), lambda: window.step_text(1), "bigger")
    a["smaller"] = act(_("Ré&duire le texte"), lambda: window.step_text(-1), "smaller")
    a["shortcuts"] = act(_("&Raccourcis clavier"), window.show_shortcuts, "shortcuts")
    a["about"] = act(_("À &propos de Vigie"), window.show_about)
    bar = window.menuBar()
    for title, names in ((_("&Fichier"), ("new", "recent", "home", "details", "deleted", None, "export", "verify", None, "compare",
                                          "merge", None, "processors", "clients", None, "settings", None, "quit")),
                         (_("É&dition"), ("undo", "redo")),
                         (_("&Affichage"), ("results", None, "presentation", "bigger", "smaller", None,
                                            "auto_advance")),
                         (_("A&ide"), ("guide", "workshop", "demo", None, "shortcuts", "about"))):
        menu = bar.addMenu(title)
        for name in names:
            if name == "recent":
                window.recent_menu = menu.addMenu(_("&Récemment ouvertes"))
                window.recent_menu.aboutToShow.connect(lambda: fill_recent(window))
            elif name is None:
                menu.addSeparator()
            else:
                menu.addAction(a[name])
    toolbar = QToolBar(_("Barre d’outils"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setAccessibleName(_("Barre d’outils"))
    for name in ("home", "new", "results", "export", "presentation", "shortcuts"):
        toolbar.addAction(a[name])
    window.addToolBar(toolbar)
    return a, toolbar


def fill_recent(window: MainWindow) -> None:
    """The assessments last opened, newest first (those still in the folder)."""
    from wizard.ui.widgets.text import one_line

    menu = window.recent_menu
    menu.clear()
    summaries = {s.id: s for s in window.workspace.summaries()} if window.workspace is not None else {}
    for aid in window.settings.recent:
        if aid in summaries:
            s = summaries[aid]
            action = menu.addAction(f"{one_line(s.organisation)} — {s.date.strftime('%d/%m/%Y')}")
            action.triggered.connect(lambda _c=False, a=aid: window.open_recent(a))
    if menu.isEmpty():
        menu.addAction(_("(aucune)")).setEnabled(False)


def update_undo(window: MainWindow) -> None:
    """« Annuler : réponse à la question 24 », enabled only when there is something to undo."""

    session = window.session
    for name, peek, label in (("undo", "can_undo", _("&Annuler")), ("redo", "can_redo", _("&Rétablir"))):
        change = getattr(session, peek)() if session is not None and not session.read_only else None
        action = window.actions_by_name[name]
        action.setEnabled(change is not None)
        if change is None:
            action.setText(label)
        elif hasattr(change, "changes"):  # a ChangeGroup of wizard.core.undo (not imported: the first paint
            # loads no data layer): several answers of one operation, a contract review reported
            action.setText(_("{action} : {operation}").format(action=label, operation=change.name))
        else:
            action.setText(_("{action} : réponse à la question {n}").format(
                action=label, n=session.number(change.question_id)))


def update_actions(window: MainWindow) -> None:
    """Enable what applies to the open assessment; hide the screens this build leaves out."""
    a = window.actions_by_name
    session = window.session
    has_session = session is not None
    a["results"].setEnabled(has_session and optional.available("results"))
    a["details"].setEnabled(has_session and not getattr(session, "read_only", False))
    a["export"].setEnabled(has_session and optional.available("export"))
    a["settings"].setVisible(optional.available("settings"))
    a["verify"].setVisible(optional.available("verify"))
    if window._answering is not None:
        window._answering.results_button.setVisible(optional.available("results"))
    update_undo(window)
