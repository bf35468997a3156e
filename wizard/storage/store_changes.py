"""The store's writes of one assessment's changes: an answer (with its audit trail), the
details, the position, the plan's edits, custom actions and notes. Each is written at once, in
one version of the file. A mixin of Store, which brings the assessment files.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from wizard.storage import tables as docs
from wizard.storage.errors import StorageError
from wizard.storage.tables import now_iso

if TYPE_CHECKING:
    from tinydb import TinyDB

    from wizard.core.model import ActionEdit, Answer, Assessment, CustomAction
    from wizard.storage.assessment_files import AssessmentFiles


def checked_details(a: Assessment) -> None:
    """The details of an assessment within wizard.core.limits; StorageError naming the field."""
    from wizard.core import checks, limits

    try:
        checks.check_organisation(a.organisation)
        checks.day(a.date.isoformat(), "date")
        checks.text(a.assessor, "assessor", limits.NAME)
        checks.check_participants(a.participants)
        checks.assessment_id(a.previous_id, "previous_id")
        checks.text(a.position, "position", limits.POSITION)
    except checks.FieldError as exc:
        raise StorageError(str(exc)) from None


class AnswerWrites:
    files: AssessmentFiles

    @staticmethod
    def _touch(db: TinyDB, **fields: Any) -> None:
        db.table("meta").update({"modified": now_iso(), **fields})

    def save_answer(self, assessment_id: str, question_id: str, answer: Answer | None,
                    *, by: str | None = None) -> None:
        """Record (or, with None, clear) one answer and its audit entry; durable when this returns.

        by names who made the change (default: answer.by, else the assessor).
        """
        from tinydb import Query

        with self.files.change(assessment_id) as db:
            table = db.table("answers")
            found = table.get(Query().question == question_id)
            old = None if found is None else {k: v for k, v in found.items() if k != "question"}
            if answer is None:
                table.remove(Query().question == question_id)
                new = None
            else:
                if not answer.at:
                    answer.at = now_iso()
                new = asdict(answer)
                table.upsert({"question": question_id, **new}, Query().question == question_id)
            if docs.audited(old) != docs.audited(new):
                meta = db.table("meta").all()[0]
                who = by if by is not None else (answer.by if answer and answer.by else meta["assessor"])
                db.table("history").insert({"question": question_id, "at": now_iso(), "by": who,
                                            "old": docs.audited(old), "new": docs.audited(new)})
            self._touch(db)

    def save_details(self, assessment: Assessment) -> None:
        """Organisation, assessor, participants, date and position."""
        checked_details(assessment)
        with self.files.change(assessment.id) as db:
            old = db.table("meta").all()[0]
            db.table("meta").truncate()
            db.table("meta").insert(docs.meta_of(assessment, created=old.get("created", "")))

    def save_position(self, assessment_id: str, position: str) -> None:
        # Navigation is not a new version: no backup copy, which would push real ones out.
        with self.files.change(assessment_id, backup=False) as db:
            db.table("meta").update({"position": position})

    def save_action_edit(self, assessment_id: str, action_id: str, edit: ActionEdit | None) -> None:
        from tinydb import Query

        with self.files.change(assessment_id) as db:
            table = db.table("action_edits")
            if edit is None:
                table.remove(Query().action == action_id)
            else:
                table.upsert({"action": action_id, **asdict(edit)}, Query().action == action_id)
            self._touch(db)

    def save_custom_actions(self, assessment_id: str, actions: builtins.list[CustomAction]) -> None:
        with self.files.change(assessment_id) as db:
            table = db.table("custom_actions")
            table.truncate()
            table.insert_multiple(asdict(a) for a in actions)
            self._touch(db)

    def save_plan(self, assessment_id: str, *, edits: dict[str, ActionEdit | None],
                  custom_actions: Sequence[CustomAction] | None, notes: dict[str, str] | None,
                  record: dict[str, Any] | None) -> None:
        """Several changes of the plan in one write (one version, one backup): action edits (None
        removes one), the custom actions and the notes when given, and the plan's audit entry
        {operation, source, by, changes} when given (its time is set here)."""
        from tinydb import Query

        with self.files.change(assessment_id) as db:
            table = db.table("action_edits")
            for action_id, edit in edits.items():
                if edit is None:
                    table.remove(Query().action == action_id)
                else:
                    table.upsert({"action": action_id, **asdict(edit)}, Query().action == action_id)
            if custom_actions is not None:
                db.table("custom_actions").truncate()
                db.table("custom_actions").insert_multiple(asdict(a) for a in custom_actions)
            if notes is not None:
                db.table("action_notes").truncate()
                db.table("action_notes").insert_multiple(docs.notes_table(notes).values())
            if record is not None:
                db.table("plan_history").insert({"at": now_iso(), **record})
            self._touch(db)
