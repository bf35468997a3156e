"""make bench: every speed and memory goal of Vigie, measured in one run, in one table.

Prints the table and writes it, with the machine description, to docs/BENCHMARKS.md.
Medians of several runs; ratios beside absolute times where a floor is measured too.
"""

from __future__ import annotations

import importlib
import os
import platform
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from benchmarks.measure import (
    ROOT,
    bare_window_command,
    empty_window_command,
    median_time,
    row,
    times_to_ready,
)

FROZEN = ROOT / "build" / "dist" / ("Vigie.exe" if sys.platform == "win32" else "vigie")
HELPER_MODULES = ("benchmarks.storage_bench", "benchmarks.ui_bench", "benchmarks.report_bench", "benchmarks.relations_bench")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    from PySide6 import __version__ as pyside

    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{mem}; "
            f"Python {platform.python_version()}, PySide6 {pyside}")


def startup_rows() -> list[dict[str, object]]:
    """Start to an interactive home window holding 200 assessments, beside the empty window
    (the target's floor) and the same widgets built by PySide6 alone, all in the same rounds."""
    from benchmarks.ui_bench import fill

    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as cache:
        fill(Path(data), 200)
        env = {"VIGIE_DATA_DIR": data, "VIGIE_CACHE_DIR": cache}
        commands = {"floor": (empty_window_command(), {}), "bare": (bare_window_command(), {}),
                    "source": ([sys.executable, "-m", "wizard"], env)}
        if FROZEN.exists():
            commands["frozen"] = ([str(FROZEN)], env)
        times = times_to_ready(commands, runs=11)
    floor, bare, source = times["floor"], times["bare"], times["source"]
    rows = [
        row("Empty PySide6 window (floor)", floor, "QApplication + one QWidget shown"),
        row("Home window's widgets, PySide6 alone", bare,
            f"{bare / floor:.2f} × the floor: toolbar of 13 actions, 200-row table, 7 buttons, no Vigie code "
            "(benchmarks/bare_window.py)"),
        row("Start to interactive home, 200 assessments, source", source,
            f"{source / floor:.2f} × the floor, {source / bare:.2f} × the same widgets alone; "
            "progress and scores fill in after", "≤ 1.5 × floor", source <= 1.5 * floor),
    ]
    if "frozen" in times:
        frozen = times["frozen"]
        rows.append(row("Start to interactive home, 200 assessments, one-file executable", frozen,
                        f"{frozen / floor:.2f} × the floor; unpacks itself at every start", "≤ 1.0 s",
                        frozen <= 1.0))
    else:
        rows.append(row("Start to interactive home, one-file executable", None, "not built: make package"))
    return rows


def plan_rows() -> list[dict[str, object]]:
    from datetime import date as day

    from wizard.core.action_plan import build_plan
    from wizard.core.model import Answer, Assessment, Organisation
    from wizard.core.questionnaire import load_questionnaire
    from wizard.core.scoring import compute_scores

    rows = []
    full = load_questionnaire()
    for profile in ("lab", "vendor"):
        view = full.for_profile(profile)
        answers = {q.id: Answer("partial") for q in view.questions}
        a = Assessment(profile=profile, organisation=Organisation("X"), date=day(2026, 1, 1), answers=answers)
        seconds = median_time(lambda a=a, view=view: (compute_scores(view, a.answers), build_plan(view, a)), runs=21)
        rows.append(row(f"Scores + action plan, full {profile} questionnaire", seconds,
                        f"{len(view.questions)} questions answered"))
    return rows


def memory_rows() -> list[dict[str, object]]:
    out = subprocess.run([sys.executable, "-m", "benchmarks.journey"], capture_output=True, text=True, cwd=ROOT,
                         timeout=600)
    fields = dict(part.split("=", 1) for part in out.stdout.split() if "=" in part)
    peak = float(fields.get("peak_mb", "nan"))
    return [row("Peak memory, full journey (create → answer → sign → verify)", None,
                f"{fields.get('answered')} answers, {fields.get('actions')} actions", "≤ 200 MB", peak <= 200,
                value=f"{peak:.0f} MB")]


def size_rows() -> list[dict[str, object]]:
    if not FROZEN.exists():
        return [row("One-file executable size", None, "not built: make package")]
    mb = FROZEN.stat().st_size / 1e6
    return [row(f"One-file executable size ({platform.system()})", None,
                "Qt's ICU data replaced by an empty package on Linux (build/icu_stub.py)",
                "≤ 60 MB", mb <= 60, value=f"{mb:.1f} MB")]


def helper_rows() -> list[dict[str, object]]:
    rows = []
    for name in HELPER_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        rows.extend(module.run())
    return rows


def fmt(r: dict[str, object]) -> str:
    seconds = r.get("seconds")
    value = r.get("value") or (f"{seconds * 1000:.1f} ms" if isinstance(seconds, float) else "—")
    ok = r.get("ok")
    verdict = "" if ok is None else ("✅" if ok else "❌")
    return f"| {r['name']} | {value} | {r.get('target') or ''} {verdict} | {r.get('notes') or ''} |"


def main() -> int:
    sections = [("Start-up", startup_rows), ("Core", plan_rows), ("Storage, UI and report", helper_rows),
                ("Memory", memory_rows), ("Package", size_rows)]
    lines = ["# Benchmarks", "", f"Measured by `make bench` on {date.today().isoformat()}.", "",
             f"Machine: {machine()}.", "", "| Measure | Median | Target | Notes |", "|---|---|---|---|"]
    for title, func in sections:
        print(f"… {title}", file=sys.stderr)
        lines.append(f"| **{title}** | | | |")
        lines.extend(fmt(r) for r in func())
    lines += ["", "Start-up commands take turns over 11 rounds, so that a slow moment of the machine weighs on all",
              "of them alike: compare the ratios, the absolute times move by a quarter from one run to the next on",
              "a shared virtual machine. The home window's widgets built by PySide6 alone (benchmarks/bare_window.py)",
              "show how much of the start-up is Qt's own; what Vigie adds is the ratio to them."]
    text = "\n".join(lines) + "\n"
    print(text)
    out = ROOT / "docs" / "BENCHMARKS.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
