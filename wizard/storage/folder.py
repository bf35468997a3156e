"""The data folder's own settings (storage.json), its opening, and the recovery of a passphrase
change (rekey.py) that a crash interrupted.

A change writes every file, re-encrypted, into a staging folder .rekey-<generation>; writing
storage.json with the new key and that generation is the commit point; the staging folders
then replace the live ones. A process killed before the commit leaves the old files and the
old key; one killed after it has the swap finished the next time the folder is opened.

The folder's lock (locks/folder.lock) makes this safe between processes: every open store
shares it, a change and the finishing of an interrupted one hold it alone. So a change waits
until no other Vigie has the folder open (or gives up, having changed nothing), and an opener
waits until a running change is over: a live change's staging folder is never touched.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard.atomic_files import atomic_write_bytes, fsync_dir, private_mkdir
from wizard.i18n import _
from wizard.paths import data_folder_problem
from wizard.storage.crypto import KeyParams
from wizard.storage.errors import FolderBusy, StorageError, os_reason
from wizard.storage.locking import UNKNOWN_HOLDER, FolderLock, LockInfo
from wizard.typography import french

FILE_NAME = "storage.json"
LOCK_NAME = "folder.lock"  # in locks/
OPEN_WAIT = 30.0  # seconds an opener waits for a passphrase change running in another process
CHANGE_WAIT = 10.0  # seconds a change waits for the other processes to close the folder


def remove_tree(path: Path, *, ignore_errors: bool = False) -> None:
    import shutil  # a passphrase change only

    shutil.rmtree(path, ignore_errors=ignore_errors)


FORMAT = "vigie-store"
VERSION = 1
STAGE_PREFIX = ".rekey-"


@dataclass(frozen=True)
class FolderConfig:
    key: KeyParams | None = None
    generation: str = ""

    @classmethod
    def load(cls, data_dir: Path) -> FolderConfig:
        path = data_dir / FILE_NAME
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls()
        except OSError as exc:
            raise StorageError(french(_("{path} : réglages de stockage illisibles ({detail}) ; les fichiers "
                                        "n’ont pas été touchés.")).format(path=path, detail=exc.strerror or exc)) from None
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("not a storage settings file")
            if data.get("version") != VERSION:
                raise StorageError(french(_("{path} : réglages de stockage d’une autre version de Vigie "
                                            "(version {version}).")).format(path=path, version=data.get("version")))
            enc = data.get("encryption")
            return cls(None if enc is None else KeyParams.from_json(enc), str(data.get("generation", "")))
        except (ValueError, KeyError, TypeError) as exc:
            raise StorageError(french(_("{path} : réglages de stockage illisibles ({detail}) ; les fichiers "
                                        "n’ont pas été touchés.")).format(path=path, detail=exc)) from None

    def save(self, data_dir: Path) -> None:
        data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "generation": self.generation,
                                "encryption": None if self.key is None else self.key.to_json()}
        atomic_write_bytes(data_dir / FILE_NAME, json.dumps(data, indent=1).encode("utf-8"))


def has_pending_change(data_dir: Path) -> bool:
    return any(data_dir.glob(STAGE_PREFIX + "*"))


def finish_pending_change(data_dir: Path) -> None:
    """Complete a committed passphrase change, or drop one that never reached its commit.

    Only with the folder's lock held alone: a staging folder may be that of a live change."""
    stages = list(data_dir.glob(STAGE_PREFIX + "*"))
    if not stages:
        return
    generation = FolderConfig.load(data_dir).generation
    for stage in stages:
        if generation and stage.name == STAGE_PREFIX + generation:
            # Every folder staged (assessments, backups, quarantine, other kinds of document) replaces
            # its live twin; one already moved by an interrupted swap is gone from the stage.
            for new in sorted(p for p in stage.iterdir() if p.is_dir() and not p.name.endswith(".old")):
                live = data_dir / new.name
                if live.exists():
                    os.replace(live, stage / f"{new.name}.old")
                os.replace(new, live)
            fsync_dir(data_dir)
        remove_tree(stage, ignore_errors=True)


def _busy_opening(data_dir: Path, holder: LockInfo) -> FolderBusy:
    if holder == UNKNOWN_HOLDER:
        return FolderBusy(french(_("Le dossier de données {folder} attend la fin d’un changement de phrase de "
                                   "passe commencé dans un autre Vigie : fermez les autres fenêtres de Vigie, "
                                   "puis réessayez. Rien n’a été modifié.")).format(folder=data_dir))
    return FolderBusy(french(_("Le dossier de données {folder} est occupé : {holder} en change la phrase de "
                               "passe. Réessayez quand ce sera fini ; rien n’a été modifié.")).format(
        folder=data_dir, holder=holder.describe()))


def _usable_folder(data_dir: Path) -> None:
    """Create the data folder if needed; a path that cannot be one is a StorageError."""
    try:
        private_mkdir(data_dir)
    except (OSError, ValueError) as exc:
        if not data_dir.is_dir():
            raise StorageError(data_folder_problem(data_dir, exc)) from None


def open_folder(data_dir: Path, lock: FolderLock, folders: Iterable[Path], wait: float = OPEN_WAIT) -> None:
    """Create the folders if needed, then take the folder's lock shared, waiting (at most wait
    seconds) for a running change to end; a change a crash interrupted is finished first,
    with the lock held alone. A path that cannot be a folder, or a damaged storage.json,
    stops it before anything is created; a folder that cannot be written is only read."""
    _usable_folder(data_dir)
    FolderConfig.load(data_dir)
    for folder in folders:
        try:
            private_mkdir(folder)
        except OSError:
            pass  # read-only: opened for reading
    deadline = time.monotonic() + wait
    while True:
        holder = lock.acquire(exclusive=False, wait=0)
        if holder is None:
            if not has_pending_change(data_dir):
                return
            holder = lock.acquire(exclusive=True, wait=0)  # no change runs: its leftovers are ours
            if holder is None:
                try:
                    finish_pending_change(data_dir)
                except OSError as exc:
                    lock.release()
                    raise StorageError(french(_(
                        "{folder} : un changement de phrase de passe interrompu doit être terminé, mais le "
                        "dossier ne peut pas être modifié ({error}). Rien n’a été ouvert.")).format(
                        folder=data_dir, error=os_reason(exc))) from None
                continue
        if time.monotonic() >= deadline:
            lock.release()
            raise _busy_opening(data_dir, holder)
        time.sleep(0.05)


def read_only_message(data_dir: Path) -> str:
    return french(_("Le dossier de données {folder} est en lecture seule : les évaluations peuvent y être "
                    "lues, pas modifiées ; rien n’a été enregistré.")).format(folder=data_dir)
