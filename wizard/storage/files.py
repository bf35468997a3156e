"""The files of a data folder and the rules every write follows.

Each change reads an assessment's file, applies the change to its TinyDB tables in memory
and writes the whole file atomically (see atomic.py), under the assessment's lock. A copy
of each new version goes to the rolling backups; an old format is upgraded after a backup
copy; a damaged file is copied to the quarantine, then its latest good backup written in its
place. In an encrypted folder a file not encrypted with the folder's key counts as damaged.
A folder that cannot be written is opened read-only. Store (store.py) builds the
application's operations on top of this.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.atomic_files import atomic_write_bytes, clean_stale_temp_files
from wizard.core.limits import is_assessment_id
from wizard.i18n import _
from wizard.storage import documents as docs
from wizard.storage.backups import BackupInfo, Backups
from wizard.storage.crypto import PassphraseRequired, StoreKey
from wizard.storage.documents import Tables
from wizard.storage.envelope import open_sealed, seal
from wizard.storage.errors import (
    AssessmentLocked,
    CorruptFile,
    ReadOnlyFolder,
    StorageError,
    UnknownAssessment,
    write_failed,
)
from wizard.storage.folder import LOCK_NAME, OPEN_WAIT, FolderConfig, open_folder, read_only_message
from wizard.storage.index import Index
from wizard.storage.locking import FileLock, FolderLock, LockInfo
from wizard.storage.migrations import ASSESSMENT_FORMAT, CURRENT_VERSION, upgrade
from wizard.storage.quarantine import Quarantine
from wizard.typography import french

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

    def __init__(self, data_dir: Path, *, passphrase: str | None = None, wait: float = OPEN_WAIT) -> None:
        self.data_dir = Path(data_dir)
        self.folder = self.data_dir / "assessments"
        self.locks_dir = self.data_dir / "locks"
        self.quarantine = Quarantine(self.data_dir / "quarantine")
        self.quarantine_dir = self.quarantine.root
        self.backups = Backups(self.data_dir / "backups")
        self.notices: list[str] = []
        self.problems: list[tuple[str, str]] = []  # (id, message) of files list() could not read
        self._held: dict[str, FileLock] = {}
        self._counts: dict[str, int] = {}  # lock() calls per held assessment (several sessions)
        # Shared with every other open store; waits for a passphrase change running elsewhere.
        self.folder_lock = FolderLock(self.locks_dir / LOCK_NAME)
        open_folder(self.data_dir, self.folder_lock, (self.folder, self.locks_dir, self.backups.root), wait)
        try:
            self.config = FolderConfig.load(self.data_dir)
            self.read_only = not all(os.access(f, os.W_OK) for f in (self.data_dir, self.folder))
            self.key: StoreKey | None = None
            if self.config.key is not None:
                if passphrase is None:
                    raise PassphraseRequired(french(_("Ce dossier de données est chiffré : saisissez sa phrase "
                                                      "de passe (ou définissez VIGIE_STORE_PASSPHRASE).")))
                self.key = StoreKey.unlock(passphrase, self.config.key)
            if not self.read_only:
                clean_stale_temp_files(self.folder)
                clean_stale_temp_files(self.data_dir)
        except BaseException:
            self.folder_lock.release()
            raise
        self.index = Index(self.folder, self.key)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @staticmethod
    def is_encrypted(data_dir: Path) -> bool:
        """Whether opening this folder needs a passphrase."""
        return FolderConfig.load(Path(data_dir)).key is not None

    # -- files -------------------------------------------------------------------------
    @property
    def read_only_reason(self) -> str:
        return read_only_message(self.data_dir) if self.read_only else ""

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
            found = self._restore_lost(assessment_id)
            if found is None:
                raise UnknownAssessment(french(_("aucune évaluation n’a l’identifiant « {id} » dans {folder}")).format(
                    id=assessment_id, folder=self.folder)) from None
            return found
        try:
            return raw, self._decode(raw, path)
        except CorruptFile as exc:
            return self._recover(assessment_id, raw, exc)

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
        if self.read_only:
            return  # read in its new form, left on disk in its old one
        aid = path.name[: -len(SUFFIX)]
        with self._try_lock(aid) as holder:
            if holder is None:
                try:
                    self.backups.save(aid, raw, "migration")
                except OSError as exc:
                    raise write_failed(self.backups.folder(aid), exc) from None
                self._write(aid, tables, backup=False)

    def _write(self, assessment_id: str, tables: Tables, *, backup: bool = True) -> bytes:
        data = seal(FILE_FORMAT, FILE_VERSION, assessment_id, tables, self.key)
        # The backup copy goes first: the journal commit forced by the durable write below then
        # carries it too, instead of a second one (a copy of a version never made current is harmless).
        path = self.path_of(assessment_id)
        try:
            if backup:
                self.backups.save(assessment_id, data)
            atomic_write_bytes(path, data)
        except OSError as exc:  # disk full, folder made read-only: the file stays as it was
            raise write_failed(path, exc) from None
        return data

    # -- locks -------------------------------------------------------------------------
    def _lock_file(self, assessment_id: str) -> FileLock:
        self.path_of(assessment_id)  # validates the id before it names a file
        return FileLock(self.locks_dir / f"{assessment_id}.lock")

    def _acquire(self, lock: FileLock) -> LockInfo | None:
        if self.read_only:
            raise ReadOnlyFolder(read_only_message(self.data_dir))
        try:
            return lock.acquire()
        except OSError as exc:
            raise write_failed(lock.path, exc) from None

    def lock(self, assessment_id: str) -> LockInfo | None:
        """Hold the assessment's lock until unlock(); None on success, else who holds it."""
        if assessment_id in self._held:
            self._counts[assessment_id] = self._counts.get(assessment_id, 1) + 1
            return None
        lock = self._lock_file(assessment_id)
        holder = self._acquire(lock)
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
        try:
            return self._lock_file(assessment_id).holder()
        except OSError:
            return None  # a lock file that cannot even be read is held by no one we could name

    @contextmanager
    def _try_lock(self, assessment_id: str) -> Iterator[LockInfo | None]:
        """Yield None when this process may write (the lock is held here), else the holder."""
        if assessment_id in self._held:
            yield None
            return
        lock = self._lock_file(assessment_id)
        holder = self._acquire(lock)
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
    def _newest_good_backup(self, assessment_id: str) -> tuple[BackupInfo, bytes, Tables] | None:
        for info in self.backups.list(assessment_id):
            try:
                raw = (self.backups.folder(assessment_id) / info.name).read_bytes()
                return info, raw, self._decode(raw, self.path_of(assessment_id), migrate=False)
            except (OSError, StorageError):
                continue
        return None

    def _put_back(self, assessment_id: str, found: tuple[BackupInfo, bytes, Tables], message: str,
                  **fields: object) -> tuple[bytes, Tables]:
        """A backup's tables written as the current file (atomically), or only shown when read-only."""
        info, raw, tables = found
        if not self.read_only:
            raw = self._write(assessment_id, tables, backup=False)
        when = info.created.astimezone().strftime("%d/%m/%Y %H:%M:%S")
        org = docs.meta_doc(tables)["organisation"]["name"]
        notice = french(message).format(org=org, when=when, **fields)
        if notice not in self.notices:  # read-only: shown again at every reading
            self.notices.append(notice)
        return raw, tables

    def _recover(self, assessment_id: str, raw: bytes, error: CorruptFile) -> tuple[bytes, Tables]:
        """Copy a damaged file to the quarantine, then replace it with its newest backup that decodes:
        a crash at any point leaves the damaged file or the restored one in place, never none."""
        path = self.path_of(assessment_id)
        if self.read_only:
            if (found := self._newest_good_backup(assessment_id)) is None:
                raise error
            return self._put_back(assessment_id, found, _(
                "L’évaluation « {org} » est endommagée ({reason}) ; le dossier étant en lecture seule, elle n’a "
                "pas été réparée : la sauvegarde du {when} est affichée à sa place."), reason=error.reason)
        with self._try_lock(assessment_id) as holder:
            if holder is not None:
                raise StorageError(french(_("{error}. Elle est ouverte par {holder} : fermez-la là-bas "
                                            "pour qu’elle soit réparée.")).format(
                    error=error, holder=holder.describe()))
            current = path.read_bytes() if path.exists() else raw
            if current != raw:  # changed (repaired?) by another process meanwhile
                try:
                    return current, self._decode(current, path)
                except CorruptFile:
                    raw = current
            try:
                moved = self.quarantine.keep(assessment_id, raw, self.key)
                if (found := self._newest_good_backup(assessment_id)) is None:
                    path.unlink(missing_ok=True)  # only the copy set aside remains, as the message says
            except OSError as exc:
                raise write_failed(self.quarantine.root, exc) from None
            if found is not None:
                return self._put_back(assessment_id, found, _(
                    "L’évaluation « {org} » était endommagée ({reason}). Le fichier abîmé a été mis de "
                    "côté dans {moved} ; la sauvegarde du {when} a été restaurée."), reason=error.reason,
                    moved=moved)
        raise StorageError(french(_("{error}. Le fichier a été mis de côté dans {moved} et aucune "
                                    "sauvegarde valide n’existe.")).format(error=error, moved=moved))

    def _restore_lost(self, assessment_id: str) -> tuple[bytes, Tables] | None:
        """Put back an assessment whose file a crash during a repair left missing (older versions
        moved the damaged file away before writing the backup): its newest trace is the copy set
        aside, newer than any backup. Not a deleted one: deleting leaves a newer backup copy."""
        set_aside = self.quarantine.newest(assessment_id)
        backups = self.backups.list(assessment_id) if set_aside else []
        if not backups or backups[0].name[:len(set_aside)] > set_aside:
            return None
        if self.read_only:
            message = _("L’évaluation « {org} » manque depuis une réparation interrompue ; le dossier étant en "
                        "lecture seule, la sauvegarde du {when} est affichée à sa place.")
            found = self._newest_good_backup(assessment_id)
            return None if found is None else self._put_back(assessment_id, found, message)
        with self._writing(assessment_id):
            if self.path_of(assessment_id).exists():  # put back by another process meanwhile
                return self._read(assessment_id)
            message = _("L’évaluation « {org} » manquait depuis une réparation interrompue ; la sauvegarde du "
                        "{when} a été remise en place.")
            found = self._newest_good_backup(assessment_id)
            return None if found is None else self._put_back(assessment_id, found, message)

    def close(self) -> None:
        for aid in list(self._held):
            self._counts.pop(aid, None)
            self.unlock(aid)
        self.folder_lock.release()


def locked_message(holder: LockInfo) -> str:
    return french(_("Cette évaluation est ouverte en écriture par {holder} : elle n’est accessible ici "
                    "qu’en lecture.")).format(holder=holder.describe())
