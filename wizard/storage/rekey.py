"""The all-or-nothing passphrase change of a data folder.

Every document of every repository, every backup and every quarantined copy is written,
re-encrypted, into a staging folder .rekey-<generation>; writing storage.json with the new key
and that generation is the commit point; the staging folders then replace the live ones
(folder.finish_pending_change). A process killed before the commit leaves the old files and
the old key; one killed after it has the swap finished the next time the folder is opened.
The folder's lock, held alone, keeps every other process out meanwhile (see folder.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from wizard.atomic_files import atomic_write_bytes, private_mkdir
from wizard.i18n import _
from wizard.storage.crypto import DEFAULT_COST, StoreKey
from wizard.storage.data_folder import DataFolder
from wizard.storage.envelope import seal
from wizard.storage.errors import AssessmentLocked, FolderBusy, ReadOnlyFolder, StorageError, os_reason
from wizard.storage.folder import (
    CHANGE_WAIT,
    STAGE_PREFIX,
    FolderConfig,
    finish_pending_change,
    has_pending_change,
    read_only_message,
    remove_tree,
)
from wizard.typography import french


def change_passphrase(folder: DataFolder, new_passphrase: str | None, *, cost: int | None = None,
                      wait: float = CHANGE_WAIT) -> None:
    """Encrypt (or re-encrypt, or with None decrypt) every file of the folder, all or nothing."""
    data_dir = folder.data_dir
    if folder.read_only:
        raise ReadOnlyFolder(read_only_message(data_dir))
    taken: list[str] = []
    stage = data_dir / f"{STAGE_PREFIX}{os.urandom(8).hex()}"
    committed = alone = False
    try:
        for repository in folder.repositories:  # no one may write while every file is rewritten
            for ident in repository.ids():
                if folder.locks.held(ident):
                    continue
                holder = folder.locks.lock(ident)
                if holder is not None:
                    raise AssessmentLocked(french(_("Impossible de changer la phrase de passe : l’évaluation {id} "
                                                    "est ouverte par {holder}.")).format(
                        id=ident, holder=holder.describe()), holder)
                taken.append(ident)
        if folder.folder_lock.acquire(exclusive=True, wait=wait) is not None:
            raise FolderBusy(french(_("Impossible de changer la phrase de passe : le dossier de données est "
                                      "ouvert dans un autre Vigie (ou une autre fenêtre). Fermez-le, puis "
                                      "recommencez ; rien n’a été modifié.")))
        alone = True
        if FolderConfig.load(data_dir) != folder.config:
            raise StorageError(french(_("La phrase de passe du dossier a été changée par un autre Vigie pendant "
                                        "l’attente ; rien n’a été modifié. Rouvrez le dossier.")))
        new_key, params = (None, None) if new_passphrase is None else \
            StoreKey.create(new_passphrase, cost=cost or DEFAULT_COST)
        generation = stage.name[len(STAGE_PREFIX):]
        durable = not hasattr(os, "sync")  # with os.sync, one flush before the commit suffices
        _stage_files(folder, stage, new_key, durable)
        if not durable:
            os.sync()
        config = FolderConfig(params, generation)
        config.save(data_dir)  # the commit point
        committed = True
        finish_pending_change(data_dir)
        folder.rekeyed(new_key, config)
    except OSError as exc:
        if committed:  # the new key is in place; the next opening finishes moving the files
            raise StorageError(french(_("La nouvelle phrase de passe est en place, mais le remplacement des "
                                        "fichiers s’est interrompu ({error}) ; il sera terminé à la prochaine "
                                        "ouverture du dossier.")).format(error=os_reason(exc))) from None
        raise StorageError(french(_("Impossible de changer la phrase de passe ({error}) ; rien n’a été "
                                    "modifié.")).format(error=os_reason(exc))) from None
    finally:
        if not committed:
            remove_tree(stage, ignore_errors=True)
        if committed and has_pending_change(data_dir):
            folder.folder_lock.release()  # the swap did not end: left to the next opening, which needs it alone
        elif alone or not folder.folder_lock.held:
            folder.folder_lock.acquire(exclusive=False, wait=wait)  # open like any other folder again
        for ident in taken:
            folder.locks.unlock(ident)


def _stage_files(folder: DataFolder, stage: Path, new_key: StoreKey | None, durable: bool) -> None:
    """Every file re-encrypted into the staging folder; read everything with the old key first:
    a damaged file stops the change here (before the commit)."""
    private_mkdir(stage / "backups")
    for repository in folder.repositories:
        live = stage / repository.root.name
        private_mkdir(live)
        for ident in repository.ids():
            tables = repository.current_tables(ident)
            data = seal(repository.file_format, repository.file_version, ident, tables, new_key)
            atomic_write_bytes(live / repository.file_name(ident), data, durable=durable)
    backups = folder.backups  # shared by every kind of document: each copy goes to the kind that reads it
    for owner in sorted(p for p in backups.root.iterdir() if p.is_dir()):
        for info in backups.entries(owner.name):
            path = owner / info.name
            for repository in folder.repositories:
                try:
                    tables = repository.backup_tables(path.read_bytes(), path)
                except (OSError, StorageError):
                    continue  # another kind's copy, or an unreadable one (never restorable anyway)
                data = seal(repository.file_format, repository.file_version, owner.name, tables, new_key)
                atomic_write_bytes(stage / "backups" / owner.name / info.name, data, durable=durable)
                break
    if folder.quarantine.root.is_dir():  # damaged copies too: none may stay in clear
        private_mkdir(stage / "quarantine")
        folder.quarantine.rekey(stage / "quarantine", folder.key, new_key, durable=durable)
