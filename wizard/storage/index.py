"""A cache of every assessment's summary, so listing hundreds of them stays quick.

Each entry remembers the file's identity (inode, size, modification and change times):
listing only re-reads the files whose identity changed, and rebuilds the whole index when
index.json is missing, damaged or from another key. Saving an answer never touches the
index, so its cost does not grow with the number of assessments.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from wizard.atomic_files import atomic_write_bytes
from wizard.storage.crypto import StoreKey
from wizard.storage.envelope import open_sealed, seal
from wizard.storage.errors import StorageError

INDEX_FORMAT = "vigie-index"
INDEX_VERSION = 1
FILE_NAME = "index.json"


def signature(stat: os.stat_result) -> list[int]:
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


class Index:
    def __init__(self, folder: Path, key: StoreKey | None) -> None:
        self.path = folder / FILE_NAME
        self.key = key

    def load(self) -> dict[str, dict[str, Any]]:
        """id -> {"sig": [...], "summary": {...}}; empty when the index cannot be used."""
        try:
            raw = self.path.read_bytes()
            opened = open_sealed(raw, self.key, fmt=INDEX_FORMAT, current=INDEX_VERSION)
        except (OSError, StorageError):
            return {}
        entries = opened.payload.get("entries")
        return entries if isinstance(entries, dict) else {}

    def save(self, entries: dict[str, dict[str, Any]]) -> None:
        data = seal(INDEX_FORMAT, INDEX_VERSION, "index", {"entries": entries}, self.key)
        # A cache: atomic (never half-written) but not fsync'd; a lost update is re-read.
        try:
            atomic_write_bytes(self.path, data, durable=False)
        except OSError:
            pass  # a read-only folder can still be listed

    def drop(self) -> None:
        self.path.unlink(missing_ok=True)
