"""Operating-system locks: one writer per assessment, and the data folder's own lock.

The OS lock (flock on POSIX, msvcrt on Windows) dies with its process, so the lock of a
crashed Vigie never blocks anyone: the next process simply gets it and overwrites the
holder's details. The file's text says who holds the lock (user, machine, pid, since when)
so that a process that does not get it can tell the user.

FolderLock is shared by every open store of a data folder and exclusive for a passphrase
change (and for finishing one a crash interrupted): a change never runs while the folder is
open elsewhere, and no one opens the folder while a change runs.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

# Windows locks byte ranges and a locked range cannot be read by others: lock a byte far
# past the holder's details so they stay readable.
_WIN_LOCK_OFFSET = 1 << 30
# Windows has no shared lock of a file: each sharer locks one byte of this range, the
# exclusive holder all of them.
_WIN_SLOTS = 64
_POLL_SECONDS = 0.05


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


UNKNOWN_HOLDER = LockInfo("?", "?", 0, "?")


def _try_os_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":  # pragma: no cover
            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _os_unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
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
                return read_holder(self.path) or UNKNOWN_HOLDER
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
            self._fd = fd
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                os.ftruncate(fd, 0)
                os.write(fd, payload)
            except OSError:
                pass  # a disk full: the lock is held all the same, only its holder's name is missing
            return None
        raise OSError(f"{self.path}: cannot take the lock (file keeps changing)")

    def holder(self) -> LockInfo | None:
        """Who holds the lock, without taking it nor creating its file (a read-only folder)."""
        if self._fd is not None:
            return None
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return None  # a holder would have created it
        try:
            if _try_os_lock(fd):
                _os_unlock(fd)
                return None
            return read_holder(self.path) or UNKNOWN_HOLDER
        finally:
            os.close(fd)

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


def _try_folder_lock(fd: int, exclusive: bool) -> int | None:
    """Take the folder lock without waiting; the Windows slot held (-1 on POSIX), or None."""
    try:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            if exclusive:
                os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, _WIN_SLOTS)
                return _WIN_SLOTS
            for slot in range(_WIN_SLOTS):
                os.lseek(fd, _WIN_LOCK_OFFSET + slot, os.SEEK_SET)
                try:
                    msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                except OSError:
                    continue
                return slot
            return None
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError:
        return None
    return -1


def _folder_unlock(fd: int, slot: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        if slot == _WIN_SLOTS:
            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, _WIN_SLOTS)
        else:
            os.lseek(fd, _WIN_LOCK_OFFSET + slot, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)


class FolderLock:
    """A lock several processes may share, or one hold alone; acquire() waits a bounded time.

    The file is never removed (sharers come and go on it); while held exclusively its text
    names the holder. A folder where it cannot be created (read-only) is not locked:
    nothing can change there anyway.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._slot = -1
        self._pid = 0
        self.exclusive = False
        self.writable = True  # False: the file could only be opened for reading, or not at all

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _open(self) -> int | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            self.writable = False
        try:
            return os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return None

    def acquire(self, *, exclusive: bool, wait: float) -> LockInfo | None:
        """Take the lock, waiting up to wait seconds; None once taken, else who holds it
        (UNKNOWN_HOLDER when only sharers do: they leave no name)."""
        self.release()
        fd = self._open()
        if fd is None:
            return None
        deadline = time.monotonic() + wait
        while (slot := _try_folder_lock(fd, exclusive)) is None:
            if time.monotonic() >= deadline:
                os.close(fd)
                return read_holder(self.path) or UNKNOWN_HOLDER
            time.sleep(_POLL_SECONDS)
        self._fd, self._slot, self._pid, self.exclusive = fd, slot, os.getpid(), exclusive
        if exclusive and self.writable:
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                os.ftruncate(fd, 0)
                os.write(fd, json.dumps(asdict(LockInfo.mine())).encode())
            except OSError:
                pass  # the name is only to tell others who waits on them; the lock is held
        return None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if self._pid == os.getpid():  # a forked child must not unlock its parent's lock
                if self.exclusive and self.writable:
                    os.ftruncate(fd, 0)  # the name of a holder that has gone must not be shown
                _folder_unlock(fd, self._slot)
        finally:
            os.close(fd)
            self.exclusive = False

    def __del__(self) -> None:  # a store dropped without close() must not keep the folder locked
        try:
            self.release()
        except Exception:  # noqa: BLE001 - at interpreter exit os may be half torn down
            pass
