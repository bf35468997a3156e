"""Answers given through the widgets are on disk at once and come back after a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import create_via_store
from wizard.storage import Store


def test_answers_and_position_survive_reopening(open_window, qtbot, data_dir):
    window = open_window()
    aid = create_via_store(window)
    window.open_assessment(aid)
    page = window.answering
    card = page.views[0].cards["t.a28.contract.signed"]
    qtbot.mouseClick(card.choices.buttons["partial"], Qt.MouseButton.LeftButton)
    card.note.setPlainText("Avenant en cours de négociation")
    card.flush()
    page.show_section(1)
    sub = page.views[1].cards["t.a28.sub.any"]
    qtbot.mouseClick(sub.choices.buttons["yes"], Qt.MouseButton.LeftButton)
    authorised = page.views[1].cards["t.a28.sub.authorised"]
    qtbot.mouseClick(authorised.choices.buttons["no"], Qt.MouseButton.LeftButton)
    assert "Enregistré" in page.saved.text()

    # On disk already, before any close: a crash now loses nothing.
    stored = Store(data_dir).load(aid)
    assert stored.answers["t.a28.contract.signed"].value == "partial"
    assert stored.answers["t.a28.contract.signed"].note == "Avenant en cours de négociation"
    assert stored.answers["t.a28.sub.authorised"].value == "no"
    window.close()

    again = open_window()
    pos = again.home.table.visualRect(again.home.model.index(0, 0)).center()
    qtbot.mouseClick(again.home.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(again.home.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    page = again.answering
    assert again.pages.currentWidget() is page
    # The last question answered is the one shown, in its section.
    assert page.section_index == 1
    assert page.current.question.id == "t.a28.sub.authorised"
    assert page.current.choices.value() == "no"
    page.show_section(0)
    card = page.views[0].cards["t.a28.contract.signed"]
    assert card.choices.value() == "partial"
    assert card.note.toPlainText() == "Avenant en cours de négociation"
