"""Three-way merge of copies of one assessment (wizard.core.merge), on copies edited as the store
edits them: an answer changed is a new entry of the audit trail (who, when, old, new)."""

from __future__ import annotations

import copy as copying
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.core.merge import AUDITED, Copy, MergeRefused, audited, merge
from wizard.core.model import (
    ActionEdit,
    Answer,
    Assessment,
    ContentStamp,
    CustomAction,
    Organisation,
    Participant,
)

ID = "3f6c2a1e-8b7d-4c5e-9f0a-1b2c3d4e5f60"
OTHER_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
QUESTIONS = ("t.a28.contract.signed", "t.a28.contract.audit", "t.a28.sub.any", "t.a32.access.individual")
NOW = "2026-12-01T10:00:00+01:00"


class Laptop:
    """One copy, changed as wizard.storage.Store.save_answer changes it."""

    def __init__(self, assessment: Assessment, history: list[dict] | None = None) -> None:
        self.assessment = assessment
        self.history = history or []

    def answer(self, qid: str, value: str | None, by: str, at: str, note: str = "") -> None:
        old = self.assessment.answers.get(qid)
        new = None if value is None else Answer(value, note=note, by=by, at=at)
        if audited(old) != audited(new):
            self.history.append({"question": qid, "at": at, "by": by, "old": audited(old), "new": audited(new)})
        if new is None:
            self.assessment.answers.pop(qid, None)
        else:
            self.assessment.answers[qid] = new

    def clone(self) -> Laptop:
        return Laptop(copying.deepcopy(self.assessment), copying.deepcopy(self.history))

    def copy(self, label: str = "portable.vigie") -> Copy:
        return Copy(label, copying.deepcopy(self.assessment), tuple(copying.deepcopy(self.history)))


def base() -> Laptop:
    laptop = Laptop(Assessment(profile="lab", organisation=Organisation("Laboratoire des Tilleuls"),
                               date=date(2026, 11, 28), assessor="Claire Martin", id=ID,
                               content=ContentStamp("rgpd", "1")))
    laptop.answer("t.a28.contract.signed", "no", "Claire Martin", "2026-11-28T09:00:00+01:00")
    laptop.answer("t.a28.sub.any", "yes", "Claire Martin", "2026-11-28T09:01:00+01:00")
    return laptop


def run(mine: Laptop, *theirs: Copy, **options):
    options.setdefault("who", "Claire Martin")
    options.setdefault("when", NOW)
    return merge(mine.copy("ici"), list(theirs), **options)


def test_disjoint_changes_merge_with_no_question_asked():
    mine, theirs = base(), None
    theirs = mine.clone()
    mine.answer("t.a28.contract.signed", "partial", "Claire Martin", "2026-11-29T10:00:00+01:00")
    theirs.answer("t.a32.access.individual", "yes", "Jean Dupont", "2026-11-29T10:05:00+01:00", note="Comptes AD")
    result = run(mine, theirs.copy())
    assert result.conflicts == [] and result.unresolved == []
    answers = result.assessment.answers
    assert answers["t.a28.contract.signed"].value == "partial"
    assert (answers["t.a32.access.individual"].value, answers["t.a32.access.individual"].note,
            answers["t.a32.access.individual"].by) == ("yes", "Comptes AD", "Jean Dupont")
    assert result.taken == [(0, "t.a32.access.individual")]
    assert result.changed
    # Both trails are in the merged one: who changed what, on which laptop, stays known.
    assert all(entry in result.history for entry in mine.history + theirs.history)


def conflicting() -> tuple[Laptop, Laptop]:
    mine = base()
    theirs = mine.clone()
    mine.answer("t.a28.contract.signed", "partial", "Claire Martin", "2026-11-29T10:00:00+01:00",
                note="Avenant en cours")
    theirs.answer("t.a28.contract.signed", "yes", "Jean Dupont", "2026-11-29T11:00:00+01:00", note="Signé le 12/11")
    return mine, theirs


