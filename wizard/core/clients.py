"""A processor's register of clients: its Art. 30(2) register, and the requests its clients sent.

The processor (the vendor) records who it is, its DPO, the general description of its security
measures and its transfers (Art. 30(2)(a), (c), (d)), and its current assessment; each client
laboratory with its contacts and DPO, the services done for it (the categories of processing,
Art. 30(2)(b)) and the data concerned, its transfers when they differ, what differs in the
answers for it, and the requests it sent. Dates are written AAAA-MM-JJ.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from wizard.core import checks, limits
from wizard.core.model import ANSWER_VALUES, Answer
from wizard.core.parties import (
    Party,
    entry_id,
    items,
    obj,
    optional_day,
    party_from,
    plain,
    request_id,
    terms,
)
from wizard.core.processors import PROTECTIONS
from wizard.core.relations import Relations
from wizard.i18n import _


@dataclass(frozen=True)
class ReceivedRequest:
    id: str
    received: str  # the day it was imported
    created: str  # the day the laboratory made it
    due: str  # when the laboratory wants the response
    protection: str = "none"
    content_version: str = ""
    answered: str = ""  # the day the last response was produced
    response_sha256: str = ""  # of that response's file


@dataclass(frozen=True)
class Client:
    id: str
    lab: Party
    services: tuple[str, ...] = ()  # in scope for this client (Art. 30(2)(b): the categories of processing)
    data: tuple[str, ...] = ()
    transfers: str = ""  # this client's transfers, when they differ from the processor's general ones
    since: str = ""
    # Only what differs for this client from the one questionnaire the processor answers.
    differences: dict[str, Answer] = field(default_factory=dict)
    requests: tuple[ReceivedRequest, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class ClientsRegister:
    vendor: Party = field(default_factory=lambda: Party(""))
    security: str = ""  # general description of the security measures (Art. 30(2)(d))
    transfers: str = ""  # transfers to third countries (Art. 30(2)(c)); "" none
    assessment_id: str = ""  # the current assessment, the one every response is made from
    clients: tuple[Client, ...] = ()

    def find(self, client_id: str) -> Client | None:
        return next((c for c in self.clients if c.id == client_id), None)

    def request(self, request_id: str) -> tuple[Client, ReceivedRequest] | None:
        for client in self.clients:
            for request in client.requests:
                if request.id == request_id:
                    return client, request
        return None


DIFFERENCE_FIELDS = ("value", "note", "justification")  # what differs is an answer, not its audit trail


def client_to_dict(client: Client) -> dict[str, Any]:
    data = plain(client)
    data["differences"] = {q: {k: a[k] for k in DIFFERENCE_FIELDS} for q, a in data["differences"].items()}
    return data


def register_to_dict(register: ClientsRegister) -> dict[str, Any]:
    return {**plain(replace(register, clients=())), "clients": [client_to_dict(c) for c in register.clients]}


def _request(raw: Any, where: str) -> ReceivedRequest:
    keys = list(ReceivedRequest.__dataclass_fields__)
    data = obj(raw, where, keys, ("id", "received", "created", "due"))
    digest = data.get("response_sha256", "")
    if digest:
        from wizard.core.parties import fingerprint

        fingerprint(digest, f"{where}.response_sha256")
    return ReceivedRequest(
        request_id(data["id"], f"{where}.id"), checks.day(data["received"], f"{where}.received").isoformat(),
        checks.day(data["created"], f"{where}.created").isoformat(),
        checks.day(data["due"], f"{where}.due").isoformat(),
        checks.choice(data.get("protection", "none"), f"{where}.protection", PROTECTIONS),
        checks.text(data.get("content_version", ""), f"{where}.content_version", limits.NAME),
        optional_day(data.get("answered", ""), f"{where}.answered"), digest)


def difference_from(raw: Any, where: str) -> Answer:
    data = obj(raw, where, DIFFERENCE_FIELDS, ("value",))
    answer = Answer(checks.choice(data["value"], f"{where}.value", ANSWER_VALUES),
                    note=checks.text(data.get("note", ""), f"{where}.note", limits.TEXT),
                    justification=checks.text(data.get("justification", ""), f"{where}.justification", limits.TEXT))
    return answer


def client_from(raw: Any, where: str, relations: Relations | None = None) -> Client:
    keys = list(Client.__dataclass_fields__)
    data = obj(raw, where, keys, ("id", "lab"))
    differences = data.get("differences", {})
    differences = obj(differences, f"{where}.differences", differences if isinstance(differences, dict) else ())
    requests = items(data.get("requests", []), f"{where}.requests", limits.EXCHANGES)
    return Client(
        id=entry_id(data["id"], f"{where}.id"), lab=party_from(data["lab"], f"{where}.lab"),
        services=terms(data.get("services", []), f"{where}.services", relations.service_ids if relations else None),
        data=terms(data.get("data", []), f"{where}.data", relations.data_ids if relations else None),
        transfers=checks.text(data.get("transfers", ""), f"{where}.transfers", limits.TEXT),
        since=optional_day(data.get("since", ""), f"{where}.since"),
        differences={checks.text(q, f"{where}.differences", limits.NAME, required=True):
                     difference_from(a, f"{where}.differences.{q}") for q, a in differences.items()},
        requests=tuple(_request(r, f"{where}.requests[{i}]") for i, r in enumerate(requests)),
        notes=checks.text(data.get("notes", ""), f"{where}.notes", limits.TEXT))


def register_from_dict(raw: Any, relations: Relations | None = None) -> ClientsRegister:
    data = obj(raw, "register", ("vendor", "security", "transfers", "assessment_id", "clients"))
    entries = items(data.get("clients", []), "clients", limits.CLIENTS)
    clients = tuple(client_from(c, f"clients[{i}]", relations) for i, c in enumerate(entries))
    if len({c.id for c in clients}) != len(clients):
        raise checks.FieldError(_("{where} : identifiant en double").format(where="clients"))
    return ClientsRegister(
        vendor=party_from(data.get("vendor", {"name": ""}), "vendor", required=False),
        security=checks.text(data.get("security", ""), "security", limits.TEXT),
        transfers=checks.text(data.get("transfers", ""), "transfers", limits.TEXT),
        assessment_id=checks.assessment_id(data.get("assessment_id", ""), "assessment_id"),
        clients=clients)


def check_client(client: Client, relations: Relations | None = None) -> None:
    client_from(client_to_dict(client), "client", relations)
