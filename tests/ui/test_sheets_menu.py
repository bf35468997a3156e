"""The results page's « Tableur et calendrier » menu: files written where the user says, an edited
plan previewed and stored only on Apply, a sheet with problems refused with its rows listed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from wizard.storage import Store
from wizard.ui.results import ResultsPage
from wizard.ui.results.sheets_menu import PlanImportPreview
from wizard.ui.widgets import message

ANSWERS = {"t.a28.contract.signed": "no", "t.a32.access.individual": "no"}


@pytest.fixture
def page(qtbot, answered_session) -> ResultsPage:
    page = ResultsPage()
    qtbot.addWidget(page)
    page.set_session(answered_session(ANSWERS))
    page.show()
    qtbot.waitExposed(page)
    return page


def _save_to(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def _stored_plan(page):
    from wizard.core.evaluation import evaluate

    session = page.session
    return {a.id: a for a in evaluate(session.questionnaire, Store(session.store.data_dir).load(
        session.assessment.id)).plan}


def test_menu_writes_the_plan_workbook_where_the_user_said(page, monkeypatch, tmp_path):
    from openpyxl import load_workbook

    _save_to(monkeypatch, tmp_path / "suivi")  # no suffix typed: the format's is added
    page.sheets.entries["plan-xlsx"].trigger()
    rows = list(load_workbook(tmp_path / "suivi.xlsx").worksheets[0].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [a.id for a in page.session.evaluation().plan]
    _save_to(monkeypatch, tmp_path / "questionnaire.pdf")
    page.sheets.entries["paper-prefilled"].trigger()
    assert (tmp_path / "questionnaire.pdf").read_bytes().startswith(b"%PDF")


def test_an_edited_plan_is_previewed_then_applied(page, monkeypatch, tmp_path, modal):
    from openpyxl import load_workbook

    _save_to(monkeypatch, tmp_path / "plan.xlsx")
    page.sheets.entries["plan-xlsx"].trigger()
    book = load_workbook(tmp_path / "plan.xlsx")
    book.worksheets[0]["F2"] = "Fait"
    book.save(tmp_path / "plan.xlsx")
    first = book.worksheets[0]["A2"].value
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "plan.xlsx"), ""))
    seen = []

    def apply(dialog):
        assert isinstance(dialog, PlanImportPreview)
        seen.append(dialog.details.toPlainText())
        dialog.apply.click()

    modal(apply)
    assert page.sheets.import_plan() is True
    assert "À lancer → Fait" in seen[0]
    assert _stored_plan(page)[first].status == "done"
    assert [e.source for e in page.session.plan_history()] == ["plan.xlsx"]


def test_cancelling_the_preview_stores_nothing(page, monkeypatch, tmp_path, modal):
    from openpyxl import load_workbook

    _save_to(monkeypatch, tmp_path / "plan.xlsx")
    page.sheets.entries["plan-xlsx"].trigger()
    book = load_workbook(tmp_path / "plan.xlsx")
    book.worksheets[0]["F2"] = "Fait"
    book.save(tmp_path / "plan.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "plan.xlsx"), ""))
    modal(lambda dialog: dialog.reject())
    assert page.sheets.import_plan() is False
    assert all(a.status == "todo" for a in _stored_plan(page).values())


def test_a_sheet_with_only_bad_rows_is_refused_with_its_rows(page, monkeypatch, tmp_path):
    from openpyxl import load_workbook

    _save_to(monkeypatch, tmp_path / "plan.xlsx")
    page.sheets.entries["plan-xlsx"].trigger()
    book = load_workbook(tmp_path / "plan.xlsx")
    for row in range(2, book.worksheets[0].max_row + 1):
        book.worksheets[0][f"F{row}"] = "Terminé"
    book.save(tmp_path / "plan.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "plan.xlsx"), ""))
    warned = []
    monkeypatch.setattr(message, "warning", lambda parent, title, text, *a: warned.append(text))
    assert page.sheets.import_plan() is False
    assert "ligne 2, colonne « Statut » (F)" in warned[0].replace("\u202f", " ").replace("\u00a0", " ")
    assert page.session.plan_history() == []


def test_the_menu_arrow_does_not_cover_the_label(page, qtbot):
    """The style draws the arrow in the corner: the button leaves it room after its last letter."""
    button = page.sheets
    page.resize(1000, page.height())
    size = button.size()
    with_arrow = button.grab().toImage()
    menu = button.menu()
    button.setMenu(None)  # the same button, same size, without its arrow
    button.resize(size)
    without = button.grab().toImage()
    button.setMenu(menu)
    arrow = [x for x in range(size.width()) for y in range(size.height())
             if with_arrow.pixelColor(x, y) != without.pixelColor(x, y)]
    label = [x for x in range(4, size.width() - 4) for y in range(4, size.height() - 4)
             if without.pixelColor(x, y).lightness() < 100]
    assert arrow and label
    assert max(label) < min(arrow)  # the arrow starts after the label's last letter
