"""Everything Vigie keeps on disk goes through this package; the UI never touches TinyDB."""

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
