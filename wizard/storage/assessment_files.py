"""The assessment files of a data folder and the rules every write follows.

Each change reads an assessment's file, applies the change to its TinyDB tables in memory
and writes the whole file atomically (wizard.atomic_files), under the assessment's lock. A
copy of each new version goes to the folder's rolling backups; an old format is upgraded
after a backup copy; a damaged file is copied to the quarantine, then its latest good backup
written in its place. In an encrypted folder a file not encrypted with the folder's key counts
as damaged. A folder that cannot be written is read only. The folder itself (key, envelope,
locks, backups, quarantine) is a DataFolder this component is built on; Store (store.py)
builds the operations on assessments on top of both.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.atomic_files import atomic_write_bytes, clean_stale_temp_files
from wizard.core.limits import is_assessment_id
from wizard.i18n import _
from wizard.storage import tables as docs
from wizard.storage.backups import BackupInfo
from wizard.storage.data_folder import DataFolder
from wizard.storage.errors import CorruptFile, StorageError, UnknownAssessment, write_failed
from wizard.storage.index import Index
from wizard.storage.migrations import ASSESSMENT_FORMAT, CURRENT_VERSION, upgrade
from wizard.storage.tables import Tables
from wizard.typography import french

if TYPE_CHECKING:
    from tinydb import TinyDB

FILE_FORMAT = ASSESSMENT_FORMAT
FILE_VERSION = CURRENT_VERSION
SUFFIX = ".vigie.json"


class AssessmentFiles:
    """The assessments of one data folder: reading, writing, upgrading and repairing their files."""

    file_format = FILE_FORMAT
    file_version = FILE_VERSION

    def __init__(self, folder: DataFolder) -> None:
        self.data = folder
        self.root = folder.data_dir / "assessments"
        self.backups = folder.backups
        self.quarantine = folder.quarantine
        self.locks = folder.locks
        self.notices = folder.notices
        if not folder.read_only:
            clean_stale_temp_files(self.root)
        self.index = Index(self.root, folder)
        folder.add(self)  # re-keyed with the rest of the folder

    @property
    def read_only(self) -> bool:
        return self.data.read_only

    # -- files -------------------------------------------------------------------------
    def path_of(self, assessment_id: str) -> Path:
        if not is_assessment_id(assessment_id):  # a UUID: never an option (-a), never a path
            raise UnknownAssessment(french(_("aucune évaluation n’a l’identifiant « {id} »")).format(id=assessment_id))
        return self.root / f"{assessment_id}{SUFFIX}"

    def file_name(self, assessment_id: str) -> str:
        return self.path_of(assessment_id).name

    def ids(self) -> list[str]:
        return sorted(p.name[: -len(SUFFIX)] for p in self.root.glob("*" + SUFFIX))

    def current_tables(self, assessment_id: str) -> Tables:
        """The tables as they stand (upgraded, a damaged file repaired): what a re-key writes again."""
        return self.read(assessment_id)[1]

    def backup_tables(self, raw: bytes, path: Path) -> Tables:
        return self.decode(raw, path, migrate=False)

    def read(self, assessment_id: str) -> tuple[bytes, Tables]:
        """The current tables, upgraded to the current format; recovers a damaged file."""
        path = self.path_of(assessment_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            found = self._restore_lost(assessment_id)
            if found is None:
                raise UnknownAssessment(french(_("aucune évaluation n’a l’identifiant « {id} » dans {folder}")).format(
                    id=assessment_id, folder=self.root)) from None
            return found
        try:
            return raw, self.decode(raw, path)
        except CorruptFile as exc:
            return self._recover(assessment_id, raw, exc)

    def decode(self, raw: bytes, path: Path, *, migrate: bool = True) -> Tables:
        opened = self.data.open(raw, fmt=FILE_FORMAT, current=FILE_VERSION, path=path)
        tables = upgrade(opened.payload, opened.version)
        try:
            for name in docs.TABLES:
                if not isinstance(tables.setdefault(name, {}), dict):
                    raise TypeError(name)
            docs.assessment_of(tables)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CorruptFile(path, _("contenu incomplet ou incohérent ({detail})").format(detail=exc)) from None
        if opened.version < FILE_VERSION and migrate and path.parent == self.root:
            self._migrate(path, raw, tables)
        return tables

    def _migrate(self, path: Path, raw: bytes, tables: Tables) -> None:
        """Write the upgraded file after a backup copy; left for later if another process writes."""
        if self.read_only:
            return  # read in its new form, left on disk in its old one
        aid = path.name[: -len(SUFFIX)]
        with self.locks.trying(aid) as holder:
            if holder is None:
                try:
                    self.backups.save(aid, raw, "migration")
                except OSError as exc:
                    raise write_failed(self.backups.folder(aid), exc) from None
                self.write(aid, tables, backup=False)

    def write(self, assessment_id: str, tables: Tables, *, backup: bool = True) -> bytes:
        data = self.data.seal(FILE_FORMAT, FILE_VERSION, assessment_id, tables)
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

    @contextmanager
    def change(self, assessment_id: str, *, backup: bool = True) -> Iterator[TinyDB]:
        """Read, change in memory, write once: the unit of every change."""
        from tinydb import TinyDB  # only to change an assessment, not to list or read them
        from tinydb.storages import MemoryStorage

        with self.locks.writing(assessment_id):
            _raw, tables = self.read(assessment_id)
            db = TinyDB(storage=MemoryStorage)
            db.storage.write(tables)
            yield db
            self.write(assessment_id, db.storage.read() or {}, backup=backup)

    # -- damage ------------------------------------------------------------------------
    def _newest_good_backup(self, assessment_id: str) -> tuple[BackupInfo, bytes, Tables] | None:
        for info in self.backups.entries(assessment_id):
            try:
                raw = (self.backups.folder(assessment_id) / info.name).read_bytes()
                return info, raw, self.decode(raw, self.path_of(assessment_id), migrate=False)
            except (OSError, StorageError):
                continue
        return None

    def _put_back(self, assessment_id: str, found: tuple[BackupInfo, bytes, Tables], message: str,
                  **fields: object) -> tuple[bytes, Tables]:
        """A backup's tables written as the current file (atomically), or only shown when read-only."""
        info, raw, tables = found
        if not self.read_only:
            raw = self.write(assessment_id, tables, backup=False)
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
        with self.locks.trying(assessment_id) as holder:
            if holder is not None:
                raise StorageError(french(_("{error}. Elle est ouverte par {holder} : fermez-la là-bas "
                                            "pour qu’elle soit réparée.")).format(
                    error=error, holder=holder.describe()))
            current = path.read_bytes() if path.exists() else raw
            if current != raw:  # changed (repaired?) by another process meanwhile
                try:
                    return current, self.decode(current, path)
                except CorruptFile:
                    raw = current
            try:
                moved = self.quarantine.keep(assessment_id, raw, self.data.key)
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
        backups = self.backups.entries(assessment_id) if set_aside else []
        if not backups or backups[0].name[:len(set_aside)] > set_aside:
            return None
        if self.read_only:
            message = _("L’évaluation « {org} » manque depuis une réparation interrompue ; le dossier étant en "
                        "lecture seule, la sauvegarde du {when} est affichée à sa place.")
            found = self._newest_good_backup(assessment_id)
            return None if found is None else self._put_back(assessment_id, found, message)
        with self.locks.writing(assessment_id):
            if self.path_of(assessment_id).exists():  # put back by another process meanwhile
                return self.read(assessment_id)
            message = _("L’évaluation « {org} » manquait depuis une réparation interrompue ; la sauvegarde du "
                        "{when} a été remise en place.")
            found = self._newest_good_backup(assessment_id)
            return None if found is None else self._put_back(assessment_id, found, message)
