"""make bench: every speed and memory goal of Vigie, measured in one run, in one table.

Prints the table and writes it, with the machine and how busy it was, to docs/BENCHMARKS.md.
Each figure is a median with its 90th percentile; a goal set against a reference (bare Qt,
plain ReportLab, the source start) is a ratio taken round by round with the reference measured
in the same rounds. Every module benchmarks/*_bench.py with a run() returning rows is part of
the run: a new feature's benchmark joins the table by being written there.
"""

from __future__ import annotations

import importlib
import os
import platform
import subprocess
import sys
from datetime import date
from pathlib import Path

from benchmarks.measure import ROOT, OtherWork, median_time, row

FROZEN = ROOT / "build" / "dist" / ("Vigie.exe" if sys.platform == "win32" else "vigie")
ONEDIR = ROOT / "build" / "dist" / "Vigie"
# The sections in their order, each from its module; modules not listed here come after them.
SECTIONS = (("Start-up", "benchmarks.startup_bench"), ("Storage", "benchmarks.storage_bench"),
            ("UI", "benchmarks.ui_bench"), ("Report", "benchmarks.report_bench"))
# Benchmarks the features under way ask for, shown as pending until their module exists.
ASKED = {
    "benchmarks.compare_merge_bench": ("Compare and merge", "Compare two assessments (≤ 20 ms), merge ten copies "
                                       "of one (≤ 200 ms)"),
    "benchmarks.relations_bench": ("Lab ↔ vendor exchange", "A vendor with 200 clients, a lab with 50 "
                                        "processors: each list ≤ 50 ms, one response ≤ 1.5 s"),
}


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
    rows = []
    if FROZEN.exists():
        mb = FROZEN.stat().st_size / 1e6
        rows.append(row(f"One-file executable size ({platform.system()})", None,
                        "Qt's ICU data replaced by an empty package on Linux (build/icu_stub.py)",
                        "≤ 60 MB", mb <= 60, value=f"{mb:.1f} MB"))
        unpacked = _unpacked_mb(FROZEN)
        if unpacked is not None:
            rows.append(row("  what it unpacks at every start", None,
                            "libraries, extension modules and data written to a temporary folder", value=f"{unpacked:.1f} MB"))
    else:
        rows.append(row("One-file executable size", None, "not built: make package"))
    if ONEDIR.is_dir():
        files = [f for f in ONEDIR.rglob("*") if f.is_file() and not f.is_symlink()]
        mb = sum(f.stat().st_size for f in files) / 1e6
        rows.append(row(f"One-folder build ({platform.system()})", None, f"{len(files)} files; the installer's content",
                        value=f"{mb:.1f} MB"))
    return rows


def _unpacked_mb(executable: Path) -> float | None:
    try:
        from PyInstaller.archive.readers import CArchiveReader
    except ImportError:
        return None
    archive = CArchiveReader(str(executable))
    # The module archive (PYZ) is read in place; everything else is written out.
    return sum(entry[2] for name, entry in archive.toc.items() if entry[4] != "z") / 1e6


def module_rows(name: str) -> list[dict[str, object]]:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return [row(ASKED[name][1] if name in ASKED else name, None, "pending: the feature is not in this tree yet")]
    return module.run()


def sections() -> list[tuple[str, object]]:
    listed = {module for _title, module in SECTIONS}
    found = sorted(f"benchmarks.{p.stem}" for p in (ROOT / "benchmarks").glob("*_bench.py"))
    more = [m for m in found if m not in listed] + [m for m in ASKED if m not in found]
    return [
        *((title, lambda m=module: module_rows(m)) for title, module in SECTIONS[:1]),
        ("Core", plan_rows),
        *((title, lambda m=module: module_rows(m)) for title, module in SECTIONS[1:]),
        *((ASKED[m][0] if m in ASKED else m.split(".")[-1].removesuffix("_bench").replace("_", " ").capitalize(),
           lambda m=m: module_rows(m)) for m in more),
        ("Memory", memory_rows), ("Package", size_rows),
    ]


def _ms(value: object) -> str | None:
    return f"{value * 1000:.1f} ms" if isinstance(value, float) else (value if isinstance(value, str) else None)


def table_head() -> list[str]:
    return ["| Measure | Median | p90 | Target | Notes |", "|---|---|---|---|---|"]


def fmt(r: dict[str, object]) -> str:
    value = r.get("value") or _ms(r.get("seconds")) or "—"
    p90 = _ms(r.get("p90")) or ""
    ok = r.get("ok")
    verdict = "" if ok is None else ("✅" if ok else "❌")
    return f"| {r['name']} | {value} | {p90} | {r.get('target') or ''} {verdict} | {r.get('notes') or ''} |"


def main() -> int:
    lines = ["# Benchmarks", "", f"Measured by `make bench` on {date.today().isoformat()}.", "",
             f"Machine: {machine()}.", "", *table_head()]
    others: list[float] = []
    for title, func in sections():
        print(f"… {title}", file=sys.stderr)
        watch = OtherWork()
        rows = [fmt(r) for r in func()]  # type: ignore[operator]
        cores = watch.cores() if watch.elapsed() >= 1.0 else None  # a glance says nothing
        busy = "" if cores is None else f" (other work on the machine: {cores:.2f} of {os.cpu_count()} cores)"
        if cores is not None:
            others.append(cores)
        lines.append(f"| **{title}**{busy} | | | | |")
        lines.extend(rows)
    load = (f"other people's work kept {min(others):.2f} to {max(others):.2f} of the {os.cpu_count()} cores busy, "
            "section by section (the machine's busy CPU time less the benchmark's own)") if others else "not known here"
    lines += ["", f"Load during the run: {load}.", "",
              "Median and 90th percentile (nearest rank) of each measure's samples. Goals set against a reference",
              "are ratios taken round by round, the reference measured in the same rounds, taking turns: the home",
              "window's widgets built by PySide6 alone (benchmarks/bare_window.py) for the start-up, a section page's",
              "widgets alone (benchmarks/bare_section.py) for the page switch, ReportLab alone laying out as many",
              "pages of plain paragraphs for the report. On a shared virtual machine the absolute times move by a",
              "quarter from one run to the next; the ratios hold."]
    text = "\n".join(lines) + "\n"
    print(text)
    out = ROOT / "docs" / "BENCHMARKS.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