def test_a_conflict_is_reported_side_by_side_and_nothing_decided_without_a_choice():
    mine, theirs = conflicting()
    result = run(mine, theirs.copy("jean.vigie"))
    [conflict] = result.unresolved
    assert (conflict.question, conflict.label) == ("t.a28.contract.signed", "jean.vigie")
    assert (conflict.mine.answer.value, conflict.mine.answer.note, conflict.mine.by, conflict.mine.at) == (
        "partial", "Avenant en cours", "Claire Martin", "2026-11-29T10:00:00+01:00")
    assert (conflict.theirs.answer.value, conflict.theirs.answer.note, conflict.theirs.by, conflict.theirs.at) == (
        "yes", "Signé le 12/11", "Jean Dupont", "2026-11-29T11:00:00+01:00")
    assert result.assessment.answers["t.a28.contract.signed"].value == "partial"
    assert not any("merge" in entry for entry in result.history)


@pytest.mark.parametrize(("how", "options", "kept", "rule"), [
    ("chosen mine", {"decisions": {(0, "t.a28.contract.signed"): "mine"}}, "partial", "chosen"),
    ("chosen theirs", {"decisions": {(0, "t.a28.contract.signed"): "theirs"}}, "yes", "chosen"),
    ("all mine", {"rule": "mine"}, "partial", "mine"),
    ("all theirs", {"rule": "theirs"}, "yes", "theirs"),
    ("newest", {"rule": "newest"}, "yes", "newest"),  # theirs was changed an hour later
])
def test_a_conflict_resolved_each_way_and_the_history_shows_the_decision(how, options, kept, rule):
    mine, theirs = conflicting()
    result = run(mine, theirs.copy("jean.vigie"), who="Zoé Leroy", **options)
    assert result.unresolved == []
    assert result.assessment.answers["t.a28.contract.signed"].value == kept
    [decision] = [e for e in result.history if "merge" in e]
    side = "mine" if kept == "partial" else "theirs"
    assert (decision["question"], decision["by"], decision["at"]) == ("t.a28.contract.signed", "Zoé Leroy", NOW)
    assert decision["old"]["value"] == "partial" and decision["new"]["value"] == kept
    set_aside = "yes" if side == "mine" else "partial"
    assert decision["merge"] == {
        "kept": side, "rule": rule, "copy": "jean.vigie", "other": audited(Answer(set_aside, note=(
            "Signé le 12/11" if side == "mine" else "Avenant en cours"))),
        "other_by": "Jean Dupont" if side == "mine" else "Claire Martin",
        "other_at": "2026-11-29T11:00:00+01:00" if side == "mine" else "2026-11-29T10:00:00+01:00"}


def test_newest_keeps_this_copy_when_it_changed_last():
    mine, theirs = base(), None
    theirs = mine.clone()
    theirs.answer("t.a28.contract.signed", "yes", "Jean Dupont", "2026-11-29T10:00:00+01:00")
    mine.answer("t.a28.contract.signed", "partial", "Claire Martin", "2026-11-29T09:30:00Z")  # 10:30 in Paris
    result = run(mine, theirs.copy(), rule="newest")
    assert result.assessment.answers["t.a28.contract.signed"].value == "partial"


@pytest.mark.parametrize("options", [{"rule": "mine"}, {"rule": "theirs"}, {}])
def test_merging_twice_changes_nothing_the_second_time(options):
    mine, theirs = conflicting()
    theirs.answer("t.a32.access.individual", "no", "Jean Dupont", "2026-11-29T11:05:00+01:00")
    first = run(mine, theirs.copy(), **options)
    merged = Laptop(first.assessment, first.history)
    if first.unresolved:  # nothing written: the second run asks the same question again
        assert run(merged, theirs.copy(), **options).unresolved == first.unresolved
        return
    second = run(merged, theirs.copy(), **options)
    assert not second.changed
    assert second.conflicts == [] and second.taken == []
    assert second.history == first.history and second.assessment == first.assessment


