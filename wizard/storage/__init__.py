"""Everything Vigie keeps on disk goes through this package; the UI never touches TinyDB.

A data folder holds:

    storage.json                 encryption settings (scrypt parameters, key check), if any
    assessments/<id>.vigie.json  one file per assessment (envelope + TinyDB tables, see migrations.py)
    assessments/index.json       summaries for the list, rebuilt when missing or stale
    backups/<id>/*.bak           rolling copies: the last 20 versions and one a day for 30 days
    locks/<id>.lock              who writes an assessment (user, machine, pid, since when)
    locks/folder.lock            shared by every open store, held alone by a passphrase change
    quarantine/                  damaged files set aside, never deleted by Vigie (encrypted with the rest)
    processors/, clients/, correspondence/   the registers of the lab ↔ vendor loop and each request
                                 with its response (registers.py), kept like the assessments

Store (store.py) is the one entry point; Session (wizard.operations.session) uses it for the UI and CLI.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Each name is imported from its module on first use (PEP 562): the settings file, written
# through storage.atomic, must not pull TinyDB and the whole layer in at start-up.
_WHERE = {
    "AssessmentLocked": "errors", "CorruptFile": "errors", "NewerVersion": "errors", "StorageError": "errors",
    "UnknownAssessment": "errors", "FolderBusy": "errors", "ReadOnlyFolder": "errors", "PassphraseRequired": "crypto", "WrongPassphrase": "crypto",
    "BackupInfo": "backups", "HistoryEntry": "tables", "PlanHistoryEntry": "tables", "LockInfo": "locking",
    "AssessmentSummary": "store", "Store": "store",
}
__all__ = [
    "AssessmentLocked", "AssessmentSummary", "BackupInfo", "CorruptFile", "FolderBusy", "HistoryEntry",
    "LockInfo", "NewerVersion", "PassphraseRequired", "PlanHistoryEntry", "ReadOnlyFolder", "Store", "StorageError",
    "UnknownAssessment", "WrongPassphrase",
]

if TYPE_CHECKING:
    from wizard.storage.backups import BackupInfo
    from wizard.storage.crypto import PassphraseRequired, WrongPassphrase
    from wizard.storage.errors import (
        AssessmentLocked,
        CorruptFile,
        FolderBusy,
        NewerVersion,
        ReadOnlyFolder,
        StorageError,
        UnknownAssessment,
    )
    from wizard.storage.locking import LockInfo
    from wizard.storage.store import AssessmentSummary, Store
    from wizard.storage.tables import HistoryEntry


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
