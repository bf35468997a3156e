"""Render each main screen to PNG, offscreen, with sample data in a temporary folder.

  python -m wizard.tools.screenshots docs/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1280, 800)


def _settle(app, rounds: int = 30) -> None:
    for _n in range(rounds):
        app.processEvents()


def _sample(store, questionnaire) -> str:
    """A few assessments; returns the id of the one shown on the answering screens."""
    from wizard.core.model import Answer, Organisation, Participant

    lab = store.create("lab", Organisation("Laboratoire des Tilleuls", "12345678901234", "12 rue des Lilas, Lyon"),
                       assessor="Zoé Martin", when=date(2026, 11, 28),
                       participants=[Participant("Zoé Martin", "Biologiste responsable"),
                                     Participant("Paul Durand", "Responsable informatique"),
                                     Participant("Hélène Petit", "DPO")])
    values = ["yes", "partial", "no", "yes", "unknown", "yes", "na", "partial"]
    questions = questionnaire.for_profile("lab").questions
    for i, q in enumerate(questions[: max(3, len(questions) * 2 // 5)]):
        value = values[i % len(values)]
        store.save_answer(lab.id, q.id, Answer(value, by="Paul Durand" if i % 3 else "Zoé Martin",
                                               justification="Aucun prestataire de ce type" if value == "na" else ""))
    vendor = store.create("vendor", Organisation("BioLogiciel SAS"), assessor="Marc Leroy", when=date(2026, 10, 2))
    for q in questionnaire.for_profile("vendor").questions[:4]:
        store.save_answer(vendor.id, q.id, Answer("partial"))
    store.create("lab", Organisation("Laboratoire Saint-Éloi"), assessor="Claire Bernard", when=date(2026, 9, 14))
    return lab.id


def render(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="vigie-shots-"))
    from wizard.ui.app import make_app

    app = make_app("fr", data)
    from wizard.ui import optional
    from wizard.ui.answering.shortcuts import ShortcutsDialog
    from wizard.ui.dialogs.new_assessment import NewAssessmentDialog
    from wizard.ui.main_window import MainWindow

    written: list[Path] = []

    def shot(widget, name: str) -> None:
        _settle(app)
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    from wizard.operations.workspace import Workspace

    window = MainWindow(Workspace.open(data))
    window.resize(*SIZE)
    window.show()
    shot(window, "home-empty")

    aid = _sample(window.workspace.store, window.registry.default)
    window.home.reload()
    while not window.home.model.finished():
        app.processEvents()
    shot(window, "home")

    dialog = NewAssessmentDialog(window.registry.default.framework, window)
    dialog.name.setText("Laboratoire des Tilleuls")
    dialog.assessor.setText("Zoé Martin")
    dialog.add_participant("Paul Durand", "Responsable informatique")
    dialog.add_participant("Hélène Petit", "DPO")
    dialog.show()
    shot(dialog, "new-assessment")
    dialog.close()

    window.home.select(aid)
    window.open_assessment(aid)
    page = window.answering
    page.show_section(0)
    shot(window, "answering")
    page.toggle_help()
    shot(window, "help")
    page.toggle_help()
    shortcuts = ShortcutsDialog(window)
    shortcuts.show()
    shot(shortcuts, "shortcuts")
    shortcuts.close()

    window.set_presentation(True)
    shot(window, "presentation")
    window.set_presentation(False)

    if optional.available("results"):
        window.show_results()
        shot(window, "results")
        if hasattr(window.results, "tabs") and hasattr(window.results, "plan"):
            window.results.tabs.setCurrentWidget(window.results.plan)
            shot(window, "action-plan")
    export_class = optional.screen("export")
    if export_class is not None:
        export = export_class(window.session, data, window, open_pdf=None)
        if hasattr(export, "out_path"):  # the machine's own folders have no place in the docs
            name = Path(export.out_path.text()).name
            export.out_path.setText(f"C:\\Users\\Zoé\\Documents\\{name}")
        export.show()
        shot(export, "export")
        export.close()
    window.close()
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path("docs/screenshots")
    for path in render(out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
