"""Home: list, search, sort, re-assessment, delete with confirmation and undo, exchange files."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from tests.ui.conftest import create_via_store
from wizard.core.model import Answer
from wizard.storage import Store
from wizard.ui.home import home_page
from wizard.ui.widgets import message

LEFT = Qt.MouseButton.LeftButton


def rows(home):
    return [home.model.index(r, 0).data() for r in range(home.model.rowCount())]


def finish_filling(qtbot, home):
    qtbot.waitUntil(home.model.finished, timeout=5000)


def test_list_shows_progress_and_score_and_searches(open_window, qtbot):
    window = open_window()
    a = create_via_store(window, name="Laboratoire des Tilleuls")
    other = create_via_store(window, name="Biologie Rhône")
    window.workspace.store.save_answer(a, "t.a28.contract.signed", Answer("yes"))
    window.home.reload()
    finish_filling(qtbot, window.home)
    home = window.home
    assert home.stack.currentIndex() == 1
    row = home.model.row_of(a)
    assert home.model.text(row, 3) == "17\u202f% (1/6)"  # 1 of the 6 lab questions
    # One « Oui » (3 of 11 points) but one scored question answered of five: the index is 20.
    assert home.model.text(row, 4) == "20\u202f/\u202f100"  # written as on the results page and in the PDF
    assert home.model.text(home.model.row_of(other), 4) == "non évalué"  # no answer yet: not an index of 0
    home.search.setText("rhône")
    assert rows(home) == ["Biologie Rhône"]
    home.search.clear()
    home.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert rows(home) == ["Biologie Rhône", "Laboratoire des Tilleuls"]
    home.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # by progress
    assert rows(home)[0] == "Laboratoire des Tilleuls"


def test_reassessment_keeps_answers_marked_to_review(open_window, qtbot, data_dir, modal):
    window = open_window()
    old = create_via_store(window, name="Labo", participants=[("Paul", "IT")])
    window.workspace.store.save_answer(old, "t.a28.contract.signed", Answer("partial", note="avenant"))
    window.home.reload(select=old)
    modal(lambda dialog: dialog.ok_button.click())  # the date and participants, as proposed
    qtbot.mouseClick(window.home.reassess_button, LEFT)
    session = window.session
    new = session.assessment
    assert new.id != old and new.previous_id == old
    kept = Store(data_dir).load(new.id).answers["t.a28.contract.signed"]
    assert kept.value == "partial" and kept.note == "avenant" and kept.review
    assert new.participants[0].name == "Paul"
    card = window.answering.views[0].cards["t.a28.contract.signed"]
    assert "À revoir" in card.status.text()
    assert "à revoir" in window.answering.sections.item(0).text()
    # Confirming the same answer clears the mark; the earlier assessment is untouched.
    qtbot.mouseClick(card.choices.buttons["partial"], LEFT)
    assert not Store(data_dir).load(new.id).answers["t.a28.contract.signed"].review
    assert not Store(data_dir).load(old).answers["t.a28.contract.signed"].review


def test_delete_asks_then_can_be_undone(open_window, qtbot, modal, data_dir, monkeypatch):
    window = open_window()
    aid = create_via_store(window, name="À supprimer")
    home = window.home
    monkeypatch.setattr(home_page, "ask", lambda *a, **k: False)
    qtbot.mouseClick(home.delete_button, LEFT)
    assert rows(home) == ["À supprimer"]
    monkeypatch.setattr(home_page, "ask", lambda *a, **k: True)
    qtbot.mouseClick(home.delete_button, LEFT)
    assert rows(home) == [] and home.stack.currentWidget() is home.empty
    assert home.undo_bar.isVisible()
    qtbot.mouseClick(home.undo_button, LEFT)
    assert rows(home) == ["À supprimer"]
    assert aid in Store(data_dir).ids()
    qtbot.mouseClick(home.delete_button, LEFT)
    window.close()  # closing makes the deletion final
    assert aid not in Store(data_dir).ids()


def test_a_deletion_past_its_undo_is_brought_back_from_the_deleted_list(open_window, qtbot, modal, monkeypatch):
    """Deleted, the undo bar gone: Fichier › Évaluations supprimées lists it by name and brings
    it back with its answers, selected in the home list. The guide promises exactly this."""
    window = open_window()
    aid = create_via_store(window, name="Labo des Tilleuls")
    window.workspace.store.save_answer(aid, "t.a28.contract.signed", Answer("no"))
    create_via_store(window, name="Labo gardé")
    home = window.home
    home.reload(select=aid)
    row = rows(home).index("Labo des Tilleuls")
    as_listed = [home.model.text(row, c) for c in (0, 2)]  # name and date as the home shows them
    monkeypatch.setattr(home_page, "ask", lambda *a, **k: True)
    qtbot.mouseClick(home.delete_button, LEFT)
    seen = {}

    def look(dialog):
        seen["rows"] = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
        seen["enabled"] = dialog.restore_button.isEnabled()  # the newest is chosen: Entrée brings it back
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    modal(look)
    window.actions_by_name["deleted"].trigger()
    (name, profile, day, answered), = seen["rows"]
    assert [name, day, answered] == [*as_listed, "1"] and profile == "Laboratoire (responsable de traitement)"
    assert seen["enabled"]
    assert sorted(rows(home)) == ["Labo des Tilleuls", "Labo gardé"]
    assert home.selected_id() == aid
    assert window.workspace.load(aid).answers["t.a28.contract.signed"].value == "no"
    assert window.workspace.deleted() == []


def test_exchange_export_then_import(open_window, qtbot, data_dir, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window = open_window()
    aid = create_via_store(window, name="Labo Échange")
    window.workspace.store.save_answer(aid, "t.a28.contract.signed", Answer("no"))
    assert window.home.export_button.isVisible()
    target = tmp_path / "labo"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(message, "information", lambda *a, **k: None)
    qtbot.mouseClick(window.home.export_button, LEFT)
    exported = tmp_path / "labo.vigie"
    assert exported.exists()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(exported), ""))
    qtbot.mouseClick(window.home.import_button, LEFT)
    assert len(Store(data_dir).ids()) == 2  # imported beside the original, as a copy
    assert rows(window.home).count("Labo Échange") == 2


def test_delete_key_and_enter_work_from_the_list(open_window, qtbot, monkeypatch):
    window = open_window()
    create_via_store(window, name="Labo A")
    home = window.home
    home.table.setFocus()
    monkeypatch.setattr(home_page, "ask", lambda *a, **k: True)
    qtbot.keyClick(home.table, Qt.Key.Key_Delete)
    assert rows(home) == []
    qtbot.mouseClick(home.undo_button, LEFT)
    home.table.setFocus()
    qtbot.keyClick(home.table, Qt.Key.Key_Return)
    assert window.session is not None and window.session.assessment.organisation.name == "Labo A"


def test_unreadable_file_is_named_and_the_rest_listed(open_window, qtbot, data_dir):
    window = open_window()
    create_via_store(window, name="Labo lisible")
    broken = data_dir / "assessments" / "0123abcd-0000-0000-0000-000000000000.vigie.json"
    broken.write_bytes(b"\x00 not an assessment")
    window.home.reload()
    assert rows(window.home) == ["Labo lisible"]
    assert window.home.problems.isVisible()
    assert "illisibles" in window.home.problems.text()


def test_search_keeps_a_selection_enter_opens_it_and_no_match_is_said(open_window, qtbot):
    window = open_window()
    home = window.home
    tilleuls = create_via_store(window, name="Laboratoire des Tilleuls")
    rhone = create_via_store(window, name="Biologie Rhône")
    home.reload(select=tilleuls)
    qtbot.keyClicks(home.search, "rh")  # QTest types ASCII only
    assert rows(home) == ["Biologie Rhône"] and home.selected_id() == rhone  # the first match
    assert home.open_button.isEnabled() and not home.no_match.isVisible()
    home.search.clear()
    qtbot.keyClicks(home.search, "zzz")
    assert rows(home) == [] and home.selected_id() is None
    assert not home.open_button.isEnabled() and not home.delete_button.isEnabled()
    assert home.no_match.isVisible() and "«\u202fzzz\u202f»" in home.no_match.text()
    home.search.clear()
    assert len(rows(home)) == 2 and not home.no_match.isVisible() and home.open_button.isEnabled()
    qtbot.keyClicks(home.search, "Tilleuls")
    qtbot.keyClick(home.search, Qt.Key.Key_Return)
    assert window.session is not None and window.session.assessment.id == tilleuls


def _room_for_text(combo) -> int:
    """The width a combo box gives its text (its frame and arrow left out)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo).width()


