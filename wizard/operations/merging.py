"""Merging .vigie copies of one assessment into the stored one.

Each file is read and checked whole by the exchange reader, as an import is; a wrong, altered,
foreign or newer file is refused with a message naming it, and nothing is written. The stored
assessment's lock is held from reading it to writing the merge, so no other Vigie changes it in
between; the merge is written in one write, the version it replaces kept among the backups.
The plan's history is kept, and what the merge changes in the plan is one more entry of it
(operation "merge", the copies' names as its source, each field changed), as an imported
spreadsheet's is.
The rules are the core's (wizard.core.merge); this module reads, locks and writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard.core import limits
from wizard.core.content_changes import of_profile
from wizard.core.merge import Copy, MergeRefused, MergeResult, merge
from wizard.core.model import ACTION_STATUSES, ANSWER_LABELS, Assessment
from wizard.core.plan_changes import MERGE, edits_changes
from wizard.core.plan_merge import Difference
from wizard.core.questionnaire import Questionnaire
from wizard.i18n import N_, _
from wizard.operations.errors import OperationError
from wizard.storage import StorageError, Store
from wizard.storage.store import locked_message
from wizard.storage.tables import PLAN_HISTORY_KEYS, HistoryEntry, PlanHistoryEntry, now_iso
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


def _plan_record(entry: PlanHistoryEntry) -> dict[str, Any]:
    record = {k: getattr(entry, k) for k in PLAN_HISTORY_KEYS}
    record["changes"] = [dict(c) for c in entry.changes]
    return record


def _unreadable(path: Path, exc: OSError) -> OperationError:
    if isinstance(exc, FileNotFoundError):
        return OperationError(french(_("{file} : fichier introuvable ; rien n’a été fusionné")).format(file=path))
    if isinstance(exc, IsADirectoryError):
        return OperationError(french(_("{file} : c’est un dossier, pas un fichier .vigie ; rien n’a été "
                                       "fusionné")).format(file=path))
    if isinstance(exc, PermissionError):
        return OperationError(french(_("{file} : lecture refusée (droits d’accès) ; rien n’a été fusionné")).format(
            file=path))
    return OperationError(french(_("{file} : {error} ; rien n’a été fusionné")).format(
        file=path, error=exc.strerror or exc))


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
            raise _unreadable(path, exc) from None
        try:
            assessment, history, plan_history = store.read_exchange(raw, questionnaire)
        except StorageError as exc:
            raise OperationError(f"{path} : {exc}") from None
        copies.append(Copy(path.name[: limits.NAME], assessment, tuple(history), tuple(plan_history)))
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
        plan_history = tuple(_plan_record(e) for e in store.plan_history(assessment_id))
        view = _view(questionnaire, mine)
        concerns = of_profile(view, mine.profile, versions=questionnaire.versions,
                              answered={q for a in (mine, *(c.assessment for c in copies)) for q in a.answers})
        who = mine.assessor if who is None else who
        when = now_iso()
        try:
            result = merge(Copy(_("cette évaluation"), mine, history, plan_history), copies, decisions=decisions,
                           rule=rule, who=who, when=when, versions=questionnaire.versions, concerns=concerns)
        except MergeRefused as exc:
            raise OperationError(str(exc)) from None
        written = write and not result.unresolved and result.changed
        if written:
            merged_history = list(result.plan_history)  # this copy's, and what the copies brought
            changes = edits_changes(view, mine, result.assessment)
            if changes:
                source = ", ".join(c.label for c in copies)
                if len(source) > limits.NAME:
                    source = source[: limits.NAME - 1] + "…"
                merged_history.append({"at": when, "by": who, "operation": MERGE, "source": source,
                                       "changes": [c.record() for c in changes]})
            store.import_assessment(result.assessment, result.history, replace=True, plan_history=merged_history)
    finally:
        if write:
            store.unlock(assessment_id)
    return Merged(result, written, tuple(map(Path, paths)))


def _view(questionnaire: Questionnaire, assessment: Assessment) -> Questionnaire:
    """The questionnaire of the assessment's profile (the whole one for a profile it lacks)."""
    if assessment.profile in questionnaire.framework.profile_ids:
        return questionnaire.for_profile(assessment.profile)
    return questionnaire


# -- what the screens and the command line show ----------------------------------------------------
def answer_text(answer: Any) -> str:
    """« Oui », « Non »… or « sans réponse »."""
    return _("sans réponse") if answer is None else _(ANSWER_LABELS.get(answer.value, answer.value))


FIELD_LABELS = {"owner": N_("responsable"), "due": N_("échéance"), "status": N_("statut"),
                "priority": N_("priorité"), "title": N_("titre"), "description": N_("description"),
                "note": N_("notes"), "organisation": N_("organisme"), "assessor": N_("évaluateur"),
                "date": N_("date")}


def _value_text(field: str, value: str) -> str:
    """A value as the plan shows it: a status's label, a note on one line and cut short."""
    if field == "status" and value in ACTION_STATUSES:
        return _(ACTION_STATUSES[value])
    flat = " ".join(value.split())
    return flat[:80] + "…" if len(flat) > 80 else flat


def describe_difference(difference: Difference) -> str:
    """One line: which value two copies hold differently, and that this copy's was kept."""
    what = _(FIELD_LABELS[difference.field]) if difference.field in FIELD_LABELS else difference.field
    if difference.kind == "details":
        subject = _("Détails de l’évaluation")
    else:
        subject = _("Action {action}").format(action=difference.key)
    return french(_("{subject}, {field} : « {mine} » gardé ici, « {theirs} » dans {file}")).format(
        subject=subject, field=what, mine=_value_text(difference.field, difference.mine) or "—",
        theirs=_value_text(difference.field, difference.theirs) or "—", file=difference.label)
