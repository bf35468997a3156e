"""Merging .vigie copies into a stored assessment (wizard.operations.merging): copies made, edited and
exported by real data folders; refused files change nothing; the decisions are in the stored history."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINI_QUESTIONNAIRE
from tests.storage.conftest import snapshot
from wizard.core.model import Organisation
from wizard.core.registry import ContentRegistry
from wizard.operations.errors import OperationError
from wizard.operations.workspace import Workspace
from wizard.storage.crypto import canonical
from wizard.storage.exchange import read_exchange

REGISTRY = ContentRegistry([MINI_QUESTIONNAIRE])


class Laptops:
    """The consultant's data folder (here) and the copies made on other laptops."""

    def __init__(self, root: Path, registry: ContentRegistry = REGISTRY) -> None:
        self.root, self.registry = root, registry
        self.here = Workspace.open(root / "here", registry=registry)
        self.assessment = self.here.create("lab", Organisation("Laboratoire des Tilleuls"), assessor="Claire Martin")
        self.answer(self.here, "t.a28.contract.signed", "no", "Claire Martin")
        self.answer(self.here, "t.a28.sub.any", "yes", "Claire Martin")
        self.count = 0

    @property
    def id(self) -> str:
        return self.assessment.id

    def answer(self, workspace: Workspace, qid: str, value: str | None, by: str, note: str | None = None) -> None:
        with workspace.open_session(self.id) as session:
            session.answer(qid, value, by=by, note=note)

    def laptop(self) -> Workspace:
        """Another laptop holding a copy of the assessment as it is here now."""
        self.count += 1
        exported = self.here.export_exchange(self.id, self.root / f"out{self.count}.vigie")
        other = Workspace.open(self.root / f"laptop{self.count}", registry=self.registry)
        other.import_file(exported)
        return other

    def send_back(self, laptop: Workspace, name: str) -> Path:
        return laptop.export_exchange(self.id, self.root / name)

    def value(self, qid: str) -> str | None:
        answer = self.here.load(self.id).answers.get(qid)
        return None if answer is None else answer.value


@pytest.fixture
def laptops(tmp_path):
    made = Laptops(tmp_path)
    yield made
    made.here.close()


def test_disjoint_changes_merge_and_are_stored_in_one_write(laptops):
    jean = laptops.laptop()
    laptops.answer(jean, "t.a32.access.individual", "yes", "Jean Dupont", note="Comptes AD nominatifs")
    laptops.answer(laptops.here, "t.a28.contract.signed", "partial", "Claire Martin")
    backups = len(laptops.here.backups(laptops.id))
    merged = laptops.here.merge(laptops.id, [laptops.send_back(jean, "jean.vigie")])
    assert merged.written and merged.result.conflicts == []
    assert laptops.value("t.a32.access.individual") == "yes" and laptops.value("t.a28.contract.signed") == "partial"
    assert [(e.by, e.new_value) for e in laptops.here.history(laptops.id, "t.a32.access.individual")] == [
        ("Jean Dupont", "yes")]
    # The version replaced is kept among the backups.
    assert len(laptops.here.backups(laptops.id)) == backups + 1


def test_a_conflict_waits_for_a_choice_then_the_history_shows_it(laptops):
    jean = laptops.laptop()
    laptops.answer(jean, "t.a28.contract.signed", "yes", "Jean Dupont", note="Signé le 12/11")
    laptops.answer(laptops.here, "t.a28.contract.signed", "partial", "Claire Martin")
    copy = laptops.send_back(jean, "jean.vigie")
    before = snapshot(laptops.here.data_dir / "assessments")
    waiting = laptops.here.merge(laptops.id, [copy])
    assert not waiting.written and [c.question for c in waiting.result.unresolved] == ["t.a28.contract.signed"]
    assert snapshot(laptops.here.data_dir / "assessments") == before  # nothing written
    done = laptops.here.merge(laptops.id, [copy], decisions={(0, "t.a28.contract.signed"): "theirs"},
                              who="Zoé Leroy")
    assert done.written and laptops.value("t.a28.contract.signed") == "yes"
    decision = laptops.here.history(laptops.id, "t.a28.contract.signed")[-1]
    assert (decision.by, decision.old_value, decision.new_value) == ("Zoé Leroy", "partial", "yes")
    assert decision.merge["kept"] == "theirs" and decision.merge["rule"] == "chosen"
    assert decision.merge["copy"] == "jean.vigie" and decision.merge["other"]["value"] == "partial"


