"""Skip logic, scores and the action plan on the small fixture questionnaire, computed by hand."""

from __future__ import annotations

from datetime import date

from wizard.core.action_plan import build_plan, computed_plan
from wizard.core.flow import hidden_questions, progress, visible_questions
from wizard.core.model import ActionEdit, Answer, Assessment, CustomAction, Organisation
from wizard.core.scoring import compute_scores


def assessment(answers: dict[str, str], **kw) -> Assessment:
    return Assessment(profile="lab", organisation=Organisation("Labo"), date=date(2026, 11, 28),
                      answers={k: Answer(v) for k, v in answers.items()}, **kw)


def test_profile_view_drops_questions_of_the_other_profile(mini):
    lab = mini.for_profile("lab")
    vendor = mini.for_profile("vendor")
    assert "t.a32.access.vendor_only" not in {q.id for q in lab.questions}
    assert "t.a32.access.vendor_only" in {q.id for q in vendor.questions}
    assert "t.a28.sub" not in {s.id for s in vendor.sections}


def test_unanswered_gate_hides_nothing(mini):
    lab = mini.for_profile("lab")
    assert hidden_questions(lab, {}) == {}
    assert len(visible_questions(lab, {})) == 6


def test_gate_answered_no_hides_dependents_and_their_dependents(mini):
    lab = mini.for_profile("lab")
    hidden = hidden_questions(lab, assessment({"t.a28.sub.any": "no"}).answers)
    assert set(hidden) == {"t.a28.sub.authorised", "t.a28.sub.same_terms"}
    # The reason shown to the user is the condition's, pointing at the gate question.
    assert hidden["t.a28.sub.authorised"].because.question == "t.a28.sub.any"
    assert hidden["t.a28.sub.same_terms"].because.question == "t.a28.sub.authorised"


def test_gate_answered_unknown_keeps_dependents_visible(mini):
    lab = mini.for_profile("lab")
    assert hidden_questions(lab, assessment({"t.a28.sub.any": "unknown"}).answers) == {}


def test_second_level_condition(mini):
    lab = mini.for_profile("lab")
    answers = assessment({"t.a28.sub.any": "yes", "t.a28.sub.authorised": "no"}).answers
    assert set(hidden_questions(lab, answers)) == {"t.a28.sub.same_terms"}


def test_progress_counts_visible_questions_only(mini):
    lab = mini.for_profile("lab")
    answers = assessment({"t.a28.sub.any": "no", "t.a28.contract.signed": "yes"}).answers
    p = progress(lab, answers)
    assert (p.answered, p.total, p.percent) == (2, 4, 50)


def test_scores_by_hand(mini):
    lab = mini.for_profile("lab")
    a = assessment({
        "t.a28.contract.signed": "yes",      # w3 × 1
        "t.a28.contract.audit": "na",        # allowed here (its help says when) and justified: left out
        "t.a28.sub.any": "yes",              # gate question (scored: false): left out
        "t.a28.sub.authorised": "partial",   # w2 × 0.5
        "t.a28.sub.same_terms": "na",        # N/A not offered here: counts as « Je ne sais pas », w2 × 0
        "t.a32.access.individual": "no",     # w3 × 0, a critical gap
    })
    a.answers["t.a28.contract.audit"].justification = "Le prestataire n'accède jamais aux données."
    scores = compute_scores(lab, a.answers)
    # Contract: 3 / 3; sub-processors: 1 / 4 = 25; access: 0 / 3
    assert scores.sections == {"t.a28.contract": 100, "t.a28.sub": 25, "t.a32.access": 0}
    # Article 28: 4 / 7 = 57.1 → 57; overall: 4 / 10 = 40
    assert scores.axes == {"28": 57, "32": 0}
    assert scores.overall == 40
    assert scores.held_down == {"overall", "32", "t.a32.access"}


def test_na_without_justification_counts_as_unknown(mini):
    lab = mini.for_profile("lab")
    a = assessment({"t.a28.contract.signed": "yes", "t.a28.contract.audit": "na"})  # no justification
    # Contract: 3 / (3 + 1) = 75 (the unjustified N/A is a gap of weight 1)
    assert compute_scores(lab, a.answers).sections["t.a28.contract"] == 75
    assert [p.id for p in computed_plan(lab, a)] == ["t.act.find_contract"]  # the actions of « Je ne sais pas »


