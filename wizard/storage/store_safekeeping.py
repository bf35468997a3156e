"""The store's safekeeping: backups (list, read, restore), importing an assessment in one
write, and the .vigie exchange file. A mixin of Store, which brings the data folder and the
assessment files on it.
"""

from __future__ import annotations

import builtins
import os
from typing import TYPE_CHECKING, Any

from wizard.core.limits import is_assessment_id
from wizard.i18n import _
from wizard.storage import tables as docs
from wizard.storage.backups import BackupInfo
from wizard.storage.errors import CorruptFile, StorageError, UnknownAssessment, write_failed
from wizard.storage.tables import now_iso
from wizard.typography import french

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from wizard.core.model import Assessment
    from wizard.core.questionnaire import Questionnaire
    from wizard.storage.assessment_files import AssessmentFiles
    from wizard.storage.backups import Backups
    from wizard.storage.data_folder import DataFolder


class Safekeeping:
    data: DataFolder
    files: AssessmentFiles

    if TYPE_CHECKING:  # Store's own
        @property
        def backups(self) -> Backups: ...
        @property
        def read_only(self) -> bool: ...
        def path_of(self, assessment_id: str) -> Path: ...

    def list_backups(self, assessment_id: str) -> builtins.list[BackupInfo]:
        """Newest first; available even after the assessment was deleted."""
        self.path_of(assessment_id)
        return self.backups.entries(assessment_id)

    def deleted_ids(self) -> builtins.list[str]:
        """Assessments gone from the folder that have a backup folder: deleted in Vigie (whose
        deletion leaves a copy) or their file removed by hand. A deleted assessment's backups are
        never pruned: pruning only runs when the assessment is written. The caller lists each
        folder's backups once (an empty one is skipped there, not listed twice here)."""
        try:
            names = os.listdir(self.backups.root)
        except OSError:
            return []
        return sorted(n for n in names if is_assessment_id(n) and not self.path_of(n).exists()
                      and self.backups.folder(n).is_dir())

    def read_backup(self, assessment_id: str, name: str) -> Assessment:
        path = self.backups.path(assessment_id, name)
        if path is None:
            raise StorageError(french(_("aucune sauvegarde « {name} » pour l’évaluation {id}")).format(
                name=name, id=assessment_id))
        return docs.assessment_of(self.files.decode(path.read_bytes(), path, migrate=False))

    def restore(self, assessment_id: str, name: str) -> Assessment:
        """Make a backup the current version; the version it replaces stays among the backups."""
        path = self.backups.path(assessment_id, name)
        if path is None:
            raise StorageError(french(_("aucune sauvegarde « {name} » pour l’évaluation {id}")).format(
                name=name, id=assessment_id))
        raw = path.read_bytes()
        try:
            tables = self.files.decode(raw, path, migrate=False)
        except CorruptFile as exc:  # damaged, or not authenticated: never restored, set aside
            if self.read_only:
                raise
            with self.data.locks.writing(assessment_id):
                try:
                    moved = self.data.quarantine.keep(assessment_id, raw, self.data.key, suffix=".bak")
                    path.unlink()
                except OSError as err:
                    raise write_failed(self.data.quarantine.root, err) from None
            raise StorageError(french(_("{error}. Cette sauvegarde a été mise de côté dans {moved} ; rien n’a "
                                        "été restauré.")).format(error=exc, moved=moved)) from None
        with self.data.locks.writing(assessment_id):
            self._set_aside(assessment_id, "restore")
            self.files.write(assessment_id, tables)
        return docs.assessment_of(tables)

    def _set_aside(self, assessment_id: str, reason: str) -> None:
        """Back up the current file before it is replaced; refuse to replace one this Vigie
        cannot read for another reason than damage (newer format, other passphrase)."""
        current = self.path_of(assessment_id)
        if not current.exists():
            return
        raw = current.read_bytes()
        try:
            self.files.decode(raw, current, migrate=False)
        except CorruptFile:
            pass  # replacing a damaged file is the point; its bytes stay among the backups
        try:
            self.backups.save(assessment_id, raw, reason)
        except OSError as exc:
            raise write_failed(self.backups.folder(assessment_id), exc) from None

    def import_assessment(self, assessment: Assessment, history: builtins.list[dict[str, Any]],
                          *, replace: bool = False, plan_history: Iterable[dict[str, Any]] = ()
                          ) -> tuple[Assessment, str]:
        """Store a validated assessment in one write; returns it and 'new', 'copy' or 'replaced'.

        An assessment whose id is already stored becomes a new copy (a new id) unless replace.
        """
        import uuid

        mode = "new"
        try:
            exists = self.path_of(assessment.id).exists()
        except UnknownAssessment:
            assessment.id, exists = "", False
        if not assessment.id:
            assessment.id = str(uuid.uuid4())
        elif exists and not replace:
            assessment.id, mode = str(uuid.uuid4()), "copy"
        elif exists:
            mode = "replaced"
        tables = docs.new_tables(assessment, created=now_iso())
        tables["meta"]["1"]["position"] = assessment.position
        tables["history"] = {str(i): dict(h) for i, h in enumerate(history, start=1)}
        tables["plan_history"] = {str(i): dict(entry) for i, entry in enumerate(plan_history, start=1)}
        with self.data.locks.writing(assessment.id):
            if mode == "replaced":
                self._set_aside(assessment.id, "import")
            self.files.write(assessment.id, tables)
        return assessment, mode

    def export_exchange(self, assessment_id: str) -> bytes:
        """The assessment as a self-contained .vigie file (see exchange.py)."""
        from wizard.storage.exchange import export_bytes

        _raw, tables = self.files.read(assessment_id)
        history = [tables["history"][k] for k in sorted(tables["history"], key=int)]
        plan_table = tables.get("plan_history", {})
        plan_history = [plan_table[k] for k in sorted(plan_table, key=int)]
        return export_bytes(docs.assessment_of(tables), history, plan_history)

    @staticmethod
    def read_exchange(raw: bytes, questionnaire: Questionnaire
                      ) -> tuple[Assessment, builtins.list[dict[str, Any]], builtins.list[dict[str, Any]]]:
        """A .vigie file to merge: its assessment, its answers' audit trail and its plan's history,
        checked completely, stored nowhere; ExchangeError saying that nothing was merged."""
        from wizard.storage.exchange import read_exchange

        return read_exchange(raw, questionnaire, merging=True)

    def import_exchange(self, raw: bytes, questionnaire: Questionnaire, *,
                        replace: bool = False) -> tuple[Assessment, str]:
        """Check a .vigie file completely, then store it in one write (see import_assessment)."""
        from wizard.storage.exchange import read_exchange

        assessment, history, plan_history = read_exchange(raw, questionnaire)
        return self.import_assessment(assessment, history, replace=replace, plan_history=plan_history)
