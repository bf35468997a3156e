"""Everything Vigie keeps on disk goes through this package; the UI never touches TinyDB.

A data folder holds:

    storage.json                 encryption settings (scrypt parameters, key check), if any
    assessments/<id>.vigie.json  one file per assessment (envelope + TinyDB tables, see migrations.py)
    assessments/index.json       summaries for the list, rebuilt when missing or stale
    backups/<id>/*.bak           rolling copies: the last 20 versions and one a day for 30 days
    locks/<id>.lock              who writes an assessment (user, machine, pid, since when)
    quarantine/                  damaged files set aside, never deleted by Vigie

Store (store.py) is the one entry point; Session (wizard.service) uses it for the UI and CLI.
"""

from wizard.storage.backups import BackupInfo
from wizard.storage.crypto import PassphraseRequired, WrongPassphrase
from wizard.storage.documents import HistoryEntry
from wizard.storage.errors import AssessmentLocked, CorruptFile, NewerVersion, StorageError, UnknownAssessment
from wizard.storage.locking import LockInfo
from wizard.storage.store import AssessmentSummary, Store

__all__ = [
    "AssessmentLocked", "AssessmentSummary", "BackupInfo", "CorruptFile", "HistoryEntry", "LockInfo",
    "NewerVersion", "PassphraseRequired", "Store", "StorageError", "UnknownAssessment", "WrongPassphrase",
]
