"""The tables of one assessment file and the plain data they stand for.

An assessment file's data holds TinyDB tables: meta (one document), answers (one per
question), action_edits, custom_actions, history (the audit trail of answer changes),
action_notes (one per action with a follow-up note) and plan_history (the audit trail of the
plan: one entry per named change, such as the import of a spreadsheet). A Vigie that predates
the last two tables reads the file without them, and leaves them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # built only when an assessment is read: listing the store needs none of it
    from wizard.core.model import Assessment

TABLES = ("meta", "answers", "action_edits", "custom_actions", "history", "action_notes", "plan_history")
# Fields of an answer the audit trail compares and keeps as "previous value".
AUDITED = ("value", "note", "justification", "evidence", "review")

Tables = dict[str, dict[str, dict[str, Any]]]


def now_iso() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def meta_of(a: Assessment, **extra: Any) -> dict[str, Any]:
    """The meta document: the assessment's details (assessment_codec.DETAILS), where it was left,
    and when it was changed."""
    from wizard.core.assessment_codec import DETAILS, plain

    data = plain(a)
    return {**{k: data[k] for k in DETAILS}, "position": data["position"], "modified": now_iso(), **extra}


def new_tables(a: Assessment, created: str) -> Tables:
    from wizard.core.assessment_codec import plain

    data = plain(a)
    tables: Tables = {name: {} for name in TABLES}
    tables["meta"]["1"] = meta_of(a, created=created)
    for i, (qid, answer) in enumerate(data["answers"].items(), start=1):
        tables["answers"][str(i)] = {"question": qid, **answer}
    for i, (aid, edit) in enumerate(data["action_edits"].items(), start=1):
        tables["action_edits"][str(i)] = {"action": aid, **edit}
    for i, custom in enumerate(data["custom_actions"], start=1):
        tables["custom_actions"][str(i)] = custom
    tables["action_notes"] = notes_table(data.get("action_notes", {}))
    return tables


def notes_table(notes: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {str(i): {"action": aid, "note": note} for i, (aid, note) in enumerate(notes.items(), start=1)}


def meta_doc(tables: Tables) -> dict[str, Any]:
    metas = list(tables["meta"].values())
    if len(metas) != 1:
        raise ValueError("expected exactly one metadata document")
    return metas[0]


def assessment_of(tables: Tables) -> Assessment:
    """Build the assessment; KeyError/TypeError/ValueError on a malformed file."""
    from wizard.core.assessment_codec import DETAILS, from_plain

    meta = meta_doc(tables)
    data: dict[str, Any] = {k: meta[k] for k in DETAILS if k in meta}
    data["position"] = meta.get("position", "")
    data["answers"] = {doc["question"]: {k: v for k, v in doc.items() if k != "question"}
                       for doc in tables["answers"].values()}
    data["action_edits"] = {doc["action"]: {k: v for k, v in doc.items() if k != "action"}
                            for doc in tables["action_edits"].values()}
    data["custom_actions"] = list(tables["custom_actions"].values())
    data["action_notes"] = {str(doc["action"]): str(doc["note"])
                            for doc in tables.get("action_notes", {}).values()}
    return from_plain(data)


@dataclass(frozen=True)
class HistoryEntry:
    """One change of one answer: when, by whom, the previous and the new value (None: no answer).

    merge: for a decision taken when merging copies (wizard.core.merge), which version was kept,
    by which rule, from which copy, and the version set aside; None for any other change."""

    question: str
    at: str
    by: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    merge: dict[str, Any] | None = None

    @property
    def old_value(self) -> str | None:
        return None if self.old is None else self.old.get("value")

    @property
    def new_value(self) -> str | None:
        return None if self.new is None else self.new.get("value")


def audited(answer: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if answer is None else {k: answer.get(k) for k in AUDITED}


def history_of(tables: Tables, question: str | None = None) -> list[HistoryEntry]:
    """Oldest first."""
    docs = sorted(tables.get("history", {}).items(), key=lambda kv: int(kv[0]))
    return [HistoryEntry(d["question"], d["at"], d["by"], d["old"], d["new"], d.get("merge"))
            for _, d in docs if question is None or d["question"] == question]


@dataclass(frozen=True)
class PlanHistoryEntry:
    """One named change of the plan: when, by whom, what (operation, and the file it came from
    for an import), and each field it changed: {"action", "field", "old", "new"} with the stored
    values (a status key, an ISO date, an owner role or name, a note)."""

    at: str
    by: str
    operation: str
    source: str
    changes: tuple[dict[str, Any], ...]


PLAN_HISTORY_KEYS = ("at", "by", "operation", "source", "changes")


def plan_history_of(tables: Tables) -> list[PlanHistoryEntry]:
    """Oldest first."""
    docs = sorted(tables.get("plan_history", {}).items(), key=lambda kv: int(kv[0]))
    return [PlanHistoryEntry(d["at"], d["by"], d["operation"], d.get("source", ""),
                             tuple(dict(c) for c in d["changes"])) for _, d in docs]