def test_merging_twice_changes_nothing_the_second_time(laptops):
    jean = laptops.laptop()
    laptops.answer(jean, "t.a28.contract.signed", "yes", "Jean Dupont")
    laptops.answer(laptops.here, "t.a28.contract.signed", "unknown", "Claire Martin")
    laptops.answer(jean, "t.a32.access.individual", "no", "Jean Dupont")
    copy = laptops.send_back(jean, "jean.vigie")
    assert laptops.here.merge(laptops.id, [copy], rule="mine").written
    before = snapshot(laptops.here.data_dir)
    again = laptops.here.merge(laptops.id, [copy])
    assert not again.written and not again.result.changed and again.result.conflicts == []
    assert snapshot(laptops.here.data_dir) == before


def test_the_merged_assessment_travels_with_its_decisions(laptops, tmp_path):
    jean = laptops.laptop()
    laptops.answer(jean, "t.a28.contract.signed", "yes", "Jean Dupont")
    laptops.answer(laptops.here, "t.a28.contract.signed", "partial", "Claire Martin")
    plain = laptops.send_back(jean, "jean.vigie")
    assert json.loads(plain.read_bytes())["version"] == 1  # no decision in it: readable by older versions
    laptops.here.merge(laptops.id, [plain], rule="newest")
    out = laptops.here.export_exchange(laptops.id, tmp_path / "merged.vigie")
    assert json.loads(out.read_bytes())["version"] == 2  # a merge decision, no reworded action
    assessment, history, _plan_history = read_exchange(out.read_bytes(), REGISTRY.default)
    assert [e["merge"]["rule"] for e in history if "merge" in e] == ["newest"]


def test_a_merge_keeps_the_plan_history_and_adds_what_it_changed_in_the_plan(laptops):
    from wizard.core.plan_changes import PlanChange

    laptops.answer(laptops.here, "t.a32.access.individual", "no", "Claire Martin")  # t.act.accounts
    with laptops.here.open_session(laptops.id) as session:
        session.apply_plan_changes([PlanChange("t.act.contract", status="doing")], operation="sheet-import",
                                   source="plan.xlsx")
    [imported] = laptops.here.plan_history(laptops.id)
    jean = laptops.laptop()
    laptops.answer(jean, "t.a28.sub.any", "no", "Jean Dupont")
    with jean.open_session(laptops.id) as session:
        session.edit_plan_action("t.act.accounts", owner="Jean Dupont")
        session.set_action_note("t.act.accounts", "Comptes AD à créer")
    copy = laptops.send_back(jean, "jean.vigie")

    merged = laptops.here.merge(laptops.id, [copy], who="Zoé Leroy")

    assert merged.written and laptops.value("t.a28.sub.any") == "no"
    history = laptops.here.plan_history(laptops.id)
    assert history[0] == imported  # the spreadsheet's import is still there
    # Jean's two edits on his laptop come with his copy (common ground for the next merge), then
    # the merge's own entry.
    brought, entry = history[1:3], history[3]
    assert [e.operation for e in brought] == ["edit", "edit"]
    assert [c["field"] for e in brought for c in e.changes] == ["owner", "note"]
    assert (entry.operation, entry.source, entry.by) == ("merge", "jean.vigie", "Zoé Leroy")
    assert {(c["action"], c["field"], c["old"], c["new"]) for c in entry.changes} == {
        ("t.act.accounts", "owner", "it", "Jean Dupont"), ("t.act.accounts", "note", "", "Comptes AD à créer")}
    # And it travels with the assessment.
    out = laptops.here.export_exchange(laptops.id, laptops.root / "merged.vigie")
    _assessment, _history, travelled = read_exchange(out.read_bytes(), REGISTRY.default)
    assert [e["operation"] for e in travelled] == ["sheet-import", "edit", "edit", "merge"]


def _status(laptops: Laptops, workspace: Workspace, action_id: str) -> str:
    with workspace.open_session(laptops.id) as session:
        return next(a.status for a in session.evaluation().plan if a.id == action_id)


