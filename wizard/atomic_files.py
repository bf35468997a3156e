"""Crash-safe writes: a temporary file in the same folder, fsync, os.replace, fsync of the folder.

A process killed at any moment leaves either the old file or the new one, never a mix.
TinyDB's own JSONStorage writes in place and can leave a file that no longer parses.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

TMP_PREFIX = ".vigie-tmp-"
# A temporary file of a live process is only removed when it is this old (a writer never
# takes that long); one of a dead process is removed at once.
STALE_AFTER_SECONDS = 24 * 3600


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private_mkdir(folder: Path) -> None:
    """Create a folder (and its parents) readable by the owner only where the OS supports it."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)


def atomic_write_bytes(path: Path, data: bytes, *, private: bool = True, durable: bool = True) -> None:
    """Replace path with data atomically; durable (fsync'd) unless told otherwise.

    The file is owner-only where supported. durable=False suits caches that are rebuilt
    when damaged: the replace stays atomic, only the fsyncs are skipped.
    """
    import tempfile  # at the first write rather than to open the store: it loads random too

    private_mkdir(path.parent)
    # The pid in the name lets the cleaner tell a dead writer's leftovers from a live one's.
    fd, tmp = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if not private:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # unknown: rely on the file's age
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _writer_pid(name: str) -> int:
    rest = name[len(TMP_PREFIX):]
    head = rest.split("-", 1)[0]
    return int(head) if head.isdigit() else 0


def clean_stale_temp_files(folder: Path) -> int:
    """Remove temporary files left by killed writers; return how many were removed.

    Another Vigie process may be writing in the same folder right now: its temporary file
    is left alone.
    """
    removed = 0
    if not folder.is_dir():
        return 0
    now = time.time()
    for stale in folder.glob(TMP_PREFIX + "*"):
        try:
            old = now - stale.stat().st_mtime > STALE_AFTER_SECONDS
        except FileNotFoundError:
            continue
        if old or not pid_alive(_writer_pid(stale.name)):
            stale.unlink(missing_ok=True)
            removed += 1
    return removed


def write_error_message(path: Path, exc: OSError) -> str:
    """« Impossible d'écrire … » for the user; when the file exists and may not be replaced,
    the likely reason: on Windows a PDF open in a reader cannot be replaced."""
    from wizard.i18n import _

    message = _("Impossible d'écrire {file} : {error}").format(file=path, error=exc.strerror or exc)
    if isinstance(exc, PermissionError) and path.exists():
        message = message.rstrip(". ") + ". " + _("Le fichier est peut-être ouvert dans un autre programme "
                                                  "(un lecteur PDF) : fermez-le, ou choisissez un autre nom.")
    return message


class WriteFailed(Exception):
    """A file the user asked for could not be written; the message says where and why."""


def write_document(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write a file the user chose (a plan, an exchange file, a certificate) the same crash-safe
    way as the store's own: the old file or the new one, never half of one, and nothing left
    behind on failure. WriteFailed with a plain message (missing folder, file open elsewhere…)."""
    from wizard.i18n import _

    if not path.parent.is_dir():
        raise WriteFailed(_("Le dossier {folder} n'existe pas.").format(folder=path.parent))
    try:
        atomic_write_bytes(path, data, private=private)
    except OSError as exc:
        raise WriteFailed(write_error_message(path, exc)) from None
