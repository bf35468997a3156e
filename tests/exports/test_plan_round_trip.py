"""The plan edited in a spreadsheet comes back: what changed is shown, applied as one named change
of the history, and a sheet with problems is refused row by row with nothing applied."""

from __future__ import annotations

from datetime import date

import pytest

from tests.exports.conftest import file_bytes
from wizard.operations.spreadsheets import PlanSheetRefused, apply_plan_sheet, export_plan, read_plan_sheet


def _edited(session, tmp_path, edits: dict[tuple[str, str], object], *, name="plan.xlsx", lang="fr"):
    """Export the plan, set cells (action id, column header) → value, save as a lab would."""
    from openpyxl import load_workbook

    out = export_plan(session.evaluation(), tmp_path / name, lang=lang)
    book = load_workbook(out)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    for (action_id, column), value in edits.items():
        sheet.cell(rows[action_id], header.index(column) + 1).value = value
    book.save(out)
    return out, rows


def plain(text: str) -> str:
    """A message with its typographic spaces made plain, to compare with what a test writes."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _plan(session):
    return {a.id: a for a in session.evaluation().plan}


def test_three_statuses_and_a_date_edited_come_back_and_the_history_says_so(session, tmp_path):
    custom = next(a.id for a in session.evaluation().plan if a.custom)
    path, rows = _edited(session, tmp_path, {
        ("t.act.contract", "Statut"): "Fait",
        ("t.act.accounts", "Statut"): "en cours",  # case and spaces as people type them
        (custom, "Statut"): "Abandonné",
        ("t.act.authorise", "Échéance"): date(2027, 6, 30),
    })
    found = read_plan_sheet(session, path)
    assert found.problems == ()
    lines = [plain(line) for line in found.lines(session.evaluation(), "fr")]
    assert len(lines) == 4
    assert f"ligne {rows['t.act.contract']} — Signer un contrat conforme — Statut : À lancer → Fait" in lines
    assert _plan(session)["t.act.contract"].status == "todo"  # a preview stores nothing

    changed = apply_plan_sheet(session, found)

    assert {(c.action_id, c.field, c.new) for c in changed} == {
        ("t.act.contract", "status", "done"), ("t.act.accounts", "status", "doing"),
        (custom, "status", "dropped"), ("t.act.authorise", "due", "2027-06-30")}
    for reread in (session, _reopened(session)):
        plan = _plan(reread)
        assert plan["t.act.contract"].status == "done" and plan["t.act.accounts"].status == "doing"
        assert plan[custom].status == "dropped" and plan["t.act.authorise"].due == date(2027, 6, 30)
        assert plan["t.act.accounts"].owner == "Jean Dupont"  # untouched cells change nothing
    *edited_here, entry = session.plan_history()  # the fixture's edits on screen, then the import
    assert [e.operation for e in edited_here] == ["edit"] * len(edited_here)
    assert (entry.operation, entry.source, entry.by) == ("sheet-import", "plan.xlsx", "Zoé Martin")
    assert {(c["action"], c["field"], c["old"], c["new"]) for c in entry.changes} == {
        ("t.act.contract", "status", "todo", "done"), ("t.act.accounts", "status", "todo", "doing"),
        (custom, "status", "todo", "dropped"), ("t.act.authorise", "due", "2027-01-12", "2027-06-30")}


def _reopened(session):
    from wizard.operations.session import Session
    from wizard.storage import Store

    return Session(Store(session.store.data_dir), session.assessment.id, session.questionnaire, read_only=True)


def test_an_unknown_status_and_an_unreadable_date_are_listed_with_their_rows_and_nothing_is_applied(
        session, tmp_path):
    path, rows = _edited(session, tmp_path, {
        ("t.act.contract", "Statut"): "Terminé",
        ("t.act.accounts", "Échéance"): "31/02/2027",
        ("t.act.authorise", "Statut"): "Fait",  # a good row: still not applied
    })
    before, history = file_bytes(session), session.plan_history()
    found = read_plan_sheet(session, path)
    messages = [plain(str(p)) for p in found.problems]
    assert messages == [
        f"ligne {rows['t.act.contract']}, colonne « Statut » (F) : statut inconnu « Terminé » : "
        "À lancer, En cours, Fait ou Abandonné attendu",
        f"ligne {rows['t.act.accounts']}, colonne « Échéance » (E) : date illisible « 31/02/2027 » : "
        "JJ/MM/AAAA attendue"]
    with pytest.raises(PlanSheetRefused) as refused:
        apply_plan_sheet(session, found)
    assert "2 problèmes ; rien n’a été importé" in plain(str(refused.value))
    assert file_bytes(session) == before
    assert session.plan_history() == history and _plan(session)["t.act.authorise"].status == "todo"

    # Skipped on request: the good rows go in, the others stay as they were.
    changed = apply_plan_sheet(session, found, skip_invalid=True)
    assert [(c.action_id, c.new) for c in changed] == [("t.act.authorise", "done")]
    assert _plan(session)["t.act.contract"].status == "todo"


def test_rows_that_match_no_action_and_twice_the_same_action_are_refused(session, tmp_path):
    from openpyxl import load_workbook

    path, rows = _edited(session, tmp_path, {})
    book = load_workbook(path)
    sheet = book.worksheets[0]
    last = sheet.max_row
    sheet.cell(last + 1, 1).value = "t.act.inconnue"
    sheet.cell(last + 2, 1).value = "t.act.contract"
    sheet.cell(last + 3, 3).value = "Une action ajoutée dans le tableur"
    sheet.cell(last + 5, 1).value = None  # blank rows are no problem
    book.save(path)
    found = read_plan_sheet(session, path)
    assert [(p.row, p.letter) for p in found.problems] == [(last + 1, "A"), (last + 2, "A"), (last + 3, "A")]
    assert "aucune action « t.act.inconnue »" in plain(str(found.problems[0]))
    assert f"déjà lue à la ligne {rows['t.act.contract']}" in plain(str(found.problems[1]))
    assert "identifiant vide" in plain(str(found.problems[2]))


def test_owner_and_notes_come_back_and_a_role_label_stays_a_role(session, tmp_path):
    path, _rows = _edited(session, tmp_path, {
        ("t.act.contract", "Responsable"): "DPO / référent RGPD",  # the label of another role
        ("t.act.authorise", "Responsable"): "Marc Leroy",
        ("t.act.authorise", "Notes"): "Devis demandé le 3/12\r\nRelancer en janvier",
        ("t.act.accounts", "Responsable"): None,  # cleared: back to the proposed role
    })
    apply_plan_sheet(session, read_plan_sheet(session, path))
    plan = _plan(session)
    assert plan["t.act.contract"].owner == "dpo"
    assert plan["t.act.authorise"].owner == "Marc Leroy"
    assert plan["t.act.authorise"].note == "Devis demandé le 3/12\nRelancer en janvier"
    assert plan["t.act.accounts"].owner == "it"
    # Exported again and imported unchanged: nothing to do, nothing recorded.
    again, _rows = _edited(session, tmp_path, {}, name="again.xlsx")
    assert read_plan_sheet(session, again).preview == ()
    assert apply_plan_sheet(session, read_plan_sheet(session, again)) == []
    assert [e.operation for e in session.plan_history() if e.operation != "edit"] == ["sheet-import"]


def test_an_english_export_comes_back_into_a_french_vigie(session, tmp_path):
    path, _rows = _edited(session, tmp_path, {("t.act.contract", "Status"): "Done"}, lang="en")
    [change] = apply_plan_sheet(session, read_plan_sheet(session, path))
    assert (change.field, change.new) == ("status", "done")


def test_a_csv_saved_by_excel_comes_back(session, tmp_path):
    """Excel in French saves « CSV (séparateur : point-virgule) » in Windows-1252, without BOM."""
    import csv
    import io

    text = export_plan(session.evaluation(), tmp_path / "plan.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    for row in rows[1:]:
        if row[0] == "t.act.contract":
            row[5], row[4], row[6] = "Fait", "1/7/2027", "Vu avec l’éditeur ; OK"
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path = tmp_path / "plan-excel.csv"
    path.write_bytes(out.getvalue().replace("’", "'").encode("cp1252"))
    changed = apply_plan_sheet(session, read_plan_sheet(session, path))
    assert {(c.field, c.new) for c in changed} == {("status", "done"), ("due", "2027-07-01"),
                                                  ("note", "Vu avec l'éditeur ; OK")}


@pytest.mark.parametrize("content, message", [
    (b"not a workbook", "ce n’est pas un classeur Excel (.xlsx) lisible"),
    (b"PK\x03\x04broken zip", "ce n’est pas un classeur Excel (.xlsx) lisible"),
])
def test_a_file_that_is_not_a_workbook_is_refused_plainly(session, tmp_path, content, message):
    from wizard.operations.errors import OperationError

    path = tmp_path / "plan.xlsx"
    path.write_bytes(content)
    with pytest.raises(OperationError) as refused:
        read_plan_sheet(session, path)
    assert message in plain(str(refused.value))


def test_a_workbook_that_is_not_a_plan_is_refused_before_any_row(session, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Nom", "Téléphone"])
    book.active.append(["Jean", "01 02 03 04 05"])
    book.save(tmp_path / "contacts.xlsx")
    found = read_plan_sheet(session, tmp_path / "contacts.xlsx")
    assert [p.row for p in found.problems] == [0]
    assert "aucune colonne « Identifiant »" in plain(str(found.problems[0]))
    with pytest.raises(PlanSheetRefused):
        apply_plan_sheet(session, found, skip_invalid=True)  # a whole file is never skipped


def test_a_value_beyond_the_limits_is_refused_with_its_row(session, tmp_path):
    path, rows = _edited(session, tmp_path, {("t.act.contract", "Responsable"): "x" * 201,
                                             ("t.act.accounts", "Échéance"): date(2100, 1, 1)})
    problems = {p.row: plain(str(p)) for p in read_plan_sheet(session, path).problems}
    assert "200 caractères au plus, 201 trouvés" in problems[rows["t.act.contract"]]
    assert "date du 01/01/2000 au 31/12/2099 attendue" in problems[rows["t.act.accounts"]]


def test_a_column_twice_in_the_header_refuses_the_whole_file(session, tmp_path):
    from openpyxl import load_workbook

    path, _rows = _edited(session, tmp_path, {("t.act.contract", "Statut"): "Fait"})
    book = load_workbook(path)
    sheet = book.worksheets[0]
    sheet.cell(1, sheet.max_column + 1).value = "Status"  # the same column, in English
    sheet.cell(2, sheet.max_column).value = "Done"
    book.save(path)
    found = read_plan_sheet(session, path)
    assert [(p.row, p.whole_file) for p in found.problems] == [(1, True)]
    assert "colonne en double (déjà en F)" in plain(str(found.problems[0]))
    with pytest.raises(PlanSheetRefused):
        apply_plan_sheet(session, found, skip_invalid=True)


def test_a_defused_formula_in_a_csv_comes_back_as_it_was_typed(session, tmp_path):
    from wizard.core.plan_changes import PlanChange

    session.apply_plan_changes([PlanChange("t.act.contract", note="=2+2 et -1 jour")], operation="sheet-import")
    path = export_plan(session.evaluation(), tmp_path / "plan.csv")
    assert "'=2+2 et -1 jour" in path.read_bytes().decode("utf-8-sig")
    found = read_plan_sheet(session, path)
    assert found.problems == () and found.preview == ()  # read back unchanged: nothing to do


def test_a_workbook_exported_from_another_assessment_is_refused_whatever_its_language(session, tmp_path):
    from openpyxl import load_workbook

    from tests.exports.conftest import ANSWERS
    from wizard.core.model import Organisation
    from wizard.operations.errors import OperationError
    from wizard.operations.session import Session

    made = session.store.create("lab", Organisation("Laboratoire du Port"), when=date(2026, 11, 28))
    with Session(session.store, made.id, session.questionnaire) as other:
        for qid, value in ANSWERS.items():
            other.answer(qid, value)
        path, _rows = _edited(other, tmp_path, {("t.act.contract", "Status"): "Done"}, lang="en")
    before = file_bytes(session)
    with pytest.raises(OperationError) as refused:
        read_plan_sheet(session, path)
    message = plain(str(refused.value))
    assert made.id in message and session.assessment.id in message
    assert "Laboratoire du Port" in message and "Laboratoire Saint-Éloi" in message
    assert file_bytes(session) == before
    # Without its « About » sheet, a workbook says nothing of its assessment: its rows are read.
    book = load_workbook(path)
    del book[book.sheetnames[1]]
    book.save(path)
    assert ("t.act.contract", "status", "done") in {(c.action_id, c.field, c.new)
                                                    for c in read_plan_sheet(session, path).preview}
