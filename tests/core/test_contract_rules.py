"""The rules of a contract review, without storage or Qt: the content's elements and their checks,
the answers a review gives, and a review's JSON form read strictly."""

from __future__ import annotations

import shutil

import pytest
import yaml

from tests.conftest import ROOT
from tests.signing.helpers import flat
from wizard.core.checks import FieldError
from wizard.core.contract_answers import ReviewedContract, combine, merged_evidence, proposals
from wizard.core.contract_review import ContractReview, ElementReview, review_from_dict
from wizard.core.questionnaire import ContentError, load_questionnaire


@pytest.fixture(scope="module")
def content():
    return load_questionnaire().contract_elements


def test_the_content_lists_every_element_the_law_requires(content):
    assert [g.id for g in content.groups] == ["frame", "obligations", "subprocessing", "form", "hosting"]
    ids = content.ids
    for required in ("28-3-a", "28-3-b", "28-3-c", "28-3-d", "28-3-e", "28-3-f", "28-3-g", "28-3-h", "28-3-alert",
                     "28-2", "28-4", "28-9", "28-3-subject", "28-3-nature", "28-3-data", "28-3-controller"):
        assert required in ids, required
    hosting = [e for e in content.elements if e.group == "hosting"]
    assert [e.reference.fr for e in hosting[:9]] == [f"CSP, art. R. 1111-11, I, {n}°" for n in range(1, 10)]
    assert len(content.for_contract(False)) == len(ids) - len(hosting)
    questions = {q.id for q in load_questionnaire().questions}
    assert set(content.questions()) <= questions
    for e in content.elements:  # both languages, and something to ask and to draft
        assert e.ask and e.draft.en and e.requires.en and e.clause.en and e.title.en, e.id


def copy_content(tmp_path, change):
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "questionnaires", folder)
    path = folder / "contract_elements.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.mark.parametrize("change, message", [
    (lambda d: d["elements"][4]["answers"].append("lab.a28.contract.nowhere"), "unknown question 'lab.a28.contract.nowhere'"),
    (lambda d: d["elements"][5].update(id="28-3-a"), "duplicate element id 28-3-a"),
    (lambda d: d["elements"][0].update(group="annexes"), "unknown group 'annexes'"),
    (lambda d: d["elements"].append(d["elements"].pop(0)), "must follow one another"),
    (lambda d: d["elements"][0]["title"].pop("en"), "'en' is a required property"),
])
def test_the_loader_refuses_content_it_cannot_trust(tmp_path, change, message):
    with pytest.raises(ContentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_questionnaire(copy_content(tmp_path, change))


@pytest.mark.parametrize("statuses, value", [
    (["present", "present"], "yes"), (["absent", "absent"], "no"), (["present", "absent"], "partial"),
    (["partial"], "partial"), (["present", "unknown"], None), (["absent", "unknown"], None),
    (["partial", "unknown"], "partial"),  # whatever the unknown is, not « Oui » and not « Non »
    (["present", "absent", "unknown"], "partial"), ([], None), (["unknown"], None),
])
def test_the_answer_several_elements_give(statuses, value):
    assert combine(statuses) == value


def test_an_unknown_element_never_becomes_an_answer(content):
    review = ContractReview("5a1e0c9d3b7f", elements={"28-3-a": ElementReview("present")})
    found = {p.question: p for p in proposals(content, [ReviewedContract(review, "Éditeur")],
                                              content.questions(), "fr")}
    assert found["lab.a28.contract.instructions"].value == "yes"
    assert found["lab.a28.contract.signed"].value is None  # the other points were not read
    assert found["lab.a28.contract.signed"].excludes == "no"  # … but « Non » is already ruled out
    assert found["lab.a28.contract.security"].value is None and found["lab.a28.contract.security"].excludes is None
    assert "lab.a28.choice.hds_contract" not in found  # hosting clauses: not part of this contract


def test_a_review_s_evidence_replaces_only_its_own_earlier_block():
    before = "Revue du contrat de A (x) :\n- vieux\n\nCourriel du 3 mars\n\nRevue du contrat de B :\n- b"
    after = merged_evidence(before, "Revue du contrat de A (y) :\n- neuf", ["Revue du contrat de A"])
    assert after == "Revue du contrat de A (y) :\n- neuf\n\nCourriel du 3 mars\n\nRevue du contrat de B :\n- b"


@pytest.mark.parametrize("raw, where", [
    ({"elements": {"28-3-a": {"status": "oui"}}}, "review.elements.28-3-a.status"),
    ({"elements": {"28-3-a": {"status": "present", "color": "red"}}}, "review.elements.28-3-a"),
    ({"elements": {"../x": {"status": "present"}}}, "review.elements"),
    ({"elements": {"28-3-a": {"status": "present", "note": "x" * 20_001}}}, "review.elements.28-3-a.note"),
    ({"reviewed": "04/12/2026"}, "review.reviewed"),
    ({"hosting": "yes"}, "review.hosting"),
    ({"processor": "../../x"}, "review.processor"),
    ({"signed": True}, "review"),
    ([], "review"),
])
def test_a_review_is_read_strictly(raw, where):
    with pytest.raises(FieldError) as refused:
        review_from_dict(raw)
    assert flat(str(refused.value)).startswith(f"{where} :"), refused.value


def test_an_element_the_content_lacks_is_refused_where_the_content_is_known(content):
    raw = {"elements": {"28-3-z": {"status": "present"}}}
    assert review_from_dict(raw).status("28-3-z") == "present"  # the file's form is right…
    with pytest.raises(FieldError) as refused:
        review_from_dict(raw, known=content.ids)  # … but this content has no such element
    assert "élément inconnu « 28-3-z »" in flat(str(refused.value))