def test_hidden_questions_do_not_count_and_unanswered_ones_are_not_demonstrated(mini):
    lab = mini.for_profile("lab")
    a = assessment({"t.a28.sub.any": "no", "t.a28.sub.authorised": "no",  # the second is hidden
                    "t.a32.access.individual": "yes"})
    scores = compute_scores(lab, a.answers)
    # "No sub-processor" is a fact, not a gap, and the hidden "no" does not count.
    assert scores.sections["t.a28.sub"] is None
    # The two contract questions have no answer: 0 of 4 points, nothing demonstrated.
    assert scores.sections["t.a28.contract"] == 0
    assert scores.axes == {"28": 0, "32": 100}
    # Overall 3 / 7 = 43, but one scored question of three answered: the index stays at 33.
    assert scores.overall == 33


def test_one_yes_out_of_many_is_not_above_the_share_answered(mini):
    lab = mini.for_profile("lab")
    scores = compute_scores(lab, assessment({"t.a32.access.individual": "yes"}).answers)
    # 3 of 11 possible points (27), one question answered of five scored ones: 20 at most.
    assert scores.overall == 20
    assert scores.axes == {"28": 0, "32": 100}


def test_a_critical_gap_holds_its_axis_red_and_the_overall_index_out_of_green(mini):
    from dataclasses import replace

    vendor = mini.for_profile("vendor")
    # Make the non-critical question weigh far more, so that without the rule the gap would not show.
    access = vendor.sections[1]
    heavy = replace(access.questions[1], weight=20)
    view = vendor.with_sections((vendor.sections[0], replace(access, questions=(access.questions[0], heavy))))
    answers = {q.id: "yes" for q in view.questions}
    assert compute_scores(view, assessment(answers).answers).overall == 100
    answers["t.a32.access.individual"] = "unknown"  # critical (weight 3)
    scores = compute_scores(view, assessment(answers).answers)
    # Article 32 would be 20 / 23 = 87: held at 49. Overall (4 + 20) / 27 = 89: held at 79.
    assert (scores.axes["28"], scores.axes["32"], scores.overall) == (100, 49, 79)
    assert scores.held_down == {"overall", "32", "t.a32.access"}
    answers["t.a32.access.individual"] = "partial"  # not a critical gap: 21.5 / 23 = 93, overall 25.5 / 27 = 94
    scores = compute_scores(view, assessment(answers).answers)
    assert (scores.axes["32"], scores.overall, scores.held_down) == (93, 94, frozenset())
    answers["t.a32.access.individual"] = "yes"
    answers["t.a32.access.vendor_only"] = "no"  # a heavy gap, but not critical: no cap
    scores = compute_scores(view, assessment(answers).answers)
    assert (scores.axes["32"], scores.overall) == (13, 26)


def test_everything_not_applicable_has_no_index(mini):
    from dataclasses import replace

    lab = mini.for_profile("lab")
    contract = lab.sections[0]
    audit_only = lab.with_sections((replace(contract, questions=contract.questions[1:]),))
    a = assessment({"t.a28.contract.audit": "na"})
    a.answers["t.a28.contract.audit"].justification = "Aucun accès aux données."
    scores = compute_scores(audit_only, a.answers)
    assert scores.overall is None and scores.axes == {"28": None}


def test_not_applicable_on_a_gate_hides_nothing(mini):
    lab = mini.for_profile("lab")
    a = assessment({"t.a28.sub.any": "na"})
    a.answers["t.a28.sub.any"].justification = "Sans objet."
    assert hidden_questions(lab, a.answers) == {}