def started(qtbot, data_dir, screen: str):
    """The window as at a real start-up: painted first, empty, the data folder opened after."""
    from wizard.operations.workspace import Workspace
    from wizard.settings import load_settings
    from wizard.tools.screens import screen_named
    from wizard.ui.main_window import MainWindow

    window = MainWindow(None, settings=load_settings(data_dir))
    qtbot.addWidget(window)
    window.place_on(screen_named(screen))
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)  # its first paint and layout, before the folder is open
    window.attach_workspace(Workspace.open(data_dir))
    finish_filling(qtbot, window.home)
    return window


def test_the_year_list_shows_its_longest_choice_at_start_up(app, qtbot, data_dir):
    """Filled after the first paint, the year list once kept the width of an empty box:
    « Toutes le » at 1024×768 and 1366×768."""
    from datetime import date

    from wizard.core.model import Organisation
    from wizard.ui.app import dispose

    store = Store(data_dir)
    store.create("lab", Organisation("Laboratoire des Tilleuls"), when=date(2026, 11, 28))
    store.create("lab", Organisation("Laboratoire Saint-Éloi"), when=date(2025, 9, 14))
    for screen in ("1024x768", "1366x768"):
        window = started(qtbot, data_dir, screen)
        year = window.home.year
        assert year.isVisible() and year.itemText(0) == "Toutes les années"
        widest = max(year.fontMetrics().horizontalAdvance(year.itemText(i)) for i in range(year.count()))
        assert _room_for_text(year) >= widest, screen
        dispose(window)


