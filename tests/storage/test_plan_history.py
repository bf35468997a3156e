"""The plan's notes and its history of named changes: stored in one write, read back, carried by
.vigie files, absent (and harmless) in files written before they existed."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest

from tests.conftest import MINI_QUESTIONNAIRE
from tests.storage.conftest import FIXTURE_ID, install, snapshot
from wizard.core.answers_file import AnswersFileError, assessment_from_dict, assessment_to_dict
from wizard.core.plan_changes import PlanChange
from wizard.core.questionnaire import load_questionnaire
from wizard.operations.session import Session, SessionError
from wizard.storage import Store
from wizard.storage.crypto import canonical
from wizard.storage.exchange import ExchangeError

QUESTIONNAIRE = load_questionnaire(MINI_QUESTIONNAIRE)


@pytest.fixture
def session(store, lab):
    s = Session(store, lab.id, QUESTIONNAIRE)
    s.answer("t.a28.contract.signed", "no")
    s.answer("t.a32.access.individual", "no")
    yield s
    s.close()


def test_an_import_is_one_write_and_one_entry(session, store):
    backups = len(store.list_backups(session.assessment.id))
    changed = session.apply_plan_changes(
        [PlanChange("t.act.contract", status="done", note="Signé le 3/12"),
         PlanChange("t.act.accounts", owner="Jean Dupont", due="2027-05-01")],
        operation="sheet-import", source="plan.xlsx", by="Claire")
    assert len(changed) == 4
    assert len(store.list_backups(session.assessment.id)) == backups + 1  # one version, not four
    loaded = store.load(session.assessment.id)
    assert loaded.action_notes == {"t.act.contract": "Signé le 3/12"}
    assert loaded.action_edits["t.act.accounts"].owner == "Jean Dupont"
    [entry] = store.plan_history(session.assessment.id)
    assert (entry.by, entry.operation, entry.source) == ("Claire", "sheet-import", "plan.xlsx")
    proposed = (session.assessment.date + timedelta(days=30)).isoformat()  # a P1 action's delay
    assert {(c["action"], c["field"], c["old"], c["new"]) for c in entry.changes} == {
        ("t.act.contract", "status", "todo", "done"), ("t.act.contract", "note", "", "Signé le 3/12"),
        ("t.act.accounts", "owner", "it", "Jean Dupont"), ("t.act.accounts", "due", proposed, "2027-05-01")}
    assert store.history(session.assessment.id) and all(h.question for h in store.history(session.assessment.id))


def test_a_change_the_rules_refuse_stores_nothing(session, store):
    before = snapshot(store.data_dir)
    with pytest.raises(SessionError):
        session.apply_plan_changes([PlanChange("t.act.contract", status="done"),
                                    PlanChange("t.act.accounts", status="finished")], operation="sheet-import")
    with pytest.raises(SessionError):
        session.apply_plan_changes([PlanChange("t.act.contract", note="x" * 20_001)], operation="sheet-import")
    with pytest.raises(SessionError):
        session.apply_plan_changes([PlanChange("t.act.nowhere", status="done")], operation="sheet-import")
    assert snapshot(store.data_dir) == before


def test_notes_and_plan_history_travel_in_a_vigie_file(session, store):
    session.apply_plan_changes([PlanChange("t.act.contract", status="doing", note="Relancer l’éditeur")],
                               operation="sheet-import", source="plan.xlsx")
    data = store.export_exchange(session.assessment.id)
    other = Store(store.data_dir.parent / "other")
    imported, _mode = other.import_exchange(data, QUESTIONNAIRE)
    assert other.load(imported.id).action_notes == {"t.act.contract": "Relancer l’éditeur"}
    assert other.plan_history(imported.id) == store.plan_history(session.assessment.id)


def test_a_vigie_file_with_a_malformed_plan_history_is_refused(session, store):
    session.apply_plan_changes([PlanChange("t.act.contract", status="doing")], operation="sheet-import")
    doc = json.loads(store.export_exchange(session.assessment.id))
    doc["content"]["plan_history"][0]["changes"][0]["field"] = "title"
    doc["sha256"] = hashlib.sha256(canonical(doc["content"])).hexdigest()
    other = Store(store.data_dir.parent / "other")
    with pytest.raises(ExchangeError, match=r"plan_history\[0\]\.changes\[0\]\.field"):
        other.import_exchange(json.dumps(doc).encode(), QUESTIONNAIRE)


def test_a_file_written_before_notes_and_plan_history_reads_without_them(store):
    install("v2-lab.vigie.json", store)
    assert store.load(FIXTURE_ID).action_notes == {}
    assert store.plan_history(FIXTURE_ID) == []


def test_answers_file_carries_notes_only_when_there_are_some(session):
    plain = assessment_to_dict(session.assessment)
    assert "action_notes" not in plain  # the same file as before for an assessment without notes
    session.apply_plan_changes([PlanChange("t.act.contract", note="Devis reçu")], operation="sheet-import")
    data = assessment_to_dict(session.assessment)
    assert data["action_notes"] == {"t.act.contract": "Devis reçu"}
    assert assessment_from_dict(data, QUESTIONNAIRE).action_notes == {"t.act.contract": "Devis reçu"}
    data["action_notes"] = {"t.act.contract": 42}
    with pytest.raises(AnswersFileError, match=r"action_notes\.t\.act\.contract"):
        assessment_from_dict(data, QUESTIONNAIRE)
