"""The processor's register of clients, as the screens and commands use it.

A processor imports a laboratory's request: the laboratory joins its clients (or its entry is
brought up to date), the request is recorded with it, and the request is attached to the
processor's current assessment, started when there is none. The processor answers that one
questionnaire for every client and records, per client, only what differs. Responses and the
exports of the register (its Art. 30(2) register) are made by responses.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.core import limits
from wizard.core.answer_rules import na_refusal
from wizard.core.checks import FieldError
from wizard.core.client_rules import RequestLine, client_of, counts, request_lines, sorted_clients
from wizard.core.clients import (
    Client,
    ClientsRegister,
    ReceivedRequest,
    client_from,
    client_to_dict,
    difference_from,
)
from wizard.core.model import Assessment, Organisation
from wizard.core.parties import Party, check_party, check_typed_siret
from wizard.core.request_file import Request, RequestFileError, read_request, request_body
from wizard.i18n import _, format_number
from wizard.operations.errors import OperationError
from wizard.operations.processors import find_entry, relations_of
from wizard.storage import StorageError
from wizard.typography import typeset

if TYPE_CHECKING:
    from wizard.operations.workspace import Workspace
    from wizard.storage.registers import RelationFiles

EDITABLE = ("lab", "services", "data", "transfers", "notes")


@dataclass(frozen=True)
class ImportedRequest:
    client: Client
    request: Request
    new_client: bool  # the laboratory joined the clients
    assessment: Assessment  # the processor's current assessment, the one the response will be made from
    started: bool  # that assessment was started for it
    again: bool = False  # the same request had been imported already


class Clients:
    def __init__(self, workspace: Workspace, files: RelationFiles) -> None:
        self.workspace = workspace
        self.file = files.clients
        self.correspondence = files.correspondence

    # -- reading --------------------------------------------------------------------------------
    def register(self) -> ClientsRegister:
        return self.file.load()

    def clients(self) -> list[Client]:
        return sorted_clients(self.register())

    def requests(self, today: date | None = None) -> list[RequestLine]:
        """Every request with its state: overdue first, then pending, then answered."""
        return request_lines(self.register(), today or date.today())

    def counts(self, today: date | None = None) -> dict[str, int]:
        return counts(self.register(), today or date.today())

    def find(self, ref: str) -> Client:
        return find_entry(self.register().clients, ref, lambda c: c.lab.name, _("client"))

    # -- a request in ---------------------------------------------------------------------------
    def import_request(self, path: Path, *, today: date | None = None) -> ImportedRequest:
        """Check a request file completely, then record it (nothing is stored when it is refused)."""
        today = today or date.today()
        path = Path(path)
        questionnaire = self.workspace.registry.default
        relations_of(self.workspace)  # content that knows the relation, or a message saying it does not
        try:
            if path.stat().st_size > limits.FILE_BYTES:
                raise RequestFileError(_("fichier trop volumineux ({size} octets)").format(
                    size=format_number(path.stat().st_size)))
            request = read_request(path.read_bytes(), questionnaire)
        except OSError as exc:
            raise OperationError(typeset(_("{file} : lecture impossible ({error})")).format(
                file=path, error=exc.strerror or exc)) from None
        except RequestFileError as exc:
            raise OperationError(typeset(_("{file} : {error} ; rien n’a été importé.")).format(
                file=path, error=exc)) from None
        register = self.register()
        known = register.request(request.id)
        if known is not None:
            client, _r = known
            return ImportedRequest(client, request, False, self.current_assessment(request)[0], False, again=True)
        assessment, started = self.current_assessment(request)
        existing = client_of(register, request.lab)
        received = ReceivedRequest(request.id, today.isoformat(), request.created, request.due, request.protection,
                                   request.content_version)
        if existing is None:
            client = Client(uuid.uuid4().hex[:12], request.lab, request.services, request.data, since=today.isoformat(),
                            requests=(received,))
        else:
            client = replace(existing, lab=request.lab, services=request.services, data=request.data,
                             requests=(*existing.requests, received)[-limits.EXCHANGES:])
        self.correspondence.put("received", request.id, {"request": request_body(request), "party": client.id,
                                                         "response": None})

        def record(current: ClientsRegister) -> ClientsRegister:
            others = tuple(c for c in current.clients if c.id != client.id)
            if existing is None and len(others) >= limits.CLIENTS:
                raise OperationError(typeset(_("le registre compte déjà {n} clients")).format(
                    n=format_number(limits.CLIENTS)))
            vendor = current.vendor if current.vendor.name.strip() else request.processor
            return replace(current, vendor=vendor, assessment_id=assessment.id, clients=(*others, client))

        self.file.update(record)
        return ImportedRequest(client, request, existing is None, assessment, started)

    def current_assessment(self, request: Request | None = None) -> tuple[Assessment, bool]:
        """The assessment every response is made from: the one recorded, else the newest of the
        processor's profile, else one started now (True) for the processor the request names."""
        profile = relations_of(self.workspace).processor
        register = self.register()
        if register.assessment_id:
            try:
                found = self.workspace.load(register.assessment_id)
                if found.profile == profile:
                    return found, False
            except StorageError:
                pass  # deleted since: the newest one takes its place
        for summary in self.workspace.summaries():
            if summary.profile == profile:
                return self.workspace.load(summary.id), False
        if request is None:
            raise OperationError(typeset(_("aucune évaluation d’éditeur dans ce dossier : importez une demande ou "
                                          "créez une évaluation")))
        vendor = register.vendor if register.vendor.name.strip() else request.processor
        return self.workspace.create(profile, Organisation(vendor.name, vendor.siret, vendor.address)), True

    # -- changes ------------------------------------------------------------------------------
    def edit(self, ref: str, fields: dict[str, Any]) -> Client:
        """Change a client's contacts (lab: a Party's fields), scope (services, data), transfers or notes."""
        wrong = sorted(set(fields) - set(EDITABLE))
        if wrong:
            raise OperationError(typeset(_("champ inconnu ou non modifiable : {fields}")).format(fields=", ".join(wrong)))
        current = self.find(ref)
        data = client_to_dict(current)
        if "lab" in fields:
            typed = fields.pop("lab")
            if isinstance(typed, dict) and isinstance(typed.get("siret"), str):
                try:
                    check_typed_siret(typed["siret"], "lab.siret")
                except FieldError as exc:
                    raise OperationError(typeset(_("{error} ; rien n’a été enregistré.")).format(error=exc)) from None
            data["lab"] = {**data["lab"], **typed}
        changed = self._checked({**data, **fields})
        self._put(changed)
        return changed

    def set_difference(self, ref: str, question_id: str, value: str | None, *, note: str = "",
                       justification: str = "") -> Client:
        """What differs for this client: its own answer to one question (None: the same as for all)."""
        current = self.find(ref)
        view = self.workspace.registry.for_profile(relations_of(self.workspace).processor)
        try:
            question = view.question(question_id)
        except KeyError:
            raise OperationError(typeset(_("question inconnue « {question} » pour le profil « {profile} »")).format(
                question=question_id, profile=relations_of(self.workspace).processor)) from None
        differences = dict(current.differences)
        if value is None:
            differences.pop(question_id, None)
        else:
            # This client's answer goes into the signed response as the vendor's: the rules of
            # « Non applicable » are those of any answer (where the content allows it, justified).
            refused = na_refusal(question, justification) if value == "na" else None
            if refused:
                raise OperationError(typeset(_("{error} ; rien n’a été enregistré.")).format(error=refused))
            try:
                differences[question_id] = difference_from({"value": value, "note": note, "justification": justification},
                                                           f"differences.{question_id}")
            except FieldError as exc:
                raise OperationError(typeset(_("{error} ; rien n’a été enregistré.")).format(error=exc)) from None
        changed = replace(current, differences=differences)
        self._put(changed)
        return changed

    def set_vendor(self, vendor: Party, *, security: str | None = None, transfers: str | None = None) -> None:
        """Who the processor is (Art. 30(2)(a)), its security measures (d) and transfers (c)."""
        from wizard.core import checks

        try:
            check_party(vendor, "vendor")
            check_typed_siret(vendor.siret, "vendor.siret")
            for name, value in (("security", security), ("transfers", transfers)):
                if value is not None:
                    checks.text(value, name, limits.TEXT)
        except FieldError as exc:
            raise OperationError(typeset(_("{error} ; rien n’a été enregistré.")).format(error=exc)) from None
        self.file.update(lambda r: replace(r, vendor=vendor, security=r.security if security is None else security,
                                           transfers=r.transfers if transfers is None else transfers))

    def set_assessment(self, assessment_id: str) -> None:
        """The assessment every response is made from from now on."""
        found = self.workspace.load(assessment_id)
        if found.profile != relations_of(self.workspace).processor:
            raise OperationError(typeset(_("l’évaluation {id} n’est pas celle d’un éditeur ou prestataire")).format(
                id=assessment_id))
        self.file.update(lambda r: replace(r, assessment_id=assessment_id))

    def _checked(self, data: dict[str, Any]) -> Client:
        try:
            return client_from(data, "client", relations_of(self.workspace))
        except FieldError as exc:
            raise OperationError(typeset(_("{error} ; rien n’a été enregistré.")).format(error=exc)) from None

    def _put(self, client: Client) -> None:
        def put(register: ClientsRegister) -> ClientsRegister:
            return replace(register, clients=tuple(client if c.id == client.id else c for c in register.clients))

        self.file.update(put)

    def answered(self, request_id: str, day: date, sha256: str) -> None:
        """Record that a response to this request was produced (responses.py)."""
        def mark(register: ClientsRegister) -> ClientsRegister:
            clients = tuple(replace(c, requests=tuple(replace(r, answered=day.isoformat(), response_sha256=sha256)
                                                      if r.id == request_id else r for r in c.requests))
                            for c in register.clients)
            return replace(register, clients=clients)

        self.file.update(mark)

    # -- responses and exports (responses.py) ---------------------------------------------------------
    def respond(self, assessment_id: str, request_id: str, out: Path, identity: Any, **options: Any) -> Path:
        from wizard.operations.responses import respond

        return respond(self, assessment_id, request_id, Path(out), identity, **options)

    def export(self, out: Path, identity: Any = None, **options: Any) -> Path:
        from wizard.operations.responses import export_register

        return export_register(self, Path(out), identity, **options)
