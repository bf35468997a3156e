"""The files of a data folder and the rules every write follows.

Each change reads an assessment's file, applies the change to its TinyDB tables in memory
and writes the whole file atomically (see atomic.py), under the assessment's lock. A copy
of each new version goes to the rolling backups; an old format is upgraded after a backup
copy; a damaged file is quarantined and its latest good backup restored. Store (store.py)
builds the application's operations on top of this.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.core.limits import is_assessment_id
from wizard.core.typography import french
from wizard.i18n import _
from wizard.storage import documents as docs
from wizard.storage.atomic import atomic_write_bytes, clean_stale_temp_files, private_mkdir
from wizard.storage.backups import Backups
from wizard.storage.crypto import PassphraseRequired, StoreKey
from wizard.storage.documents import Tables
from wizard.storage.envelope import open_sealed, seal
from wizard.storage.errors import AssessmentLocked, CorruptFile, StorageError, UnknownAssessment
from wizard.storage.folder import FolderConfig, finish_pending_change
from wizard.storage.index import Index
from wizard.storage.locking import FileLock, LockInfo
from wizard.storage.migrations import ASSESSMENT_FORMAT, CURRENT_VERSION, upgrade

if TYPE_CHECKING:
    from tinydb import TinyDB

FILE_FORMAT = ASSESSMENT_FORMAT
FILE_VERSION = CURRENT_VERSION
SUFFIX = ".vigie.json"


class AssessmentFiles:
    """The assessment files of one data folder: reading, writing, locks and repair.

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
        if not is_assessment_id(assessment_id):  # a UUID: never an option (-a), never a path
            raise UnknownAssessment(french(_("aucune évaluation n’a l’identifiant « {id} »")).format(id=assessment_id))
        return self.folder / f"{assessment_id}{SUFFIX}"

    def ids(self) -> list[str]:
        return sorted(p.name[: -len(SUFFIX)] for p in self.folder.glob("*" + SUFFIX))

    def _read(self, assessment_id: str) -> tuple[bytes, Tables]:
        """The current tables, upgraded to the current format; recovers a damaged file."""
        path = self.path_of(assessment_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise UnknownAssessment(french(_("aucune évaluation n’a l’identifiant « {id} » dans {folder}")).format(
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
        from tinydb import TinyDB  # only to change an assessment, not to list or read them
        from tinydb.storages import MemoryStorage

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
    def close(self) -> None:
        for aid in list(self._held):
            self._counts.pop(aid, None)
            self.unlock(aid)


def locked_message(holder: LockInfo) -> str:
    return french(_("Cette évaluation est ouverte en écriture par {holder} : elle n’est accessible ici "
                    "qu’en lecture.")).format(holder=holder.describe())
