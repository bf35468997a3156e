"""The assessment store: the operations on the assessments of a data folder.

One file per assessment keeps the cost of saving an answer independent of how many
assessments exist; an index keeps listing hundreds of them quick. The store is composed of
the data folder (data_folder.py: key, envelope, locks, backups, quarantine, re-key) and the
assessment files on it (assessment_files.py: how each file is read, written, upgraded and
repaired); it reaches into neither.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.core.limits import is_assessment_id
from wizard.i18n import _
from wizard.storage import tables as docs
from wizard.storage.assessment_files import FILE_FORMAT, FILE_VERSION, SUFFIX, AssessmentFiles
from wizard.storage.backups import BackupInfo
from wizard.storage.data_folder import DataFolder
from wizard.storage.errors import CorruptFile, StorageError, UnknownAssessment, write_failed
from wizard.storage.folder import OPEN_WAIT
from wizard.storage.index import signature
from wizard.storage.lock_table import locked_message
from wizard.storage.locking import LockInfo
from wizard.storage.tables import HistoryEntry, PlanHistoryEntry, now_iso
from wizard.typography import french

if TYPE_CHECKING:  # the questionnaire (YAML, JSON Schema) is not loaded to open a store
    from tinydb import TinyDB

    from wizard.core.model import (
        ActionEdit,
        Answer,
        Assessment,
        ContentStamp,
        CustomAction,
        Organisation,
        Participant,
    )
    from wizard.core.questionnaire import Questionnaire

__all__ = ["FILE_FORMAT", "FILE_VERSION", "SUFFIX", "AssessmentSummary", "Store", "StorageError",
           "UnknownAssessment", "locked_message"]


@dataclass(frozen=True)
class AssessmentSummary:
    id: str
    organisation: str
    profile: str
    date: date
    answered: int
    modified: str


def _summary(a: Assessment, modified: str) -> dict[str, Any]:
    return {"id": a.id, "organisation": a.organisation.name, "profile": a.profile,
            "date": a.date.isoformat(), "answered": len(a.answers), "modified": modified}


def _checked(a: Assessment) -> None:
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


class Store:
    """All assessments of one data folder.

    passphrase unlocks an encrypted folder (PassphraseRequired / WrongPassphrase otherwise);
    wait: seconds to wait for a passphrase change running in another process. notices collects
    what the user must be told (a damaged file restored from a backup).
    """

    def __init__(self, data_dir: Path, *, passphrase: str | None = None, wait: float = OPEN_WAIT) -> None:
        self.data = DataFolder(Path(data_dir), passphrase=passphrase, wait=wait)
        try:
            self.files = AssessmentFiles(self.data)
        except BaseException:
            self.data.close()
            raise
        self.problems: list[tuple[str, str]] = []  # (id, message) of files list() could not read

    # -- the folder, as the operations and the tests see it ------------------------------------
    @property
    def data_dir(self) -> Path:
        return self.data.data_dir

    @property
    def folder(self) -> Path:
        """Where the assessment files are."""
        return self.files.root

    @property
    def locks_dir(self) -> Path:
        return self.data.locks_dir

    @property
    def backups(self):  # noqa: ANN201 - Backups
        return self.data.backups

    @property
    def index(self):  # noqa: ANN201 - Index
        return self.files.index

    @property
    def key(self):  # noqa: ANN201 - StoreKey | None
        return self.data.key

    @property
    def encrypted(self) -> bool:
        return self.data.encrypted

    @property
    def notices(self) -> list[str]:
        return self.data.notices

    @property
    def read_only(self) -> bool:
        return self.data.read_only

    @property
    def read_only_reason(self) -> str:
        return self.data.read_only_reason

    @staticmethod
    def is_encrypted(data_dir: Path) -> bool:
        """Whether opening this folder needs a passphrase."""
        return DataFolder.is_encrypted(Path(data_dir))

    def path_of(self, assessment_id: str) -> Path:
        return self.files.path_of(assessment_id)

    def ids(self) -> list[str]:
        return self.files.ids()

    def lock(self, assessment_id: str) -> LockInfo | None:
        """Hold the assessment's lock until unlock(); None on success, else who holds it."""
        self.path_of(assessment_id)  # validates the id before it names a file
        holder = self.data.locks.lock(assessment_id)
        self.notices.extend(n for n in self.data.locks.notices if n not in self.notices)
        self.data.locks.notices.clear()
        return holder

    def unlock(self, assessment_id: str) -> None:
        self.data.locks.unlock(assessment_id)

    def holder(self, assessment_id: str) -> LockInfo | None:
        """Who holds the assessment's lock, if another process does."""
        self.path_of(assessment_id)
        return self.data.locks.holder(assessment_id)

    def close(self) -> None:
        self.data.close()

    # -- create, list, load, delete ------------------------------------------------------
    def create(self, profile: str, organisation: Organisation, *, assessor: str = "",
               participants: Iterable[Participant] = (), when: date | None = None,
               previous_id: str = "", content: ContentStamp | None = None) -> Assessment:
        if not organisation.name.strip():
            raise StorageError(_("le nom de l’organisme est obligatoire"))
        import uuid

        from wizard.core.model import Assessment

        assessment = Assessment(
            id=str(uuid.uuid4()), profile=profile, organisation=organisation,
            date=when or date.today(), assessor=assessor, participants=list(participants),
            previous_id=previous_id)
        if content is not None:
            assessment.content = content
        _checked(assessment)
        with self.data.locks.writing(assessment.id):
            self.files.write(assessment.id, docs.new_tables(assessment, created=now_iso()))
        return assessment

    def list(self) -> list[AssessmentSummary]:
        """Every readable assessment, newest change first; self.problems lists the others."""
        entries = self.index.load()
        fresh: dict[str, dict[str, Any]] = {}
        self.problems = []
        with os.scandir(self.files.root) as found:
            files = [(e.name[: -len(SUFFIX)], e) for e in found if e.name.endswith(SUFFIX)]
        for aid, entry in files:
            if not is_assessment_id(aid):
                self.problems.append((aid, french(_("ce nom de fichier n’est pas un identifiant d’évaluation "
                                                    "de Vigie : fichier laissé de côté"))))
                continue
            try:
                sig = signature(entry.stat())
            except FileNotFoundError:
                continue  # deleted meanwhile
            cached = entries.get(aid)
            if cached and cached.get("sig") == sig and isinstance(cached.get("summary"), dict):
                fresh[aid] = cached
                continue
            self._list_entry(aid, fresh)
        # A file a crash during a repair left missing is put back (see assessment_files.py).
        for aid in sorted(self.data.quarantine.ids() - {aid for aid, _e in files}):
            self._list_entry(aid, fresh)
        if fresh != entries:
            self.index.save(fresh)
        out = []
        # Newest change first; the file's time breaks ties within the same second.
        for kept in sorted(fresh.values(), key=lambda e: (str(e["summary"].get("modified")), e["sig"][2]),
                           reverse=True):
            s = kept["summary"]
            try:
                out.append(AssessmentSummary(s["id"], s["organisation"], s["profile"],
                                             date.fromisoformat(s["date"]), s["answered"], s["modified"]))
            except (KeyError, TypeError, ValueError):
                self.index.drop()
        return out

    def _list_entry(self, aid: str, fresh: dict[str, dict[str, Any]]) -> None:
        try:
            _raw, tables = self.files.read(aid)
            summary = _summary(docs.assessment_of(tables), docs.meta_doc(tables)["modified"])
            try:
                sig = signature(os.stat(self.path_of(aid)))
            except FileNotFoundError:
                sig = [0, 0, 0, 0]  # read-only folder: shown from a backup, read again next time
            fresh[aid] = {"sig": sig, "summary": summary}
        except (UnknownAssessment, FileNotFoundError):
            pass  # deleted meanwhile
        except (StorageError, OSError) as exc:
            self.problems.append((aid, str(exc)))

    def summary(self, assessment_id: str) -> AssessmentSummary:
        """One assessment's line of the list (with its last change time)."""
        _raw, tables = self.files.read(assessment_id)
        s = _summary(docs.assessment_of(tables), docs.meta_doc(tables)["modified"])
        return AssessmentSummary(s["id"], s["organisation"], s["profile"], date.fromisoformat(s["date"]),
                                 s["answered"], s["modified"])

    def load(self, assessment_id: str) -> Assessment:
        _raw, tables = self.files.read(assessment_id)
        return docs.assessment_of(tables)

    def delete(self, assessment_id: str) -> None:
        """Remove the assessment; its backups stay, so it can still be restored."""
        path = self.path_of(assessment_id)
        with self.data.locks.writing(assessment_id):
            if not path.exists():
                raise UnknownAssessment(french(_("aucune évaluation n’a l’identifiant « {id} »")).format(id=assessment_id))
            try:
                self.backups.save(assessment_id, path.read_bytes(), "deleted")
                path.unlink()
            except OSError as exc:
                raise write_failed(path, exc) from None

    # -- changes, each written at once ---------------------------------------------------
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
        _checked(assessment)
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

    # -- audit trail, backups, import ------------------------------------------------------
    def plan_history(self, assessment_id: str) -> builtins.list[PlanHistoryEntry]:
        """The named changes of the plan, oldest first."""
        _raw, tables = self.files.read(assessment_id)
        return docs.plan_history_of(tables)

    def history(self, assessment_id: str, question_id: str | None = None) -> builtins.list[HistoryEntry]:
        """Changes of one question's answer (or of all), oldest first."""
        _raw, tables = self.files.read(assessment_id)
        return docs.history_of(tables, question_id)

    def list_backups(self, assessment_id: str) -> builtins.list[BackupInfo]:
        """Newest first; available even after the assessment was deleted."""
        self.path_of(assessment_id)
        return self.backups.entries(assessment_id)

    def read_backup(self, assessment_id: str, name: str) -> Assessment:
        path = self.backups.path(assessment_id, name)
        if path is None:
            raise StorageError(french(_("aucune sauvegarde « {name} » pour l’évaluation {id}")).format(
                name=name, id=assessment_id))
        return docs.assessment_of(self.files.decode(path.read_bytes(), path, migrate=False))

    def restore(self, assessment_id: str, name: str) -> Assessment:
        """Make a backup the current version; the version it replaces stays among the backups."""
        path = self.backups.path(assessment_id, name)
        if path is None:
            raise StorageError(french(_("aucune sauvegarde « {name} » pour l’évaluation {id}")).format(
                name=name, id=assessment_id))
        raw = path.read_bytes()
        try:
            tables = self.files.decode(raw, path, migrate=False)
        except CorruptFile as exc:  # damaged, or not authenticated: never restored, set aside
            if self.read_only:
                raise
            with self.data.locks.writing(assessment_id):
                try:
                    moved = self.data.quarantine.keep(assessment_id, raw, self.data.key, suffix=".bak")
                    path.unlink()
                except OSError as err:
                    raise write_failed(self.data.quarantine.root, err) from None
            raise StorageError(french(_("{error}. Cette sauvegarde a été mise de côté dans {moved} ; rien n’a "
                                        "été restauré.")).format(error=exc, moved=moved)) from None
        with self.data.locks.writing(assessment_id):
            self._set_aside(assessment_id, "restore")
            self.files.write(assessment_id, tables)
        return docs.assessment_of(tables)

    def _set_aside(self, assessment_id: str, reason: str) -> None:
        """Back up the current file before it is replaced; refuse to replace one this Vigie
        cannot read for another reason than damage (newer format, other passphrase)."""
        current = self.path_of(assessment_id)
        if not current.exists():
            return
        raw = current.read_bytes()
        try:
            self.files.decode(raw, current, migrate=False)
        except CorruptFile:
            pass  # replacing a damaged file is the point; its bytes stay among the backups
        try:
            self.backups.save(assessment_id, raw, reason)
        except OSError as exc:
            raise write_failed(self.backups.folder(assessment_id), exc) from None

    def import_assessment(self, assessment: Assessment, history: builtins.list[dict[str, Any]],
                          *, replace: bool = False, plan_history: Iterable[dict[str, Any]] = ()
                          ) -> tuple[Assessment, str]:
        """Store a validated assessment in one write; returns it and 'new', 'copy' or 'replaced'.

        An assessment whose id is already stored becomes a new copy (a new id) unless replace.
        """
        import uuid

        mode = "new"
        try:
            exists = self.path_of(assessment.id).exists()
        except UnknownAssessment:
            assessment.id, exists = "", False
        if not assessment.id:
            assessment.id = str(uuid.uuid4())
        elif exists and not replace:
            assessment.id, mode = str(uuid.uuid4()), "copy"
        elif exists:
            mode = "replaced"
        tables = docs.new_tables(assessment, created=now_iso())
        tables["meta"]["1"]["position"] = assessment.position
        tables["history"] = {str(i): dict(h) for i, h in enumerate(history, start=1)}
        tables["plan_history"] = {str(i): dict(entry) for i, entry in enumerate(plan_history, start=1)}
        with self.data.locks.writing(assessment.id):
            if mode == "replaced":
                self._set_aside(assessment.id, "import")
            self.files.write(assessment.id, tables)
        return assessment, mode

    def export_exchange(self, assessment_id: str) -> bytes:
        """The assessment as a self-contained .vigie file (see exchange.py)."""
        from wizard.storage.exchange import export_bytes

        _raw, tables = self.files.read(assessment_id)
        history = [tables["history"][k] for k in sorted(tables["history"], key=int)]
        plan_table = tables.get("plan_history", {})
        plan_history = [plan_table[k] for k in sorted(plan_table, key=int)]
        return export_bytes(docs.assessment_of(tables), history, plan_history)

    @staticmethod
    def read_exchange(raw: bytes, questionnaire: Questionnaire) -> tuple[Assessment, builtins.list[dict[str, Any]]]:
        """A .vigie file's assessment and answers' audit trail, checked completely, stored nowhere
        (its plan's history is the stored assessment's business, not a merge's)."""
        from wizard.storage.exchange import read_exchange

        assessment, history, _plan_history = read_exchange(raw, questionnaire)
        return assessment, history

    def import_exchange(self, raw: bytes, questionnaire: Questionnaire, *,
                        replace: bool = False) -> tuple[Assessment, str]:
        """Check a .vigie file completely, then store it in one write (see import_assessment)."""
        from wizard.storage.exchange import read_exchange

        assessment, history, plan_history = read_exchange(raw, questionnaire)
        return self.import_assessment(assessment, history, replace=replace, plan_history=plan_history)

    # -- encryption ------------------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str | None, *, cost: int | None = None,
                          wait: float | None = None) -> None:
        """Encrypt (or re-encrypt, or with None decrypt) every file of the folder, all or nothing;
        FolderBusy when another store keeps the folder open longer than wait seconds."""
        from wizard.storage.folder import CHANGE_WAIT
        from wizard.storage.rekey import change_passphrase

        change_passphrase(self.data, new_passphrase, cost=cost, wait=CHANGE_WAIT if wait is None else wait)
