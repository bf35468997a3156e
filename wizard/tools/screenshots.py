"""Render each main screen to PNG, offscreen, with sample data in a temporary folder, at the
sizes people really have: today's 1280×800, the lab laptop's 1366×768 and the projector's
1024×768. Each screen is also checked (wizard.tools.layout_check): a main button outside the
window, a text cut, a pane to scroll sideways are printed, and the command fails.

  python -m wizard.tools.screenshots docs/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# screen name (wizard.tools.screens) -> suffix of the file names
SIZES = {"1280x800": "", "1366x768": "-1366x768", "1024x768": "-1024x768"}
Shot = Callable[[object, str, list], None]  # (widget, name, its main buttons)


def _settle(app, rounds: int = 30) -> None:
    for _n in range(rounds):
        app.processEvents()


def sample(store, questionnaire) -> str:
    """A few assessments; returns the id of the one shown on the answering screens."""
    from wizard.core.model import ActionEdit, Answer, Organisation, Participant

    lab = store.create("lab", Organisation("Laboratoire des Tilleuls", "73282932000074", "12 rue des Lilas, Lyon"),
                       assessor="Zoé Martin", when=date(2026, 11, 28),
                       participants=[Participant("Zoé Martin", "Biologiste responsable"),
                                     Participant("Paul Durand", "Responsable informatique"),
                                     Participant("Hélène Petit", "DPO")])
    values = ["yes", "partial", "no", "yes", "unknown", "yes", "na", "partial"]
    questions = questionnaire.for_profile("lab").questions
    for i, q in enumerate(questions[: max(3, len(questions) * 2 // 5)]):
        value = values[i % len(values)]
        if value == "na" and not q.na_allowed:
            value = "yes"
        store.save_answer(lab.id, q.id, Answer(value, by="Paul Durand" if i % 3 else "Zoé Martin",
                                               justification="Aucun prestataire de ce type" if value == "na" else "",
                                               note="Avenant en cours de signature" if i == 1 else ""))
    # The first action of its plan in the organisation's own words: the plan shows the catalogue's beside them.
    store.save_action_edit(lab.id, "act.lab.processors.data_location", ActionEdit(
        title="Obtenir de chaque prestataire l’engagement écrit d’un stockage dans l’EEE"))
    vendor = store.create("vendor", Organisation("BioLogiciel SAS"), assessor="Marc Leroy", when=date(2026, 10, 2))
    for q in questionnaire.for_profile("vendor").questions[:4]:
        store.save_answer(vendor.id, q.id, Answer("partial"))
    store.create("lab", Organisation("Laboratoire Saint-Éloi"), assessor="Claire Bernard", when=date(2025, 9, 14))
    return lab.id


def sample_reassessment(workspace) -> None:
    """Saint-Éloi assessed again a year later: the list says so under the new one's date."""
    earlier = next(s.id for s in workspace.summaries() if s.organisation == "Laboratoire Saint-Éloi")
    workspace.reassess(earlier, when=date(2026, 9, 14))


def sample_processors(workspace) -> None:
    """The laboratory's register: one processor with a certified host, one with work to do."""
    from wizard.core.parties import Party

    workspace.processors.set_lab(Party("Laboratoire des Tilleuls", "73282932000074", "12 rue des Lilas, Lyon",
                                       "Zoé Martin", dpo="Hélène Petit"))
    workspace.processors.add({"name": "BioLogiciel SAS", "services": ["lis"], "location": "eea",
                              "contract_reference": "Contrat de licence n° 2019-114", "contract_date": "2019-03-01"})
    workspace.processors.add({"name": "Hébergeur Santé", "services": ["hosting"], "processing_annex": True})


def home_buttons(window) -> list:
    home = window.home
    if home.stack.currentWidget() is home.empty:
        e = home.empty
        return [e.new_button, e.import_button, e.demo_button, e.guide_button]
    return [home.new_button, home.open_button, home.reassess_button, home.delete_button, home.backups_button,
            home.import_button, home.export_button]


def answering_buttons(window) -> list:
    page = window.answering
    buttons = [page.previous_button, page.next_button, page.results_button]
    if not window.presentation:
        buttons.append(page.home_button)
    if page.current is not None:
        buttons += list(page.current.choices.buttons.values())
    return buttons