def test_the_same_change_on_both_copies_is_no_conflict():
    mine = base()
    theirs = mine.clone()
    mine.answer("t.a28.contract.signed", "yes", "Claire Martin", "2026-11-29T10:00:00+01:00")
    theirs.answer("t.a28.contract.signed", "yes", "Jean Dupont", "2026-11-29T10:02:00+01:00")
    result = run(mine, theirs.copy())
    assert result.conflicts == []
    assert result.assessment.answers["t.a28.contract.signed"].by == "Claire Martin"


def test_an_entry_written_by_an_older_version_is_still_the_shared_past():
    mine = base()
    theirs = mine.clone()
    for entry in theirs.history:  # as a file from before evidence and review were audited has them
        for side in ("old", "new"):
            if entry[side] is not None:
                entry[side] = {"value": entry[side]["value"], "note": entry[side]["note"]}
    mine.answer("t.a28.contract.signed", "yes", "Claire Martin", "2026-11-29T10:00:00+01:00")
    result = run(mine, theirs.copy())
    assert result.conflicts == [] and not result.changed


def test_an_answer_cleared_in_one_copy_is_cleared():
    mine = base()
    theirs = mine.clone()
    theirs.answer("t.a28.sub.any", None, "Jean Dupont", "2026-11-29T10:00:00+01:00")
    result = run(mine, theirs.copy())
    assert "t.a28.sub.any" not in result.assessment.answers


def test_ten_copies_each_answering_a_part():
    mine = base()
    laptops = [mine.clone() for _ in range(10)]
    for i, laptop in enumerate(laptops):
        laptop.answer(f"q{i}", ("yes", "no", "partial")[i % 3], f"Participant {i}", f"2026-11-29T10:{i:02d}:00+01:00")
    result = run(mine, *(laptop.copy(f"p{i}.vigie") for i, laptop in enumerate(laptops)))
    assert result.conflicts == []
    assert {f"q{i}" for i in range(10)} <= set(result.assessment.answers)


def test_a_later_copy_conflicting_with_an_earlier_one_shows_who_wrote_each():
    mine = base()
    first, second = mine.clone(), mine.clone()
    first.answer("t.a28.contract.signed", "yes", "Jean Dupont", "2026-11-29T10:00:00+01:00")
    second.answer("t.a28.contract.signed", "unknown", "Zoé Leroy", "2026-11-29T10:30:00+01:00")
    result = run(mine, first.copy("jean.vigie"), second.copy("zoe.vigie"))
    assert result.taken == [(0, "t.a28.contract.signed")]
    [conflict] = result.unresolved
    assert (conflict.copy, conflict.mine.by, conflict.theirs.by) == (1, "Jean Dupont", "Zoé Leroy")


def test_a_copy_of_another_assessment_is_refused():
    mine = base()
    other = mine.clone()
    other.assessment = replace(other.assessment, id=OTHER_ID, organisation=Organisation("Laboratoire du Port"))
    with pytest.raises(MergeRefused) as err:
        run(mine, other.copy("port.vigie"))
    assert "port.vigie" in str(err.value) and "Laboratoire du Port" in str(err.value) and OTHER_ID in str(err.value)


def test_a_copy_of_another_content_version_is_refused_naming_the_questions():
    mine = base()
    older = mine.clone()
    older.assessment.content = ContentStamp("rgpd", "0")
    versions = {"0": ("t.a28.contract.signed", "t.a28.retired"), "1": ("t.a28.contract.signed", "t.a28.sub.any")}
    with pytest.raises(MergeRefused) as err:
        run(mine, older.copy("ancien.vigie"), versions=versions)
    message = str(err.value)
    assert "ancien.vigie" in message and "t.a28.sub.any" in message and "t.a28.retired" in message
    # A copy whose version was never recorded is read against this content: not refused.
    older.assessment.content = ContentStamp()
    assert run(mine, older.copy(), versions=versions).conflicts == []


