"""workspace.contracts: a review reported in the matching questions (answers and evidence), as one
operation undone whole and kept in the history; nothing changed silently, nothing written on a
bad input; the document drawn from a review or from the answers."""

from __future__ import annotations

import json

import pytest

from wizard.core.model import Organisation
from wizard.core.parties import Party
from wizard.operations.errors import OperationError
from wizard.operations.workspace import Workspace


@pytest.fixture
def workspace(data_dir):
    ws = Workspace.open(data_dir)
    yield ws
    ws.close()


def lab_and_processor(workspace: Workspace, name: str = "BioLogiciel SA", services=("lis", "maintenance")):
    lab = workspace.create("lab", Organisation("Laboratoire des Tilleuls"), assessor="Zoé Martin")
    workspace.processors.set_lab(Party("Laboratoire des Tilleuls"))
    processor = workspace.processors.add({"name": name, "services": list(services)})
    return lab, processor


def everything(workspace, status: str = "present") -> dict:
    return {e.id: {"status": status, "article": "art. 2"} for e in workspace.contracts.elements.for_contract(False)}


def test_the_matching_questions_carry_the_review_s_answers_and_evidence(workspace):
    lab, processor = lab_and_processor(workspace)
    contracts = workspace.contracts
    elements = everything(workspace)
    elements["28-3-a"] = {"status": "absent"}
    elements["28-3-b"] = {"status": "partial", "article": "art. 7", "page": "3", "note": "Salariés seulement"}
    contracts.change(processor.id, elements=elements, document="Contrat CT-2023-04", reviewer="Paul Durand")
    with workspace.open_session(lab.id) as session:
        session.answer("lab.a28.contract.instructions", "yes", note="d’après le commercial", evidence="Courriel")
        applied = contracts.apply(processor.id, session)
        answers = session.assessment.answers
    stored = workspace.load(lab.id).answers
    expected = {"lab.a28.contract.instructions": "no", "lab.a28.contract.confidentiality": "partial",
                "lab.a28.contract.security": "yes", "lab.a28.contract.description": "yes",
                "lab.a28.contract.subprocessing": "yes", "lab.a28.clauses.audits": "yes",
                "lab.a28.contract.signed": "partial"}
    for qid, value in expected.items():
        assert stored[qid].value == value, qid
        assert stored[qid].evidence.startswith("Revue du contrat de BioLogiciel SA (Contrat CT-2023-04"), qid
        assert stored[qid].by == "Paul Durand"
    assert "art. 7, p. 3 — Salariés seulement" in stored["lab.a28.contract.confidentiality"].evidence
    instructions = stored["lab.a28.contract.instructions"]
    assert instructions.note == "d’après le commercial"  # the comment stays
    assert instructions.evidence.endswith("\n\nCourriel")  # the evidence given before stays, after the review's
    assert "lab.a28.choice.hds_contract" not in stored  # no hosting under this contract: not answered
    assert stored == answers
    said = {c.question: (c.before, c.after) for c in applied.changes}
    assert said["lab.a28.contract.instructions"] == ("yes", "no")  # what changes is said
    history = workspace.history(lab.id, "lab.a28.contract.instructions")
    last = history[-1]
    assert (last.old["value"], last.new["value"], last.by) == ("yes", "no", "Paul Durand")
    assert last.new["evidence"] == instructions.evidence


def test_one_undo_takes_the_whole_review_back(workspace):
    lab, processor = lab_and_processor(workspace)
    workspace.contracts.change(processor.id, elements=everything(workspace, "absent"))
    with workspace.open_session(lab.id) as session:
        session.answer("lab.a28.contract.security", "yes", evidence="Annexe 2")
        before = dict(session.assessment.answers)
        group = workspace.contracts.apply(processor.id, session)
        assert len(group.changes) >= 10
        undone = session.undo()
        assert undone.name == "revue du contrat de BioLogiciel SA" and len(undone.changes) == len(group.changes)
        assert session.assessment.answers == before
        assert workspace.load(lab.id).answers == before
        session.redo()
        assert workspace.load(lab.id).answers["lab.a28.contract.security"].value == "no"


