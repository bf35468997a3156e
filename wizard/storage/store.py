"""The assessment store: one TinyDB file per assessment, every change written at once.

One file per assessment keeps the cost of saving an answer independent of how many
assessments exist. Each file holds the tables meta (one document), answers (one document per
question), action_edits and custom_actions.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from wizard.core.model import (
    PROFILES,
    ActionEdit,
    Answer,
    Assessment,
    CustomAction,
    Organisation,
    Participant,
)
from wizard.storage.atomic import AtomicJSONStorage, clean_stale_temp_files

FILE_FORMAT = "vigie-assessment"
FILE_VERSION = 1
SUFFIX = ".vigie.json"


class StorageError(Exception):
    """Stored data cannot be read or written; the message says which file and why."""


class UnknownAssessment(StorageError):
    pass


@dataclass(frozen=True)
class AssessmentSummary:
    id: str
    organisation: str
    profile: str
    date: date
    answered: int
    modified: str


def now_iso() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


class Store:
    """All assessments of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.folder = self.data_dir / "assessments"
        self.folder.mkdir(parents=True, exist_ok=True)
        clean_stale_temp_files(self.folder)

    # -- files -------------------------------------------------------------------------
    def path_of(self, assessment_id: str) -> Path:
        if not assessment_id or any(c not in "0123456789abcdef-" for c in assessment_id):
            raise UnknownAssessment(f"no assessment with id {assessment_id!r}")
        return self.folder / f"{assessment_id}{SUFFIX}"

    def _open(self, assessment_id: str, *, must_exist: bool = True) -> TinyDB:
        path = self.path_of(assessment_id)
        if must_exist and not path.exists():
            raise UnknownAssessment(f"no assessment with id {assessment_id!r} in {self.folder}")
        try:
            return TinyDB(path, storage=AtomicJSONStorage)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise StorageError(f"{path}: damaged file ({exc})") from exc

    # -- create, list, load, delete ------------------------------------------------------
    def create(self, profile: str, organisation: Organisation, *, assessor: str = "",
               participants: Iterable[Participant] = (), when: date | None = None,
               previous_id: str = "") -> Assessment:
        if profile not in PROFILES:
            raise StorageError(f"unknown profile {profile!r}; expected one of {', '.join(PROFILES)}")
        if not organisation.name.strip():
            raise StorageError("an organisation name is required")
        assessment = Assessment(
            id=str(uuid.uuid4()), profile=profile, organisation=organisation,
            date=when or date.today(), assessor=assessor, participants=list(participants),
            previous_id=previous_id)
        with self._open(assessment.id, must_exist=False) as db:
            db.table("meta").insert(self._meta(assessment, created=now_iso()))
        return assessment

    def _meta(self, a: Assessment, **extra: Any) -> dict[str, Any]:
        return {
            "format": FILE_FORMAT, "version": FILE_VERSION, "id": a.id, "profile": a.profile,
            "organisation": asdict(a.organisation), "date": a.date.isoformat(),
            "assessor": a.assessor, "participants": [asdict(p) for p in a.participants],
            "previous_id": a.previous_id, "position": a.position, "modified": now_iso(), **extra,
        }

    def ids(self) -> list[str]:
        return sorted(p.name[: -len(SUFFIX)] for p in self.folder.glob("*" + SUFFIX))

    def list(self) -> list[AssessmentSummary]:
        summaries = []
        for aid in self.ids():
            with self._open(aid) as db:
                meta = db.table("meta").all()[0]
                summaries.append(AssessmentSummary(
                    id=aid, organisation=meta["organisation"]["name"], profile=meta["profile"],
                    date=date.fromisoformat(meta["date"]), answered=len(db.table("answers")),
                    modified=meta["modified"]))
        return sorted(summaries, key=lambda s: s.modified, reverse=True)

    def load(self, assessment_id: str) -> Assessment:
        with self._open(assessment_id) as db:
            metas = db.table("meta").all()
            if not metas:
                raise StorageError(f"{self.path_of(assessment_id)}: no metadata")
            meta = metas[0]
            answers = {}
            for doc in db.table("answers").all():
                fields = dict(doc)
                qid = fields.pop("question")
                answers[qid] = Answer(**fields)
            edits = {doc["action"]: ActionEdit(**{k: v for k, v in doc.items() if k != "action"})
                     for doc in db.table("action_edits").all()}
            customs = [CustomAction(**doc) for doc in db.table("custom_actions").all()]
        return Assessment(
            id=meta["id"], profile=meta["profile"],
            organisation=Organisation(**meta["organisation"]), date=date.fromisoformat(meta["date"]),
            assessor=meta["assessor"], participants=[Participant(**p) for p in meta["participants"]],
            answers=answers, action_edits=edits, custom_actions=customs,
            previous_id=meta.get("previous_id", ""), position=meta.get("position", ""))

    def delete(self, assessment_id: str) -> None:
        path = self.path_of(assessment_id)
        if not path.exists():
            raise UnknownAssessment(f"no assessment with id {assessment_id!r}")
        path.unlink()

    # -- changes, each written at once ---------------------------------------------------
    def _touch(self, db: TinyDB, **fields: Any) -> None:
        db.table("meta").update({"modified": now_iso(), **fields})

    def save_answer(self, assessment_id: str, question_id: str, answer: Answer | None) -> None:
        """Record (or, with None, clear) one answer; durable when this returns."""
        with self._open(assessment_id) as db:
            table = db.table("answers")
            if answer is None:
                table.remove(Query().question == question_id)
            else:
                if not answer.at:
                    answer.at = now_iso()
                table.upsert({"question": question_id, **asdict(answer)}, Query().question == question_id)
            self._touch(db)

    def save_details(self, assessment: Assessment) -> None:
        """Organisation, assessor, participants, date and position."""
        with self._open(assessment.id) as db:
            old = db.table("meta").all()[0]
            db.table("meta").truncate()
            db.table("meta").insert(self._meta(assessment, created=old.get("created", "")))

    def save_position(self, assessment_id: str, position: str) -> None:
        with self._open(assessment_id) as db:
            db.table("meta").update({"position": position})

    def save_action_edit(self, assessment_id: str, action_id: str, edit: ActionEdit | None) -> None:
        with self._open(assessment_id) as db:
            table = db.table("action_edits")
            if edit is None:
                table.remove(Query().action == action_id)
            else:
                table.upsert({"action": action_id, **asdict(edit)}, Query().action == action_id)
            self._touch(db)

    def save_custom_actions(self, assessment_id: str, actions: list[CustomAction]) -> None:
        with self._open(assessment_id) as db:
            table = db.table("custom_actions")
            table.truncate()
            table.insert_multiple(asdict(a) for a in actions)
            self._touch(db)
