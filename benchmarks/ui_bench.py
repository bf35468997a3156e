"""UI speed: section page switches with the full questionnaire, and start-up to an interactive
home window holding 200 assessments, beside an empty PySide6 window measured in the same run."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.measure import empty_window_command, row, time_to_ready

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GUI_ONLY = ("import sys\n"
            "from wizard.cli.common import Context\n"
            "from wizard.ui.app import run_gui\n"
            "sys.exit(run_gui(Context(None, 'fr')))\n")


def _fill(data_dir: Path, count: int) -> None:
    """count assessments with about half their questions answered, one write each."""
    from wizard.core.model import Answer, Assessment, Organisation
    from wizard.core.questionnaire import default_questionnaire
    from wizard.storage import Store

    full = default_questionnaire()
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
        from wizard.ui.main_window import MainWindow

        window = MainWindow(Path(data))
        window.resize(1280, 800)
        window.show()
        created = window.store.create("lab", Organisation("Banc d’essai"), assessor="X")
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


def _launch_rows() -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as data:
        _fill(Path(data), 200)
        floor = time_to_ready(empty_window_command())
        env = {"VIGIE_DATA_DIR": data}
        launch = time_to_ready([sys.executable, "-m", "wizard"], env=env)
        # The GUI alone, without the command line's parser (which imports every command module).
        gui = time_to_ready([sys.executable, "-c", GUI_ONLY], env=env)
        floor_after = time_to_ready(empty_window_command())
    floor = min(floor, floor_after)
    return [
        row("Empty PySide6 window, same run (floor)", floor, "QApplication + one QWidget shown"),
        row("Launch to interactive home, 200 assessments", launch,
            f"{launch / floor:.2f} × the floor; progress and scores fill in after", "≤ 1.5 × floor",
            launch <= 1.5 * floor),
        row("Launch to interactive home, 200 assessments, GUI entry alone", gui,
            f"{gui / floor:.2f} × the floor; without `python -m wizard`'s command parser", "≤ 1.5 × floor",
            gui <= 1.5 * floor),
    ]


def run() -> list[dict[str, object]]:
    return _section_switch_rows() + _launch_rows()


if __name__ == "__main__":
    for r in run():
        print(r)