def test_a_reassessment_and_its_states_fit_the_list_at_1024x768(app, qtbot, data_dir):
    """« 5 déc. 2026 (réévaluation du 28 nov. 2026) » on one line pushed « État » out of a
    1024×768 screen: the mention goes under the date, and the list never scrolls sideways."""
    from datetime import date

    from wizard.core.model import Organisation
    from wizard.operations.workspace import Workspace
    from wizard.settings import exported, load_settings, save_settings
    from wizard.ui.app import dispose

    workspace = Workspace.open(data_dir)
    old = workspace.create("lab", Organisation("Laboratoire des Tilleuls"), when=date(2026, 11, 28)).id
    new = workspace.reassess(old, when=date(2026, 12, 5)).id
    workspace.create("vendor", Organisation("BioLogiciel SAS"), when=date(2025, 10, 2))
    settings = exported(exported(load_settings(data_dir), new, "2026-12-05", True), old, "2026-11-28", False)
    save_settings(settings, data_dir)
    workspace.close()
    window = started(qtbot, data_dir, "1024x768")
    home, table = window.home, window.home.table
    qtbot.wait(50)  # the columns take their widths
    header = table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0
    last = header.count() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()
    assert header.sectionSize(0) >= 12 * table.fontMetrics().averageCharWidth()  # a name still reads

    def spaced(text):
        return text.replace("\u202f", " ").replace("\xa0", " ")

    one_line = table.verticalHeader().defaultSectionSize()
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        table.sortByColumn(2, order)  # the tall row moves: its height goes with it
        row, other = home.model.row_of(new), home.model.row_of(old)
        assert spaced(home.model.text(row, 2)).splitlines() == ["5 déc. 2026", "réévaluation du 28 nov. 2026"]
        assert spaced(home.model.text(other, 2)) == "28 nov. 2026"
        assert table.rowHeight(row) > max(one_line, 2 * table.fontMetrics().lineSpacing())
        assert table.rowHeight(other) == one_line
        # Every day of the list written alike, the last change too.
        assert spaced(home.model.text(row, 6)) == "signé le 5 déc. 2026"
        assert re.fullmatch(r"\d{1,2} \S+ \d{4} à \d\d:\d\d", spaced(home.model.text(row, 5)))
    dispose(window)
