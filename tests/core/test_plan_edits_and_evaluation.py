"""The plan's editing rules and the one evaluation of an assessment, without Qt or a store."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.core import plan_edits
from wizard.core.action_plan import build_plan, computed_plan
from wizard.core.evaluation import evaluate
from wizard.core.flow import hidden_questions, progress
from wizard.core.model import ActionEdit, Answer, Assessment, CustomAction, Organisation
from wizard.core.scoring import compute_scores


def assessment(answers: dict[str, str], **kw) -> Assessment:
    return Assessment(profile="lab", organisation=Organisation("Labo"), date=date(2026, 11, 28),
                      answers={k: Answer(v) for k, v in answers.items()}, **kw)


@pytest.fixture
def lab(mini):
    return mini.for_profile("lab")


def test_a_priority_change_needs_a_reason_said_in_french(lab):
    a = assessment({"t.a28.contract.audit": "no"})
    base = plan_edits.proposal(lab, a, "t.act.contract")
    assert base is not None and base.priority == "P2"
    with pytest.raises(plan_edits.ReasonRequired, match="demande un motif"):
        plan_edits.edited_action(base, None, priority="P1")
    stored = plan_edits.edited_action(base, None, priority="P1", reason="  Exigé par l'ARS  ")
    assert stored == ActionEdit(priority="P1", priority_reason="Exigé par l'ARS")


def test_an_edit_back_to_the_proposal_stores_nothing(lab):
    a = assessment({"t.a28.contract.signed": "no"})
    base = plan_edits.proposal(lab, a, "t.act.contract")
    assert base is not None
    edit = plan_edits.edited_action(base, None, owner="Mme Lebœuf", due=date(2027, 1, 15))
    assert edit == ActionEdit(owner="Mme Lebœuf", due="2027-01-15")
    assert plan_edits.edited_action(base, edit, owner=base.owner, due=base.due) is None


@pytest.mark.parametrize("changes, words", [
    ({"status": "finished"}, "statut inconnu « finished »"),
    ({"priority": "P9"}, "priorité inconnue « P9 »"),
    ({"due": "31/12/2026"}, "date invalide « 31/12/2026 »"),
])
def test_unknown_values_are_refused_naming_them(lab, changes, words):
    base = plan_edits.proposal(lab, assessment({"t.a28.contract.signed": "no"}), "t.act.contract")
    with pytest.raises(plan_edits.PlanEditError) as err:
        plan_edits.edited_action(base, None, **changes)
    assert words in str(err.value).replace("\u202f", " ").replace("\u00a0", " ")


def test_custom_actions_are_checked_and_kept_as_typed():
    with pytest.raises(plan_edits.PlanEditError, match="intitulé"):
        plan_edits.new_custom("   ")
    with pytest.raises(plan_edits.PlanEditError, match="P7"):
        plan_edits.new_custom("Former l'accueil", priority="P7")
    made = plan_edits.new_custom(" Former l'accueil ", owner=" quality ", due=date(2027, 2, 1))
    assert (made.title, made.owner, made.due, made.priority, made.status) == (
        "Former l'accueil", "quality", "2027-02-01", "P2", "todo")
    assert made.id.startswith("custom-")
    done = plan_edits.edited_custom(made, status="done", owner="")
    assert (done.status, done.owner, done.title) == ("done", "", made.title)


def test_the_evaluation_holds_what_each_rule_computes(lab):
    a = assessment({"t.a28.contract.signed": "partial", "t.a28.contract.audit": "yes", "t.a28.sub.any": "no",
                    "t.a32.access.individual": "unknown"},
                   action_edits={"t.act.accounts": ActionEdit(status="doing")},
                   custom_actions=[CustomAction("custom-1", "Former l'accueil", priority="P3")])
    ev = evaluate(lab, a)
    hidden = hidden_questions(lab, a.answers)
    assert dict(ev.hidden) == hidden
    assert [q.id for q in ev.visible] == [q.id for q in lab.questions if q.id not in hidden]
    assert ev.progress == progress(lab, a.answers)
    assert ev.scores == compute_scores(lab, a.answers)
    assert list(ev.plan) == build_plan(lab, a)
    assert [q.id for q, _answer in ev.gaps] == ["t.a28.contract.signed", "t.a32.access.individual"]
    assert {x.id for x in ev.plan} == {x.id for x in computed_plan(lab, a)} | {"custom-1"}
    # The weightiest gap: « Je ne sais pas » on a weight-3 question earns more when fixed than a
    # « Partiellement » of the same weight.
    assert [g.question.id for g in ev.weightiest_gaps(1)] == ["t.a32.access.individual"]


def test_the_evaluation_says_what_a_signed_plan_must_not_hide(lab):
    a = assessment({"t.a28.contract.signed": "no", "t.a28.contract.audit": "yes", "t.a28.sub.any": "na",
                    "t.a32.access.individual": "unknown"})
    ev = evaluate(lab, a)
    # The gate's N/A hides nothing: both sub-processor questions stay visible, unanswered.
    assert [q.id for q in ev.unanswered] == ["t.a28.sub.authorised", "t.a28.sub.same_terms"]
    assert not ev.complete
    assert [q.id for q in ev.refused_na] == ["t.a28.sub.any"] and ev.not_applicable == ()
    assert [q.id for q, _a in ev.critical_gaps] == ["t.a28.contract.signed", "t.a32.access.individual"]
    [found] = ev.contradictions
    assert found.contradiction.id == "t.contradiction.audit_without_contract"
    assert found.question_ids == ("t.a28.contract.signed", "t.a28.contract.audit")
    assert ev.contradictions_of("t.a28.contract.audit") == [found]
    assert ev.contradictions_of("t.a32.access.individual") == []
    a.answers["t.a28.contract.audit"] = Answer("na", justification="Aucun accès aux données.")
    ev = evaluate(lab, a)
    assert ev.contradictions == () and [q.id for q in ev.not_applicable] == ["t.a28.contract.audit"]