def test_an_element_unknown_leaves_the_answer_alone_and_says_why(workspace):
    lab, processor = lab_and_processor(workspace)
    workspace.contracts.change(processor.id, elements={"28-3-a": {"status": "absent"}})
    with workspace.open_session(lab.id) as session:
        session.answer("lab.a28.contract.signed", "yes")
        session.answer("lab.a28.contract.security", "no")
        applied = workspace.contracts.apply(processor.id, session, write=False)
    unanswered = {u.question: u for u in applied.unanswerable}
    assert unanswered["lab.a28.contract.security"].contradicted is None
    assert unanswered["lab.a28.contract.signed"].contradicted == "yes"  # « Oui » while 28(3)(a) is absent
    assert "Mesures de sécurité de l’article 32" in unanswered["lab.a28.contract.signed"].unknown
    assert [c.question for c in applied.changes] == ["lab.a28.contract.instructions"]
    assert not applied.written and "lab.a28.contract.instructions" not in workspace.load(lab.id).answers


def test_the_lab_s_questions_are_about_each_of_its_processors(workspace):
    lab, first = lab_and_processor(workspace)
    second = workspace.processors.add({"name": "Hébergeur Santé", "services": ["hosting"]})
    third = workspace.processors.add({"name": "Automates & Cie", "services": ["analysers"]})
    workspace.contracts.change(first.id, elements=everything(workspace, "present"))
    workspace.contracts.change(second.id, elements={"28-3-c": {"status": "absent"}})
    with workspace.open_session(lab.id) as session:
        applied = workspace.contracts.apply(first.id, session)
    stored = workspace.load(lab.id).answers
    assert stored["lab.a28.contract.security"].value == "partial"  # present for one, absent for the other
    assert "Revue du contrat de Hébergeur Santé" in stored["lab.a28.contract.security"].evidence
    # The second review has not looked at 28(3)(a) yet: « each processor » cannot be answered.
    assert "lab.a28.contract.instructions" not in stored
    assert "lab.a28.contract.instructions" in {u.question for u in applied.unanswerable}
    assert applied.combined == ("Hébergeur Santé",) and applied.unreviewed == (third.name,)


def test_applying_again_replaces_the_review_s_own_evidence(workspace):
    lab, processor = lab_and_processor(workspace)
    workspace.contracts.change(processor.id, elements=everything(workspace, "partial"))
    with workspace.open_session(lab.id) as session:
        workspace.contracts.apply(processor.id, session)
        workspace.contracts.change(processor.id, elements=everything(workspace, "present"))
        workspace.contracts.apply(processor.id, session)
        again = workspace.contracts.apply(processor.id, session)
    evidence = workspace.load(lab.id).answers["lab.a28.contract.security"].evidence
    assert evidence.count("Revue du contrat de BioLogiciel SA") == 1 and ": Présent" in evidence
    assert again.changes == () and not again.written  # nothing left to change: nothing written


def test_a_review_answers_only_its_side_s_questions(workspace):
    lab, processor = lab_and_processor(workspace)
    vendor = workspace.create("vendor", Organisation("BioLogiciel SA"))
    workspace.contracts.change(processor.id, elements=everything(workspace))
    with workspace.open_session(vendor.id) as session, pytest.raises(OperationError, match="profil"):
        workspace.contracts.apply(processor.id, session)
    workspace.contracts.change(None, elements=everything(workspace, "absent"))
    with workspace.open_session(vendor.id) as session:
        workspace.contracts.apply(None, session)
    answers = workspace.load(vendor.id).answers
    assert answers["vendor.a28.clauses.instructions"].value == "no"
    assert answers["vendor.a28.role.description"].value == "no"
    assert not any(q.startswith("lab.") for q in answers)
    template = workspace.contracts.amendment(None)
    assert (template.author, template.subtitle) == ("BioLogiciel SA", "Modèle de contrat de BioLogiciel SA")
    other = workspace.create("lab", Organisation("Laboratoire du Lac"))
    with workspace.open_session(other.id) as session, pytest.raises(OperationError, match="registre"):
        workspace.contracts.apply(processor.id, session)


