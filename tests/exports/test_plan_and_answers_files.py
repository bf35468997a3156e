"""The plan and the answers as files people work with, read back with the libraries they will meet:
openpyxl for the workbook, the csv module for the CSV, icalendar for the calendar."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from tests.exports.conftest import ANSWERS
from wizard.operations.spreadsheets import export_answers, export_plan


@pytest.fixture
def plan(session):
    return session.evaluation().plan


def test_plan_workbook_has_the_plan_rows_with_dates_as_dates(session, plan, tmp_path):
    from openpyxl import load_workbook

    out = export_plan(session.evaluation(), tmp_path / "plan.xlsx")
    book = load_workbook(out)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:7] == ("Identifiant", "Priorité", "Action", "Responsable", "Échéance", "Statut", "Notes")
    assert [r[0] for r in rows[1:]] == [a.id for a in plan]  # same rows, same order
    for action, row in zip(plan, rows[1:], strict=True):
        values = dict(zip(header, row, strict=True))
        assert values["Priorité"] == action.priority
        assert values["Action"] == action.title.get("fr")
        assert isinstance(values["Échéance"], datetime)  # a date cell, not text
        assert values["Échéance"].date() == action.due
        assert values["Statut"] == "À lancer"
    owners = {r[0]: r[3] for r in rows[1:]}
    assert owners["t.act.contract"] == "Achats / juridique"  # the framework's label of the role
    assert owners["t.act.accounts"] == "Jean Dupont"  # a name the user typed
    custom = next(r for r in rows[1:] if r[2] == "Former l’équipe d’accueil")
    assert custom[4].date() == date(2027, 3, 15)


def test_plan_workbook_is_a_real_table(session, tmp_path):
    from openpyxl import load_workbook

    sheet = load_workbook(export_plan(session.evaluation(), tmp_path / "plan.xlsx")).worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert list(sheet.tables) == ["PlanAction"]
    assert sheet.tables["PlanAction"].ref == f"A1:L{len(session.evaluation().plan) + 1}"
    assert sheet["E2"].number_format == "DD/MM/YYYY"
    assert sheet.column_dimensions["C"].width >= 40 and sheet.column_dimensions["E"].width >= 10
    fills = {sheet.cell(r, 2).value: sheet.cell(r, 2).fill.fgColor.rgb for r in range(2, sheet.max_row + 1)}
    assert fills["P1"].endswith("B3261E") and fills["P2"].endswith("C77700") and fills["P3"].endswith("2E7D32")
    statuses = [v for v in sheet.data_validations.dataValidation if "À lancer" in (v.formula1 or "")]
    assert statuses and "F2" in str(statuses[0].sqref)
    about = load_workbook(tmp_path / "plan.xlsx").worksheets[1]
    assert about["B1"].value == "Laboratoire Saint-Éloi"


def test_a_note_that_looks_like_a_formula_stays_text(session, tmp_path):
    from openpyxl import load_workbook

    session.apply_plan_changes([_note("t.act.contract", '=HYPERLINK("http://x","clic")')], operation="sheet-import")
    out = export_plan(session.evaluation(), tmp_path / "plan.xlsx")
    cell = load_workbook(out).worksheets[0]["G2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    text = export_plan(session.evaluation(), tmp_path / "plan.csv").read_bytes().decode("utf-8-sig")
    assert ";'=HYPERLINK(" in text.replace('"', "")  # Excel shows it, never runs it


def _note(action_id: str, note: str):
    from wizard.core.plan_changes import PlanChange

    return PlanChange(action_id, note=note)


def test_plan_csv_opens_in_french_excel(session, plan, tmp_path):
    data = export_plan(session.evaluation(), tmp_path / "plan.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:6] == ["Identifiant", "Priorité", "Action", "Responsable", "Échéance", "Statut"]
    assert [r[0] for r in rows[1:]] == [a.id for a in plan]
    assert [r[4] for r in rows[1:]] == [a.due.strftime("%d/%m/%Y") for a in plan]
    assert all(len(r) == len(rows[0]) for r in rows)


def test_plan_calendar_has_one_event_per_action_on_its_due_date(session, plan, tmp_path):
    from icalendar import Calendar

    calendar = Calendar.from_ical(export_plan(session.evaluation(), tmp_path / "plan.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(plan)
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(plan)  # a uid each, stable: re-importing updates
    for action in plan:
        event = by_uid[f"{action.id}.{session.assessment.id}@vigie"]
        assert event.decoded("DTSTART") == action.due
        assert action.title.get("fr") in str(event["SUMMARY"])
        assert f"Priorité : {action.priority}" in str(event["DESCRIPTION"]).replace("\u202f", " ").replace("\u00a0", " ")
    accounts = by_uid[f"t.act.accounts.{session.assessment.id}@vigie"]
    assert "Responsable" in str(accounts["DESCRIPTION"]) and "Jean Dupont" in str(accounts["DESCRIPTION"])
    assert list(accounts.walk("VALARM"))  # a reminder while the action is open


def test_answers_workbook_and_csv(session, tmp_path):
    from openpyxl import load_workbook

    visible = session.evaluation().visible
    sheet = load_workbook(export_answers(session.evaluation(), tmp_path / "answers.xlsx")).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert {"Question", "Réponse", "Commentaire", "Preuves", "Justification", "Répondu par", "Répondu le"} <= set(header)
    by_id = {r[header.index("Identifiant")]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert list(by_id) == [q.id for q in visible]
    signed = by_id["t.a28.contract.signed"]
    assert signed["Réponse"] == "Non" and signed["Commentaire"] == "Voir le classeur qualité ; « v2 »"
    assert signed["Répondu par"] == "Zoé Martin"
    assert isinstance(signed["Répondu le"], datetime) and signed["Répondu le"].date() == datetime.now().date()
    assert {qid for qid, row in by_id.items() if row["Réponse"]} == set(ANSWERS)

    data = export_answers(session.evaluation(), tmp_path / "answers.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r["Identifiant"] for r in records] == [q.id for q in visible]
    moment = next(r["Répondu le"] for r in records if r["Identifiant"] == "t.a28.contract.signed")
    assert datetime.strptime(moment, "%d/%m/%Y %H:%M").date() == datetime.now().date()


def test_english_export_speaks_english(session, tmp_path):
    from openpyxl import load_workbook

    sheet = load_workbook(export_plan(session.evaluation(), tmp_path / "plan.xlsx", lang="en")).worksheets[0]
    assert sheet["A1"].value == "ID" and sheet["F1"].value == "Status" and sheet["F2"].value == "Not started"
    assert sheet["C2"].value == "Sign a compliant contract"


def test_a_failed_export_leaves_no_file_and_the_old_one_intact(session, tmp_path):
    from wizard.operations.errors import OperationError

    with pytest.raises(OperationError, match="n’existe pas"):
        export_plan(session.evaluation(), tmp_path / "missing" / "plan.xlsx")
    old = tmp_path / "plan.txt"
    old.write_text("ancien")
    with pytest.raises(OperationError, match="xlsx, csv ou ics"):
        export_plan(session.evaluation(), old)
    assert old.read_text() == "ancien" and sorted(p.name for p in tmp_path.iterdir()) == ["data", "plan.txt"]
