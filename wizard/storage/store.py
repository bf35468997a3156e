"""The assessment store: one file per assessment, every change written at once.

One file per assessment keeps the cost of saving an answer independent of how many
assessments exist. Each change reads the file, applies the change to its TinyDB tables in
memory and writes the whole file atomically (see atomic.py), under the assessment's lock.
A copy of each new version goes to the rolling backups; an old format is upgraded after a
backup copy; a damaged file is quarantined and its latest good backup restored.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from wizard.core.model import (
    PROFILES,
    ActionEdit,
    Answer,
    Assessment,
    CustomAction,
    Organisation,
    Participant,
)
from wizard.core.questionnaire import Questionnaire
from wizard.core.typography import french
from wizard.i18n import _
from wizard.storage import documents as docs
from wizard.storage.atomic import atomic_write_bytes, clean_stale_temp_files, private_mkdir
from wizard.storage.backups import BackupInfo, Backups
from wizard.storage.crypto import PassphraseRequired, StoreKey
from wizard.storage.documents import HistoryEntry, Tables, now_iso
from wizard.storage.envelope import open_sealed, seal
from wizard.storage.errors import AssessmentLocked, CorruptFile, StorageError, UnknownAssessment
from wizard.storage.folder import FolderConfig, finish_pending_change
from wizard.storage.index import Index, signature
from wizard.storage.locking import FileLock, LockInfo, read_holder
from wizard.storage.migrations import ASSESSMENT_FORMAT, CURRENT_VERSION, upgrade

FILE_FORMAT = ASSESSMENT_FORMAT
FILE_VERSION = CURRENT_VERSION
SUFFIX = ".vigie.json"
_ID_CHARS = frozenset("0123456789abcdef-")


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


class Store:
    """All assessments of one data folder.

    passphrase unlocks an encrypted folder (PassphraseRequired / WrongPassphrase otherwise).
    notices collects what the user must be told (a damaged file restored from a backup).
    """

    def __init__(self, data_dir: Path, *, passphrase: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.folder = self.data_dir / "assessments"
        self.locks_dir = self.data_dir / "locks"
        self.quarantine_dir = self.data_dir / "quarantine"
        self.backups = Backups(self.data_dir / "backups")
        private_mkdir(self.data_dir)
        finish_pending_change(self.data_dir)
        for folder in (self.folder, self.locks_dir, self.backups.root):
            private_mkdir(folder)
        self.config = FolderConfig.load(self.data_dir)
        self.key: StoreKey | None = None
        if self.config.key is not None:
            if passphrase is None:
                raise PassphraseRequired(french(_("Ce dossier de données est chiffré : saisissez sa phrase "
                                                  "de passe (ou définissez VIGIE_STORE_PASSPHRASE).")))
            self.key = StoreKey.unlock(passphrase, self.config.key)
        clean_stale_temp_files(self.folder)
        clean_stale_temp_files(self.data_dir)
        self.backups.clean()
        self.index = Index(self.folder, self.key)
        self.notices: list[str] = []
        self.problems: list[tuple[str, str]] = []  # (id, message) of files list() could not read
        self._held: dict[str, FileLock] = {}
        self._counts: dict[str, int] = {}  # lock() calls per held assessment (several sessions)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @staticmethod
    def is_encrypted(data_dir: Path) -> bool:
        """Whether opening this folder needs a passphrase."""
        return FolderConfig.load(Path(data_dir)).key is not None

    # -- files -------------------------------------------------------------------------
    def path_of(self, assessment_id: str) -> Path:
        if not assessment_id or not set(assessment_id) <= _ID_CHARS or len(assessment_id) > 64:
            raise UnknownAssessment(_("aucune évaluation n’a l’identifiant « {id} »").format(id=assessment_id))
        return self.folder / f"{assessment_id}{SUFFIX}"

    def ids(self) -> list[str]:
        return sorted(p.name[: -len(SUFFIX)] for p in self.folder.glob("*" + SUFFIX))

    def _read(self, assessment_id: str) -> tuple[bytes, Tables]:
        """The current tables, upgraded to the current format; recovers a damaged file."""
        path = self.path_of(assessment_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise UnknownAssessment(_("aucune évaluation n’a l’identifiant « {id} » dans {folder}").format(
                id=assessment_id, folder=self.folder)) from None
        try:
            return raw, self._decode(raw, path)
        except CorruptFile as exc:
            return self._recover(assessment_id, exc)

    def _decode(self, raw: bytes, path: Path, *, migrate: bool = True) -> Tables:
        opened = open_sealed(raw, self.key, fmt=FILE_FORMAT, current=FILE_VERSION, path=path)
        tables = upgrade(opened.payload, opened.version)
        try:
            for name in docs.TABLES:
                if not isinstance(tables.setdefault(name, {}), dict):
                    raise TypeError(name)
            docs.assessment_of(tables)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CorruptFile(path, _("contenu incomplet ou incohérent ({detail})").format(detail=exc)) from None
        if opened.version < FILE_VERSION and migrate and path.parent == self.folder:
            self._migrate(path, raw, tables)
        return tables

    def _migrate(self, path: Path, raw: bytes, tables: Tables) -> None:
        """Write the upgraded file after a backup copy; left for later if another process writes."""
        aid = path.name[: -len(SUFFIX)]
        with self._try_lock(aid) as holder:
            if holder is None:
                self.backups.save(aid, raw, "migration")
                self._write(aid, tables, backup=False)

    def _write(self, assessment_id: str, tables: Tables, *, backup: bool = True) -> bytes:
        data = seal(FILE_FORMAT, FILE_VERSION, assessment_id, tables, self.key)
        # The backup copy goes first: the journal commit forced by the durable write below then
        # carries it too, instead of a second one (a copy of a version never made current is harmless).
        if backup:
            self.backups.save(assessment_id, data)
        atomic_write_bytes(self.path_of(assessment_id), data)
        return data

    # -- locks -------------------------------------------------------------------------
    def _lock_file(self, assessment_id: str) -> FileLock:
        self.path_of(assessment_id)  # validates the id before it names a file
        return FileLock(self.locks_dir / f"{assessment_id}.lock")

    def lock(self, assessment_id: str) -> LockInfo | None:
        """Hold the assessment's lock until unlock(); None on success, else who holds it."""
        if assessment_id in self._held:
            self._counts[assessment_id] = self._counts.get(assessment_id, 1) + 1
            return None
        lock = self._lock_file(assessment_id)
        holder = lock.acquire()
        if holder is None:
            self._held[assessment_id] = lock
            self._counts[assessment_id] = 1
            if lock.took_over is not None:
                self.notices.append(french(_("Le verrou laissé par {holder} (processus arrêté) a été "
                                             "repris.")).format(holder=lock.took_over.describe()))
        return holder

    def unlock(self, assessment_id: str) -> None:
        """Release one lock() of this store; the lock goes when every holder released it."""
        count = self._counts.pop(assessment_id, 1) - 1
        if count > 0:
            self._counts[assessment_id] = count
            return
        lock = self._held.pop(assessment_id, None)
        if lock is not None:
            lock.release()

    def holder(self, assessment_id: str) -> LockInfo | None:
        """Who holds the assessment's lock, if another process does."""
        if assessment_id in self._held:
            return None
        lock = self._lock_file(assessment_id)
        holder = lock.acquire()
        lock.release()
        return holder

    @contextmanager
    def _try_lock(self, assessment_id: str) -> Iterator[LockInfo | None]:
        """Yield None when this process may write (the lock is held here), else the holder."""
        if assessment_id in self._held:
            yield None
            return
        lock = self._lock_file(assessment_id)
        holder = lock.acquire()
        if holder is not None:
            yield holder
            return
        self._held[assessment_id] = lock  # nested steps (migration, repair) see it as held
        try:
            yield None
        finally:
            self._held.pop(assessment_id, None)
            lock.release()

    @contextmanager
    def _writing(self, assessment_id: str) -> Iterator[None]:
        with self._try_lock(assessment_id) as holder:
            if holder is not None:
                raise AssessmentLocked(locked_message(holder), holder)
            yield

    @contextmanager
    def _change(self, assessment_id: str, *, backup: bool = True) -> Iterator[TinyDB]:
        """Read, change in memory, write once: the unit of every change."""
        with self._writing(assessment_id):
            _raw, tables = self._read(assessment_id)
            db = TinyDB(storage=MemoryStorage)
            db.storage.write(tables)
            yield db
            self._write(assessment_id, db.storage.read(), backup=backup)

    # -- damage ------------------------------------------------------------------------
    def _recover(self, assessment_id: str, error: CorruptFile) -> tuple[bytes, Tables]:
        """Quarantine a damaged file and restore its newest backup that decodes."""
        path = self.path_of(assessment_id)
        with self._try_lock(assessment_id) as holder:
            if holder is not None:
                raise StorageError(french(_("{error}. Elle est ouverte par {holder} : fermez-la là-bas "
                                            "pour qu’elle soit réparée.")).format(
                    error=error, holder=holder.describe()))
            private_mkdir(self.quarantine_dir)
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
            moved = self.quarantine_dir / f"{assessment_id}-{stamp}{SUFFIX}"
            os.replace(path, moved)
            for info in self.backups.list(assessment_id):
                try:
                    tables = self._decode((self.backups.folder(assessment_id) / info.name).read_bytes(),
                                          path, migrate=False)
                except (OSError, StorageError):
                    continue
                raw = self._write(assessment_id, tables, backup=False)
                when = info.created.astimezone().strftime("%d/%m/%Y %H:%M:%S")
                self.notices.append(french(_(
                    "L’évaluation « {org} » était endommagée ({reason}). Le fichier abîmé a été mis de "
                    "côté dans {moved} ; la sauvegarde du {when} a été restaurée.")).format(
                    org=docs.meta_doc(tables)["organisation"]["name"], reason=error.reason,
                    moved=moved, when=when))
                return raw, tables
        raise StorageError(french(_("{error}. Le fichier a été mis de côté dans {moved} et aucune "
                                    "sauvegarde valide n’existe.")).format(error=error, moved=moved))

    # -- create, list, load, delete ------------------------------------------------------
    def create(self, profile: str, organisation: Organisation, *, assessor: str = "",
               participants: Iterable[Participant] = (), when: date | None = None,
               previous_id: str = "") -> Assessment:
        if profile not in PROFILES:
            raise StorageError(_("profil inconnu « {profile} » ; profils possibles : {choices}").format(
                profile=profile, choices=", ".join(PROFILES)))
        if not organisation.name.strip():
            raise StorageError(_("le nom de l’organisme est obligatoire"))
        assessment = Assessment(
            id=str(uuid.uuid4()), profile=profile, organisation=organisation,
            date=when or date.today(), assessor=assessor, participants=list(participants),
            previous_id=previous_id)
        with self._writing(assessment.id):
            self._write(assessment.id, docs.new_tables(assessment, created=now_iso()))
        return assessment

    def list(self) -> list[AssessmentSummary]:
        """Every readable assessment, newest change first; self.problems lists the others."""
        entries = self.index.load()
        fresh: dict[str, dict[str, Any]] = {}
        self.problems = []
        with os.scandir(self.folder) as found:
            files = [(e.name[: -len(SUFFIX)], e) for e in found if e.name.endswith(SUFFIX)]
        for aid, entry in files:
            try:
                sig = signature(entry.stat())
            except FileNotFoundError:
                continue  # deleted meanwhile
            cached = entries.get(aid)
            if cached and cached.get("sig") == sig and isinstance(cached.get("summary"), dict):
                fresh[aid] = cached
                continue
            try:
                _raw, tables = self._read(aid)
                summary = _summary(docs.assessment_of(tables), docs.meta_doc(tables)["modified"])
                fresh[aid] = {"sig": signature(os.stat(entry.path)), "summary": summary}
            except (UnknownAssessment, FileNotFoundError):
                continue  # deleted meanwhile
            except (StorageError, OSError) as exc:
                self.problems.append((aid, str(exc)))
        if fresh != entries:
            self.index.save(fresh)
        out = []
        # Newest change first; the file's time breaks ties within the same second.
        for entry in sorted(fresh.values(), key=lambda e: (str(e["summary"].get("modified")), e["sig"][2]),
                            reverse=True):
            s = entry["summary"]
            try:
                out.append(AssessmentSummary(s["id"], s["organisation"], s["profile"],
                                             date.fromisoformat(s["date"]), s["answered"], s["modified"]))
            except (KeyError, TypeError, ValueError):
                self.index.drop()
        return out

    def summary(self, assessment_id: str) -> AssessmentSummary:
        """One assessment's line of the list (with its last change time)."""
        _raw, tables = self._read(assessment_id)
        s = _summary(docs.assessment_of(tables), docs.meta_doc(tables)["modified"])
        return AssessmentSummary(s["id"], s["organisation"], s["profile"], date.fromisoformat(s["date"]),
                                 s["answered"], s["modified"])

    def load(self, assessment_id: str) -> Assessment:
        _raw, tables = self._read(assessment_id)
        return docs.assessment_of(tables)

    def delete(self, assessment_id: str) -> None:
        """Remove the assessment; its backups stay, so it can still be restored."""
        path = self.path_of(assessment_id)
        with self._writing(assessment_id):
            if not path.exists():
                raise UnknownAssessment(_("aucune évaluation n’a l’identifiant « {id} »").format(id=assessment_id))
            path.unlink()

    # -- changes, each written at once ---------------------------------------------------
    @staticmethod
    def _touch(db: TinyDB, **fields: Any) -> None:
        db.table("meta").update({"modified": now_iso(), **fields})

    def save_answer(self, assessment_id: str, question_id: str, answer: Answer | None,
                    *, by: str | None = None) -> None:
        """Record (or, with None, clear) one answer and its audit entry; durable when this returns.

        by names who made the change (default: answer.by, else the assessor).
        """
        with self._change(assessment_id) as db:
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
        with self._change(assessment.id) as db:
            old = db.table("meta").all()[0]
            db.table("meta").truncate()
            db.table("meta").insert(docs.meta_of(assessment, created=old.get("created", "")))

    def save_position(self, assessment_id: str, position: str) -> None:
        # Navigation is not a new version: no backup copy, which would push real ones out.
        with self._change(assessment_id, backup=False) as db:
            db.table("meta").update({"position": position})

    def save_action_edit(self, assessment_id: str, action_id: str, edit: ActionEdit | None) -> None:
        with self._change(assessment_id) as db:
            table = db.table("action_edits")
            if edit is None:
                table.remove(Query().action == action_id)
            else:
                table.upsert({"action": action_id, **asdict(edit)}, Query().action == action_id)
            self._touch(db)

    def save_custom_actions(self, assessment_id: str, actions: list[CustomAction]) -> None:
        with self._change(assessment_id) as db:
            table = db.table("custom_actions")
            table.truncate()
            table.insert_multiple(asdict(a) for a in actions)
            self._touch(db)

    # -- audit trail, backups, import ------------------------------------------------------
    def history(self, assessment_id: str, question_id: str | None = None) -> list[HistoryEntry]:
        """Changes of one question's answer (or of all), oldest first."""
        _raw, tables = self._read(assessment_id)
        return docs.history_of(tables, question_id)

    def list_backups(self, assessment_id: str) -> list[BackupInfo]:
        """Newest first; available even after the assessment was deleted."""
        self.path_of(assessment_id)
        return self.backups.list(assessment_id)

    def read_backup(self, assessment_id: str, name: str) -> Assessment:
        path = self.backups.path(assessment_id, name)
        if path is None:
            raise StorageError(_("aucune sauvegarde « {name} » pour l’évaluation {id}").format(
                name=name, id=assessment_id))
        return docs.assessment_of(self._decode(path.read_bytes(), path, migrate=False))

    def restore(self, assessment_id: str, name: str) -> Assessment:
        """Make a backup the current version; the version it replaces stays among the backups."""
        path = self.backups.path(assessment_id, name)
        if path is None:
            raise StorageError(_("aucune sauvegarde « {name} » pour l’évaluation {id}").format(
                name=name, id=assessment_id))
        tables = self._decode(path.read_bytes(), path, migrate=False)
        with self._writing(assessment_id):
            current = self.path_of(assessment_id)
            if current.exists():
                self.backups.save(assessment_id, current.read_bytes(), "restore")
            self._write(assessment_id, tables)
        return docs.assessment_of(tables)

    def import_assessment(self, assessment: Assessment, history: list[dict[str, Any]],
                          *, replace: bool = False) -> tuple[Assessment, str]:
        """Store a validated assessment in one write; returns it and 'new', 'copy' or 'replaced'.

        An assessment whose id is already stored becomes a new copy (a new id) unless replace.
        """
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
        with self._writing(assessment.id):
            if mode == "replaced":
                self.backups.save(assessment.id, self.path_of(assessment.id).read_bytes(), "import")
            self._write(assessment.id, tables)
        return assessment, mode

    def export_exchange(self, assessment_id: str) -> bytes:
        """The assessment as a self-contained .vigie file (see exchange.py)."""
        from wizard.storage.exchange import export_bytes

        _raw, tables = self._read(assessment_id)
        history = [tables["history"][k] for k in sorted(tables["history"], key=int)]
        return export_bytes(docs.assessment_of(tables), history)

    def import_exchange(self, raw: bytes, questionnaire: Questionnaire, *,
                        replace: bool = False) -> tuple[Assessment, str]:
        """Check a .vigie file completely, then store it in one write (see import_assessment)."""
        from wizard.storage.exchange import read_exchange

        assessment, history = read_exchange(raw, questionnaire)
        return self.import_assessment(assessment, history, replace=replace)

    # -- encryption ------------------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str | None, *, cost: int | None = None) -> None:
        """Encrypt (or re-encrypt, or with None decrypt) every file of the folder, all or nothing."""
        from wizard.storage.folder import change_passphrase

        change_passphrase(self, new_passphrase, cost=cost)

    def close(self) -> None:
        for aid in list(self._held):
            self._counts.pop(aid, None)
            self.unlock(aid)


def locked_message(holder: LockInfo) -> str:
    return french(_("Cette évaluation est ouverte en écriture par {holder} : elle n’est accessible ici "
                    "qu’en lecture.")).format(holder=holder.describe())


__all__ = ["AssessmentSummary", "Store", "StorageError", "UnknownAssessment", "read_holder"]
