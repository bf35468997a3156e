"""Issue 16, point 4: a real presentation mode, looked at on a 1024×768 projector: full screen,
where one is, one question in large type with nothing cut, answers coloured by meaning with their
number and text, notes on one key, participants visible and switched by key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import create_via_store
from wizard.storage import Store
from wizard.tools import layout_check
from wizard.tools.screens import screen_named

MEANING_OF_NO = "#b3261e"  # the colour of « Non » (wizard.ui.widgets.answer_choices.MEANING)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_the_room_at_1024x768(open_window, qtbot, data_dir):
    window = open_window(screen="1024x768")
    aid = create_via_store(window, assessor="Claire", participants=[("Paul Durand", "DSI"), ("Hélène", "DPO")])
    window.open_assessment(aid)
    before = window.geometry()
    page = window.answering
    press(qtbot, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.isFullScreen() and window.geometry() == screen_named("1024x768").geometry())
    assert not window.menuBar().isVisible() and not window.toolbar.isVisible()
    assert page.position.isVisible() and page.position.text().startswith("Question 1.1 · 1 / 6 · Section 1 / 3")
    view = page.views[0]
    assert [c for c in view.cards.values() if c.isVisible()] == [page.current]  # one question at a time
    buttons = list(page.current.choices.buttons.values())
    assert layout_check.problems(window, [*buttons, page.next_button, page.results_button]) == []
    assert all(b.text()[b.text().index("·") - 2].isdigit() for b in buttons)  # number and words kept

    press(qtbot, Qt.Key.Key_3)
    chosen = page.current.choices.buttons["no"]
    assert chosen.text().startswith("✓ 3 · Non")
    image = chosen.grab().toImage()
    assert image.pixelColor(8, image.height() // 2).rgb() == QColor(MEANING_OF_NO).rgb()

    assert not page.current.note.isVisible()
    press(qtbot, Qt.Key.Key_F2)  # notes, live
    assert page.current.note.isVisible() and page.current.note.hasFocus()
    qtbot.keyClicks(page.current.note, "a verifier avec la DSI")
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Down)
    assert page.position.text().startswith("Question 1.2 · 2 / 6")

    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "Paul Durand" in page.position.text()  # who answers, in view
    press(qtbot, Qt.Key.Key_2)
    answers = Store(data_dir).load(aid).answers
    assert answers["t.a28.contract.signed"].note == "a verifier avec la DSI"
    assert answers["t.a28.contract.audit"].by == "Paul Durand"

    press(qtbot, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen() and window.geometry() == before)
    assert window.menuBar().isVisible()
