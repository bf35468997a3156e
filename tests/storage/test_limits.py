"""The application's operations keep the same limits as the files: nothing out of bounds is stored,
whatever door it comes through (the UI and the CLI both go through Session and Store). The numbers
are the documented limits of wizard.core.limits."""

from __future__ import annotations

import pytest

from tests.storage.conftest import snapshot
from wizard.core.model import ActionEdit, CustomAction, Organisation
from wizard.operations.session import Session, SessionError
from wizard.storage import StorageError


@pytest.mark.parametrize("change", [
    lambda s: s.answer("t.a28.contract.signed", "no", note="n" * (20_001)),
    lambda s: s.answer("t.a28.contract.signed", "no", evidence="\ud800"),
    lambda s: s.answer("t.a28.contract.signed", "no", by="b" * (201)),
    lambda s: s.edit_action("t.act.contract", ActionEdit(due="garbage")),
    lambda s: s.edit_action("t.act.contract", ActionEdit(due="9999-12-31")),
    lambda s: s.edit_action("t.act.contract", ActionEdit(priority="P9")),
    lambda s: s.edit_action("-a", ActionEdit(owner="dpo")),
    lambda s: s.set_custom_actions([CustomAction("custom-1", "X", priority="P9")]),
    lambda s: s.set_custom_actions([CustomAction("custom-1", "X", due="nope")]),
    lambda s: s.set_custom_actions([CustomAction("custom-1", "T" * (301))]),
    lambda s: s.set_custom_actions([CustomAction("custom-1", "X"), CustomAction("custom-1", "Y")]),
])
def test_session_refuses_and_stores_nothing(store, lab, change):
    with Session(store, lab.id) as session:
        before = snapshot(store.folder)
        with pytest.raises(SessionError):
            change(session)
        assert snapshot(store.folder) == before
        assert session.assessment.answers == {} and session.assessment.custom_actions == []


@pytest.mark.parametrize(("org", "kw", "field"), [
    (Organisation("O" * (201)), {}, "organisation.name"),
    (Organisation("Labo", address="a" * (1_001)), {}, "organisation.address"),
    (Organisation("Labo"), {"assessor": "a" * (201)}, "assessor"),
    (Organisation("Labo"), {"assessor": "Zoé \udcff"}, "assessor"),
])
def test_create_refuses_details_out_of_bounds(store, org, kw, field):
    with pytest.raises(StorageError) as err:
        store.create("lab", org, **kw)
    assert str(err.value).startswith(field)
    assert store.list() == []


def test_create_refuses_a_date_out_of_range(store):
    from datetime import date

    with pytest.raises(StorageError, match="date"):
        store.create("lab", Organisation("Labo"), when=date(9999, 12, 31))
