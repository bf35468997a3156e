"""A follow-up note per action, through the session: stored at once, one write per real change,
refused for an action the plan does not have or beyond the length limit, nothing stored then."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.core import limits
from wizard.core.model import Organisation
from wizard.core.plan_edits import PlanEditError
from wizard.operations.session import Session, SessionError
from wizard.storage import Store


@pytest.fixture
def session(data_dir, mini):
    store = Store(data_dir)
    made = store.create("lab", Organisation("Laboratoire Saint-Éloi"), when=date(2026, 11, 28))
    s = Session(store, made.id, mini)
    s.answer("t.a28.contract.signed", "no")
    yield s
    s.close()


def reread(session: Session):
    return Store(session.store.data_dir).load(session.assessment.id)


def test_a_note_is_stored_and_an_empty_one_removed(session):
    action = session.plan()[0].id
    session.set_action_note(action, "Avenant envoyé au prestataire le 2 décembre")
    assert reread(session).action_notes == {action: "Avenant envoyé au prestataire le 2 décembre"}
    assert next(a for a in session.plan() if a.id == action).note.startswith("Avenant envoyé")
    session.set_action_note(action, "  ")
    assert reread(session).action_notes == {}


def test_the_same_note_again_writes_nothing(session):
    action = session.plan()[0].id
    session.set_action_note(action, "Point d’étape en janvier")
    path = session.store.path_of(session.assessment.id)
    before = path.read_bytes()
    session.set_action_note(action, "Point d’étape en janvier")
    assert path.read_bytes() == before


@pytest.mark.parametrize("action, note, says", [
    ("t.act.nowhere", "une note", "t.act.nowhere"),
    (None, "x" * (limits.TEXT + 1), "action_notes"),
])
def test_a_refused_note_stores_nothing(session, action, note, says):
    action = action or session.plan()[0].id
    with pytest.raises((SessionError, PlanEditError)) as refused:
        session.set_action_note(action, note)
    assert says in str(refused.value)
    assert reread(session).action_notes == {}
