"""Comparing two assessments: hand-built pairs on the small questionnaire, every delta worked out by
hand from the scoring rules (see the comments), and the trend over several assessments."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from wizard.core.compare import compare, comparison_dict, trend
from wizard.core.content_changes import between
from wizard.core.evaluation import evaluate
from wizard.core.model import ActionEdit, Answer, Assessment, ContentStamp, Organisation

BEFORE_DAY, AFTER_DAY = date(2025, 3, 1), date(2026, 3, 10)


def assessment(answers: dict[str, Answer], when: date, **extra) -> Assessment:
    return Assessment(profile="lab", organisation=Organisation("Laboratoire des Tilleuls"), date=when,
                      answers=answers, **extra)


@pytest.fixture
def lab(mini):
    return mini.for_profile("lab")


@pytest.fixture
def pair(lab):
    # Before: contract not signed (critical gap, weight 3), audit clause yes (1), no sub-processor (so
    # the two questions behind the gate are hidden), individual accounts partly (critical, 3).
    before = assessment({"t.a28.contract.signed": Answer("no"), "t.a28.contract.audit": Answer("yes"),
                         "t.a28.sub.any": Answer("no"), "t.a32.access.individual": Answer("partial")}, BEFORE_DAY)
    # After: contract signed, audit « Non applicable » (allowed there, justified), sub-processors now, the
    # first authorised in part, the second gated question unanswered, individual accounts « Non ».
    after = assessment({"t.a28.contract.signed": Answer("yes"),
                        "t.a28.contract.audit": Answer("na", justification="Aucun accès aux données"),
                        "t.a28.sub.any": Answer("yes"), "t.a28.sub.authorised": Answer("partial"),
                        "t.a32.access.individual": Answer("no")}, AFTER_DAY)
    return compare(evaluate(lab, before), evaluate(lab, after))


def test_indices_then_and_now_per_axis_and_section(pair):
    # Overall before: earned 0 + 1 + 1.5 of 3 + 1 + 3 = 2.5/7 → 36; after: 3 + 1 + 0 + 0 of
    # 3 + 2 + 2 + 3 (audit left out) = 4/10 → 40 (a critical gap caps at 79, not reached).
    assert (pair.overall.before, pair.overall.after, pair.overall.delta) == (36, 40, 4)
    # Art. 28 before: 1/4 → 25; after: 4/7 → 57 (3 of the 4 scored questions answered: cap 75).
    # Art. 32: partial 1.5/3 → 50; then « Non » on a critical question → 0.
    assert [(c.id, c.before, c.after, c.delta) for c in pair.axes] == [("28", 25, 57, 32), ("32", 50, 0, -50)]
    # Sections: contract 1/4 → 25 then 3/3 → 100; sub-processors: nothing scored before (gate « Non »),
    # then 1/4 → 25; access 50 → 0.
    assert [(c.id, c.before, c.after, c.delta) for c in pair.sections] == [
        ("t.a28.contract", 25, 100, 75), ("t.a28.sub", None, 25, None), ("t.a32.access", 50, 0, -50)]


def test_answers_improved_worsened_and_other_changes(pair):
    assert [c.question.id for c in pair.improved] == ["t.a28.contract.signed"]
    assert [c.question.id for c in pair.worsened] == ["t.a32.access.individual"]
    # To « Non applicable », a gate question (not scored), a question hidden before: not counted.
    assert [c.question.id for c in pair.other_changes] == [
        "t.a28.contract.audit", "t.a28.sub.any", "t.a28.sub.authorised"]


def test_actions_closed_new_and_still_open_with_how_late(pair):
    assert [(c.action.id, c.how) for c in pair.closed] == [("t.act.contract", "resolved"),
                                                          ("t.act.list_sub", "resolved")]
    assert [a.id for a in pair.new_actions] == ["t.act.authorise"]
    [still] = pair.still_open
    # Due 30 days after 1 March 2025 (31 March), still open on 10 March 2026: 344 days late.
    assert (still.action.id, still.first_due, still.days_late) == ("t.act.accounts", date(2025, 3, 31), 344)


def test_an_action_marked_done_or_dropped_is_closed_so(lab):
    answers = {"t.a28.contract.signed": Answer("no"), "t.a32.access.individual": Answer("no")}
    before = assessment(dict(answers), BEFORE_DAY,
                        action_edits={"t.act.contract": ActionEdit(status="doing")})
    after = assessment(dict(answers), AFTER_DAY, action_edits={"t.act.contract": ActionEdit(status="done"),
                                                               "t.act.accounts": ActionEdit(status="dropped")})
    c = compare(evaluate(lab, before), evaluate(lab, after))
    assert sorted((x.action.id, x.how) for x in c.closed) == [("t.act.accounts", "dropped"), ("t.act.contract", "done")]
    assert c.still_open == () and c.new_actions == ()


def test_an_action_already_closed_then_is_not_closed_again(lab):
    answers = {"t.a28.contract.signed": Answer("no")}
    done = {"t.act.contract": ActionEdit(status="done")}
    c = compare(evaluate(lab, assessment(dict(answers), BEFORE_DAY, action_edits=dict(done))),
                evaluate(lab, assessment(dict(answers), AFTER_DAY, action_edits=dict(done))))
    assert c.closed == () and c.still_open == () and c.new_actions == ()


def test_an_action_not_due_yet_is_not_late(lab):
    answers = {"t.a32.access.individual": Answer("no")}
    c = compare(evaluate(lab, assessment(dict(answers), BEFORE_DAY)),
                evaluate(lab, assessment(dict(answers), date(2025, 3, 20))))
    assert [(x.action.id, x.days_late) for x in c.still_open] == [("t.act.accounts", 0)]


def test_a_reworded_action_is_the_same_action_then_and_now(lab):
    """Actions are matched by their id: the organisation's wording, then or now, changes none of it."""
    answers = {"t.a32.access.individual": Answer("no"), "t.a28.contract.signed": Answer("no")}
    before = assessment(dict(answers), BEFORE_DAY,
                        action_edits={"t.act.accounts": ActionEdit(title="Un compte par personne")})
    after = assessment({"t.a32.access.individual": Answer("no"), "t.a28.contract.signed": Answer("yes")}, AFTER_DAY,
                       action_edits={"t.act.accounts": ActionEdit(title="Un compte nominatif par personne"),
                                     "t.act.contract": ActionEdit(title="Faire signer l’avenant")})
    c = compare(evaluate(lab, before), evaluate(lab, after))
    [still] = c.still_open
    assert (still.action.id, still.action.title.get("fr"), still.first_due) == (
        "t.act.accounts", "Un compte nominatif par personne", date(2025, 3, 31))
    assert [(x.action.id, x.how) for x in c.closed] == [("t.act.contract", "resolved")]
    assert c.new_actions == ()
    assert comparison_dict(c)["actions"]["still_open"][0]["title"] == "Un compte nominatif par personne"


