"""Comparing and merging: comparing two stored 75-question assessments, and merging ten .vigie
copies of one into the stored assessment, through the workspace as the CLI and the UI do.

The merge is timed from reading the ten files (each checked whole by the exchange reader) to the
merged assessment written durably (one write, the replaced version backed up). Each run starts
from a fresh copy of the data folder (copied outside the timing), so every run merges for real.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.measure import median_time, row
from wizard.core.model import ANSWER_VALUES, Organisation
from wizard.operations.workspace import Workspace

QUESTIONS = 75
COPIES = 10
RUNS = 7


def _answer_all(workspace: Workspace, aid: str, questions: list[str], by: str, shift: int = 0) -> None:
    with workspace.open_session(aid) as session:
        for i, qid in enumerate(questions):
            session.answer(qid, ANSWER_VALUES[(i + shift) % 4], note=f"Constat n° {i} : procédure à formaliser",
                           by=by)


def _setup(root: Path) -> tuple[Path, str, list[Path], str]:
    """A data folder holding a fully answered 75-question assessment and its re-assessment, and
    ten copies of the latter, each changed on other laptops (some questions by two of them)."""
    here = Workspace.open(root / "here")
    questions = [q.id for q in here.registry.for_profile("lab").questions if q.scored][:QUESTIONS]
    first = here.create("lab", Organisation("Laboratoire des Tilleuls"), assessor="Claire Martin",
                        when=date(2025, 11, 28))
    _answer_all(here, first.id, questions, "Claire Martin")
    second = here.reassess(first.id, when=date(2026, 11, 28))
    _answer_all(here, second.id, questions, "Claire Martin", shift=1)
    exported = here.export_exchange(second.id, root / "base.vigie")
    copies = []
    for n in range(COPIES):
        laptop = Workspace.open(root / f"laptop{n}")
        laptop.import_file(exported)
        with laptop.open_session(second.id) as session:
            for qid in questions[n * 7: n * 7 + 8]:  # eight questions each, one shared with the next copy
                session.answer(qid, "yes", note=f"Revu sur le poste {n}", by=f"Participant {n}")
        copies.append(laptop.export_exchange(second.id, root / f"copy{n}.vigie"))
        laptop.close()
    here.close()
    return root / "here", second.id, copies, first.id


def run() -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder, aid, copies, earlier = _setup(root)
        workspace = Workspace.open(folder)
        seconds = median_time(lambda: workspace.compare(earlier, aid), runs=21)
        comparison = workspace.compare(earlier, aid)
        rows.append(row(f"Compare two stored assessments ({QUESTIONS} questions each)", seconds,
                        f"both read from the store and evaluated; {len(comparison.improved)} improved, "
                        f"{len(comparison.worsened)} worsened, {len(comparison.still_open)} actions still open",
                        "≤ 20 ms", seconds <= 0.020))
        workspace.close()

        samples, conflicts = [], 0
        for n in range(RUNS + 1):
            fresh = root / f"run{n}"
            shutil.copytree(folder, fresh)
            target = Workspace.open(fresh)
            start = time.perf_counter()
            merged = target.merge(aid, copies, rule="newest")
            elapsed = time.perf_counter() - start
            assert merged.written
            conflicts = len(merged.result.conflicts)
            target.close()
            shutil.rmtree(fresh)
            if n:  # the first run warms the caches
                samples.append(elapsed)
        seconds = statistics.median(samples)
        rows.append(row(f"Merge {COPIES} .vigie copies of a {QUESTIONS}-question assessment", seconds,
                        f"each file checked whole, {conflicts} conflicts decided (newest), one durable write",
                        "≤ 200 ms", seconds <= 0.200))
    return rows


if __name__ == "__main__":
    for r in run():
        print(f"{r['seconds'] * 1000:8.2f} ms  {r['name']}  [{r['target']} {'ok' if r['ok'] else 'MISSED'}]  "
              f"{r['notes']}")