def test_plan_edits_custom_actions_and_participants_are_joined_field_by_field():
    mine = base()
    mine.assessment.action_edits["t.act.contract"] = ActionEdit(owner="dpo", status="doing")
    mine.assessment.custom_actions.append(CustomAction("custom-1", "Former l’équipe", owner="qualité"))
    theirs = mine.clone()
    theirs.assessment.action_edits["t.act.contract"] = ActionEdit(owner="achats", status="done", due="2027-01-31")
    theirs.assessment.action_edits["t.act.accounts"] = ActionEdit(status="doing")
    theirs.assessment.custom_actions.append(CustomAction("custom-2", "Revoir les habilitations"))
    theirs.assessment.participants.append(Participant("Jean Dupont", "DSI"))
    result = run(mine, theirs.copy("jean.vigie"))
    merged = result.assessment
    # A due date set on one side is taken; the owner set on both stays ours. A status that differs
    # stays ours too (« À lancer » when there is no edit): nothing tells which copy changed it.
    assert merged.action_edits["t.act.contract"] == ActionEdit(owner="dpo", status="doing", due="2027-01-31")
    assert "t.act.accounts" not in merged.action_edits
    assert [c.id for c in merged.custom_actions] == ["custom-1", "custom-2"]
    assert [p.name for p in merged.participants] == ["Jean Dupont"]
    assert [(d.kind, d.key, d.field, d.mine, d.theirs) for d in result.differences] == [
        ("action", "t.act.contract", "owner", "dpo", "achats"), ("action", "t.act.contract", "status", "doing", "done"),
        ("action", "t.act.accounts", "status", "todo", "doing")]
    assert not run(Laptop(merged, result.history), theirs.copy()).changed


def test_a_reworded_title_is_merged_like_the_other_fields_of_an_edit():
    mine = base()
    mine.assessment.action_edits["t.act.contract"] = ActionEdit(owner="dpo")
    mine.assessment.action_edits["t.act.accounts"] = ActionEdit(title="Comptes nominatifs pour tous")
    theirs = mine.clone()
    theirs.assessment.action_edits["t.act.contract"] = ActionEdit(owner="dpo", title="Faire signer l’avenant")
    theirs.assessment.action_edits["t.act.accounts"] = ActionEdit(title="Un compte par personne")
    theirs.assessment.action_edits["t.act.list_sub"] = ActionEdit(title="Lister les sous-traitants")
    result = run(mine, theirs.copy("jean.vigie"))
    merged = result.assessment.action_edits
    # Reworded on one side only: taken, beside this copy's other edits; on both, differently: ours
    # kept, and the difference shown.
    assert merged["t.act.contract"] == ActionEdit(owner="dpo", title="Faire signer l’avenant")
    assert merged["t.act.list_sub"] == ActionEdit(title="Lister les sous-traitants")
    assert merged["t.act.accounts"] == ActionEdit(title="Comptes nominatifs pour tous")
    assert [(d.key, d.field, d.mine, d.theirs) for d in result.differences] == [
        ("t.act.accounts", "title", "Comptes nominatifs pour tous", "Un compte par personne")]


@pytest.mark.parametrize("reopened", ["doing", None])  # « En cours », or back to the proposal's « À lancer »
def test_an_action_reopened_here_is_not_closed_again_by_a_copy_that_left_it_done(reopened):
    origin = base()
    origin.assessment.action_edits["t.act.contract"] = ActionEdit(status="done")
    origin.assessment.custom_actions.append(CustomAction("custom-1", "Former l’équipe", status="done"))
    mine, theirs = origin.clone(), origin.clone()
    if reopened is None:
        del mine.assessment.action_edits["t.act.contract"]  # what editing it back to « À lancer » stores
    else:
        mine.assessment.action_edits["t.act.contract"] = ActionEdit(status=reopened)
    mine.assessment.custom_actions[0] = CustomAction("custom-1", "Former l’équipe", status="doing")
    theirs.answer("t.a32.access.individual", "yes", "Jean Dupont", "2026-11-29T10:05:00+01:00")
    result = run(mine, theirs.copy("jean.vigie"))
    merged = result.assessment
    # The reopening made here stands; the copy's answer comes in.
    assert (merged.action_edits.get("t.act.contract") or ActionEdit()).status == reopened
    assert merged.custom_actions[0].status == "doing"
    assert merged.answers["t.a32.access.individual"].value == "yes"
    # And the person merging is told that the copy still says « Fait ».
    assert [(d.kind, d.key, d.field, d.mine, d.theirs) for d in result.differences] == [
        ("action", "t.act.contract", "status", reopened or "todo", "done"),
        ("custom", "custom-1", "status", "doing", "done")]