def test_questions_new_or_gone_between_content_versions(mini, lab):
    versions = {"0": ("t.a28.contract.signed", "t.a28.old_question", "t.a28.sub.any"),
                "1": tuple(q.id for q in mini.questions)}
    before = assessment({}, BEFORE_DAY, content=ContentStamp("t", "0"))
    after = assessment({}, AFTER_DAY, content=ContentStamp("t", "1"))
    c = compare(evaluate(lab, before), evaluate(lab, after), versions)
    assert c.content.known
    assert c.content.gone == ("t.a28.old_question",)
    # The laboratory's questions only: t.a32.access.vendor_only, new too, is the vendor's.
    assert c.content.new == ("t.a28.contract.audit", "t.a28.sub.authorised", "t.a28.sub.same_terms",
                             "t.a32.access.individual")
    # Unrecorded or unlisted versions: nothing can be said of the questions.
    assert not between(versions, "", "1").known
    assert not between(versions, "0", "7").known
    assert between(versions, "1", "1").same


def test_the_json_form_holds_every_delta(pair):
    data = comparison_dict(pair)
    assert data["overall"] == {"before": 36, "after": 40, "delta": 4}
    assert data["articles"]["32"] == {"before": 50, "after": 0, "delta": -50}
    assert data["improved"] == [{"question": "t.a28.contract.signed", "before": "no", "after": "yes"}]
    assert data["actions"]["still_open"][0]["days_late"] == 344
    assert data["actions"]["new"][0]["id"] == "t.act.authorise"


def test_the_trend_lists_each_assessment_oldest_first(lab):
    def one(value: str, when: date):
        return evaluate(lab, replace(assessment({"t.a32.access.individual": Answer(value),
                                                 "t.a28.contract.signed": Answer("yes")}, when), id=value))

    points = trend([one("yes", date(2026, 1, 1)), one("no", date(2024, 1, 1)), one("partial", date(2025, 1, 1))])
    assert [p.assessment_id for p in points] == ["no", "partial", "yes"]
    assert [p.axes["32"] for p in points] == [0, 50, 100]
    # Art. 28: 3 earned of 8, but 1 of its 4 scored questions answered: capped at 25.
    assert [p.axes["28"] for p in points] == [25, 25, 25]


def test_what_was_never_answered_has_no_index_to_compare_not_a_zero(lab):
    """An assessment opened and never filled in, then one with Art. 28 answered only: « 0 → 25,
    +25 » would credit a progress nobody made. Nothing answered reads « — », with no difference;
    the trend leaves the point out instead of drawing a fall to 0."""
    empty = evaluate(lab, assessment({}, BEFORE_DAY))
    only_28 = evaluate(lab, assessment({"t.a28.contract.signed": Answer("yes")}, AFTER_DAY))
    c = compare(empty, only_28)
    assert (c.overall.before, c.overall.delta) == (None, None) and c.overall.after is not None
    assert [(i.id, i.before, i.after) for i in c.axes] == [("28", None, only_28.scores.axes["28"]), ("32", None, None)]
    assert all(i.before is None and i.delta is None for i in c.sections)
    assert comparison_dict(c)["overall"] == {"before": None, "after": c.overall.after, "delta": None}
    points = trend([empty, only_28])
    assert [p.overall for p in points] == [None, only_28.scores.overall]
    assert [p.axes["32"] for p in points] == [None, None]
