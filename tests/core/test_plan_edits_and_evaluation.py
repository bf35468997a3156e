"""The plan's editing rules and the one evaluation of an assessment, without Qt or a store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from wizard.core import plan_edits
from wizard.core.action_plan import build_plan, computed_plan
from wizard.core.evaluation import evaluate
from wizard.core.flow import hidden_questions, progress
from wizard.core.model import ActionEdit, Answer, Assessment, CustomAction, Organisation, Text
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


# -- the organisation's own wording of a title ----------------------------------------------------
def test_a_computed_action_reworded_keeps_the_catalogues_wording_beside_it(lab):
    a = assessment({"t.a28.contract.signed": "no"})
    base = plan_edits.proposal(lab, a, "t.act.contract")
    assert base is not None and not base.reworded
    edit = plan_edits.edited_action(base, ActionEdit(owner="dpo"), title="  Faire signer l’avenant RGPD  ")
    assert edit == ActionEdit(owner="dpo", title="Faire signer l’avenant RGPD")
    a.action_edits["t.act.contract"] = edit
    [action] = [x for x in build_plan(lab, a) if x.id == "t.act.contract"]
    assert action.title.get("fr") == action.title.get("en") == "Faire signer l’avenant RGPD"
    assert action.reworded and action.catalogue_title == base.title
    assert action.owner == "dpo"  # the other edits still apply
    # The catalogue's wording typed again (in either language), or None, brings the catalogue's back.
    for back in ("Signer un contrat conforme", "Sign a compliant contract", " Signer un contrat conforme ", None):
        assert plan_edits.edited_action(base, edit, title=back) == ActionEdit(owner="dpo")
    assert plan_edits.edited_action(base, ActionEdit(title="Autre"), title=None) is None
    # As the screen shows it, with French typography: still the catalogue's wording.
    typed = replace(base, title=Text("Mettre à jour l'annexe : sécurité"))
    assert plan_edits.edited_action(typed, None, title="Mettre à jour l’annexe\u00a0: sécurité") is None
    with pytest.raises(plan_edits.PlanEditError, match="intitulé"):
        plan_edits.edited_action(base, edit, title="  ")


def test_a_custom_action_is_reworded_as_typed_never_blank():
    made = plan_edits.new_custom("Former l'accueil", owner="quality")
    again = plan_edits.edited_custom(made, title="  Former l’accueil au RGPD ")
    assert (again.title, again.owner, again.id) == ("Former l’accueil au RGPD", "quality", made.id)
    assert plan_edits.edited_custom(made, status="done").title == made.title
    with pytest.raises(plan_edits.PlanEditError, match="intitulé"):
        plan_edits.edited_custom(made, title="")


@pytest.mark.parametrize("title, says", [
    ("x" * 301, "action_edits.t.act.contract.title : 300 caractères au plus"),
    ("   ", "action_edits.t.act.contract.title : texte obligatoire"),
    (12, "action_edits.t.act.contract.title : texte attendu"),
])
def test_a_reworded_title_is_checked_like_any_title(title, says):
    from wizard.core import checks, limits

    assert limits.ACTION_TITLE == 300
    with pytest.raises(checks.FieldError) as err:
        checks.check_edit(ActionEdit(title=title), "action_edits.t.act.contract")
    assert says in str(err.value).replace("\u202f", " ").replace("\u00a0", " ")
    checks.check_edit(ActionEdit(title="x" * 300), "action_edits.t.act.contract")


def test_a_reworded_title_travels_in_the_answers_file_and_only_when_there_is_one(mini, lab):
    from wizard.core.answers_file import AnswersFileError, assessment_from_dict, assessment_to_dict

    a = assessment({"t.a28.contract.signed": "no"},
                   action_edits={"t.act.contract": ActionEdit(title="Faire signer l’avenant RGPD"),
                                 "t.act.accounts": ActionEdit(status="doing")})
    data = assessment_to_dict(a)
    assert data["action_edits"] == {"t.act.contract": {"title": "Faire signer l’avenant RGPD"},
                                    "t.act.accounts": {"status": "doing"}}
    back = assessment_from_dict(data, mini)
    assert back.action_edits == a.action_edits
    data["action_edits"]["t.act.contract"]["title"] = ""
    with pytest.raises(AnswersFileError, match=r"action_edits\.t\.act\.contract\.title\s: texte obligatoire"):
        assessment_from_dict(data, mini)
