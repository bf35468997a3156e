"""The per-document locks this process holds in a data folder (locks/<name>.lock).

One writer per document across processes (see locking.FileLock); within one process several
sessions may hold the same document, so holds are counted and the lock goes with the last.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from wizard.i18n import _
from wizard.storage.errors import AssessmentLocked, ReadOnlyFolder, write_failed
from wizard.storage.locking import FileLock, LockInfo
from wizard.typography import french


def locked_message(holder: LockInfo) -> str:
    return french(_("Cette évaluation est ouverte en écriture par {holder} : elle n’est accessible ici "
                    "qu’en lecture.")).format(holder=holder.describe())


class LockTable:
    def __init__(self, root: Path, read_only_reason: str = "") -> None:
        self.root = root
        self._read_only = read_only_reason  # "" when the folder can be written, else why it cannot
        self._held: dict[str, FileLock] = {}
        self._counts: dict[str, int] = {}
        self.notices: list[str] = []  # stale locks taken over

    def _file(self, name: str) -> FileLock:
        return FileLock(self.root / f"{name}.lock")

    def _acquire(self, lock: FileLock) -> LockInfo | None:
        if self._read_only:
            raise ReadOnlyFolder(self._read_only)
        try:
            return lock.acquire()
        except OSError as exc:
            raise write_failed(lock.path, exc) from None

    def held(self, name: str) -> bool:
        return name in self._held

    def lock(self, name: str) -> LockInfo | None:
        """Hold the lock until unlock(); None on success, else who holds it."""
        if name in self._held:
            self._counts[name] = self._counts.get(name, 1) + 1
            return None
        lock = self._file(name)
        holder = self._acquire(lock)
        if holder is None:
            self._held[name] = lock
            self._counts[name] = 1
            if lock.took_over is not None:
                self.notices.append(french(_("Le verrou laissé par {holder} (processus arrêté) a été "
                                             "repris.")).format(holder=lock.took_over.describe()))
        return holder

    def unlock(self, name: str) -> None:
        """Release one lock(); the lock goes when every holder released it."""
        count = self._counts.pop(name, 1) - 1
        if count > 0:
            self._counts[name] = count
            return
        lock = self._held.pop(name, None)
        if lock is not None:
            lock.release()

    def holder(self, name: str) -> LockInfo | None:
        """Who holds the lock, if another process does."""
        if name in self._held:
            return None
        try:
            return self._file(name).holder()
        except OSError:
            return None  # a lock file that cannot even be read is held by no one we could name

    @contextmanager
    def trying(self, name: str) -> Iterator[LockInfo | None]:
        """Yield None when this process may write (the lock is held here), else the holder."""
        if name in self._held:
            yield None
            return
        lock = self._file(name)
        holder = self._acquire(lock)
        if holder is not None:
            yield holder
            return
        self._held[name] = lock  # nested steps (migration, repair) see it as held
        try:
            yield None
        finally:
            self._held.pop(name, None)
            lock.release()

    @contextmanager
    def writing(self, name: str) -> Iterator[None]:
        with self.trying(name) as holder:
            if holder is not None:
                raise AssessmentLocked(locked_message(holder), holder)
            yield

    def release_all(self) -> None:
        for name in list(self._held):
            self._counts.pop(name, None)
            self.unlock(name)
