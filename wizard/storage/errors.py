"""Errors of the storage layer; every message is meant for the user and says which file and why."""

from __future__ import annotations

import errno
from pathlib import Path

from wizard.i18n import _
from wizard.storage.locking import LockInfo
from wizard.typography import french


class StorageError(Exception):
    """Stored data cannot be read or written; the message says which file and why."""


class UnknownAssessment(StorageError):
    pass


class CorruptFile(StorageError):
    """A file that does not parse or fails its integrity check."""

    def __init__(self, path: Path | None, reason: str) -> None:
        super().__init__(f"{path}\u00a0: {reason}" if path else reason)
        self.path = path
        self.reason = reason


class NewerVersion(StorageError):
    """A file written by a newer Vigie: never modified, only reported."""

    def __init__(self, message: str, version: int, app: str) -> None:
        super().__init__(message)
        self.version = version
        self.app = app


class AssessmentLocked(StorageError):
    """Another process is writing this assessment."""

    def __init__(self, message: str, holder: LockInfo) -> None:
        super().__init__(message)
        self.holder = holder


class FolderBusy(StorageError):
    """Another Vigie keeps the data folder: a passphrase change runs there, or (for a change)
    the folder is open elsewhere. Nothing was opened or changed."""


class ReadOnlyFolder(StorageError):
    """The data folder cannot be written: reading works, every change is refused."""


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in the user's words."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return _("le disque est plein")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _("le dossier est en lecture seule")
    return exc.strerror or str(exc)


def write_failed(path: Path, exc: OSError) -> StorageError:
    """A failed write (disk full, folder read-only) as a message naming the file; the
    stored data is intact: every write replaces a file only once the new one is whole."""
    return StorageError(french(_("Impossible d’enregistrer {file} : {reason}. Cette modification n’a pas "
                                 "été enregistrée ; ce qui l’était déjà reste intact.")).format(
        file=path, reason=os_reason(exc)))