def contract_review(window):
    """« Revoir le contrat » for a processor of the sample's register, halfway through the review."""
    from wizard.ui.relations.contract_review_dialog import ContractReviewDialog

    workspace = window.workspace
    found = [p for p in workspace.processors.register().processors if p.name == "BioLogiciel SAS"]
    pid = found[0].id if found else workspace.processors.add({"name": "BioLogiciel SAS",
                                                              "services": ["lis", "maintenance", "hosting"]}).id
    workspace.contracts.change(pid, document="Contrat de maintenance CT-2023-04 et annexe RGPD", reviewer="Zoé Martin",
                               elements={"28-3-subject": {"status": "present", "article": "art. 1", "page": "1"},
                                         "28-3-nature": {"status": "present", "article": "art. 2", "page": "1"},
                                         "28-3-data": {"status": "partial", "article": "annexe 1",
                                                       "note": "Les données génétiques ne sont pas citées"},
                                         "28-3-a": {"status": "absent"}})
    dialog = ContractReviewDialog(workspace, pid, window)
    dialog.list.setCurrentRow(dialog.rows.index("28-3-b"))
    return dialog


def tour(app, screen, empty_dir: Path, data_dir: Path, shot: Shot, *, dialogs_of_fixed_size: bool = True) -> None:
    """Every main screen on one screen, each handed to shot() once drawn (the shortcuts list,
    whose size does not depend on the screen, only when dialogs_of_fixed_size)."""
    from PySide6.QtWidgets import QPushButton

    from wizard.core.model import Organisation
    from wizard.operations.workspace import Workspace
    from wizard.settings import load_settings
    from wizard.ui import optional, relations
    from wizard.ui.answering.shortcuts import ShortcutsDialog
    from wizard.ui.compare.compare_dialog import CompareDialog
    from wizard.ui.dialogs.guide_dialog import GuideDialog
    from wizard.ui.dialogs.new_assessment import NewAssessmentDialog
    from wizard.ui.home.deleted_dialog import DeletedDialog
    from wizard.ui.main_window import MainWindow

    def take(widget, name: str, buttons: list) -> None:
        _settle(app)
        shot(widget, name, buttons)

    window = MainWindow(Workspace.open(empty_dir))
    window.place_on(screen)
    window.show()
    take(window, "home-empty", home_buttons(window))
    window.close()

    # As at start-up: the window painted first, its data folder opened after (wizard.ui.app).
    window = MainWindow(None, settings=load_settings(data_dir))
    window.place_on(screen)
    window.show()
    _settle(app)
    window.attach_workspace(Workspace.open(data_dir))
    while not window.home.model.finished():
        app.processEvents()
    take(window, "home", home_buttons(window))
    aid = next(s.id for s in window.workspace.summaries() if s.organisation == "Laboratoire des Tilleuls")

    dialog = NewAssessmentDialog(window.registry.default.framework, window)
    dialog.name.setText("Laboratoire des Tilleuls")
    dialog.siret.setText("7328293200007A")  # a letter: said under the field
    dialog.assessor.setText("Zoé Martin")
    dialog.add_participant("Paul Durand", "Responsable informatique")
    dialog.add_participant("Hélène Petit", "DPO")
    dialog.show()
    take(dialog, "new-assessment", [dialog.ok_button, dialog.buttons.buttons()[-1]])
    dialog.close()

    window.home.select(aid)
    window.open_assessment(aid)
    page = window.answering
    page.show_section(0)
    take(window, "answering", answering_buttons(window))
    page.toggle_help()
    take(window, "help", answering_buttons(window))
    page.toggle_help()
    if dialogs_of_fixed_size:
        shortcuts = ShortcutsDialog(window)
        shortcuts.show()
        take(shortcuts, "shortcuts", [])
        shortcuts.close()

    page.move_question(1)
    window.set_presentation(True)
    take(window, "presentation", answering_buttons(window))
    page.toggle_notes()
    take(window, "presentation-notes", answering_buttons(window))
    page.toggle_notes()
    window.set_presentation(False)

    if optional.available("results"):
        window.show_results()
        take(window, "results", [window.results.back, window.results.amendment, window.results.export])
        window.results.tabs.setCurrentWidget(window.results.plan)
        take(window, "action-plan", [window.results.back, window.results.export, window.results.plan.add_button])
    export_class = optional.screen("export")
    if export_class is not None:
        export = export_class(window.session, data_dir, window, open_pdf=None)
        name = Path(export.out_path.text()).name  # the machine's own folders have no place in the docs
        export.out_path.setText(f"C:\\Users\\Zoé\\Documents\\{name}")
        export.show()
        take(export, "export", [export.export_button, export.cancel_button, export.summary.go])
        export.close()
    settings_class = optional.screen("settings")
    if settings_class is not None:
        settings = settings_class(data_dir, window, location_file=data_dir / "dossier-choisi.txt")
        settings.data_path.setText("C:\\Users\\Zoé\\Documents\\Vigie")  # not this machine's folders
        settings.show()
        take(settings, "settings", [settings.buttons.buttons()[0], settings.buttons.buttons()[-1]])
        settings.tabs.setCurrentIndex(1)
        take(settings, "settings-signature", [settings.identities.create, settings.identities.add_cert,
                                             settings.buttons.buttons()[0]])
        form = settings.identities.open_create()
        form.edits["passphrase"].setText("court")  # too short: said under the field
        form.edits["confirm"].setText("court")
        form.accept()
        take(form, "identity-create", list(form.buttons.buttons()))
        form.reject()
        settings.close()
    for name, open_page in (("processors", relations.open_processors), ("clients", relations.open_clients)):
        relation_page = open_page(window)
        if name == "processors":
            relation_page.table.selectRow(0)
        take(relation_page, name, [b for b in relation_page.findChildren(QPushButton) if b.isVisible()][:4])
        relation_page.close()
    # An assessment deleted long after its « Annuler »: Fichier › Évaluations supprimées brings it back.
    if not window.workspace.deleted():  # the tour runs once per screen size on the same folder
        gone = window.workspace.create("lab", Organisation("Laboratoire Saint-Roch"), assessor="Paul Durand",
                                       when=date(2025, 6, 2))
        with window.workspace.open_session(gone.id) as session:
            session.answer("lab.a28.contract.signed", "yes")
        window.workspace.delete(gone.id)
    deleted = DeletedDialog(window.workspace, window)
    deleted.show()
    take(deleted, "deleted", [deleted.restore_button, *deleted.buttons.buttons()])
    deleted.close()
    comparing = CompareDialog(window.workspace, aid, window)
    comparing.show()
    take(comparing, "compare", [b for b in comparing.findChildren(QPushButton) if b.isVisible()][:4])
    comparing.close()
    review = contract_review(window)
    review.show()
    take(review, "contract-review", [review.apply_button, review.amendment_button, review.close_button,
                                     review.previous, review.next])
    review.close()
    guide = GuideDialog("utilisation", window)
    guide.show()
    take(guide, "guide", [guide.pdf])
    guide.close()
    window.close()


