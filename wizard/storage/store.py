"""The assessment store: the operations on the assessments of a data folder.

One file per assessment keeps the cost of saving an answer independent of how many
assessments exist; an index keeps listing hundreds of them quick. The store is composed of
the data folder (data_folder.py: key, envelope, locks, backups, quarantine, re-key) and the
assessment files on it (assessment_files.py: how each file is read, written, upgraded and
repaired); it reaches into neither.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.core.limits import is_assessment_id
from wizard.i18n import _
from wizard.storage import tables as docs
from wizard.storage.assessment_files import FILE_FORMAT, FILE_VERSION, SUFFIX, AssessmentFiles
from wizard.storage.data_folder import DataFolder
from wizard.storage.errors import StorageError, UnknownAssessment, write_failed
from wizard.storage.folder import OPEN_WAIT
from wizard.storage.index import signature
from wizard.storage.lock_table import locked_message
from wizard.storage.locking import LockInfo
from wizard.storage.store_changes import AnswerWrites, checked_details
from wizard.storage.store_safekeeping import Safekeeping
from wizard.storage.tables import HistoryEntry, PlanHistoryEntry, now_iso
from wizard.typography import french

if TYPE_CHECKING:  # the questionnaire (YAML, JSON Schema) is not loaded to open a store

    from wizard.core.model import (
        Assessment,
        ContentStamp,
        Organisation,
        Participant,
    )

__all__ = ["FILE_FORMAT", "FILE_VERSION", "SUFFIX", "AssessmentSummary", "Store", "StorageError",
           "UnknownAssessment", "locked_message"]


@dataclass(frozen=True)
class AssessmentSummary:
    id: str
    organisation: str
    profile: str
    date: date
    answered: int
    modified: str


def _summary(a: Assessment, modified: str) -> dict[str, Any]:
    return {"id": a.id, "organisation": a.organisation.name, "profile": a.profile,
            "date": a.date.isoformat(), "answered": len(a.answers), "modified": modified}


class Store(AnswerWrites, Safekeeping):
    """All assessments of one data folder.

    passphrase unlocks an encrypted folder (PassphraseRequired / WrongPassphrase otherwise);
    wait: seconds to wait for a passphrase change running in another process. notices collects
    what the user must be told (a damaged file restored from a backup).
    """

    def __init__(self, data_dir: Path, *, passphrase: str | None = None, wait: float = OPEN_WAIT) -> None:
        self.data = DataFolder(Path(data_dir), passphrase=passphrase, wait=wait)
        try:
            self.files = AssessmentFiles(self.data)
        except BaseException:
            self.data.close()
            raise
        self.problems: list[tuple[str, str]] = []  # (id, message) of files list() could not read

    # -- the folder, as the operations and the tests see it ------------------------------------
    @property
    def data_dir(self) -> Path:
        return self.data.data_dir

    @property
    def folder(self) -> Path:
        """Where the assessment files are."""
        return self.files.root

    @property
    def locks_dir(self) -> Path:
        return self.data.locks_dir

    @property
    def backups(self):  # noqa: ANN201 - Backups
        return self.data.backups

    @property
    def index(self):  # noqa: ANN201 - Index
        return self.files.index

    @property
    def key(self):  # noqa: ANN201 - StoreKey | None
        return self.data.key

    @property
    def encrypted(self) -> bool:
        return self.data.encrypted

    @property
    def notices(self) -> list[str]:
        return self.data.notices

    @property
    def read_only(self) -> bool:
        return self.data.read_only

    @property
    def read_only_reason(self) -> str:
        return self.data.read_only_reason

    @staticmethod
    def is_encrypted(data_dir: Path) -> bool:
        """Whether opening this folder needs a passphrase."""
        return DataFolder.is_encrypted(Path(data_dir))

    def path_of(self, assessment_id: str) -> Path:
        return self.files.path_of(assessment_id)

    def ids(self) -> list[str]:
        return self.files.ids()

    def lock(self, assessment_id: str) -> LockInfo | None:
        """Hold the assessment's lock until unlock(); None on success, else who holds it."""
        self.path_of(assessment_id)  # validates the id before it names a file
        holder = self.data.locks.lock(assessment_id)
        self.notices.extend(n for n in self.data.locks.notices if n not in self.notices)
        self.data.locks.notices.clear()
        return holder

    def unlock(self, assessment_id: str) -> None:
        self.data.locks.unlock(assessment_id)

    def holder(self, assessment_id: str) -> LockInfo | None:
        """Who holds the assessment's lock, if another process does."""
        self.path_of(assessment_id)
        return self.data.locks.holder(assessment_id)

    def close(self) -> None:
        self.data.close()

    # -- create, list, load, delete ------------------------------------------------------
    def create(self, profile: str, organisation: Organisation, *, assessor: str = "",
               participants: Iterable[Participant] = (), when: date | None = None,
               previous_id: str = "", content: ContentStamp | None = None) -> Assessment:
        if not organisation.name.strip():
            raise StorageError(_("le nom de l’organisme est obligatoire"))
        import uuid

        from wizard.core.model import Assessment

        assessment = Assessment(
            id=str(uuid.uuid4()), profile=profile, organisation=organisation,
            date=when or date.today(), assessor=assessor, participants=list(participants),
            previous_id=previous_id)
        if content is not None:
            assessment.content = content
        checked_details(assessment)
        with self.data.locks.writing(assessment.id):
            self.files.write(assessment.id, docs.new_tables(assessment, created=now_iso()))
        return assessment

    def list(self) -> list[AssessmentSummary]:
        """Every readable assessment, newest change first; self.problems lists the others."""
        entries = self.index.load()
        fresh: dict[str, dict[str, Any]] = {}
        self.problems = []
        with os.scandir(self.files.root) as found:
            files = [(e.name[: -len(SUFFIX)], e) for e in found if e.name.endswith(SUFFIX)]
        for aid, entry in files:
            if not is_assessment_id(aid):
                self.problems.append((aid, french(_("ce nom de fichier n’est pas un identifiant d’évaluation "
                                                    "de Vigie : fichier laissé de côté"))))
                continue
            try:
                sig = signature(entry.stat())
            except FileNotFoundError:
                continue  # deleted meanwhile
            cached = entries.get(aid)
            if cached and cached.get("sig") == sig and isinstance(cached.get("summary"), dict):
                fresh[aid] = cached
                continue
            self._list_entry(aid, fresh)
        # A file a crash during a repair left missing is put back (see assessment_files.py).
        for aid in sorted(self.data.quarantine.ids() - {aid for aid, _e in files}):
            self._list_entry(aid, fresh)
        if fresh != entries:
            self.index.save(fresh)
        out = []
        # Newest change first; the file's time breaks ties within the same second.
        for kept in sorted(fresh.values(), key=lambda e: (str(e["summary"].get("modified")), e["sig"][2]),
                           reverse=True):
            s = kept["summary"]
            try:
                out.append(AssessmentSummary(s["id"], s["organisation"], s["profile"],
                                             date.fromisoformat(s["date"]), s["answered"], s["modified"]))
            except (KeyError, TypeError, ValueError):
                self.index.drop()
        return out

    def _list_entry(self, aid: str, fresh: dict[str, dict[str, Any]]) -> None:
        try:
            _raw, tables = self.files.read(aid)
            summary = _summary(docs.assessment_of(tables), docs.meta_doc(tables)["modified"])
            try:
                sig = signature(os.stat(self.path_of(aid)))
            except FileNotFoundError:
                sig = [0, 0, 0, 0]  # read-only folder: shown from a backup, read again next time
            fresh[aid] = {"sig": sig, "summary": summary}
        except (UnknownAssessment, FileNotFoundError):
            pass  # deleted meanwhile
        except (StorageError, OSError) as exc:
            self.problems.append((aid, str(exc)))

    def summary(self, assessment_id: str) -> AssessmentSummary:
        """One assessment's line of the list (with its last change time)."""
        _raw, tables = self.files.read(assessment_id)
        s = _summary(docs.assessment_of(tables), docs.meta_doc(tables)["modified"])
        return AssessmentSummary(s["id"], s["organisation"], s["profile"], date.fromisoformat(s["date"]),
                                 s["answered"], s["modified"])

    def load(self, assessment_id: str) -> Assessment:
        _raw, tables = self.files.read(assessment_id)
        return docs.assessment_of(tables)

    def delete(self, assessment_id: str) -> None:
        """Remove the assessment; its backups stay, so it can still be restored."""
        path = self.path_of(assessment_id)
        with self.data.locks.writing(assessment_id):
            if not path.exists():
                raise UnknownAssessment(french(_("aucune évaluation n’a l’identifiant « {id} »")).format(id=assessment_id))
            try:
                self.backups.save(assessment_id, path.read_bytes(), "deleted")
                path.unlink()
            except OSError as exc:
                raise write_failed(path, exc) from None

    # -- changes, each written at once: store_changes.py ----------------------------------

    # -- audit trail (backups and imports: store_safekeeping.py) ------------------------------------------------------
    def plan_history(self, assessment_id: str) -> builtins.list[PlanHistoryEntry]:
        """The named changes of the plan, oldest first."""
        _raw, tables = self.files.read(assessment_id)
        return docs.plan_history_of(tables)

    def history(self, assessment_id: str, question_id: str | None = None) -> builtins.list[HistoryEntry]:
        """Changes of one question's answer (or of all), oldest first."""
        _raw, tables = self.files.read(assessment_id)
        return docs.history_of(tables, question_id)

    # -- encryption ------------------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str | None, *, cost: int | None = None,
                          wait: float | None = None) -> None:
        """Encrypt (or re-encrypt, or with None decrypt) every file of the folder, all or nothing;
        FolderBusy when another store keeps the folder open longer than wait seconds."""
        from wizard.storage.folder import CHANGE_WAIT
        from wizard.storage.rekey import change_passphrase

        change_passphrase(self.data, new_passphrase, cost=cost, wait=CHANGE_WAIT if wait is None else wait)
