"""The laboratory's register of processors (« Mes prestataires »), as the screens and commands use it.

List the processors with what needs attention, add and edit them, say who the laboratory is,
link the register to the laboratory's own assessments (their processor questions show the
register's facts, their plan gains one action per processor needing attention), and run the
laboratory's side of the loop: a request and its covering letter out, a signed response in
(requests.py). The rules are wizard.core's; the files wizard.storage's.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.core import limits
from wizard.core.checks import FieldError
from wizard.core.evaluation import Evaluation
from wizard.core.model import Assessment
from wizard.core.parties import Party, check_party, check_typed_siret
from wizard.core.processor_attention import ProcessorState, applies_to, linked_evaluation, register_states
from wizard.core.processor_facts import Fact, facts_for
from wizard.core.processors import Processor, ProcessorsRegister, processor_from
from wizard.core.relations import Relations
from wizard.i18n import _, format_number
from wizard.operations.errors import OperationError
from wizard.typography import typeset

if TYPE_CHECKING:
    from wizard.operations.workspace import Workspace
    from wizard.storage.registers import RelationFiles

# What a person may change on an entry; the requests, the assessments received and the pinned
# certificate are the loop's to record.
EDITABLE = ("name", "siret", "contact", "services", "data", "location", "countries", "foreign_laws", "hds",
            "contract_reference", "contract_date", "processing_annex", "subprocessors", "last_review",
            "next_review", "notes")


def relations_of(workspace: Workspace) -> Relations:
    relations = workspace.registry.default.relations
    if relations is None:
        raise OperationError(typeset(_("le contenu de ce Vigie ne décrit pas la relation entre un laboratoire et ses "
                                      "prestataires (relations.yaml absent)")))
    return relations


def find_entry(entries: tuple[Any, ...], ref: str, name_of: Any, what: str) -> Any:
    """An entry by its id, the start of its id (4 characters or more), or its name (case aside)."""
    ref = ref.strip()
    exact = [e for e in entries if e.id == ref]
    if exact:
        return exact[0]
    found = [e for e in entries if name_of(e).casefold() == ref.casefold()] or \
        ([e for e in entries if e.id.startswith(ref)] if len(ref) >= 4 else [])
    if len(found) == 1:
        return found[0]
    if not found:
        raise OperationError(typeset(_("aucun {what} « {ref} » (donnez son identifiant ou son nom exact)")).format(
            what=what, ref=ref))
    raise OperationError(typeset(_("plusieurs entrées répondent à « {ref} » : donnez l’identifiant")).format(ref=ref))


class Processors:
    def __init__(self, workspace: Workspace, files: RelationFiles) -> None:
        self.workspace = workspace
        self.file = files.processors
        self.correspondence = files.correspondence

    @property
    def relations(self) -> Relations:
        return relations_of(self.workspace)

    # -- reading --------------------------------------------------------------------------------
    def register(self) -> ProcessorsRegister:
        return self.file.load()

    def states(self, today: date | None = None) -> list[ProcessorState]:
        """Every processor with what needs attention (those needing it first)."""
        return register_states(self.register(), self.workspace.registry.default.relations, today or date.today())

    def find(self, ref: str) -> Processor:
        return find_entry(self.register().processors, ref, lambda p: p.name, _("prestataire"))

    def lab(self) -> Party:
        """Who the laboratory is: as recorded, else the organisation of its newest assessment."""
        lab = self.register().lab
        if lab.name.strip():
            return lab
        controller = self.workspace.registry.default.relations
        for summary in self.workspace.summaries():
            if controller is not None and summary.profile == controller.controller:
                org = self.workspace.load(summary.id).organisation
                return Party(org.name, org.siret, org.address)
        return lab

    # -- changes ------------------------------------------------------------------------------
    def _checked(self, data: dict[str, Any]) -> Processor:
        try:
            return processor_from(data, "processor", self.relations)
        except FieldError as exc:
            raise OperationError(typeset(_("{error} ; rien n’a été enregistré.")).format(error=exc)) from None

    @staticmethod
    def _editable(fields: dict[str, Any]) -> dict[str, Any]:
        wrong = sorted(set(fields) - set(EDITABLE))
        if wrong:
            raise OperationError(typeset(_("champ inconnu ou non modifiable : {fields}")).format(fields=", ".join(wrong)))
        return fields

    @staticmethod
    def _typed_siret(siret: Any, where: str) -> None:
        if isinstance(siret, str):
            try:
                check_typed_siret(siret, where)
            except FieldError as exc:
                raise OperationError(typeset(_("{error} ; rien n’a été enregistré.")).format(error=exc)) from None

    def add(self, fields: dict[str, Any]) -> Processor:
        """A new processor from its fields (name required; see EDITABLE), checked, stored at once."""
        self._typed_siret(fields.get("siret"), "siret")
        processor = self._checked({**self._editable(fields), "id": uuid.uuid4().hex[:12]})

        def add(register: ProcessorsRegister) -> ProcessorsRegister:
            if len(register.processors) >= limits.PROCESSORS:
                raise OperationError(typeset(_("le registre compte déjà {n} prestataires")).format(
                    n=format_number(limits.PROCESSORS)))
            return replace(register, processors=(*register.processors, processor))

        self.file.update(add)
        return processor

    def edit(self, ref: str, fields: dict[str, Any]) -> Processor:
        """Change some fields of an entry (see EDITABLE); the others keep their value."""
        current = self.find(ref)
        self._typed_siret(fields.get("siret"), "siret")
        changed = self._checked({**asdict(current), **self._editable(fields)})
        self.replace(changed)
        return changed

    def replace(self, processor: Processor) -> None:
        def put(register: ProcessorsRegister) -> ProcessorsRegister:
            if register.find(processor.id) is None:
                raise OperationError(typeset(_("aucun prestataire « {ref} »")).format(ref=processor.id))
            return replace(register, processors=tuple(processor if p.id == processor.id else p
                                                      for p in register.processors))

        self.file.update(put)

    def remove(self, ref: str) -> Processor:
        gone = self.find(ref)
        self.file.update(lambda r: replace(r, processors=tuple(p for p in r.processors if p.id != gone.id)))
        return gone

    def set_lab(self, lab: Party) -> None:
        """Who the laboratory is, as its requests will say."""
        try:
            check_party(lab, "lab")
            check_typed_siret(lab.siret, "lab.siret")
        except FieldError as exc:
            raise OperationError(typeset(_("{error} ; rien n’a été enregistré.")).format(error=exc)) from None
        self.file.update(lambda r: replace(r, lab=lab))

    # -- the link to the laboratory's own assessments -------------------------------------------------
    def applies(self, assessment: Assessment) -> bool:
        """Whether the register is this assessment's: a laboratory's, of the laboratory it names."""
        relations = self.workspace.registry.default.relations
        return relations is not None and assessment.profile == relations.controller and \
            applies_to(self.register().lab, assessment.organisation)

    def link(self, evaluation: Evaluation) -> Evaluation:
        """A laboratory's evaluation with its register: the processors' states, their actions in the plan."""
        if not self.applies(evaluation.assessment) or not self.register().processors:
            return evaluation
        return linked_evaluation(evaluation, self.states())

    def facts(self, question_id: str, assessment: Assessment | None = None) -> list[Fact]:
        """What the register says about one of the laboratory's questions (none for another's)."""
        if assessment is not None and not self.applies(assessment):
            return []
        return facts_for(question_id, self.states(), self.workspace.registry.default.relations)

    def questions_with_facts(self) -> list[tuple[str, list[Fact]]]:
        """Each question relations.yaml links to the register, with the register's facts."""
        relations = self.workspace.registry.default.relations
        if relations is None:
            return []
        states = self.states()
        return [(qid, facts_for(qid, states, relations)) for qid in relations.facts]

    # -- the loop: a request out, a signed response in (requests.py) --------------------------------
    def create_request(self, ref: str, out: Path, **options: Any):  # noqa: ANN201 - requests.CreatedRequest
        from wizard.operations.requests import create_request

        return create_request(self, ref, Path(out), **options)

    def import_response(self, path: Path, **options: Any):  # noqa: ANN201 - requests.ImportedResponse
        from wizard.operations.requests import import_response

        return import_response(self, Path(path), **options)

    def response_of(self, request_id: str):  # noqa: ANN201 - requests.ImportedResponse | None
        """A response imported earlier, read again from the register (suggestions computed anew)."""
        from wizard.operations.requests import stored_response

        return stored_response(self, request_id)
