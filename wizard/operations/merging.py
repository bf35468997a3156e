"""Merging .vigie copies of one assessment into the stored one.

Each file is read and checked whole by the exchange reader, as an import is; a wrong, altered,
foreign or newer file is refused with a message naming it, and nothing is written. The stored
assessment's lock is held from reading it to writing the merge, so no other Vigie changes it in
between; the merge is written in one write, the version it replaces kept among the backups.
The rules are the core's (wizard.core.merge); this module reads, locks and writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard.core import limits
from wizard.core.merge import Copy, MergeRefused, MergeResult, merge
from wizard.core.model import ANSWER_LABELS
from wizard.core.plan_merge import Difference
from wizard.core.questionnaire import Questionnaire
from wizard.i18n import N_, _
from wizard.operations.errors import OperationError
from wizard.storage import StorageError, Store
from wizard.storage.store import locked_message
from wizard.storage.tables import HistoryEntry, now_iso
from wizard.typography import french


@dataclass(frozen=True)
class Merged:
    """A merge: what the core decided, and whether it was written (only when no conflict waits
    for a choice and something changed)."""

    result: MergeResult
    written: bool
    files: tuple[Path, ...]


def _record(entry: HistoryEntry) -> dict[str, Any]:
    record = {"question": entry.question, "at": entry.at, "by": entry.by, "old": entry.old, "new": entry.new}
    if entry.merge is not None:
        record["merge"] = entry.merge
    return record


def read_copies(store: Store, questionnaire: Questionnaire, paths: Sequence[Path]) -> list[Copy]:
    """Each file checked as an import checks it; OperationError naming the first one refused."""
    if not paths:
        raise OperationError(french(_("aucun fichier .vigie à fusionner")))
    copies = []
    for path in map(Path, paths):
        try:
            if path.stat().st_size > limits.FILE_BYTES:
                raise OperationError(french(_("{file} : fichier trop volumineux ; rien n’a été fusionné")).format(
                    file=path))
            raw = path.read_bytes()
        except OSError as exc:
            raise OperationError(french(_("{file} : {error} ; rien n’a été fusionné")).format(
                file=path, error=exc.strerror or exc)) from None
        try:
            assessment, history = store.read_exchange(raw, questionnaire)
        except StorageError as exc:
            raise OperationError(f"{path} : {exc}") from None
        copies.append(Copy(path.name[: limits.NAME], assessment, tuple(history)))
    return copies


def merge_files(store: Store, questionnaire: Questionnaire, assessment_id: str, paths: Sequence[Path], *,
                decisions: Mapping[tuple[int, str], str] | None = None, rule: str | None = None,
                who: str | None = None, write: bool = True) -> Merged:
    """Merge the files into the stored assessment; written when write, every conflict decided
    (decisions, or rule for all) and something changed. OperationError when refused."""
    store.load(assessment_id)  # an unknown id is said before any file is read
    copies = read_copies(store, questionnaire, paths)
    if write and store.read_only:
        raise OperationError(store.read_only_reason)
    holder = store.lock(assessment_id) if write else None
    if holder is not None:
        raise OperationError(locked_message(holder))
    try:
        mine = store.load(assessment_id)
        history = tuple(_record(e) for e in store.history(assessment_id))
        try:
            result = merge(Copy(_("cette évaluation"), mine, history), copies, decisions=decisions, rule=rule,
                           who=mine.assessor if who is None else who, when=now_iso(),
                           versions=questionnaire.versions)
        except MergeRefused as exc:
            raise OperationError(str(exc)) from None
        written = write and not result.unresolved and result.changed
        if written:
            store.import_assessment(result.assessment, result.history, replace=True)
    finally:
        if write:
            store.unlock(assessment_id)
    return Merged(result, written, tuple(map(Path, paths)))


# -- what the screens and the command line show ----------------------------------------------------
def answer_text(answer: Any) -> str:
    """« Oui », « Non »… or « sans réponse »."""
    return _("sans réponse") if answer is None else _(ANSWER_LABELS.get(answer.value, answer.value))


FIELD_LABELS = {"owner": N_("responsable"), "due": N_("échéance"), "status": N_("statut"),
                "priority": N_("priorité"), "title": N_("titre"), "description": N_("description"),
                "organisation": N_("organisme"), "assessor": N_("évaluateur"), "date": N_("date")}


def describe_difference(difference: Difference) -> str:
    """One line: which value two copies hold differently, and that this copy's was kept."""
    what = _(FIELD_LABELS[difference.field]) if difference.field in FIELD_LABELS else difference.field
    if difference.kind == "details":
        subject = _("Détails de l’évaluation")
    else:
        subject = _("Action {action}").format(action=difference.key)
    return french(_("{subject}, {field} : « {mine} » gardé ici, « {theirs} » dans {file}")).format(
        subject=subject, field=what, mine=difference.mine or "—", theirs=difference.theirs or "—",
        file=difference.label)
