"""The laboratory's register of processors (« Mes prestataires »): its entries and their JSON form.

One entry per processor: who it is, what it does (services) with which data, where the data
are, its HDS certificate, its contract and processing annex, its sub-processors, the reviews,
the requests sent to it and the assessments it sent back, and the certificate pinned at the
first signed response. Dates are written AAAA-MM-JJ ("" when not known). What needs attention
is for processor_attention.py to say; this module only holds and checks the data.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from wizard.core import checks, limits
from wizard.core.model import Text
from wizard.core.parties import (
    Party,
    entry_id,
    fingerprint,
    index,
    items,
    names,
    obj,
    optional_day,
    party_from,
    plain,
    request_id,
    terms,
)
from wizard.core.relations import Relations
from wizard.i18n import _

LOCATIONS = ("", "eea", "third_country")  # not known, in the European Economic Area, in a third country
PROTECTIONS = ("none", "password")  # how the laboratory wants the response protected in transit


@dataclass(frozen=True)
class HdsCertificate:
    number: str = ""
    activities: str = ""  # the certified activities (1 to 6 of the HDS framework)
    expires: str = ""


@dataclass(frozen=True)
class SentRequest:
    id: str
    created: str
    due: str
    protection: str = "none"
    answered: str = ""  # the day the response was imported


@dataclass(frozen=True)
class Finding:
    """A critical gap of the processor: its question, its answer and its axis."""

    question: str
    answer: str
    axis: str


@dataclass(frozen=True)
class DueAction:
    """A P1 action of the processor's plan, with its due date."""

    id: str
    title: Text
    due: str


@dataclass(frozen=True)
class ReceivedAssessment:
    """What a signed response said, as checked when it was imported."""

    request_id: str
    received: str
    assessment_date: str
    vendor: str
    signer: str
    fingerprint: str
    content_version: str = ""
    overall: int | None = None
    axes: dict[str, int | None] = field(default_factory=dict)
    critical_gaps: tuple[Finding, ...] = ()
    p1_actions: tuple[DueAction, ...] = ()
    answered: int = 0  # questions answered
    visible: int = 0  # questions to answer
    protected: bool = False  # the response came protected by a password
    new_signer: bool = False  # signed by another key than the pinned one, accepted explicitly


@dataclass(frozen=True)
class Processor:
    id: str
    name: str
    siret: str = ""
    contact: str = ""  # whom to write to at the processor
    services: tuple[str, ...] = ()
    data: tuple[str, ...] = ()
    location: str = ""
    countries: str = ""  # where the data are kept and from where they are reached
    foreign_laws: str = ""  # foreign laws that could force access to them
    hds: HdsCertificate | None = None
    contract_reference: str = ""
    contract_date: str = ""
    processing_annex: bool = False
    subprocessors: tuple[str, ...] = ()
    last_review: str = ""
    next_review: str = ""
    pinned: str = ""  # SHA-256 of the certificate that signed its first response
    pinned_signer: str = ""
    requests: tuple[SentRequest, ...] = ()
    assessments: tuple[ReceivedAssessment, ...] = ()  # oldest first
    notes: str = ""

    @property
    def latest(self) -> ReceivedAssessment | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def has_contract(self) -> bool:
        return bool(self.contract_reference.strip() or self.contract_date)


@dataclass(frozen=True)
class ProcessorsRegister:
    lab: Party = field(default_factory=lambda: Party(""))  # the laboratory that keeps it (who asks)
    processors: tuple[Processor, ...] = ()

    def find(self, processor_id: str) -> Processor | None:
        return next((p for p in self.processors if p.id == processor_id), None)


# -- JSON form -------------------------------------------------------------------------------------
def register_to_dict(register: ProcessorsRegister) -> dict[str, Any]:
    return plain(register)


def _hds(raw: Any, where: str) -> HdsCertificate | None:
    if raw is None:
        return None
    data = obj(raw, where, ("number", "activities", "expires"))
    return HdsCertificate(checks.text(data.get("number", ""), f"{where}.number", limits.NAME),
                          checks.text(data.get("activities", ""), f"{where}.activities", limits.NAME),
                          optional_day(data.get("expires", ""), f"{where}.expires"))


def _sent(raw: Any, where: str) -> SentRequest:
    data = obj(raw, where, ("id", "created", "due", "protection", "answered"), ("id", "created", "due"))
    return SentRequest(request_id(data["id"], f"{where}.id"), checks.day(data["created"], f"{where}.created").isoformat(),
                       checks.day(data["due"], f"{where}.due").isoformat(),
                       checks.choice(data.get("protection", "none"), f"{where}.protection", PROTECTIONS),
                       optional_day(data.get("answered", ""), f"{where}.answered"))


def _text(raw: Any, where: str) -> Text:
    data = obj(raw, where, ("fr", "en"), ("fr",))
    en = data.get("en")
    return Text(checks.text(data["fr"], f"{where}.fr", limits.ACTION_TITLE),
                None if en is None else checks.text(en, f"{where}.en", limits.ACTION_TITLE))


