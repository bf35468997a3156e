"""The rules of the register of processors and of the clients register, without files or screens."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from wizard.core.client_rules import assessment_for_client, counts, request_lines, request_state
from wizard.core.clients import Client, ClientsRegister, ReceivedRequest
from wizard.core.evaluation import evaluate
from wizard.core.model import ActionEdit, Answer, Assessment, Organisation
from wizard.core.parties import Party, same_party
from wizard.core.processor_attention import (
    applies_to,
    concerns,
    linked_evaluation,
    months_before,
    processor_actions,
    register_states,
)
from wizard.core.processor_facts import facts_for
from wizard.core.processors import (
    Finding,
    HdsCertificate,
    Processor,
    ProcessorsRegister,
    ReceivedAssessment,
    register_from_dict,
    register_to_dict,
)
from wizard.core.questionnaire import load_questionnaire
from wizard.core.vendor_findings import suggestions

TODAY = date(2026, 12, 4)
RID = "8002ea83-ff59-4b80-9078-f224b52f258b"


@pytest.fixture(scope="module")
def content():
    return load_questionnaire()


def received(day: str, gaps: int = 0) -> ReceivedAssessment:
    return ReceivedAssessment(RID, day, day, "BioLogiciel", "Paul", "a" * 64, overall=60,
                              critical_gaps=tuple(Finding("vendor.a32.governance.hds", "no", "32") for _ in range(gaps)))


def healthy(**changes: object) -> Processor:
    """A processor nothing is wrong with on TODAY."""
    base = Processor("0123456789ab", "BioLogiciel SA", services=("lis", "hosting"),
                     hds=HdsCertificate("HDS-1", "1 à 6", "2028-01-01"), contract_reference="C-12",
                     contract_date="2025-01-10", last_review="2026-06-01", next_review="2027-06-01",
                     assessments=(received("2026-09-01"),))
    return replace(base, **changes)


def kinds(p: Processor, relations) -> list[str]:
    return [c.kind for c in concerns(p, relations, TODAY)]


def test_a_processor_with_everything_in_order_needs_no_attention(content):
    assert kinds(healthy(), content.relations) == []


@pytest.mark.parametrize("changes, expected", [
    ({"hds": None}, ["hds_missing"]),  # it hosts health data (relations.yaml: hosting)
    ({"hds": HdsCertificate("HDS-1", "", "2026-12-03")}, ["hds_expired"]),
    ({"hds": HdsCertificate("HDS-1", "", "2027-03-01")}, ["hds_expiring"]),  # within 90 days
    ({"next_review": "2026-12-03"}, ["review_overdue"]),
    ({"next_review": "", "last_review": "2025-12-03"}, ["review_overdue"]),  # twelve months ago, and a day
    ({"next_review": "", "last_review": ""}, ["review_overdue"]),
    ({"contract_reference": "", "contract_date": ""}, ["no_contract"]),
    ({"assessments": ()}, ["no_assessment"]),
    ({"assessments": (received("2025-12-03"),)}, ["assessment_old"]),
    ({"assessments": (received("2026-09-01", gaps=2),)}, ["critical_gaps"]),
])
def test_what_needs_attention(content, changes, expected):
    assert kinds(healthy(**changes), content.relations) == expected


def test_a_service_without_health_data_needs_no_certificate(content):
    assert kinds(healthy(services=("maintenance",), hds=None), content.relations) == []


def test_a_review_twelve_months_old_to_the_day_is_not_yet_overdue(content):
    assert kinds(healthy(next_review="", last_review="2025-12-04"), content.relations) == []


def test_months_before_keeps_to_the_last_day_of_a_shorter_month():
    assert months_before(date(2027, 3, 31), 1) == date(2027, 2, 28)
    assert months_before(date(2026, 2, 28), -12) == date(2027, 2, 28)


def test_those_needing_attention_come_first_urgent_before_important(content):
    register = ProcessorsRegister(Party("Labo"), (healthy(id="aaaaaaaaaaaa", name="A"),
                                                  healthy(id="bbbbbbbbbbbb", name="B", next_review="2026-01-01"),
                                                  healthy(id="cccccccccccc", name="C", hds=None)))
    states = register_states(register, content.relations, TODAY)
    assert [(s.processor.name, s.priority if s.needs_attention else None) for s in states] == \
        [("C", "P1"), ("B", "P2"), ("A", None)]


def lab_assessment(**answers: str) -> Assessment:
    return Assessment(profile="lab", organisation=Organisation("Laboratoire des Tilleuls", "12345678900011"),
                      date=TODAY, answers={q: Answer(v) for q, v in answers.items()})


def test_the_plan_gains_one_named_action_per_processor_needing_attention(content):
    view = content.for_profile("lab")
    register = ProcessorsRegister(Party("Labo"), (healthy(), healthy(id="bbbbbbbbbbbb", name="Hébergeur", hds=None,
                                                                       contract_reference="", contract_date="")))
    evaluation = linked_evaluation(evaluate(view, lab_assessment()), register_states(register, content.relations, TODAY))
    added = [a for a in evaluation.plan if a.id.startswith("processor.")]
    assert [(a.id, a.priority, a.owner) for a in added] == [("processor.bbbbbbbbbbbb", "P1", "quality")]
    assert "«\u202fHébergeur\u202f»" in added[0].title.fr and "“Hébergeur”" in added[0].title.en
    assert "aucun certificat HDS" in added[0].description.fr and "HDS certificate" in added[0].description.en
    assert set(added[0].question_ids) == {"lab.a28.choice.hds", "lab.a28.choice.hds_contract", "lab.a28.contract.signed"}
    assert added[0].due == date(2027, 1, 3)  # a P1: the assessment's date and 30 days
    assert evaluation.processors and len(evaluation.plan) == len(evaluate(view, lab_assessment()).plan) + 1


def test_an_edit_of_a_processor_action_applies_like_any_other(content):
    view = content.for_profile("lab")
    states = register_states(ProcessorsRegister(Party(""), (healthy(hds=None),)), content.relations, TODAY)
    a = replace(lab_assessment(), action_edits={"processor.0123456789ab": ActionEdit(owner="Claire", status="doing")})
    (action,) = processor_actions(states, view, a)
    assert (action.owner, action.status) == ("Claire", "doing")


def test_the_register_links_to_the_laboratory_it_names():
    assert applies_to(Party(""), Organisation("N’importe quel labo"))
    assert applies_to(Party("Laboratoire  des tilleuls"), Organisation("Laboratoire des Tilleuls"))
    assert applies_to(Party("Autre nom", "123 456 789 00011"), Organisation("Labo", "12345678900011"))
    assert not applies_to(Party("Laboratoire des Tilleuls", "111"), Organisation("Laboratoire des Tilleuls", "222"))
    assert not same_party(Party(""), Party(""))


def test_a_question_shows_the_facts_the_content_links_to_it(content):
    states = register_states(ProcessorsRegister(Party(""), (healthy(),)), content.relations, TODAY)
    (fact,) = facts_for("lab.a28.choice.hds", states, content.relations)
    assert fact.processor == "BioLogiciel SA" and "HDS-1" in fact.text and "01/01/2028" in fact.text
    assert facts_for("lab.a32.access.passwords", states, content.relations) == []


def test_the_register_round_trips_and_refuses_what_it_does_not_hold(content):
    register = ProcessorsRegister(Party("Labo"), (healthy(),))
    assert register_from_dict(register_to_dict(register), content.relations) == register
    data = register_to_dict(register)
    data["processors"][0]["services"] = ["teleportation"]
    with pytest.raises(ValueError, match=r"processors\[0\]\.services\[0\]"):
        register_from_dict(data, content.relations)
    data = register_to_dict(register)
    data["processors"][0]["colour"] = "blue"
    with pytest.raises(ValueError, match="clé inconnue colour"):
        register_from_dict(data)


# -- the processor's side -------------------------------------------------------------------------
def req(rid: str, due: str, answered: str = "") -> ReceivedRequest:
    return ReceivedRequest(rid, "2026-11-01", "2026-11-01", due, answered=answered)


def test_a_request_is_pending_then_overdue_unless_answered():
    assert request_state(req(RID, "2026-12-04"), TODAY) == "pending"
    assert request_state(req(RID, "2026-12-03"), TODAY) == "overdue"
    assert request_state(req(RID, "2026-12-03", answered="2026-12-01"), TODAY) == "answered"


def test_requests_are_listed_overdue_first_then_pending_then_answered():
    ids = [f"{i:08d}-0000-4000-8000-000000000000" for i in range(3)]
    register = ClientsRegister(clients=(
        Client("aaaaaaaaaaaa", Party("A"), requests=(req(ids[0], "2027-01-01"), req(ids[1], "2026-01-01", "2026-02-01"))),
        Client("bbbbbbbbbbbb", Party("B"), requests=(req(ids[2], "2026-11-30"),))))
    assert [(line.client.lab.name, line.state) for line in request_lines(register, TODAY)] == \
        [("B", "overdue"), ("A", "pending"), ("A", "answered")]
    assert counts(register, TODAY) == {"pending": 1, "overdue": 1, "answered": 1}


def test_one_questionnaire_with_only_what_differs_for_a_client():
    base = Assessment(profile="vendor", organisation=Organisation("Éditeur"), date=TODAY,
                      answers={"vendor.a32.governance.hds": Answer("yes", note="certifié"),
                               "vendor.a30.register.exists": Answer("yes")})
    client = Client("aaaaaaaaaaaa", Party("Labo"), differences={
        "vendor.a32.governance.hds": Answer("na", justification="pas d’hébergement pour ce client")})
    adapted = assessment_for_client(base, client)
    assert adapted.answers["vendor.a32.governance.hds"].value == "na"
    assert adapted.answers["vendor.a32.governance.hds"].justification == "pas d’hébergement pour ce client"
    assert adapted.answers["vendor.a30.register.exists"] == base.answers["vendor.a30.register.exists"]
    assert base.answers["vendor.a32.governance.hds"].value == "yes"  # the one questionnaire is untouched


def test_a_vendors_gap_calls_the_labs_yes_into_question_and_changes_nothing(content):
    lab = lab_assessment(**{"lab.a28.choice.hds": "yes", "lab.a28.clauses.audits": "unknown",
                            "lab.a28.contract.instructions": "no"})
    before = dict(lab.answers)
    vendor = Assessment(profile="vendor", organisation=Organisation("Éditeur"), date=TODAY,
                        answers={"vendor.a32.governance.hds": Answer("no"), "vendor.a28.clauses.audits": Answer("yes"),
                                 "vendor.a28.clauses.instructions": Answer("no")})
    found = suggestions(content.for_profile("lab"), lab, content.for_profile("vendor"), vendor)
    assert [(s.question, s.kind) for s in found] == [("lab.a28.choice.hds", "contradicted"),
                                                    ("lab.a28.clauses.audits", "supported")]
    assert found[0].vendor_answers == (("vendor.a32.governance.hds", "no"),)
    assert lab.answers == before