def test_bad_input_changes_nothing(workspace, tmp_path):
    _lab, processor = lab_and_processor(workspace)
    contracts = workspace.contracts
    contracts.change(processor.id, elements={"28-3-a": {"status": "partial"}})
    for elements in ({"28-3-z": {"status": "present"}}, {"28-3-b": {"status": "present"}, "28-3-c": {"status": "?"}},
                     {"28-3-b": {"status": "present", "page": "x" * 201}}):
        with pytest.raises(OperationError):
            contracts.change(processor.id, elements=elements)
    review = contracts.stored(processor.id)
    assert review.status("28-3-a") == "partial" and review.status("28-3-b") == "unknown"
    bad = tmp_path / "revue.json"
    bad.write_text(json.dumps({"elements": {"28-3-b": {"status": "present"}}, "signed": True}), encoding="utf-8")
    with pytest.raises(OperationError, match="revue.json"):
        contracts.read_file(bad)
    good = tmp_path / "revue.yaml"
    good.write_text("document: Contrat CT-9\nelements:\n  28-3-b: {status: present, page: '4'}\n", encoding="utf-8")
    contracts.change(processor.id, **contracts.read_file(good))
    review = contracts.stored(processor.id)
    assert (review.document, review.of("28-3-b").page, review.status("28-3-a")) == ("Contrat CT-9", "4", "partial")


def test_the_document_from_the_answers_when_no_review_was_done(workspace):
    lab, processor = lab_and_processor(workspace)
    with pytest.raises(OperationError, match="pas encore été revu"):
        workspace.contracts.amendment(processor.id)
    with workspace.open_session(lab.id) as session:
        session.answer("lab.a28.contract.instructions", "no")
        session.answer("lab.a28.clauses.audits", "partial")
    document = workspace.contracts.amendment(processor.id, assessment_id=lab.id, lang="fr")
    assert [i.element.id for i in document.to_complete] == ["28-3-a", "28-3-h"]
    assert document.processor == "BioLogiciel SA" and document.controller == "Laboratoire des Tilleuls"
    assert not document.present  # nothing answered « Oui »: nothing is taken as present
    # The question is named by the number the screens and the PDF give it, « 3.2 », not its rank.
    with workspace.open_session(lab.id) as session:
        number = session.number("lab.a28.contract.instructions")
    assert "." in number and f"question {number} : Non" in document.to_complete[0].basis.replace("\u00a0", " ")


def test_a_new_review_takes_hosting_from_the_processor_s_services(workspace):
    _lab, host = lab_and_processor(workspace, "Hébergeur Santé", ("hosting",))
    assert workspace.contracts.review(host.id).hosting
    review = workspace.contracts.change(host.id, elements={"hds-1": {"status": "present"}})
    assert review.hosting and review.status("hds-1") == "present"
    assert workspace.contracts.stored(host.id) == review


def test_one_good_contract_does_not_answer_for_the_processors_not_reviewed_yet(workspace):
    """The lab's questions are about each processor: A's contract, complete, says nothing of B's,
    which nobody has read. No « Oui » for « each processor » while B's is unknown."""
    lab, first = lab_and_processor(workspace)
    second = workspace.processors.add({"name": "Hébergeur Santé", "services": ["hosting"]})
    workspace.contracts.change(first.id, elements=everything(workspace, "present"))
    with workspace.open_session(lab.id) as session:
        session.answer("lab.a28.contract.signed", "no")
        applied = workspace.contracts.apply(first.id, session)
    stored = workspace.load(lab.id).answers
    assert stored["lab.a28.contract.signed"].value == "no"  # left as the lab answered it
    assert not any(change.after == "yes" for change in applied.changes), applied.changes
    unanswered = {u.question: u for u in applied.unanswerable}
    waits_for = [t.replace("\u202f", " ") for t in unanswered["lab.a28.contract.signed"].unknown]
    assert "le contrat de « Hébergeur Santé », pas encore revu" in waits_for
    assert unanswered["lab.a28.contract.signed"].contradicted is None  # « Non » may be right for B
    assert applied.unreviewed == (second.name,)
