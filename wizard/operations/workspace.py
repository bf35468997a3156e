"""The data folder as the application works with it: the one door of the UI and the CLI to it.

A Workspace holds the folder's store and the content registry the assessments are read with.
It lists the assessments with what they mean (progress, index), creates, re-assesses (one
write), deletes and brings back, edits details, restores backups, moves assessments in and out
as .vigie exchange files or signed plans, changes the passphrase, and keeps the settings.
Business rules stay in the core; files stay in wizard.storage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard import paths
from wizard.atomic_files import WriteFailed, atomic_write_bytes, write_document
from wizard.core.checks import one_of
from wizard.core.evaluation import Evaluation, evaluate
from wizard.core.model import Assessment, Organisation, Participant
from wizard.core.questionnaire import Questionnaire
from wizard.core.registry import ContentRegistry
from wizard.i18n import _
from wizard.operations.deleted import DeletedAssessment, deleted_assessments, undelete
from wizard.operations.errors import OperationError
from wizard.settings import Settings, load_settings, save_settings
from wizard.storage import AssessmentSummary, BackupInfo, PlanHistoryEntry, StorageError, Store
from wizard.storage.exchange import SUFFIX as EXCHANGE_SUFFIX
from wizard.typography import french

if TYPE_CHECKING:
    from wizard.storage.contract_reviews import ContractReviews
    from wizard.storage.registers import RelationFiles


@dataclass(frozen=True)
class Imported:
    """What an import stored: the assessment, how ('new', 'copy', 'replaced'), and for a signed
    plan the signature that vouches for it (None: a .vigie file, or an unsigned plan accepted)."""

    assessment: Assessment
    mode: str
    signature: object | None = None


class Workspace:
    def __init__(self, store: Store, registry: ContentRegistry | None = None) -> None:
        self.store = store
        self.registry = registry or ContentRegistry()
        # The registers of processors and clients and their correspondence live on the same folder
        # (re-keyed with it); they and their operations are made on first use, not at start-up.
        self._relation_files: RelationFiles | None = None
        self._processors: Any = None
        self._clients: Any = None
        self._contract_reviews: ContractReviews | None = None
        self._contracts: Any = None

    @classmethod
    def open(cls, data_dir: Path, *, passphrase: str | None = None, registry: ContentRegistry | None = None,
             wait: float | None = None) -> Workspace:
        """The workspace of a data folder; PassphraseRequired / WrongPassphrase for an encrypted one,
        FolderBusy when a passphrase change runs elsewhere longer than wait seconds."""
        waiting = {} if wait is None else {"wait": wait}
        return cls(Store(Path(data_dir), passphrase=passphrase, **waiting), registry)

    @staticmethod
    def is_encrypted(data_dir: Path) -> bool:
        return Store.is_encrypted(Path(data_dir))

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    @property
    def notices(self) -> list[str]:
        """What the user must be told (a damaged file restored, a stale lock taken over)."""
        return self.store.notices

    @property
    def read_only(self) -> bool:
        """The folder cannot be written (a read-only share, a locked-down PC): reading still works."""
        return bool(self.store.read_only)

    @property
    def read_only_reason(self) -> str:
        return self.store.read_only_reason

    @property
    def problems(self) -> list[tuple[str, str]]:
        """(id, message) of the files the last listing could not read."""
        return self.store.problems

    def close(self) -> None:
        self.store.close()

    # -- content -------------------------------------------------------------------------------
    def questionnaire_for(self, assessment: Assessment) -> Questionnaire:
        """The profile view the assessment is read with."""
        try:
            return self.registry.for_profile(assessment.profile)
        except KeyError:
            raise OperationError(french(_("l’évaluation {id} porte sur un profil « {profile} » que ce "
                                          "référentiel ne connaît pas")).format(id=assessment.id,
                                                                                 profile=assessment.profile)) from None

    def check_profile(self, profile: str) -> None:
        profiles = self.registry.default.framework.profile_ids
        if profile not in profiles:
            raise OperationError(french(_("profil inconnu « {profile} » : {choices} attendu")).format(
                profile=profile, choices=one_of(profiles)))

    # -- listing and reading -------------------------------------------------------------------
    def summaries(self) -> list[AssessmentSummary]:
        """Every readable assessment, newest change first; problems lists the others."""
        return self.store.list()

    def summary(self, assessment_id: str) -> AssessmentSummary:
        return self.store.summary(assessment_id)

    def load(self, assessment_id: str) -> Assessment:
        return self.store.load(assessment_id)

    def holder(self, assessment_id: str):  # noqa: ANN201 - LockInfo | None
        """Who writes this assessment in another Vigie (user, machine, since when), if anyone."""
        return self.store.holder(assessment_id)

    def history(self, assessment_id: str, question_id: str | None = None) -> list:  # noqa: ANN401
        """Every change of one question's answer (or of all), oldest first: when, by whom, old and new."""
        return self.store.history(assessment_id, question_id)

    def plan_history(self, assessment_id: str) -> list[PlanHistoryEntry]:
        """The named changes of the plan (imports of a spreadsheet), oldest first."""
        return self.store.plan_history(assessment_id)

    def evaluation(self, assessment_id: str) -> Evaluation:
        """What a stored assessment means (progress, indices, plan), read without taking its lock;
        a laboratory's is linked to its register of processors (their actions, the annex)."""
        assessment = self.store.load(assessment_id)
        return self.processors.link(evaluate(self.questionnaire_for(assessment), assessment))

    def open_session(self, assessment_id: str, *, read_only: bool = False):  # noqa: ANN201 - Session
        """The assessment opened for answering (its lock held until the session closes, unless
        read_only or another Vigie writes it)."""
        from wizard.operations.session import Session

        return Session(self.store, assessment_id, self.registry.questionnaire(), read_only=read_only,
                       link=self.processors.link, facts=self.processors.facts)

    # -- the relation between a laboratory and its processors -------------------------------------
    @property
    def relation_files(self) -> RelationFiles:
        """The registers' documents on this folder (added to it: a passphrase change re-keys them)."""
        if self._relation_files is None:
            from wizard.storage.registers import RelationFiles

            self._relation_files = RelationFiles(self.store.data)
        return self._relation_files

    @property
    def processors(self):  # noqa: ANN201 - wizard.operations.processors.Processors
        """The laboratory's register of processors, its requests and the responses it imports."""
        if self._processors is None:
            from wizard.operations.processors import Processors

            self._processors = Processors(self, self.relation_files)
        return self._processors

    @property
    def clients(self):  # noqa: ANN201 - wizard.operations.clients.Clients
        """The processor's register of clients, the requests it imports and the responses it makes."""
        if self._clients is None:
            from wizard.operations.clients import Clients

            self._clients = Clients(self, self.relation_files)
        return self._clients

    @property
    def contract_reviews(self) -> ContractReviews:
        """The contract reviews' documents on this folder (added to it: re-keyed with the rest)."""
        if self._contract_reviews is None:
            from wizard.storage.contract_reviews import ContractReviews

            self._contract_reviews = ContractReviews(self.store.data)
        return self._contract_reviews

    @property
    def contracts(self):  # noqa: ANN201 - wizard.operations.contracts.Contracts
        """Contract reviews (a processor's contract, the processor's own template), their answers in
        an assessment, and the document « Points à compléter au contrat »."""
        if self._contracts is None:
            from wizard.operations.contracts import Contracts

            self._contracts = Contracts(self, self.contract_reviews)
        return self._contracts

    # -- creating, re-assessing, deleting --------------------------------------------------------
    def create(self, profile: str, organisation: Organisation, *, assessor: str = "",
               participants: Iterable[Participant] = (), when: date | None = None) -> Assessment:
        self.check_profile(profile)
        return self.store.create(profile, organisation, assessor=assessor, participants=participants, when=when,
                                 content=self.registry.default.framework.stamp)

    def reassess(self, source_id: str, when: date | None = None, *, participants: Iterable[Participant] | None = None,
                 assessor: str | None = None) -> Assessment:
        """A new assessment starting from an earlier one: its answers marked « à revoir », its plan's
        follow-up (owners, statuses, custom actions) carried on. One write: the earlier file is read,
        never changed, and the answers keep who gave them. The date, the participants and the
        assessor of the new one may differ (default: today, and the earlier ones)."""
        old = self.store.load(source_id)
        people = [replace(p) for p in (old.participants if participants is None else participants)]
        new = Assessment(
            profile=old.profile, organisation=replace(old.organisation), date=when or date.today(),
            assessor=old.assessor if assessor is None else assessor, participants=people,
            answers={qid: replace(a, review=True) for qid, a in old.answers.items()},
            action_edits={aid: replace(e) for aid, e in old.action_edits.items()},
            custom_actions=[replace(c) for c in old.custom_actions], previous_id=old.id,
            content=self.registry.questionnaire().framework.stamp)  # answered anew on today's content
        stored, _mode = self.store.import_assessment(new, [], replace=False)
        return stored

    def create_demo(self, profile: str | None = None) -> Assessment:
        """The demonstration assessment (« Laboratoire de démonstration », fictitious data), in one
        write; delete() removes it like any other."""
        from wizard.core.demo import demo_assessment

        profile = profile or self.registry.default.framework.profile_ids[0]
        self.check_profile(profile)
        stored, _mode = self.store.import_assessment(
            demo_assessment(self.registry.for_profile(profile), profile), [], replace=False)
        return stored

    def delete(self, assessment_id: str) -> None:
        """Remove the assessment; its backups stay, and undelete() brings it back."""
        self.store.delete(assessment_id)

    def undelete(self, assessment_id: str) -> Assessment:
        """Bring a deleted assessment back from its newest readable backup."""
        return undelete(self.store, assessment_id)

    def deleted(self) -> list[DeletedAssessment]:
        """Deleted assessments (here or by hand) that their backups can bring back, newest first."""
        return deleted_assessments(self.store)

    def save_details(self, assessment: Assessment) -> None:
        """Organisation, assessor, participants and date (the profile never changes)."""
        self.store.save_details(assessment)

    # -- backups ---------------------------------------------------------------------------------
    def backups(self, assessment_id: str) -> list[BackupInfo]:
        """Newest first; available even after the assessment was deleted."""
        return self.store.list_backups(assessment_id)

    def answers_in_backup(self, assessment_id: str, name: str) -> int | None:
        """How many answers a backup holds; None when it cannot be read."""
        try:
            return len(self.store.read_backup(assessment_id, name).answers)
        except StorageError:
            return None

    def restore(self, assessment_id: str, name: str) -> Assessment:
        """Make a backup the current version; the version it replaces stays among the backups."""
        return self.store.restore(assessment_id, name)

    # -- exchange files and signed plans ---------------------------------------------------------
    def export_exchange(self, assessment_id: str, out_path: Path) -> Path:
        """Write the assessment as a .vigie file (the name gets the suffix when it lacks it)."""
        out = Path(out_path)
        if out.suffix != EXCHANGE_SUFFIX:
            out = out.with_name(out.name + EXCHANGE_SUFFIX)
        data = self.store.export_exchange(assessment_id)
        try:
            write_document(out, data, private=True)  # the assessment's answers: for its owner only
        except WriteFailed as exc:
            raise OperationError(str(exc)) from None
        return out

    def import_file(self, path: Path, *, replace: bool = False, accept_unsigned: bool = False) -> Imported:
        """Import a .vigie file, or the assessment a signature covers in a signed plan (.pdf).

        Everything is checked before anything is stored; an unsigned plan needs accept_unsigned
        (UnsignedPlan otherwise)."""
        path = Path(path)
        questionnaire = self.registry.default
        if path.suffix.lower() == ".pdf":
            from wizard.operations.plan_import import PlanImportError, assessment_from_plan

            try:
                found = assessment_from_plan(path, questionnaire, data_dir=self.data_dir,
                                             accept_unsigned=accept_unsigned)
            except PlanImportError:
                raise
            stored, mode = self.store.import_assessment(found.assessment, [], replace=replace)
            return Imported(stored, mode, found.signature)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise OperationError(f"{path} : {exc.strerror or exc}") from None
        stored, mode = self.store.import_exchange(raw, questionnaire, replace=replace)
        return Imported(stored, mode)

    # -- comparing and merging (wizard.operations.comparing, wizard.operations.merging) ----------
    def compare(self, before_id: str, after_id: str):  # noqa: ANN201 - wizard.core.compare.Comparison
        """What changed from one stored assessment to another (indices, answers, actions, content)."""
        from wizard.operations.comparing import comparison

        return comparison(self.store.load, self.questionnaire_for, before_id, after_id)

    def lineage(self, assessment_id: str) -> list[Assessment]:
        """The assessments of the same organisation and profile, this one included, oldest first."""
        from wizard.operations.comparing import lineage

        return lineage(self.store, self.store.load(assessment_id))

    def trend(self, assessment_id: str) -> tuple:  # noqa: ANN401 - TrendPoint of wizard.core.compare
        """The indices of each assessment of the lineage, oldest first."""
        from wizard.operations.comparing import trend_of

        return trend_of(self.store, self.questionnaire_for, self.store.load(assessment_id))

    def merge(self, assessment_id: str, files: Iterable[Path], *, decisions: dict | None = None,
              rule: str | None = None, who: str | None = None, write: bool = True):  # noqa: ANN201 - Merged
        """Merge .vigie copies into the stored assessment (see wizard.operations.merging)."""
        from wizard.operations.merging import merge_files

        return merge_files(self.store, self.registry.default, assessment_id, list(files), decisions=decisions,
                           rule=rule, who=who, write=write)

    # -- the folder ------------------------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str | None) -> None:
        """Encrypt the folder, re-encrypt it with another passphrase, or (None) decrypt it; all or nothing."""
        self.relation_files  # noqa: B018 - the registers join the folder's documents before it is re-keyed
        self.contract_reviews  # noqa: B018 - and so do the contract reviews
        self.store.change_passphrase(new_passphrase)

    def settings(self) -> Settings:
        return load_settings(self.data_dir)

    def save_settings(self, settings: Settings) -> None:
        save_settings(settings, self.data_dir)

    @staticmethod
    def set_next_data_dir(folder: Path, location: Path | None = None) -> None:
        """Use another data folder from the next start (created now, so that it can be written).

        location: the file that names it (default: the platform's, read at start-up)."""
        Path(folder).mkdir(parents=True, exist_ok=True)
        location = location or paths.location_file()
        location.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(location, str(folder).encode("utf-8"))
