"""One data folder as a whole: its settings and key, its envelope, locks, backups and quarantine.

Every kind of document (assessments now, the processors register next) lives in a repository
built on a DataFolder: the folder seals and opens files with its key, lends its locks, keeps
the backups and the quarantine, and re-keys every repository's files at once
(rekey.change_passphrase). A repository never reaches into the folder's state.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import Any, Protocol

from wizard.atomic_files import clean_stale_temp_files
from wizard.i18n import _
from wizard.storage.backups import Backups
from wizard.storage.crypto import PassphraseRequired, StoreKey
from wizard.storage.envelope import Opened, open_sealed, seal
from wizard.storage.folder import LOCK_NAME, OPEN_WAIT, FolderConfig, open_folder, read_only_message
from wizard.storage.lock_table import LockTable
from wizard.storage.locking import FolderLock
from wizard.storage.quarantine import Quarantine
from wizard.typography import french

Tables = dict[str, dict[str, dict[str, Any]]]


class Repository(Protocol):
    """What the folder needs of a kind of document to re-key it with the rest."""

    root: Path  # the folder of its live documents
    file_format: str
    file_version: int

    def ids(self) -> list[str]: ...
    def file_name(self, ident: str) -> str: ...
    def current_tables(self, ident: str) -> Tables: ...  # read, upgraded, repaired if damaged
    def backup_tables(self, raw: bytes, path: Path) -> Tables: ...  # a backup copy, decoded


class DataFolder:
    """passphrase unlocks an encrypted folder (PassphraseRequired / WrongPassphrase otherwise);
    wait: seconds to wait for a passphrase change running in another process (FolderBusy after)."""

    def __init__(self, data_dir: Path, *, passphrase: str | None = None, wait: float = OPEN_WAIT) -> None:
        self.data_dir = Path(data_dir)
        self.locks_dir = self.data_dir / "locks"
        self.backups = Backups(self.data_dir / "backups")
        self.quarantine = Quarantine(self.data_dir / "quarantine")
        self.notices: list[str] = []  # what the user must be told (a damaged file restored…)
        self._repositories: list[weakref.ref[Repository]] = []  # weak: a store is freed with its last user
        # Shared with every other open folder; waits for a passphrase change running elsewhere.
        self.folder_lock = FolderLock(self.locks_dir / LOCK_NAME)
        open_folder(self.data_dir, self.folder_lock,
                    (self.data_dir / "assessments", self.locks_dir, self.backups.root), wait)
        try:
            self.config = FolderConfig.load(self.data_dir)
            self.read_only = not all(os.access(f, os.W_OK) for f in (self.data_dir, self.data_dir / "assessments"))
            self.key: StoreKey | None = None
            if self.config.key is not None:
                if passphrase is None:
                    raise PassphraseRequired(french(_("Ce dossier de données est chiffré : saisissez sa phrase "
                                                      "de passe (ou définissez VIGIE_STORE_PASSPHRASE).")))
                self.key = StoreKey.unlock(passphrase, self.config.key)
            if not self.read_only:
                clean_stale_temp_files(self.data_dir)
        except BaseException:
            self.folder_lock.release()
            raise
        self.locks = LockTable(self.locks_dir, self.read_only_reason)

    @staticmethod
    def is_encrypted(data_dir: Path) -> bool:
        """Whether opening this folder needs a passphrase."""
        return FolderConfig.load(Path(data_dir)).key is not None

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @property
    def read_only_reason(self) -> str:
        return read_only_message(self.data_dir) if self.read_only else ""

    def add(self, repository: Repository) -> None:
        """A kind of document on this folder: re-keyed with the rest."""
        self._repositories.append(weakref.ref(repository))

    @property
    def repositories(self) -> list[Repository]:
        return [r for ref in self._repositories if (r := ref()) is not None]

    # -- the envelope, with this folder's key -----------------------------------------------------
    def seal(self, fmt: str, version: int, ident: str, payload: dict[str, Any]) -> bytes:
        return seal(fmt, version, ident, payload, self.key)

    def open(self, raw: bytes, *, fmt: str, current: int, path: Path | None = None) -> Opened:
        """Check and decode one file; CorruptFile, NewerVersion, PassphraseRequired or OtherKey."""
        return open_sealed(raw, self.key, fmt=fmt, current=current, path=path)

    def rekeyed(self, key: StoreKey | None, config: FolderConfig) -> None:
        """After a committed passphrase change (rekey.py): seal and open with the new key."""
        self.key = key
        self.config = config

    def close(self) -> None:
        self.locks.release_all()
        self.folder_lock.release()
