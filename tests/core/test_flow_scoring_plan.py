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
        "t.a28.contract.audit": "partial",   # w1 × 0.5
        "t.a28.sub.any": "yes",              # gate question (scored: false): left out
        "t.a28.sub.authorised": "unknown",   # w2 × 0 (not knowing counts as a gap)
        "t.a28.sub.same_terms": "na",        # left out
        "t.a32.access.individual": "no",     # w3 × 0
    })
    scores = compute_scores(lab, a.answers)
    # Contract: (3 + 0.5) / 4 = 87.5 → 88 (half up); sub-processors: 0 / 2
    assert scores.sections == {"t.a28.contract": 88, "t.a28.sub": 0, "t.a32.access": 0}
    # Article 28: 3.5 / 6 = 58.3 → 58; overall: 3.5 / 9 = 38.9 → 39
    assert scores.axes == {"28": 58, "32": 0}
    assert scores.overall == 39


def test_hidden_and_unanswered_questions_do_not_count(mini):
    lab = mini.for_profile("lab")
    a = assessment({"t.a28.sub.any": "no", "t.a28.sub.authorised": "no",  # the second is hidden
                    "t.a32.access.individual": "yes"})
    scores = compute_scores(lab, a.answers)
    # "No sub-processor" is a fact, not a gap, and the hidden "no" does not count.
    assert scores.sections["t.a28.sub"] is None
    assert scores.sections["t.a28.contract"] is None
    assert scores.axes == {"28": None, "32": 100}
    assert scores.overall == 100


def test_all_na_gives_no_score(mini):
    lab = mini.for_profile("lab")
    scores = compute_scores(lab, assessment({"t.a32.access.individual": "na"}).answers)
    assert scores.axes["32"] is None and scores.overall is None


def test_action_plan_deduplicated_ordered_and_dated(mini):
    lab = mini.for_profile("lab")
    a = assessment({
        "t.a28.contract.signed": "partial",    # t.act.contract at catalogue priority P1
        "t.a28.contract.audit": "no",          # t.act.contract again, at P2: merged, stays P1
        "t.a28.sub.any": "unknown",            # t.act.list_sub P3, 60 days
        "t.a28.sub.authorised": "unknown",     # t.act.list_sub again
        "t.a32.access.individual": "partial",  # t.act.accounts lowered to P2
    })
    plan = computed_plan(lab, a)
    assert [(p.id, p.priority, p.due.isoformat()) for p in plan] == [
        ("t.act.contract", "P1", "2026-12-28"),
        ("t.act.accounts", "P2", "2026-12-28"),
        ("t.act.list_sub", "P3", "2027-01-27"),
    ]
    assert plan[0].question_ids == ("t.a28.contract.signed", "t.a28.contract.audit")
    assert plan[0].refs == ("28.3", "28.9", "28.3.h")
    assert plan[2].question_ids == ("t.a28.sub.any", "t.a28.sub.authorised")


def test_yes_and_na_call_for_nothing(mini):
    lab = mini.for_profile("lab")
    a = assessment({q.id: "yes" for q in lab.questions} | {"t.a32.access.individual": "na"})
    assert computed_plan(lab, a) == []


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
