"""The questionnaire as last checked, so that starting Vigie does not parse and validate it again.

Reading the YAML files and checking them against the schema takes about 0.2 s; reading this
cache about 10 ms. The cache is keyed by a digest of every byte it depends on (the files, the
schema, the loader's format and Vigie's version): an edited file, a new schema or another
version simply misses it. Any problem with the cache (missing, damaged, unwritable folder)
falls back to the full load; the cache never holds anything that was not checked.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wizard import __version__, paths

FORMAT = 2  # raise when what load_questionnaire stores changes


def key_of(files: Sequence[Path], schemas: Sequence[Path]) -> str | None:
    """Digest of everything the checked content depends on; None when a file cannot be read."""
    digest = hashlib.sha256(f"vigie-content {FORMAT} {__version__}\n".encode())
    try:
        for file in (*schemas, *files):
            data = file.read_bytes()
            digest.update(f"{file.name} {len(data)}\n".encode())
            digest.update(data)
    except OSError:
        return None
    return digest.hexdigest()


def _path(folder: Path) -> Path:
    # One file per questionnaire folder: the tests' small questionnaire and the bundled one
    # do not keep replacing each other.
    name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return paths.cache_dir() / f"questionnaire-{name}.json"


def read(folder: Path, key: str) -> dict[str, Any] | None:
    """What write() stored for this folder under this key, or None."""
    try:
        cached = json.loads(_path(folder).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(cached, dict) or cached.get("key") != key or not isinstance(cached.get("payload"), dict):
        return None
    return cached["payload"]


def write(folder: Path, key: str, payload: dict[str, Any]) -> None:
    """Store checked data; silently skipped when the cache folder cannot be written."""
    from wizard.atomic_files import atomic_write_bytes

    try:
        raw = json.dumps({"key": key, "payload": payload}, ensure_ascii=False).encode("utf-8")
        # Readers see the old file or the new one, never half of one; a cache needs no fsync.
        atomic_write_bytes(_path(folder), raw, durable=False)
    except (OSError, TypeError, ValueError):
        pass
