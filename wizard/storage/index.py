"""A cache of every assessment's summary, so listing hundreds of them stays quick.

Each entry remembers the file's identity (inode, size, modification and change times):
listing only re-reads the files whose identity changed, and rebuilds the whole index when
index.json is missing, damaged or from another key. Saving an answer never touches the
index, so its cost does not grow with the number of assessments.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.atomic_files import atomic_write_bytes
from wizard.storage.errors import StorageError

if TYPE_CHECKING:
    from wizard.storage.data_folder import DataFolder

INDEX_FORMAT = "vigie-index"
INDEX_VERSION = 1
FILE_NAME = "index.json"


def signature(stat: os.stat_result) -> list[int]:
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


class Index:
    """Sealed with the data folder's key, whatever it is now (a passphrase change replaces it)."""

    def __init__(self, folder: Path, data_folder: DataFolder) -> None:
        self.path = folder / FILE_NAME
        self.data_folder = data_folder

    def load(self) -> dict[str, dict[str, Any]]:
        """id -> {"sig": [...], "summary": {...}}; empty when the index cannot be used."""
        try:
            raw = self.path.read_bytes()
            opened = self.data_folder.open(raw, fmt=INDEX_FORMAT, current=INDEX_VERSION)
        except (OSError, StorageError):
            return {}
        entries = opened.payload.get("entries")
        return entries if isinstance(entries, dict) else {}

    def save(self, entries: dict[str, dict[str, Any]]) -> None:
        data = self.data_folder.seal(INDEX_FORMAT, INDEX_VERSION, "index", {"entries": entries})
        # A cache: atomic (never half-written) but not fsync'd; a lost update is re-read.
        try:
            atomic_write_bytes(self.path, data, durable=False)
        except OSError:
            pass  # a read-only folder can still be listed

    def drop(self) -> None:
        self.path.unlink(missing_ok=True)
