"""Errors of the storage layer; every message is meant for the user and says which file and why."""

from __future__ import annotations

from pathlib import Path

from wizard.storage.locking import LockInfo


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
