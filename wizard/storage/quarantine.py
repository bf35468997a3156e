"""Damaged files set aside: kept as they were, for inspection; never deleted by Vigie.

A copy is named <id>-<UTC time>-<digest>.vigie.json, where digest (the first 12 hex digits of
the SHA-256 of the bytes) lets the same damaged bytes be kept once, however often a repair
is interrupted and started again. The copy is written (durably) before the damaged file is
replaced: a crash in between leaves the damaged file in place, never no file at all.

In an encrypted folder each copy is itself encrypted with the folder's key (a damaged file
may be a plain file from before the encryption); a passphrase change re-encrypts them, or
decrypts them, with every other file.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

from wizard.atomic_files import atomic_write_bytes, clean_stale_temp_files
from wizard.storage.crypto import StoreKey, b64decode, b64encode
from wizard.storage.envelope import open_sealed, seal
from wizard.storage.errors import StorageError

SUFFIX = ".vigie.json"
QUARANTINE_FORMAT = "vigie-quarantine"
QUARANTINE_VERSION = 1
STAMP = "%Y%m%dT%H%M%S.%fZ"  # the same as the names of backups: the two sort together
_NAME = re.compile(r"^([0-9a-f-]+?)-(\d{8}T\d{6}\.\d{6}Z)(?:-([0-9a-f]{12}))?\.vigie\.json$")


def wrap(raw: bytes, name: str, key: StoreKey | None) -> bytes:
    if key is None:
        return raw
    return seal(QUARANTINE_FORMAT, QUARANTINE_VERSION, name, {"raw": b64encode(raw)}, key)


def unwrap(data: bytes, key: StoreKey | None) -> bytes:
    """The damaged bytes a copy holds; a copy that is not wrapped with this key as it is."""
    try:
        opened = open_sealed(data, key, fmt=QUARANTINE_FORMAT, current=QUARANTINE_VERSION)
        return b64decode(opened.payload.get("raw"))
    except (StorageError, ValueError):
        return data


class Quarantine:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _entries(self) -> list[tuple[str, str, str, Path]]:
        """(id, time, digest, path) of every copy."""
        try:
            paths = list(self.root.iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []
        return [(m.group(1), m.group(2), m.group(3) or "", p) for p in paths if (m := _NAME.match(p.name))]

    def keep(self, assessment_id: str, raw: bytes, key: StoreKey | None, *, suffix: str = SUFFIX) -> Path:
        """Set a copy of raw aside, durably (once: the same bytes are not kept twice). A backup
        set aside ends with .bak: only an assessment's own file counts as its trace."""
        digest = hashlib.sha256(raw).hexdigest()[:12]
        for found in self.root.glob(f"{assessment_id}-*-{digest}{suffix}"):
            return found
        clean_stale_temp_files(self.root)  # what a repair killed while writing here left
        name = f"{assessment_id}-{datetime.now(UTC).strftime(STAMP)}-{digest}{suffix}"
        path = self.root / name
        atomic_write_bytes(path, wrap(raw, name, key))
        return path

    def newest(self, assessment_id: str) -> str:
        """The time of the newest copy of this assessment (as in a backup's name), or ""."""
        return max((when for aid, when, _d, _p in self._entries() if aid == assessment_id), default="")

    def ids(self) -> set[str]:
        return {aid for aid, _w, _d, _p in self._entries()}

    def rekey(self, target: Path, old_key: StoreKey | None, new_key: StoreKey | None, *,
              durable: bool) -> None:
        """Write every copy into target, encrypted with new_key (plain when None)."""
        for path in sorted(self.root.iterdir()) if self.root.is_dir() else []:
            if path.is_file() and not path.name.startswith("."):
                raw = unwrap(path.read_bytes(), old_key)
                atomic_write_bytes(target / path.name, wrap(raw, path.name, new_key), durable=durable)