def test_a_follow_up_note_of_the_copy_is_brought_in_and_a_different_one_reported():
    mine = base()
    mine.assessment.action_notes["t.act.contract"] = "Devis demandé le 3/12"
    theirs = mine.clone()
    theirs.assessment.action_notes["t.act.contract"] = "Devis reçu"
    theirs.assessment.action_notes["t.act.accounts"] = "Voir avec la DSI"
    result = run(mine, theirs.copy("jean.vigie"))
    assert result.assessment.action_notes == {"t.act.contract": "Devis demandé le 3/12",
                                              "t.act.accounts": "Voir avec la DSI"}
    assert [(d.kind, d.key, d.field, d.mine, d.theirs) for d in result.differences] == [
        ("note", "t.act.contract", "note", "Devis demandé le 3/12", "Devis reçu")]
    assert mine.assessment.action_notes == {"t.act.contract": "Devis demandé le 3/12"}  # this copy untouched


def test_the_audited_fields_are_the_storage_ones():
    from wizard.storage.tables import AUDITED as STORED

    assert AUDITED == STORED


# -- no acknowledged change is lost ------------------------------------------------------------------
EDITS = st.lists(st.tuples(st.sampled_from(QUESTIONS), st.sampled_from(("yes", "partial", "no", "unknown", None)),
                           st.sampled_from(("", "vu sur place"))), max_size=12)


def _edited(laptop: Laptop, edits, who: str, minute0: int) -> Laptop:
    for i, (qid, value, note) in enumerate(edits):
        laptop.answer(qid, value, who, f"2026-11-29T{10 + (minute0 + i) // 60:02d}:{(minute0 + i) % 60:02d}:00+01:00",
                      note)
    return laptop


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS, EDITS, EDITS, st.sampled_from((None, "mine", "theirs", "newest")))
def test_no_acknowledged_change_is_lost(shared, edits_mine, edits_theirs, rule):
    origin = _edited(base(), shared, "Claire Martin", 0)
    mine = _edited(origin.clone(), edits_mine, "Claire Martin", 20)
    theirs = _edited(origin.clone(), edits_theirs, "Jean Dupont", 21)
    result = run(mine, theirs.copy(), rule=rule)
    changed_here = {q for q, _v, _n in edits_mine if any(e["question"] == q for e in mine.history[len(origin.history):])}
    changed_there = {q for q, _v, _n in edits_theirs
                     if any(e["question"] == q for e in theirs.history[len(origin.history):])}
    conflicted = {c.question for c in result.conflicts}
    answers = result.assessment.answers

    def final(laptop: Laptop, qid: str):
        return audited(laptop.assessment.answers.get(qid))

    for qid in QUESTIONS:
        here, there = final(mine, qid), final(theirs, qid)
        if here == there:
            assert audited(answers.get(qid)) == here
        elif qid in changed_there and qid not in changed_here:
            assert audited(answers.get(qid)) == there  # their change taken
        elif qid in changed_here and qid not in changed_there:
            assert audited(answers.get(qid)) == here  # ours kept
        else:  # both changed it differently: never settled silently
            assert qid in conflicted
            chosen = result.decisions.get((0, qid))
            expected = {"theirs": there, "mine": here, None: here}[chosen]
            assert audited(answers.get(qid)) == expected
    assert conflicted <= changed_here & changed_there
    if result.unresolved:
        assert rule is None  # nothing is written while a conflict waits for a choice
        return
    # What would be written: every change either copy acknowledged is in its trail, and merging
    # the copy again changes nothing.
    history = [{k: e[k] for k in ("question", "at", "by", "old", "new")} for e in result.history]
    for entry in mine.history + theirs.history:
        assert entry in history
    again = run(Laptop(result.assessment, result.history), theirs.copy(), rule=rule)
    assert not again.changed