def test_action_plan_deduplicated_ordered_and_dated(mini):
    lab = mini.for_profile("lab")
    a = assessment({
        "t.a28.contract.signed": "partial",    # t.act.contract at catalogue priority P1
        "t.a28.contract.audit": "no",          # t.act.contract again, at P2: merged, stays P1
        "t.a28.sub.any": "unknown",            # t.act.list_sub P3, 60 days
        "t.a28.sub.authorised": "unknown",     # t.act.list_sub again
        "t.a32.access.individual": "partial",  # t.act.accounts: a critical question stays P1
    })
    plan = computed_plan(lab, a)
    assert [(p.id, p.priority, p.due.isoformat()) for p in plan] == [
        ("t.act.contract", "P1", "2026-12-28"),
        ("t.act.accounts", "P1", "2026-12-28"),
        ("t.act.list_sub", "P3", "2027-01-27"),
    ]
    assert plan[0].question_ids == ("t.a28.contract.signed", "t.a28.contract.audit")
    assert plan[0].refs == ("28.3", "28.9", "28.3.h")
    assert plan[2].question_ids == ("t.a28.sub.any", "t.a28.sub.authorised")


def test_yes_and_justified_na_call_for_nothing(mini):
    lab = mini.for_profile("lab")
    a = assessment({q.id: "yes" for q in lab.questions} | {"t.a28.contract.audit": "na"})
    a.answers["t.a28.contract.audit"].justification = "Aucun accès aux données."
    assert computed_plan(lab, a) == []
    a.answers["t.a32.access.individual"] = Answer("na", justification="Un seul utilisateur.")
    # N/A is not possible on this question: it calls for the actions of « Je ne sais pas ».
    assert [p.id for p in computed_plan(lab, a)] == ["t.act.accounts"]


def test_delays_follow_priority(mini):
    """A P1 never later than 30 days, a P2 than 90, unless the catalogue says sooner."""
    from dataclasses import replace

    lab = mini.for_profile("lab")
    slow = {k: replace(v, delay_days=365) for k, v in lab.actions.items()}
    view = replace(lab, actions=slow)
    a = assessment({"t.a28.contract.signed": "no", "t.a28.sub.any": "yes", "t.a28.sub.authorised": "no",
                    "t.a28.sub.same_terms": "no"})
    a.answers["t.a28.sub.any"] = Answer("unknown")
    plan = {p.id: (p.priority, (p.due - a.date).days) for p in computed_plan(view, a)}
    assert plan == {"t.act.contract": ("P1", 30), "t.act.authorise": ("P2", 90), "t.act.list_sub": ("P3", 365)}
    a.action_edits["t.act.authorise"] = ActionEdit(priority="P1", priority_reason="Exigé par l'ARS")
    raised = next(p for p in build_plan(view, a) if p.id == "t.act.authorise")
    assert (raised.priority, (raised.due - a.date).days) == ("P1", 30)
    assert next(p for p in computed_plan(lab, a) if p.id == "t.act.list_sub").due == date(2027, 1, 27)


def test_hidden_question_actions_are_dropped(mini):
    lab = mini.for_profile("lab")
    a = assessment({"t.a28.sub.any": "yes", "t.a28.sub.authorised": "yes", "t.a28.sub.same_terms": "no"})
    assert [p.id for p in computed_plan(lab, a)] == ["t.act.authorise"]
    a.answers["t.a28.sub.any"] = Answer("no")  # hides both dependants
    assert [p.id for p in computed_plan(lab, a)] == ["t.act.list_sub"]


def test_edits_and_custom_actions_are_applied_and_reordered(mini):
    lab = mini.for_profile("lab")
    a = assessment(
        {"t.a28.contract.signed": "no", "t.a32.access.individual": "no"},
        action_edits={"t.act.contract": ActionEdit(priority="P3", priority_reason="Avenant déjà en signature",
                                                   owner="Mme Durand", status="doing")},
        custom_actions=[CustomAction(id="custom.1", title="Former l’équipe", priority="P1", due="2026-12-01")],
    )
    plan = build_plan(lab, a)
    assert [p.id for p in plan] == ["custom.1", "t.act.accounts", "t.act.contract"]
    contract = plan[2]
    assert (contract.priority, contract.computed_priority, contract.overridden) == ("P3", "P1", True)
    assert contract.priority_reason == "Avenant déjà en signature"
    assert (contract.owner, contract.status) == ("Mme Durand", "doing")
    assert plan[0].custom and plan[0].due == date(2026, 12, 1)