def _received(raw: Any, where: str) -> ReceivedAssessment:
    keys = [f for f in ReceivedAssessment.__dataclass_fields__]
    data = obj(raw, where, keys, ("request_id", "received", "assessment_date", "vendor", "signer", "fingerprint"))
    axes = data.get("axes", {})
    axes = obj(axes, f"{where}.axes", axes if isinstance(axes, dict) else ())
    gaps = items(data.get("critical_gaps", []), f"{where}.critical_gaps", 10_000)
    actions = items(data.get("p1_actions", []), f"{where}.p1_actions", 10_000)
    return ReceivedAssessment(
        request_id=request_id(data["request_id"], f"{where}.request_id"),
        received=checks.day(data["received"], f"{where}.received").isoformat(),
        assessment_date=checks.day(data["assessment_date"], f"{where}.assessment_date").isoformat(),
        vendor=checks.text(data["vendor"], f"{where}.vendor", limits.ORGANISATION_NAME),
        signer=checks.text(data["signer"], f"{where}.signer", limits.NAME),
        fingerprint=fingerprint(data["fingerprint"], f"{where}.fingerprint", required=True),
        content_version=checks.text(data.get("content_version", ""), f"{where}.content_version", limits.NAME),
        overall=index(data.get("overall"), f"{where}.overall"),
        axes={checks.text(k, f"{where}.axes", limits.NAME): index(v, f"{where}.axes.{k}") for k, v in axes.items()},
        critical_gaps=tuple(_finding(g, f"{where}.critical_gaps[{i}]") for i, g in enumerate(gaps)),
        p1_actions=tuple(_due_action(a, f"{where}.p1_actions[{i}]") for i, a in enumerate(actions)),
        answered=_count(data.get("answered", 0), f"{where}.answered"),
        visible=_count(data.get("visible", 0), f"{where}.visible"),
        protected=checks.flag(data.get("protected", False), f"{where}.protected"),
        new_signer=checks.flag(data.get("new_signer", False), f"{where}.new_signer"))


def _count(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100_000:
        raise checks.FieldError(_("{where} : nombre entier attendu, {got} trouvé").format(
            where=where, got=checks.got(value)))
    return value


def _finding(raw: Any, where: str) -> Finding:
    data = obj(raw, where, ("question", "answer", "axis"), ("question", "answer", "axis"))
    return Finding(checks.text(data["question"], f"{where}.question", limits.NAME, required=True),
                   checks.text(data["answer"], f"{where}.answer", limits.NAME),
                   checks.text(data["axis"], f"{where}.axis", limits.NAME))


def _due_action(raw: Any, where: str) -> DueAction:
    data = obj(raw, where, ("id", "title", "due"), ("id", "title", "due"))
    return DueAction(checks.action_id(data["id"], f"{where}.id"), _text(data["title"], f"{where}.title"),
                     checks.day(data["due"], f"{where}.due").isoformat())


def processor_from(raw: Any, where: str, relations: Relations | None = None) -> Processor:
    """One entry, checked; relations (the content) restricts services and data to its words."""
    keys = list(Processor.__dataclass_fields__)
    data = obj(raw, where, keys, ("id", "name"))
    known_services = relations.service_ids if relations else None
    known_data = relations.data_ids if relations else None
    requests = items(data.get("requests", []), f"{where}.requests", limits.EXCHANGES)
    received = items(data.get("assessments", []), f"{where}.assessments", limits.EXCHANGES)
    return Processor(
        id=entry_id(data["id"], f"{where}.id"),
        name=checks.text(data["name"], f"{where}.name", limits.ORGANISATION_NAME, required=True),
        siret=checks.text(data.get("siret", ""), f"{where}.siret", limits.NAME),
        contact=checks.text(data.get("contact", ""), f"{where}.contact", limits.NAME),
        services=terms(data.get("services", []), f"{where}.services", known_services),
        data=terms(data.get("data", []), f"{where}.data", known_data),
        location=checks.choice(data.get("location", ""), f"{where}.location", LOCATIONS),
        countries=checks.text(data.get("countries", ""), f"{where}.countries", limits.ADDRESS),
        foreign_laws=checks.text(data.get("foreign_laws", ""), f"{where}.foreign_laws", limits.ADDRESS),
        hds=_hds(data.get("hds"), f"{where}.hds"),
        contract_reference=checks.text(data.get("contract_reference", ""), f"{where}.contract_reference", limits.NAME),
        contract_date=optional_day(data.get("contract_date", ""), f"{where}.contract_date"),
        processing_annex=checks.flag(data.get("processing_annex", False), f"{where}.processing_annex"),
        subprocessors=names(data.get("subprocessors", []), f"{where}.subprocessors"),
        last_review=optional_day(data.get("last_review", ""), f"{where}.last_review"),
        next_review=optional_day(data.get("next_review", ""), f"{where}.next_review"),
        pinned=fingerprint(data.get("pinned", ""), f"{where}.pinned"),
        pinned_signer=checks.text(data.get("pinned_signer", ""), f"{where}.pinned_signer", limits.NAME),
        requests=tuple(_sent(r, f"{where}.requests[{i}]") for i, r in enumerate(requests)),
        assessments=tuple(_received(r, f"{where}.assessments[{i}]") for i, r in enumerate(received)),
        notes=checks.text(data.get("notes", ""), f"{where}.notes", limits.TEXT))


def register_from_dict(raw: Any, relations: Relations | None = None) -> ProcessorsRegister:
    data = obj(raw, "register", ("lab", "processors"))
    lab = party_from(data.get("lab", {"name": ""}), "lab", required=False)
    entries = items(data.get("processors", []), "processors", limits.PROCESSORS)
    processors = tuple(processor_from(p, f"processors[{i}]", relations) for i, p in enumerate(entries))
    if len({p.id for p in processors}) != len(processors):
        raise checks.FieldError(_("{where} : identifiant en double").format(where="processors"))
    return ProcessorsRegister(lab, processors)


def check_processor(processor: Processor, relations: Relations | None = None) -> None:
    """Every field of an entry within the limits and the content's words (FieldError otherwise)."""
    processor_from(asdict(processor), "processor", relations)
