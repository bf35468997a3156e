"""The processor's side of the loop: the state of each request, and one questionnaire for every client.

A request is pending until a response is produced for it, overdue when its due date is past
with no response, answered once one is. A processor answers one questionnaire; for each client
only what differs is recorded (Client.differences), and the assessment a response carries is
that questionnaire with the client's differences applied.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from wizard.core.clients import Client, ClientsRegister, ReceivedRequest
from wizard.core.model import Assessment
from wizard.core.parties import Party, same_party
from wizard.i18n import N_

REQUEST_STATES: dict[str, str] = {
    "pending": N_("En attente"),
    "overdue": N_("En retard"),
    "answered": N_("Répondue"),
}


def request_state(request: ReceivedRequest, today: date) -> str:
    if request.answered:
        return "answered"
    return "overdue" if date.fromisoformat(request.due) < today else "pending"


@dataclass(frozen=True)
class RequestLine:
    client: Client
    request: ReceivedRequest
    state: str


def request_lines(register: ClientsRegister, today: date) -> list[RequestLine]:
    """Every request: overdue first, then pending, then answered; soonest due first."""
    order = {"overdue": 0, "pending": 1, "answered": 2}
    lines = [RequestLine(c, r, request_state(r, today)) for c in register.clients for r in c.requests]
    return sorted(lines, key=lambda line: (order[line.state], line.request.due, line.client.lab.name.casefold()))


def counts(register: ClientsRegister, today: date) -> dict[str, int]:
    """How many requests are pending, overdue and answered."""
    found = dict.fromkeys(REQUEST_STATES, 0)
    for client in register.clients:
        for request in client.requests:
            found[request_state(request, today)] += 1
    return found


def client_of(register: ClientsRegister, lab: Party) -> Client | None:
    """The client that is this laboratory (same SIRET, else same name), if the register has it."""
    return next((c for c in register.clients if same_party(c.lab, lab)), None)


def assessment_for_client(assessment: Assessment, client: Client) -> Assessment:
    """The one questionnaire the processor answers, with what differs for this client applied.

    A difference replaces the answer to its question (value, note, justification); the rest of
    the assessment, its plan edits included, is the processor's as it stands."""
    if not client.differences:
        return assessment
    answers = dict(assessment.answers)
    for qid, diff in client.differences.items():
        base = answers.get(qid)
        answers[qid] = replace(base, value=diff.value, note=diff.note, justification=diff.justification,
                               review=False) if base else replace(diff)
    return replace(assessment, answers=answers)


def sorted_clients(register: ClientsRegister) -> list[Client]:
    return sorted(register.clients, key=lambda c: c.lab.name.casefold())
