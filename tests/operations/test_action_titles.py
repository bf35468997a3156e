"""The organisation's own wording of an action's title, through the session: stored at once for a
computed or a custom action, the catalogue's brought back by « Revenir aux valeurs proposées »,
refused (nothing stored) when blank, too long or read only; a spreadsheet shows it, and its title
column is never taken back."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.core import limits
from wizard.core.model import ActionEdit, Organisation
from wizard.core.plan_edits import PlanEditError
from wizard.operations.session import Session, SessionError
from wizard.storage import Store

CONTRACT = "t.act.contract"  # « Signer un contrat conforme » in the small questionnaire
WORDING = "Faire signer l’avenant RGPD par l’hébergeur"


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


def planned(session: Session, action_id: str):
    return next(a for a in session.plan() if a.id == action_id)


def test_a_computed_action_is_reworded_and_reset_brings_the_catalogues_back(session):
    session.edit_plan_action(CONTRACT, owner="dpo")
    session.edit_plan_action(CONTRACT, title=f"  {WORDING} ")
    assert reread(session).action_edits[CONTRACT] == ActionEdit(owner="dpo", title=WORDING)
    action = planned(session, CONTRACT)
    assert action.title.get("fr") == WORDING and action.reworded
    assert action.catalogue_title is not None and action.catalogue_title.get("fr") == "Signer un contrat conforme"
    session.reset_plan_action(CONTRACT)
    assert CONTRACT not in reread(session).action_edits
    action = planned(session, CONTRACT)
    assert action.title.get("fr") == "Signer un contrat conforme" and not action.reworded


def test_a_custom_action_is_reworded_after_it_was_added(session):
    custom = session.add_custom_action("Former l’accueil", owner="Claire")
    session.edit_plan_action(custom.id, title="Former l’accueil au secret médical")
    [stored] = reread(session).custom_actions
    assert (stored.id, stored.title, stored.owner) == (custom.id, "Former l’accueil au secret médical", "Claire")
    assert planned(session, custom.id).title.get("fr") == "Former l’accueil au secret médical"
    assert not planned(session, custom.id).reworded  # its title was always the organisation's


@pytest.mark.parametrize("custom", [False, True])
@pytest.mark.parametrize("title, says", [
    ("   ", "intitulé"),
    ("x" * (limits.ACTION_TITLE + 1), "300"),
])
def test_a_refused_title_stores_nothing(session, custom, title, says):
    action = session.add_custom_action("Former l’accueil").id if custom else CONTRACT
    before = session.store.path_of(session.assessment.id).read_bytes()
    with pytest.raises((SessionError, PlanEditError)) as refused:
        session.edit_plan_action(action, title=title)
    assert says in str(refused.value)
    assert session.store.path_of(session.assessment.id).read_bytes() == before
    assert planned(session, action).title.get("fr") in ("Former l’accueil", "Signer un contrat conforme")


def test_a_read_only_session_refuses_a_new_title(session):
    reader = Session(Store(session.store.data_dir), session.assessment.id, session.questionnaire, read_only=True)
    before = session.store.path_of(session.assessment.id).read_bytes()
    with pytest.raises(SessionError):
        reader.edit_plan_action(CONTRACT, title=WORDING)
    assert session.store.path_of(session.assessment.id).read_bytes() == before
    reader.close()


def test_the_spreadsheet_shows_the_wording_and_never_takes_the_title_column_back(session, tmp_path):
    from openpyxl import load_workbook

    from wizard.operations.spreadsheets import apply_plan_sheet, export_plan, read_plan_sheet

    session.edit_plan_action(CONTRACT, title=WORDING)
    csv = export_plan(session.evaluation(), tmp_path / "plan.csv", lang="fr").read_bytes().decode("utf-8-sig")
    assert WORDING in csv and "Signer un contrat conforme" not in csv
    out = export_plan(session.evaluation(), tmp_path / "plan.xlsx", lang="fr")
    book = load_workbook(out)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    [row] = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == CONTRACT]
    assert sheet.cell(row, header.index("Action") + 1).value == WORDING
    sheet.cell(row, header.index("Action") + 1).value = "Un intitulé changé dans le tableur"
    sheet.cell(row, header.index("Statut") + 1).value = "En cours"
    book.save(out)

    found = read_plan_sheet(session, out)
    assert found.problems == ()
    changed = apply_plan_sheet(session, found)
    assert [(c.action_id, c.field) for c in changed] == [(CONTRACT, "status")]
    assert reread(session).action_edits[CONTRACT] == ActionEdit(status="doing", title=WORDING)
