"""Rolling backups of each assessment: the last distinct versions plus one per day.

A copy of the file's exact bytes (still encrypted when the folder is) is kept after every
change, in backups/<id>/<UTC time>-<hash>-<reason>.bak. Pruning keeps the KEEP_LAST newest
and the newest of each of the last KEEP_DAYS days. Backup copies are not fsync'd: a copy
lost in a power cut is harmless, and restore skips copies that do not decode.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from wizard.storage.atomic import atomic_write_bytes, clean_stale_temp_files, private_mkdir

KEEP_LAST = 20
KEEP_DAYS = 30
SUFFIX = ".bak"
REASONS = ("auto", "migration", "restore", "import", "recovery")
_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{6}Z)-([0-9a-f]{12})-([a-z]+)\.bak$")


@dataclass(frozen=True)
class BackupInfo:
    name: str
    created: datetime  # UTC
    reason: str
    size: int
    digest: str  # first 12 hex digits of the SHA-256 of the bytes


def _parse(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        created = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=UTC)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path.name, created, match.group(3), size, match.group(2))


class Backups:
    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, assessment_id: str) -> Path:
        return self.root / assessment_id

    def list(self, assessment_id: str) -> list[BackupInfo]:
        """Newest first."""
        folder = self.folder(assessment_id)
        if not folder.is_dir():
            return []
        infos = [info for p in folder.glob("*" + SUFFIX) if (info := _parse(p)) is not None]
        return sorted(infos, key=lambda i: i.name, reverse=True)

    def path(self, assessment_id: str, name: str) -> Path | None:
        if not _NAME.match(name):
            return None
        path = self.folder(assessment_id) / name
        return path if path.is_file() else None

    def save(self, assessment_id: str, data: bytes, reason: str = "auto") -> BackupInfo | None:
        """Keep a copy of data unless the newest copy already holds exactly these bytes."""
        digest = hashlib.sha256(data).hexdigest()[:12]
        existing = self.list(assessment_id)
        if existing and existing[0].digest == digest:
            return None
        folder = self.folder(assessment_id)
        private_mkdir(folder)
        now = datetime.now(UTC)
        if existing and existing[0].created >= now:  # keep names in time order on a coarse clock
            now = existing[0].created + timedelta(microseconds=1)
        name = f"{now:%Y%m%dT%H%M%S.%fZ}-{digest}-{reason}{SUFFIX}"
        atomic_write_bytes(folder / name, data, durable=False)
        self._prune(assessment_id, [_parse(folder / name)] + existing)  # type: ignore[list-item]
        return _parse(folder / name)

    def _prune(self, assessment_id: str, newest_first: list[BackupInfo]) -> None:
        keep = {i.name for i in newest_first[:KEEP_LAST]}
        horizon = datetime.now(UTC) - timedelta(days=KEEP_DAYS)
        days_seen: set[str] = set()
        for info in newest_first:
            day = info.created.astimezone().date().isoformat()
            if info.created >= horizon and day not in days_seen:
                days_seen.add(day)
                keep.add(info.name)
        for info in newest_first:
            if info.name not in keep:
                (self.folder(assessment_id) / info.name).unlink(missing_ok=True)

    def clean(self) -> None:
        if self.root.is_dir():
            for folder in self.root.iterdir():
                if folder.is_dir():
                    clean_stale_temp_files(folder)
