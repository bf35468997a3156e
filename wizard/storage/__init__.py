"""Everything Vigie keeps on disk goes through this package; the UI never touches TinyDB."""

from wizard.storage.store import AssessmentSummary, Store, StorageError, UnknownAssessment

__all__ = ["AssessmentSummary", "Store", "StorageError", "UnknownAssessment"]
