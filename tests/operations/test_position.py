"""Where the user was in an assessment comes back at the next opening; moving between pages
writes nothing until the session closes, and a session whose assessment went away closes cleanly."""

from __future__ import annotations

from datetime import date

from wizard.core.model import Organisation
from wizard.operations.session import Session
from wizard.storage import Store


def made(data_dir):
    store = Store(data_dir)
    return store, store.create("lab", Organisation("Laboratoire Saint-Éloi"), when=date(2026, 11, 28))


def test_the_place_is_written_when_the_session_closes(data_dir, mini):
    store, lab = made(data_dir)
    session = Session(store, lab.id, mini)
    modified = {p.name: p.stat().st_mtime_ns for p in (data_dir / "assessments").iterdir()}
    session.save_position("t.a28.sub.any")
    session.save_position("t.a32.access.individual")
    assert {p.name: p.stat().st_mtime_ns for p in (data_dir / "assessments").iterdir()} == modified
    session.close()
    assert Store(data_dir).load(lab.id).position == "t.a32.access.individual"


def test_an_answer_is_on_disk_at_once_even_if_the_place_is_not(data_dir, mini):
    store, lab = made(data_dir)
    session = Session(store, lab.id, mini)
    session.save_position("t.a28.sub.any")
    session.answer("t.a28.contract.signed", "no")
    assert Store(data_dir).load(lab.id).answers["t.a28.contract.signed"].value == "no"
    session.close()


def test_closing_after_the_assessment_was_deleted_raises_nothing(data_dir, mini):
    store, lab = made(data_dir)
    session = Session(store, lab.id, mini)
    session.save_position("t.a28.sub.any")
    store.delete(lab.id)  # as the demonstration goes away while it is open
    session.close()  # nothing left to remember the place in: no error either
    assert lab.id not in [s.id for s in Store(data_dir).list()]
