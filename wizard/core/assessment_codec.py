"""The one mapping between an assessment and plain data (JSON-ready dicts, lists and strings).

The stored file (wizard.storage.tables: TinyDB tables), the answers file and the .vigie
exchange file (answers_file.py), and the copy attached to a signed plan (wizard.report.embedded)
are all made from plain(); a stored file is read back through from_plain(). Checking values
against the content and the limits on the way in is answers_file's and checks' work.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from wizard.core.model import (
    ActionEdit,
    Answer,
    Assessment,
    ContentStamp,
    CustomAction,
    Organisation,
    Participant,
)

# The assessment's own details, beside its answers and its plan's follow-up.
DETAILS = ("id", "previous_id", "profile", "organisation", "assessor", "date", "participants", "content")


def plain(a: Assessment) -> dict[str, Any]:
    """Every field of the assessment as plain data, nothing left out."""
    return {
        "id": a.id,
        "previous_id": a.previous_id,
        "profile": a.profile,
        "organisation": asdict(a.organisation),
        "assessor": a.assessor,
        "date": a.date.isoformat(),
        "participants": [asdict(p) for p in a.participants],
        "content": asdict(a.content),
        "answers": {qid: asdict(answer) for qid, answer in a.answers.items()},
        "action_edits": {aid: asdict(edit) for aid, edit in a.action_edits.items()},
        "custom_actions": [asdict(c) for c in a.custom_actions],
        "position": a.position,
        # Only when there are some: a file without notes reads the same in a Vigie that has none.
        **({"action_notes": dict(a.action_notes)} if a.action_notes else {}),
    }


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """plain() without the empty fields of answers and edits (the readable answers-file form)."""
    out = dict(data)
    out["answers"] = {qid: {k: v for k, v in answer.items() if v not in ("", False) or k == "value"}
                      for qid, answer in data["answers"].items()}
    out["action_edits"] = {aid: {k: v for k, v in edit.items() if v not in (None, "")}
                           for aid, edit in data["action_edits"].items()}
    return out


def from_plain(data: dict[str, Any]) -> Assessment:
    """The assessment of plain data; KeyError, TypeError or ValueError when it is malformed."""
    return Assessment(
        id=data["id"], profile=data["profile"], organisation=Organisation(**data["organisation"]),
        date=date.fromisoformat(data["date"]), assessor=data["assessor"],
        participants=[Participant(**p) for p in data["participants"]],
        answers={str(qid): Answer(**answer) for qid, answer in data.get("answers", {}).items()},
        action_edits={str(aid): ActionEdit(**edit) for aid, edit in data.get("action_edits", {}).items()},
        custom_actions=[CustomAction(**c) for c in data.get("custom_actions", [])],
        action_notes={str(aid): str(note) for aid, note in data.get("action_notes", {}).items()},
        previous_id=data.get("previous_id", ""), position=data.get("position", ""),
        content=ContentStamp(**data.get("content", {})))
