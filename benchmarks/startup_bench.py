"""Start-up: from process start to an interactive home holding 200 assessments, and `--version`.

In the same rounds, taking turns: the empty window (Qt's floor), the home window's widgets built by
PySide6 alone (benchmarks/bare_window.py), Vigie from source, and the built executables found in
build/dist — the one-file (portable) one and the one-folder (installed) one. Ratios are taken
round by round, so that a busy moment of the machine weighs on both sides of each ratio.

  python -m benchmarks.startup_bench [--onefile EXE] [--onedir EXE] [--runs N]

The Windows workflow runs it on the built (and installed) executables and logs the table.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from benchmarks.measure import (
    ROOT,
    Command,
    Timing,
    bare_window_command,
    empty_window_command,
    process_times,
    row,
)

WINDOWS = sys.platform == "win32"
# The console executable: the windowed Vigie.exe has no standard output to say "ready" on.
ONEFILE = ROOT / "build" / "dist" / ("vigie-cli.exe" if WINDOWS else "vigie")
ONEDIR = ROOT / "build" / "dist" / "Vigie" / ("vigie-cli.exe" if WINDOWS else "vigie")
SOURCE_GOAL = 1.2  # × the same widgets in PySide6 alone
INSTALLED_GOAL = 1.5  # × the source start
PORTABLE_GOAL = 0.7  # seconds
RUNS = 11


def _timings(onefile: Path | None, onedir: Path | None, runs: int) -> dict[str, Timing]:
    from benchmarks.ui_bench import fill

    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as cache:
        fill(Path(data), 200)
        env = {"VIGIE_DATA_DIR": data, "VIGIE_CACHE_DIR": cache}
        commands = {"floor": Command(empty_window_command(), {}), "bare": Command(bare_window_command(), {}),
                    "source": Command([sys.executable, "-m", "wizard"], env, later=("listed",)),
                    "source --version": Command([sys.executable, "-m", "wizard", "--version"], env, None)}
        for name, exe in (("onefile", onefile), ("onedir", onedir)):
            if exe is not None and exe.exists():
                commands[name] = Command([str(exe)], env, later=("listed",))
                commands[f"{name} --version"] = Command([str(exe), "--version"], env, None)
        return process_times(commands, runs=runs)


def run(onefile: Path | None = ONEFILE, onedir: Path | None = ONEDIR, runs: int = RUNS) -> list[dict[str, object]]:
    t = _timings(onefile, onedir, runs)
    floor, bare, source = t["floor"], t["bare"], t["source"]
    to_bare = source.ratio_to(bare)
    rows = [
        row("Empty PySide6 window (floor)", floor, "QApplication + one QWidget shown"),
        row("Home window's widgets, PySide6 alone", bare,
            f"{bare.median / floor.median:.2f} × the floor: toolbar of 13 actions, 200-row table, 7 buttons, "
            "no Vigie code (benchmarks/bare_window.py)"),
        row("Start to interactive home, 200 assessments, source", source,
            f"{to_bare.median:.2f} × (p90 {to_bare.p90:.2f} ×) the same widgets alone, round by round; "
            "the list fills in just after the first paint",
            f"≤ {SOURCE_GOAL} × widgets alone", to_bare.median <= SOURCE_GOAL),
        row("  the home list filled, source", t["source listed"],
            f"{t['source listed'].ratio_to(bare).median:.2f} × the widgets alone (whose table is filled before "
            "their first paint): the data layer loads and the folder opens once the window is painted"),
    ]
    if "onedir" in t:
        ratio = t["onedir"].ratio_to(source)
        rows.append(row("Start to interactive home, one-folder build (installed)", t["onedir"],
                        f"{ratio.median:.2f} × (p90 {ratio.p90:.2f} ×) the source start; nothing to unpack",
                        f"≤ {INSTALLED_GOAL} × source", ratio.median <= INSTALLED_GOAL))
    else:
        rows.append(row("Start to interactive home, one-folder build", None, "not built: make package"))
    if "onefile" in t:
        rows.append(row("Start to interactive home, one-file executable (portable)", t["onefile"],
                        f"{t['onefile'].median / source.median:.2f} × the source start; unpacks itself at every start",
                        f"≤ {PORTABLE_GOAL} s", t["onefile"].median <= PORTABLE_GOAL))
    else:
        rows.append(row("Start to interactive home, one-file executable", None, "not built: make package"))
    version = t["source --version"]
    rows.append(row("`vigie --version`, source", version, "the command line's floor: no Qt, no data"))
    for name, label in (("onedir", "one-folder build"), ("onefile", "one-file executable")):
        if f"{name} --version" in t:
            timing = t[f"{name} --version"]
            rows.append(row(f"`vigie --version`, {label}", timing,
                            f"{timing.median / version.median:.1f} × the source"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description="Start-up of Vigie from source and of its built executables.")
    parser.add_argument("--onefile", type=Path, default=ONEFILE)
    parser.add_argument("--onedir", type=Path, default=ONEDIR)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from benchmarks.run import fmt, table_head

    lines = [*table_head(), *(fmt(r) for r in run(args.onefile, args.onedir, args.runs))]
    text = "\n".join(lines) + "\n"
    print(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(f"### Start-up ({sys.platform}, {args.runs} rounds)\n\n{text}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
