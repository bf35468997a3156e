"""The data folder's own settings (storage.json) and the all-or-nothing passphrase change.

Changing the passphrase writes every assessment, backup and quarantined copy, re-encrypted,
into a staging folder .rekey-<generation>; writing storage.json with the new key and that
generation is the commit point; the staging folders then replace the live ones. A process
killed before the commit leaves the old files and the old key; one killed after it has the
swap finished the next time the folder is opened.

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
from typing import TYPE_CHECKING, Any

from wizard.atomic_files import atomic_write_bytes, fsync_dir, private_mkdir
from wizard.i18n import _
from wizard.paths import data_folder_problem
from wizard.storage.crypto import DEFAULT_COST, KeyParams, StoreKey
from wizard.storage.envelope import seal
from wizard.storage.errors import AssessmentLocked, FolderBusy, ReadOnlyFolder, StorageError, os_reason
from wizard.storage.locking import UNKNOWN_HOLDER, FileLock, FolderLock, LockInfo
from wizard.typography import french

if TYPE_CHECKING:
    from wizard.storage.store import Store

FILE_NAME = "storage.json"
LOCK_NAME = "folder.lock"  # in locks/
OPEN_WAIT = 30.0  # seconds an opener waits for a passphrase change running in another process
CHANGE_WAIT = 10.0  # seconds a change waits for the other processes to close the folder


def _rmtree(path: Path, *, ignore_errors: bool = False) -> None:
    import shutil  # a passphrase change only

    shutil.rmtree(path, ignore_errors=ignore_errors)


FORMAT = "vigie-store"
VERSION = 1
_STAGE = ".rekey-"
_SWAPPED = ("assessments", "backups", "quarantine")


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
    return any(data_dir.glob(_STAGE + "*"))


def finish_pending_change(data_dir: Path) -> None:
    """Complete a committed passphrase change, or drop one that never reached its commit.

    Only with the folder's lock held alone: a staging folder may be that of a live change."""
    stages = list(data_dir.glob(_STAGE + "*"))
    if not stages:
        return
    generation = FolderConfig.load(data_dir).generation
    for stage in stages:
        if generation and stage.name == _STAGE + generation:
            for name in _SWAPPED:
                new, live = stage / name, data_dir / name
                if new.exists():
                    if live.exists():
                        os.replace(live, stage / f"{name}.old")
                    os.replace(new, live)
            fsync_dir(data_dir)
        _rmtree(stage, ignore_errors=True)


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


def change_passphrase(store: Store, new_passphrase: str | None, *, cost: int | None = None,
                      wait: float = CHANGE_WAIT) -> None:
    data_dir = store.data_dir
    if store.read_only:
        raise ReadOnlyFolder(read_only_message(data_dir))
    taken: list[str] = []
    stage = data_dir / f"{_STAGE}{os.urandom(8).hex()}"
    committed = False
    alone = False
    try:
        for aid in store.ids():  # no one may write while every file is rewritten
            if aid in store._held:
                continue
            lock = FileLock(store.locks_dir / f"{aid}.lock")
            holder = lock.acquire()
            if holder is not None:
                raise AssessmentLocked(french(_("Impossible de changer la phrase de passe : l’évaluation {id} "
                                                "est ouverte par {holder}.")).format(id=aid, holder=holder.describe()),
                                       holder)
            store._held[aid] = lock
            taken.append(aid)
        if store.folder_lock.acquire(exclusive=True, wait=wait) is not None:
            raise FolderBusy(french(_("Impossible de changer la phrase de passe : le dossier de données est "
                                      "ouvert dans un autre Vigie (ou une autre fenêtre). Fermez-le, puis "
                                      "recommencez ; rien n’a été modifié.")))
        alone = True
        if FolderConfig.load(data_dir) != store.config:
            raise StorageError(french(_("La phrase de passe du dossier a été changée par un autre Vigie pendant "
                                        "l’attente ; rien n’a été modifié. Rouvrez le dossier.")))
        if new_passphrase is None:
            new_key, params = None, None
        else:
            new_key, params = StoreKey.create(new_passphrase, cost=cost or DEFAULT_COST)
        generation = stage.name[len(_STAGE):]
        private_mkdir(stage / "assessments")
        private_mkdir(stage / "backups")
        durable = not hasattr(os, "sync")  # with os.sync, one flush before the commit suffices
        # Read everything with the old key first: a damaged file stops the change here.
        from wizard.storage.files import FILE_FORMAT, FILE_VERSION

        for aid in store.ids():
            _raw, tables = store._read(aid)
            data = seal(FILE_FORMAT, FILE_VERSION, aid, tables, new_key)
            atomic_write_bytes(stage / "assessments" / store.path_of(aid).name, data, durable=durable)
        for folder in sorted(p for p in store.backups.root.iterdir() if p.is_dir()):
            for info in store.backups.list(folder.name):
                path = folder / info.name
                try:
                    tables = store._decode(path.read_bytes(), path, migrate=False)
                except (OSError, StorageError):
                    continue  # an unreadable copy could never be restored anyway
                data = seal(FILE_FORMAT, FILE_VERSION, folder.name, tables, new_key)
                atomic_write_bytes(stage / "backups" / folder.name / info.name, data, durable=durable)
        if store.quarantine.root.is_dir():  # damaged copies too: none may stay in clear
            private_mkdir(stage / "quarantine")
            store.quarantine.rekey(stage / "quarantine", store.key, new_key, durable=durable)
        if not durable:
            os.sync()
        FolderConfig(params, generation).save(data_dir)  # the commit point
        committed = True
        finish_pending_change(data_dir)
        store.key = new_key
        store.config = FolderConfig(params, generation)
        from wizard.storage.index import Index

        store.index = Index(store.folder, new_key)
    except OSError as exc:
        if committed:  # the new key is in place; the next opening finishes moving the files
            raise StorageError(french(_("La nouvelle phrase de passe est en place, mais le remplacement des "
                                        "fichiers s’est interrompu ({error}) ; il sera terminé à la prochaine "
                                        "ouverture du dossier.")).format(error=os_reason(exc))) from None
        raise StorageError(french(_("Impossible de changer la phrase de passe ({error}) ; rien n’a été "
                                    "modifié.")).format(error=os_reason(exc))) from None
    finally:
        if not committed:
            _rmtree(stage, ignore_errors=True)
        if committed and has_pending_change(data_dir):
            store.folder_lock.release()  # the swap did not end: left to the next opening, which needs it alone
        elif alone or not store.folder_lock.held:
            store.folder_lock.acquire(exclusive=False, wait=wait)  # open like any other store again
        for aid in taken:
            store.unlock(aid)


def read_only_message(data_dir: Path) -> str:
    return french(_("Le dossier de données {folder} est en lecture seule : les évaluations peuvent y être "
                    "lues, pas modifiées ; rien n’a été enregistré.")).format(folder=data_dir)
