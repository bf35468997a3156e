"""Rolling backups of each assessment: the last distinct versions plus one per day.

A copy of the file's exact bytes (still encrypted when the folder is) is kept after every
change, in backups/<id>/<UTC time>-<hash>-<reason>.bak. Pruning keeps the KEEP_LAST newest
and the newest of each of the last KEEP_DAYS days. Backup copies are not fsync'd: a copy
lost in a power cut is harmless, and restore skips copies that do not decode.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from wizard.atomic_files import TMP_PREFIX, atomic_write_bytes, clean_stale_temp_files, private_mkdir

KEEP_LAST = 20
KEEP_DAYS = 30
SUFFIX = ".bak"
REASONS = ("auto", "migration", "restore", "import", "recovery", "deleted")
_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{6}Z)-([0-9a-f]{12})-([a-z]+)\.bak$")


@dataclass(frozen=True)
class BackupInfo:
    name: str
    created: datetime  # UTC
    reason: str
    size: int
    digest: str  # first 12 hex digits of the SHA-256 of the bytes


def _created(name: str) -> datetime:
    """The time in a backup's name (YYYYmmddTHHMMSS.ffffffZ…), read without strptime: pruning
    runs after every change."""
    return datetime(int(name[0:4]), int(name[4:6]), int(name[6:8]), int(name[9:11]), int(name[11:13]),
                    int(name[13:15]), int(name[16:22]), tzinfo=UTC)


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


def _remove_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty after all


class Backups:
    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, assessment_id: str) -> Path:
        return self.root / assessment_id

    def entries(self, assessment_id: str) -> list[BackupInfo]:
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

    def _names(self, assessment_id: str) -> list[str]:
        """Backup file names, newest first (the names sort in time order).

        Temporary files a killed writer left are removed here, the next time the folder is
        written, rather than by walking every backup folder each time the store opens."""
        folder = self.folder(assessment_id)
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return []
        if any(n.startswith(TMP_PREFIX) for n in names):
            clean_stale_temp_files(folder)
        return sorted((n for n in names if _NAME.match(n)), reverse=True)

    def save(self, assessment_id: str, data: bytes, reason: str = "auto") -> str | None:
        """Keep a copy of data unless the newest copy already holds exactly these bytes; its name."""
        digest = hashlib.sha256(data).hexdigest()[:12]
        names = self._names(assessment_id)
        # A deletion always leaves its copy: it is the newest trace of the assessment (files.py).
        if names and reason != "deleted" and _NAME.match(names[0]).group(2) == digest:  # type: ignore[union-attr]
            return None
        folder = self.folder(assessment_id)
        private_mkdir(folder)
        now = datetime.now(UTC)
        newest = _created(names[0]) if names else None
        if newest is not None and newest >= now:  # keep names in time order on a coarse clock
            now = newest + timedelta(microseconds=1)
        name = f"{now:%Y%m%dT%H%M%S.%fZ}-{digest}-{reason}{SUFFIX}"
        if reason != "auto":  # the copy taken before a migration, restore or import must last
            atomic_write_bytes(folder / name, data)
        else:
            # Written straight to its name, without fsync: a copy torn by a crash does not decode
            # and is skipped by restore; the current file itself is always written atomically.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(folder / name, flags, 0o600)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
            except BaseException:  # a disk full: no torn copy left behind
                (folder / name).unlink(missing_ok=True)
                if not names:
                    _remove_empty(folder)
                raise
        if len(names) >= KEEP_LAST:
            self._prune(assessment_id, [name, *names])
        return name

    def _prune(self, assessment_id: str, newest_first: list[str]) -> None:
        keep = set(newest_first[:KEEP_LAST])
        horizon = datetime.now(UTC) - timedelta(days=KEEP_DAYS)
        days_seen: set[str] = set()
        for name in newest_first:
            created = _created(name)
            day = created.astimezone().date().isoformat()
            if created >= horizon and day not in days_seen:
                days_seen.add(day)
                keep.add(name)
        for name in newest_first:
            if name not in keep:
                (self.folder(assessment_id) / name).unlink(missing_ok=True)
