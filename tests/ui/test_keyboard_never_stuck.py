"""Issue 16, point 3: the keyboard never gets stuck. Escape leaves a text field back to its
question, Alt+1…5 answer from anywhere, a comment keeps « à revoir », the focus ring is not the
selection's colour, « revenir plus tard » and the next open question have their keys, and the
answers may move on by themselves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import create_via_store
from wizard.core.model import Answer
from wizard.storage import Store

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def opened_to_review(open_window):
    """An answer carried over from an earlier assessment: « Non », marked « à revoir »."""
    window = open_window()
    aid = create_via_store(window)
    window.workspace.store.save_answer(aid, "t.a28.contract.signed", Answer("no", review=True))
    window.open_assessment(aid)
    return window, aid


def test_one_escape_two_answers_and_leaves_the_comment_as_typed(open_window, qtbot, data_dir):
    window, aid = opened_to_review(open_window)
    page = window.answering
    card = page.current
    assert card.question.id == "t.a28.contract.signed"
    lines = len(window.session.history("t.a28.contract.signed"))
    card.focus_choices()
    for _n in range(8):  # Tab, as a keyboard user would, into the comment
        if QApplication.focusWidget() is card.note:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is card.note
    press(qtbot, Qt.Key.Key_1)
    press(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() in card.choices.buttons.values()  # back to the question
    stored = Store(data_dir).load(aid).answers["t.a28.contract.signed"]
    assert stored.note == "1" and stored.review and stored.value == "no"  # a comment keeps « à revoir »
    press(qtbot, Qt.Key.Key_2)
    stored = Store(data_dir).load(aid).answers["t.a28.contract.signed"]
    assert (stored.value, stored.note, stored.review) == ("partial", "1", False)
    history = window.session.history("t.a28.contract.signed")
    assert len(history) == lines + 2  # the comment, then the answer: real changes only


def test_alt_number_answers_from_a_text_field(open_window, qtbot, data_dir):
    window, aid = opened_to_review(open_window)
    card = window.answering.current
    card.evidence.setFocus()
    card.evidence.setText("Contrat 2019")
    press(qtbot, Qt.Key.Key_1, ALT)
    stored = Store(data_dir).load(aid).answers["t.a28.contract.signed"]
    assert (stored.value, stored.evidence) == ("yes", "Contrat 2019")
    assert QApplication.focusWidget() is card.evidence  # the typing goes on where it was


def test_the_focus_ring_is_not_the_colour_of_a_chosen_answer(open_window, qtbot):
    from wizard.ui.widgets.answer_choices import FOCUS, MEANING

    window, _aid = opened_to_review(open_window)
    card = window.answering.current
    focused = card.choices.buttons["yes"]
    focused.setFocus()
    qtbot.waitUntil(focused.hasFocus)
    ring = {QColor(FOCUS).rgb()}
    image = focused.grab().toImage()
    colours = {image.pixelColor(x, y).rgb() for x in range(image.width()) for y in range(image.height())}
    assert ring & colours  # the dashed ring is drawn
    chosen = card.choices.buttons["no"].grab().toImage()
    centre = chosen.pixelColor(6, chosen.height() // 2)
    assert centre.rgb() == QColor(MEANING["no"]).rgb()  # the chosen one: the colour of its meaning
    assert QColor(FOCUS).rgb() not in {QColor(c).rgb() for c in MEANING.values()}


def test_come_back_later_and_the_next_open_question(open_window, qtbot, data_dir):
    window = open_window()
    aid = create_via_store(window)
    window.open_assessment(aid)
    page = window.answering
    press(qtbot, Qt.Key.Key_1)  # question 1: Oui
    press(qtbot, Qt.Key.Key_M, CTRL)  # …to come back to
    assert Store(data_dir).load(aid).answers["t.a28.contract.signed"].review
    press(qtbot, Qt.Key.Key_F8)
    assert page.current.question.id == "t.a28.contract.audit"  # the next without an answer
    page.show_question("t.a32.access.individual")
    press(qtbot, Qt.Key.Key_F8)
    assert page.section_index == 0 and page.current.question.id == "t.a28.contract.signed"  # round: « à revoir »


def test_answers_can_move_on_by_themselves(open_window, qtbot):
    window = open_window()
    window.open_assessment(create_via_store(window))
    window.actions_by_name["auto_advance"].trigger()
    page = window.answering
    first = page.current
    press(qtbot, Qt.Key.Key_3)
    assert page.current is not first and page.current.question.id == "t.a28.contract.audit"
    assert window.workspace.settings().auto_advance


def _mnemonic(text: str) -> str:
    """The letter after « & » (« && » is a plain ampersand), lower-case; '' when there is none."""
    index = text.replace("&&", "").find("&")
    return text.replace("&&", "")[index + 1].casefold() if index >= 0 else ""


def _assert_unique_letters(window) -> None:
    menus = [action for action in window.menuBar().actions() if action.menu() is not None]
    letters = [_mnemonic(action.text()) for action in menus]
    assert all(letters), [a.text() for a in menus]
    assert len(set(letters)) == len(letters), [a.text() for a in menus]
    for action in menus:
        items = [a.text() for a in action.menu().actions() if not a.isSeparator()]
        own = [_mnemonic(text) for text in items if _mnemonic(text)]
        assert len(set(own)) == len(own), items


def test_alt_letters_of_the_menus_are_unique(open_window, qtbot):
    """Alt+letter opens one menu, never two in turn (« É&dition » and « Ai&de » both took D);
    within a menu, each command's letter is its own — in English too, whose words differ."""
    window = open_window()
    english = window.switch_language("en")
    qtbot.addWidget(english)
    try:
        _assert_unique_letters(english)
    finally:
        window = english.switch_language("fr")
        qtbot.addWidget(window)
    _assert_unique_letters(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_D, ALT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=2000)
    opened = QApplication.activePopupWidget()
    assert opened.title().replace("&", "") == "Édition"
    opened.close()
