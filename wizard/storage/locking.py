"""One writer per assessment: a lock file held with an operating-system lock.

The OS lock (flock on POSIX, msvcrt on Windows) dies with its process, so the lock of a
crashed Vigie never blocks anyone: the next process simply gets it and overwrites the
holder's details. The file's text says who holds the lock (user, machine, pid, since when)
so that a process that does not get it can tell the user.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

# Windows locks byte ranges and a locked range cannot be read by others: lock a byte far
# past the holder's details so they stay readable.
_WIN_LOCK_OFFSET = 1 << 30


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    since: str  # ISO 8601, local time with offset

    @classmethod
    def mine(cls) -> LockInfo:
        import getpass  # with socket: only when a lock is taken, not to list the store
        import socket

        try:
            user = getpass.getuser()
        except Exception:  # no login name (some services): still lock, just say less
            user = "?"
        return cls(user=user, host=socket.gethostname(), pid=os.getpid(),
                   since=datetime.now(UTC).astimezone().isoformat(timespec="seconds"))

    def describe(self) -> str:
        return f"{self.user}@{self.host} (pid {self.pid}, depuis {self.since})"


def _try_os_lock(fd: int) -> bool:
    try:
        if os.name == "nt":  # pragma: no cover
            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _os_unlock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


def read_holder(path: Path) -> LockInfo | None:
    try:
        data = json.loads(path.read_bytes()[:4096])
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class FileLock:
    """An exclusive, non-blocking lock on one path; see acquire()."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.info: LockInfo | None = None
        self.took_over: LockInfo | None = None  # a crashed holder whose lock was taken over

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> LockInfo | None:
        """Take the lock; return None on success, or the details of the process holding it."""
        if self._fd is not None:
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            if not _try_os_lock(fd):
                os.close(fd)
                return read_holder(self.path) or LockInfo("?", "?", 0, "?")
            # The previous holder may have removed the file between our open and our lock:
            # then we hold a lock on a deleted file, and must start again.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            previous = read_holder(self.path)
            self.info = LockInfo.mine()
            if previous is not None and previous.pid != self.info.pid:
                self.took_over = previous
            payload = json.dumps(asdict(self.info)).encode()
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, payload)
            self._fd = fd
            return None
        raise OSError(f"{self.path}: cannot take the lock (file keeps changing)")

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # Remove the file while still holding the lock, so no one reads stale details.
        try:
            if os.name != "nt":
                self.path.unlink(missing_ok=True)
            else:  # pragma: no cover - Windows cannot remove an open file
                os.ftruncate(fd, 0)
        finally:
            try:
                _os_unlock(fd)
            finally:
                os.close(fd)

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
