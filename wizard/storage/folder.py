"""The data folder's own settings (storage.json) and the all-or-nothing passphrase change.

Changing the passphrase writes every assessment and backup, re-encrypted, into a staging
folder .rekey-<generation>; writing storage.json with the new key and that generation is the
commit point; the staging folders then replace the live ones. A process killed before the
commit leaves the old files and the old key; one killed after it has the swap finished the
next time the folder is opened.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.core.typography import french
from wizard.i18n import _
from wizard.storage.atomic import atomic_write_bytes, fsync_dir, private_mkdir
from wizard.storage.crypto import DEFAULT_COST, KeyParams, StoreKey
from wizard.storage.envelope import seal
from wizard.storage.errors import AssessmentLocked, StorageError
from wizard.storage.locking import FileLock

if TYPE_CHECKING:
    from wizard.storage.store import Store

FILE_NAME = "storage.json"


def _rmtree(path: Path, *, ignore_errors: bool = False) -> None:
    import shutil  # a passphrase change only

    shutil.rmtree(path, ignore_errors=ignore_errors)

FORMAT = "vigie-store"
VERSION = 1
_STAGE = ".rekey-"
_SWAPPED = ("assessments", "backups")


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


def finish_pending_change(data_dir: Path) -> None:
    """Complete a committed passphrase change, or drop one that never reached its commit."""
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


def change_passphrase(store: Store, new_passphrase: str | None, *, cost: int | None = None) -> None:
    data_dir = store.data_dir
    taken: list[str] = []
    stage = data_dir / f"{_STAGE}{os.urandom(8).hex()}"
    committed = False
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
        if not durable:
            os.sync()
        FolderConfig(params, generation).save(data_dir)  # the commit point
        committed = True
        finish_pending_change(data_dir)
        store.key = new_key
        store.config = FolderConfig(params, generation)
        from wizard.storage.index import Index

        store.index = Index(store.folder, new_key)
    finally:
        if not committed:
            _rmtree(stage, ignore_errors=True)
        for aid in taken:
            store.unlock(aid)
