"""UI speed: section page switches with the full questionnaire (start-up: run.startup_rows).

A first visit builds the section's page. The same widgets built by PySide6 alone
(benchmarks/bare_section.py) are switched to in the same rounds, section by section in turns,
so the reference sees the same load as Vigie: the goal holds at the 90th percentile, and the
ratio to the reference says what Vigie's own code costs.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.measure import Timing, row

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROUNDS = 3  # fresh windows: each round visits every section once for the first time
SWITCH_GOAL = 0.050


def fill(data_dir: Path, count: int) -> None:
    """count assessments with about half their questions answered, one write each."""
    from wizard.core.model import Answer, Assessment, Organisation
    from wizard.core.questionnaire import load_questionnaire
    from wizard.storage import Store

    full = load_questionnaire()
    store = Store(data_dir)
    values = ("yes", "partial", "no", "unknown", "yes")
    for i in range(count):
        profile = ("lab", "vendor")[i % 2]
        questions = full.for_profile(profile).questions
        answers = {q.id: Answer(values[(i + n) % len(values)]) for n, q in enumerate(questions[: len(questions) // 2])}
        a = Assessment(profile=profile, organisation=Organisation(f"Laboratoire {i:03d}"),
                       date=date(2026, 1 + i % 12, 1 + i % 28), assessor="Évaluateur", answers=answers)
        store.import_assessment(a, [])
    store.close()


def _bare_window(app):  # noqa: ANN001, ANN202
    from PySide6.QtWidgets import QMainWindow, QStackedWidget

    window = QMainWindow()
    stack = QStackedWidget()
    window.setCentralWidget(stack)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    return window, stack


def _section_switch_rows() -> list[dict[str, object]]:
    from wizard.core.model import Organisation
    from wizard.ui.answering.question_text import help_html, shown
    from wizard.ui.app import dispose, make_app

    first: list[float] = []
    bare_first: list[float] = []
    again: list[float] = []
    with tempfile.TemporaryDirectory() as data:
        app = make_app("fr", Path(data))
        from benchmarks.bare_section import section_page
        from wizard.operations.workspace import Workspace
        from wizard.ui.main_window import MainWindow

        workspace = Workspace.open(Path(data))
        created = workspace.create("lab", Organisation("Banc d’essai"), assessor="X")
        count = 0
        for _round in range(ROUNDS):
            window = MainWindow(workspace)
            window.resize(1280, 800)
            window.show()
            window.open_assessment(created.id)
            app.processEvents()
            bare, stack = _bare_window(app)
            page = window.answering
            count = page.section_count()
            sections = page.session.questionnaire.sections

            def switch(index: int, page=page) -> float:  # noqa: ANN001
                start = time.perf_counter()
                page.show_section(index)
                app.processEvents()  # include layout and paint of the new page
                return time.perf_counter() - start

            def bare_switch(index: int, stack=stack, sections=sections) -> float:  # noqa: ANN001
                section = sections[index]
                start = time.perf_counter()
                view = section_page(shown(section.title), [(shown(q.text), help_html(q)) for q in section.questions])
                stack.addWidget(view)
                stack.setCurrentWidget(view)
                app.processEvents()
                return time.perf_counter() - start

            order = [*range(1, count), 0]  # section 0 was built when the assessment opened
            for i in order:
                first.append(switch(i))
                bare_first.append(bare_switch(i))
            again += [switch(i % count) for i in range(1, 2 * count + 1)]
            dispose(bare)
            window.home.model.stop()
            window.close()
            dispose(window)
            app.processEvents()
        workspace.close()
    vigie, reference = Timing(tuple(first)), Timing(tuple(bare_first))
    ratio = vigie.ratio_to(reference)
    built = Timing(tuple(again))
    return [
        row("Section page switch, first visit (page built)", vigie,
            f"{count} sections of the full lab questionnaire, {ROUNDS} fresh windows; "
            f"{ratio.median:.2f} × (p90 {ratio.p90:.2f} ×) the same widgets in PySide6 alone, same rounds",
            "p90 ≤ 50 ms", vigie.p90 <= SWITCH_GOAL),
        row("  the same page's widgets, PySide6 alone", reference,
            "benchmarks/bare_section.py, built and shown in turns with Vigie's"),
        row("Section page switch, page already built", built, f"max {max(again) * 1000:.0f} ms",
            "p90 ≤ 50 ms", built.p90 <= SWITCH_GOAL),
    ]


def run() -> list[dict[str, object]]:
    return _section_switch_rows()  # start-up with 200 assessments: run.startup_rows


if __name__ == "__main__":
    for r in run():
        print(r)
