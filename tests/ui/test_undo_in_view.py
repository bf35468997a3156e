"""Issue 16, point 2: undo never loses anything. The stored answer and the screen agree after an
undo and a redo of a commented answer; an undo elsewhere brings its question into view and says
what was undone; a comment edit writes no « Non → Non » line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import create_via_store
from wizard.storage import Store

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


def stored(data_dir, aid, qid):
    return Store(data_dir).load(aid).answers.get(qid)


def test_undo_and_redo_of_a_commented_answer_keep_store_and_screen_together(open_window, qtbot, data_dir):
    window = open_window()
    aid = create_via_store(window, assessor="Zoé")
    window.open_assessment(aid)
    card = window.answering.views[0].cards["t.a28.contract.signed"]
    qtbot.mouseClick(card.choices.buttons["no"], LEFT)
    card.note.setPlainText("avenant en cours")
    card.flush()  # the pause after typing: the comment is stored
    assert stored(data_dir, aid, "t.a28.contract.signed").note == "avenant en cours"

    qtbot.keyClick(card.choices.buttons["no"], Qt.Key.Key_Z, CTRL)
    assert stored(data_dir, aid, "t.a28.contract.signed") is None
    assert card.choices.value() is None and card.note.toPlainText() == ""  # the screen says what is stored
    assert "Réponse à la question 1.1 annulée" in window.answering.notice.label.text()

    qtbot.keyClick(card.choices.buttons["no"], Qt.Key.Key_Y, CTRL)
    back = stored(data_dir, aid, "t.a28.contract.signed")
    assert (back.value, back.note, back.by) == ("no", "avenant en cours", "Zoé")
    assert card.choices.value() == "no" and card.note.toPlainText() == "avenant en cours"


def test_undo_brings_the_question_into_view_and_offers_to_redo(open_window, qtbot, data_dir):
    window = open_window()
    aid = create_via_store(window)
    window.open_assessment(aid)
    page = window.answering
    page.show_section(2)
    last = page.views[2].cards["t.a32.access.individual"]
    qtbot.mouseClick(last.choices.buttons["yes"], LEFT)
    page.show_section(0)  # the user moved on
    assert "Rétablir" not in window.actions_by_name["undo"].text()
    assert window.actions_by_name["undo"].text().endswith("réponse à la question 3.1")
    window.actions_by_name["undo"].trigger()
    assert page.section_index == 2 and page.current is last  # the undone answer is in view
    assert stored(data_dir, aid, "t.a32.access.individual") is None
    assert page.notice.isVisible() and page.notice.button.text() == "Rétablir"
    qtbot.mouseClick(page.notice.button, LEFT)
    assert stored(data_dir, aid, "t.a32.access.individual").value == "yes"


def test_a_comment_is_told_as_such_in_the_history(open_window, qtbot, data_dir):
    window = open_window()
    aid = create_via_store(window)
    window.open_assessment(aid)
    page = window.answering
    card = page.views[0].cards["t.a28.contract.signed"]
    qtbot.mouseClick(card.choices.buttons["no"], LEFT)
    card.note.setPlainText("vu avec la DSI")
    card.flush()
    page.toggle_help()
    lines = card.history.text().splitlines()
    assert not any("Non → Non" in line for line in lines)
    assert "commentaire modifié" in lines[-1]
    assert QApplication.focusWidget() is not None