def test_plan_changes_made_in_one_copy_only_come_in_without_asking(laptops):
    """The client closed one action and cleared a note the consultant had left on
    another, on a laptop; here, nobody touched those fields since the copy left. The plan's
    history tells, so the merge brings them in and reports nothing; merging again changes nothing."""
    laptops.answer(laptops.here, "t.a32.access.individual", "no", "Claire Martin")  # t.act.accounts
    with laptops.here.open_session(laptops.id) as session:
        session.set_action_note("t.act.accounts", "Liste à demander")
    client = laptops.laptop()
    with client.open_session(laptops.id) as session:
        session.edit_plan_action("t.act.contract", status="done")
        session.set_action_note("t.act.accounts", "")
    copy = laptops.send_back(client, "client.vigie")
    with laptops.here.open_session(laptops.id) as session:  # meanwhile, here, another action moves
        session.edit_plan_action("t.act.accounts", status="doing")

    merged = laptops.here.merge(laptops.id, [copy], who="Claire Martin")

    assert merged.written and merged.result.differences == []
    assert _status(laptops, laptops.here, "t.act.contract") == "done"
    assert _status(laptops, laptops.here, "t.act.accounts") == "doing"  # changed here only: kept
    assert "t.act.accounts" not in laptops.here.load(laptops.id).action_notes  # cleared there: cleared
    again = laptops.here.merge(laptops.id, [copy], who="Claire Martin")
    assert not again.written and again.result.differences == []


def test_a_status_changed_differently_in_both_copies_keeps_this_one_and_says_so(laptops):
    client = laptops.laptop()
    with client.open_session(laptops.id) as session:
        session.edit_plan_action("t.act.contract", status="done")
    copy = laptops.send_back(client, "client.vigie")
    with laptops.here.open_session(laptops.id) as session:
        session.edit_plan_action("t.act.contract", status="dropped")

    merged = laptops.here.merge(laptops.id, [copy], who="Claire Martin")

    assert [(d.key, d.field, d.mine, d.theirs) for d in merged.result.differences] == [
        ("t.act.contract", "status", "dropped", "done")]
    assert _status(laptops, laptops.here, "t.act.contract") == "dropped"


def test_a_copy_of_another_assessment_is_refused_and_nothing_written(laptops):
    other = laptops.here.create("lab", Organisation("Laboratoire du Port"))
    foreign = laptops.here.export_exchange(other.id, laptops.root / "port.vigie")
    before = snapshot(laptops.here.data_dir / "assessments")
    with pytest.raises(OperationError) as err:
        laptops.here.merge(laptops.id, [foreign])
    assert "port.vigie" in str(err.value) and "Laboratoire du Port" in str(err.value)
    assert snapshot(laptops.here.data_dir / "assessments") == before


def _resigned(path: Path, change) -> Path:
    import hashlib

    doc = json.loads(path.read_bytes())
    change(doc)
    doc["sha256"] = hashlib.sha256(canonical(doc["content"])).hexdigest()
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("damage", "message"), [
    (lambda p: p.write_bytes(p.read_bytes().replace(b'"value": "yes"', b'"value": "no"', 1)), "somme de contrôle"),
    (lambda p: p.write_bytes(p.read_bytes().replace(b'"version": 1', b'"version": 9', 1)), "format 9"),
    (lambda p: p.write_bytes(b"%PDF-1.7\n"), "JSON illisible"),
    (lambda p: p.unlink(), "jean.vigie"),
    (lambda p: _resigned(p, lambda d: d["content"]["history"][0].update(merge={"kept": "both"})), "merge"),
    (lambda p: _resigned(p, lambda d: d["content"]["assessment"]["content"].update(version="2099.1")), "2099.1"),
])
def test_a_wrong_altered_foreign_or_newer_file_is_refused_and_nothing_written(laptops, damage, message):
    jean = laptops.laptop()
    laptops.answer(jean, "t.a28.contract.signed", "yes", "Jean Dupont")
    copy = laptops.send_back(jean, "jean.vigie")
    damage(copy)
    before = snapshot(laptops.here.data_dir / "assessments")
    with pytest.raises(OperationError) as err:
        laptops.here.merge(laptops.id, [copy])
    assert message in str(err.value) and "jean.vigie" in str(err.value)
    assert snapshot(laptops.here.data_dir / "assessments") == before


