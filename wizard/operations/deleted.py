"""Assessments gone from the data folder, and bringing one back from its backups.

Deleting an assessment leaves its last version among its backups, as a file removed by hand
leaves its versions up to its last change. The guide promises a deleted assessment can be
brought back from there long after the few seconds of « Annuler » — so Vigie must find it
without its id, name it by what it held, and restore the newest copy that can still be read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from wizard.i18n import _
from wizard.operations.errors import OperationError
from wizard.storage import StorageError
from wizard.typography import french

if TYPE_CHECKING:
    from wizard.core.model import Assessment
    from wizard.storage import BackupInfo, Store


@dataclass(frozen=True)
class DeletedAssessment:
    """A deleted assessment as its newest readable backup describes it. organisation, profile,
    date and answered are None when not one of its backups can be read any more."""

    id: str
    last_version: datetime  # UTC: the deletion, or for a file removed by hand its last change
    backup: str  # the newest readable backup ('' when none is)
    organisation: str | None = None
    profile: str | None = None
    date: date | None = None
    answered: int | None = None


def _newest_readable(store: Store, assessment_id: str, backups: list[BackupInfo]) -> tuple[str, Assessment] | None:
    """A copy torn by a crash (the rolling copies are written without fsync) is passed over."""
    for info in backups:
        try:
            return info.name, store.read_backup(assessment_id, info.name)
        except StorageError:
            continue
    return None


def deleted_assessments(store: Store) -> list[DeletedAssessment]:
    """Newest first."""
    found = []
    for aid in store.deleted_ids():
        backups = store.list_backups(aid)
        if not backups:
            continue  # removed meanwhile by another Vigie
        newest = _newest_readable(store, aid, backups)
        if newest is None:
            found.append(DeletedAssessment(aid, backups[0].created, ""))
            continue
        name, a = newest
        found.append(DeletedAssessment(aid, backups[0].created, name, a.organisation.name, a.profile, a.date,
                                       len(a.answers)))
    return sorted(found, key=lambda d: d.last_version, reverse=True)


def undelete(store: Store, assessment_id: str) -> Assessment:
    """Restore a deleted assessment from its newest readable backup. One still in the folder is
    refused: restoring its newest copy would silently undo its last change."""
    if store.path_of(assessment_id).exists():
        raise OperationError(french(_("l’évaluation {id} n’est pas supprimée : pour revenir à une version "
                                      "précédente, choisissez l’une de ses sauvegardes")).format(id=assessment_id))
    backups = store.list_backups(assessment_id)
    if not backups:
        raise OperationError(french(_("aucune évaluation supprimée n’a l’identifiant « {id} » (voir la liste des "
                                      "évaluations supprimées)")).format(id=assessment_id))
    newest = _newest_readable(store, assessment_id, backups)
    if newest is None:
        raise OperationError(french(_("aucune sauvegarde lisible de l’évaluation {id} : elle ne peut pas être "
                                      "rétablie")).format(id=assessment_id))
    return store.restore(assessment_id, newest[0])