def render(out: Path, sizes: dict[str, str] | None = None) -> tuple[list[Path], list[str]]:
    """The PNG files written, and what the layout check found on them."""
    from wizard.tools.screens import use_offscreen_screens

    use_offscreen_screens()
    out.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="vigie-shots-"))
    empty_dir, data_dir = root / "empty", root / "sample"
    empty_dir.mkdir()
    data_dir.mkdir()
    from wizard.ui.app import make_app

    app = make_app("fr", data_dir)
    from wizard.operations.workspace import Workspace
    from wizard.tools import layout_check
    from wizard.tools.screens import screen_named

    workspace = Workspace.open(data_dir)
    sample(workspace.store, workspace.registry.default)
    sample_reassessment(workspace)
    sample_processors(workspace)
    workspace.close()
    written: list[Path] = []
    found: list[str] = []
    for screen_name, suffix in (sizes or SIZES).items():
        def shot(widget, name: str, buttons: list, suffix: str = suffix, screen_name: str = screen_name) -> None:
            path = out / f"{name}{suffix}.png"
            widget.grab().save(str(path))
            written.append(path)
            found.extend(f"{screen_name} {name} : {p}" for p in layout_check.problems(widget, buttons))

        tour(app, screen_named(screen_name), empty_dir, data_dir, shot, dialogs_of_fixed_size=not suffix)
    return written, found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path("docs/screenshots")
    written, found = render(out)
    for path in written:
        print(path)
    for problem in found:
        print("⚠", problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