def _versioned_content(folder: Path) -> Path:
    """The small questionnaire with two content versions: « 1 » had a question since retired, and
    lacked a question of each profile added since."""
    shutil.copytree(MINI_QUESTIONNAIRE, folder)
    ids = [q.id for q in REGISTRY.default.questions]
    current = json.dumps(ids)
    older = json.dumps([i for i in ids if i not in ("t.a32.access.vendor_only", "t.a28.sub.same_terms")]
                       + ["t.a32.access.retired"])
    (folder / "framework.yaml").write_text((folder / "framework.yaml").read_text(encoding="utf-8").replace(
        'content_version: "1"', 'content_version: "2"'), encoding="utf-8")
    (folder / "versions.yaml").write_text(
        f'format: vigie-content-versions\nversion: 1\nversions:\n  "1": {older}\n  "2": {current}\n', encoding="utf-8")
    return folder


def test_content_versions_are_recorded_and_copies_of_another_one_refused_naming_the_questions(tmp_path):
    registry = ContentRegistry([_versioned_content(tmp_path / "content")])
    laptops = Laptops(tmp_path, registry)
    assert laptops.assessment.content.version == "2"
    assert laptops.here.reassess(laptops.id).content.version == "2"
    jean = laptops.laptop()
    copy = _resigned(laptops.send_back(jean, "jean.vigie"),
                     lambda d: d["content"]["assessment"]["content"].update(version="1"))
    with pytest.raises(OperationError) as err:
        laptops.here.merge(laptops.id, [copy])
    message = str(err.value)
    assert "jean.vigie" in message and "t.a28.sub.same_terms" in message and "t.a32.access.retired" in message
    # A laboratory's copies are told of the laboratory's questions only, not of a vendor's.
    assert "t.a32.access.vendor_only" not in message
    laptops.here.close()


# -- no acknowledged change is lost, through real data folders -----------------------------------
QUESTIONS = ("t.a28.contract.signed", "t.a28.contract.audit", "t.a32.access.individual")
EDITS = st.lists(st.tuples(st.sampled_from(QUESTIONS), st.sampled_from(("yes", "partial", "no", None))), max_size=5)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(EDITS, EDITS, st.sampled_from(("mine", "theirs", "newest")))
def test_no_change_acknowledged_by_either_laptop_is_lost(tmp_path_factory, edits_here, edits_there, rule):
    laptops = Laptops(tmp_path_factory.mktemp("merge"))
    try:
        jean = laptops.laptop()
        for qid, value in edits_here:
            laptops.answer(laptops.here, qid, value, "Claire Martin")
        for qid, value in edits_there:
            laptops.answer(jean, qid, value, "Jean Dupont")
        mine_history = laptops.here.history(laptops.id)
        theirs = jean.load(laptops.id)
        theirs_history = jean.history(laptops.id)
        here = laptops.here.load(laptops.id)
        merged = laptops.here.merge(laptops.id, [laptops.send_back(jean, "jean.vigie")], rule=rule)
        stored = laptops.here.load(laptops.id)
        conflicted = {c.question: merged.result.decisions[c.ref] for c in merged.result.conflicts}
        changed_here = {e.question for e in mine_history[2:]}
        changed_there = {e.question for e in theirs_history[2:]}
        assert set(conflicted) <= changed_here & changed_there  # only a question both changed is asked
        def value(answer):
            return None if answer is None else (answer.value, answer.note)

        for qid in QUESTIONS:
            a, b, got = here.answers.get(qid), theirs.answers.get(qid), stored.answers.get(qid)
            if qid in conflicted:
                assert value(got) == value(b if conflicted[qid] == "theirs" else a)
            elif qid in changed_there and qid not in changed_here:
                assert value(got) == value(b)
            else:
                assert value(got) == value(a)
        kept = {(e.question, e.at, e.by, str(e.old), str(e.new)) for e in laptops.here.history(laptops.id)}
        assert all((e.question, e.at, e.by, str(e.old), str(e.new)) in kept for e in mine_history + theirs_history)
    finally:
        laptops.here.close()
