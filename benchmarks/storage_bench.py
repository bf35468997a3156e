"""Storage speed: saving one answer with 1 and 500 stored assessments (plain and encrypted), listing 500.

Every save is durable (fsync of the file and of its folder) and keeps a backup copy, as in
the application. Each stored assessment is fully answered with notes, like a finished one.
"""

from __future__ import annotations

import itertools
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from benchmarks.measure import Timing, row, sample_times
from wizard.atomic_files import atomic_write_bytes
from wizard.core.model import ANSWER_VALUES, Answer, Assessment, Organisation, Participant
from wizard.storage import Store

PASSPHRASE = "phrase de passe du banc d’essai"
SAVE_RUNS = 61


def _template() -> Assessment:
    from wizard.core.questionnaire import load_questionnaire

    questions = [q.id for q in load_questionnaire().for_profile("lab").questions]
    answers = {qid: Answer(ANSWER_VALUES[i % 4], note=f"Constat n° {i} : procédure à formaliser",
                           by="Claire Martin") for i, qid in enumerate(questions)}
    return Assessment(profile="lab", organisation=Organisation("Laboratoire des Tilleuls"), date=date(2026, 11, 28),
                      assessor="Claire Martin", participants=[Participant("Jean Dupont", "DSI")], answers=answers)


def _fill(data_dir: Path, count: int, template: Assessment, passphrase: str | None) -> tuple[Store, str]:
    store = Store(data_dir)
    if passphrase:
        store.change_passphrase(passphrase)
    ids = []
    for i in range(count):
        a = replace(template, id="", organisation=Organisation(f"Laboratoire n° {i}"))
        ids.append(store.import_assessment(a, [])[0].id)
    return store, ids[count // 2]


def _interleaved(funcs: list[Callable[[], object]], runs: int = SAVE_RUNS) -> list[Timing]:
    """Times of each function, run in turns so that all see the same disk conditions
    (fsync time varies a lot with other activity on the machine)."""
    samples: list[list[float]] = [[] for _ in funcs]
    for round_ in range(runs + 3):
        for func, bucket in zip(funcs, samples, strict=True):
            start = time.perf_counter()
            func()
            if round_ >= 3:  # warm-up rounds
                bucket.append(time.perf_counter() - start)
    return [Timing(tuple(b)) for b in samples]


def _saver(store: Store, aid: str, qid: str) -> Callable[[], None]:
    values = itertools.cycle(("yes", "no"))
    return lambda: store.save_answer(aid, qid, Answer(next(values), note="Revu en atelier"))


def _floor(store: Store, aid: str) -> Callable[[], None]:
    """A bare durable atomic write of the same bytes: what the disk alone costs."""
    data = store.path_of(aid).read_bytes()
    target = store.data_dir / "floor.bin"
    return lambda: atomic_write_bytes(target, data)


def run() -> list[dict[str, object]]:
    template = _template()
    qid = next(iter(template.answers))
    rows = []
    for label, passphrase in (("plain", None), ("encrypted", PASSPHRASE)):
        with tempfile.TemporaryDirectory() as one_dir, tempfile.TemporaryDirectory() as many_dir:
            one, one_id = _fill(Path(one_dir), 1, template, passphrase)
            many, many_id = _fill(Path(many_dir), 500, template, passphrase)
            # As in the application, the assessment is open (its lock held) while answers are saved.
            one.lock(one_id)
            many.lock(many_id)
            t1, t500, floor = _interleaved([_saver(one, one_id, qid), _saver(many, many_id, qid),
                                            _floor(one, one_id)])
            ratio = t500.median / t1.median
            note = (f"{len(template.answers)} answers with notes, fsync + backup copy; "
                    f"{t1.median / floor.median:.2f} × a bare durable write of the file ({floor.median * 1000:.1f} ms)")
            rows.append(row(f"Save one answer, 1 assessment stored ({label})", t1, note, "≤ 10 ms",
                            t1.median <= 0.010))
            rows.append(row(f"Save one answer, 500 assessments stored ({label})", t500,
                            f"{ratio:.2f} × the time with 1 stored", "≤ 1.3 × (1 stored)", ratio <= 1.3))
            many.list()
            warm = sample_times(many.list, runs=11)
            rows.append(row(f"List 500 assessments ({label}, index up to date)", warm,
                            "stat of each file, summaries from the index", "≤ 300 ms", warm.median <= 0.300))

            def cold(store: Store = many) -> None:
                store.index.drop()
                store.list()

            rows.append(row(f"List 500 assessments ({label}, index rebuilt)", sample_times(cold, runs=5),
                            "every file read" + (" and decrypted" if passphrase else "")
                            + ": first start or index lost"))
            one.close()
            many.close()
    return rows


if __name__ == "__main__":
    for r in run():
        seconds = r["seconds"]  # the median
        shown = f"{seconds * 1000:8.2f} ms" if isinstance(seconds, float) else "       —"
        verdict = "" if r["ok"] is None else ("ok" if r["ok"] else "MISSED")
        print(f"{shown}  {r['name']}  [{r['target']} {verdict}]  {r['notes']}")
