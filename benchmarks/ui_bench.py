"""UI speed: section page switches with the full questionnaire (start-up: run.startup_rows)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.measure import row

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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


def _section_switch_rows() -> list[dict[str, object]]:
    from wizard.core.model import Organisation
    from wizard.ui.app import make_app

    with tempfile.TemporaryDirectory() as data:
        app = make_app("fr", Path(data))
        from wizard.operations.workspace import Workspace
        from wizard.ui.main_window import MainWindow

        window = MainWindow(Workspace.open(Path(data)))
        window.resize(1280, 800)
        window.show()
        created = window.workspace.create("lab", Organisation("Banc d’essai"), assessor="X")
        window.open_assessment(created.id)
        page = window.answering
        count = page.section_count()

        def switch(index: int) -> float:
            start = time.perf_counter()
            page.show_section(index)
            app.processEvents()  # include layout and paint of the new page
            return time.perf_counter() - start

        first = [switch(i) for i in range(1, count)] + [switch(0)]
        again = [switch(i % count) for i in range(1, 3 * count + 1)]
        window.close()
        app.processEvents()
    return [
        row("Section page switch, first visit (page built)", statistics.median(first),
            f"{count} sections of the full lab questionnaire; max {max(first) * 1000:.0f} ms",
            "≤ 50 ms", statistics.median(first) <= 0.05),
        row("Section page switch, page already built", statistics.median(again),
            f"max {max(again) * 1000:.0f} ms", "≤ 50 ms", statistics.median(again) <= 0.05),
    ]


def run() -> list[dict[str, object]]:
    return _section_switch_rows()  # start-up with 200 assessments: run.startup_rows


if __name__ == "__main__":
    for r in run():
        print(r)
