"""Answering behaviours: skip logic live, undo/redo, "à revoir", participants, "na" justification."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import create_via_store
from wizard.storage import Store

LEFT = Qt.MouseButton.LeftButton


def opened(open_window, **kw):
    window = open_window()
    aid = create_via_store(window, **kw)
    window.open_assessment(aid)
    return window, window.answering, aid


def test_skip_logic_hides_and_restores_with_the_reason(open_window, qtbot):
    window, page, _aid = opened(open_window)
    page.show_section(1)
    view = page.views[1]
    any_, authorised, same = (view.cards[q] for q in ("t.a28.sub.any", "t.a28.sub.authorised",
                                                      "t.a28.sub.same_terms"))
    assert authorised.isVisible() and same.isVisible()  # unanswered hides nothing
    qtbot.mouseClick(any_.choices.buttons["no"], LEFT)
    assert not authorised.isVisible() and not same.isVisible()
    assert view.hidden_note.isVisible()
    note = view.hidden_note.text()
    assert "Pas de sous-traitant." in note  # the author's reason
    assert "Avez-vous autorisé chaque sous-traitant" in note
    assert "est elle-même masquée" in note  # the chained one says why too
    assert "1/1" in page.sections.item(1).text()  # the badge counts visible questions only
    qtbot.mouseClick(any_.choices.buttons["yes"], LEFT)
    assert authorised.isVisible() and same.isVisible()
    assert not view.hidden_note.isVisible()
    assert "1/3" in page.sections.item(1).text()


def test_undo_and_redo_answer_changes(open_window, qtbot, data_dir):
    window, page, aid = opened(open_window)
    card = page.views[0].cards["t.a28.contract.signed"]
    qtbot.mouseClick(card.choices.buttons["no"], LEFT)
    qtbot.mouseClick(card.choices.buttons["yes"], LEFT)
    undo = window.actions_by_name["undo"]
    qtbot.keyClick(card.choices.buttons["yes"], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert Store(data_dir).load(aid).answers["t.a28.contract.signed"].value == "no"
    assert card.choices.value() == "no"
    undo.trigger()
    assert "t.a28.contract.signed" not in Store(data_dir).load(aid).answers
    assert card.choices.value() is None
    qtbot.keyClick(card.choices.buttons["no"], Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    window.actions_by_name["redo"].trigger()
    assert Store(data_dir).load(aid).answers["t.a28.contract.signed"].value == "yes"
    assert card.choices.value() == "yes"


def test_undo_restores_questions_hidden_by_skip_logic(open_window, qtbot):
    window, page, _aid = opened(open_window)
    page.show_section(1)
    view = page.views[1]
    qtbot.mouseClick(view.cards["t.a28.sub.any"].choices.buttons["no"], LEFT)
    assert not view.cards["t.a28.sub.authorised"].isVisible()
    window.undo()
    assert view.cards["t.a28.sub.authorised"].isVisible()


def test_not_applicable_is_stored_only_with_its_justification(open_window, qtbot, data_dir):
    window, page, aid = opened(open_window)
    card = page.views[0].cards["t.a28.contract.audit"]  # its help says when N/A applies
    assert not card.justification.isVisible()
    qtbot.mouseClick(card.choices.buttons["na"], LEFT)
    assert card.justification.isVisible() and card.justification.hasFocus()
    assert "Justifiez" in card.status.text()
    assert "t.a28.contract.audit" not in Store(data_dir).load(aid).answers  # nothing stored yet
    card.justification.setText("Pas de contrat de ce type : l’outil est développé en interne")
    qtbot.keyClick(card.justification, Qt.Key.Key_Return)
    stored = Store(data_dir).load(aid).answers["t.a28.contract.audit"]
    assert stored.value == "na" and stored.justification.startswith("Pas de contrat")
    assert "Justif" not in card.status.text()


def test_not_applicable_left_without_justification_keeps_the_earlier_answer(open_window, qtbot, data_dir):
    window, page, aid = opened(open_window)
    card = page.views[0].cards["t.a28.contract.audit"]
    qtbot.mouseClick(card.choices.buttons["no"], LEFT)
    qtbot.mouseClick(card.choices.buttons["na"], LEFT)
    card.justification.clearFocus()
    card.justification.editingFinished.emit()  # left the field empty
    assert Store(data_dir).load(aid).answers["t.a28.contract.audit"].value == "no"
    assert card.choices.value() == "no" and not card.justification.isVisible()


def test_not_applicable_is_not_offered_where_the_content_does_not_allow_it(open_window, qtbot, data_dir):
    window, page, aid = opened(open_window)
    card = page.views[0].cards["t.a28.contract.signed"]
    assert not card.choices.buttons["na"].isEnabled()
    assert "n’est pas possible" in card.choices.buttons["na"].toolTip()
    page._set_current(card)
    qtbot.keyClick(page, Qt.Key.Key_5)
    assert "t.a28.contract.signed" not in Store(data_dir).load(aid).answers
    assert "Non applicable" in page.saved.text()


def test_contradicting_answers_are_flagged_on_both_questions(open_window, qtbot):
    window, page, aid = opened(open_window)
    signed, audit = (page.views[0].cards[q] for q in ("t.a28.contract.signed", "t.a28.contract.audit"))
    qtbot.mouseClick(signed.choices.buttons["no"], LEFT)
    assert not signed.warning.isVisible()
    qtbot.mouseClick(audit.choices.buttons["yes"], LEFT)
    assert signed.warning.isVisible() and audit.warning.isVisible()
    assert "Pas de contrat, mais une clause d’audit" in audit.warning.text()
    qtbot.mouseClick(signed.choices.buttons["yes"], LEFT)
    assert not signed.warning.isVisible() and not audit.warning.isVisible()


def test_participant_picker_records_who_answered(open_window, qtbot, data_dir):
    window, page, aid = opened(open_window, assessor="Claire",
                               participants=[("Hélène Petit", "DPO"), ("Marc", "Informatique")])
    labels = [page.participant.itemText(i) for i in range(page.participant.count())]
    assert "Hélène Petit (DPO)" in labels and "Claire" in labels
    assert page.by() == "Claire"  # the assessor by default
    page.participant.setCurrentIndex(page.participant.findData("Hélène Petit"))
    card = page.views[0].cards["t.a28.contract.signed"]
    qtbot.mouseClick(card.choices.buttons["partial"], LEFT)
    page.participant.setCurrentIndex(page.participant.findData("Marc"))
    qtbot.mouseClick(page.views[0].cards["t.a28.contract.audit"].choices.buttons["yes"], LEFT)
    answers = Store(data_dir).load(aid).answers
    assert answers["t.a28.contract.signed"].by == "Hélène Petit"
    assert answers["t.a28.contract.audit"].by == "Marc"
    assert "Hélène Petit" in card.by.text()


def test_number_keys_answer_and_arrows_move(open_window, qtbot, data_dir):
    window, page, aid = opened(open_window)
    first = page.views[0].cards["t.a28.contract.signed"]
    assert page.current is first
    qtbot.keyClick(first.choices.buttons["yes"], Qt.Key.Key_2)
    qtbot.keyClick(first.choices.buttons["yes"], Qt.Key.Key_Down)
    assert page.current.question.id == "t.a28.contract.audit"
    qtbot.keyClick(page.current.choices.buttons["yes"], Qt.Key.Key_4)
    # Digits typed in a comment stay text: they do not answer.
    page.current.note.setFocus()
    qtbot.keyClicks(page.current.note, "5 postes")
    assert page.current.note.toPlainText() == "5 postes"
    answers = Store(data_dir).load(aid).answers
    assert answers["t.a28.contract.signed"].value == "partial"
    assert answers["t.a28.contract.audit"].value == "unknown"
    qtbot.keyClick(page.current.note, Qt.Key.Key_F1)
    assert page.current.help.isVisible()
    assert "Pourquoi c’est important" in page.current.help.text()


def test_references_are_in_the_help_not_above_the_question(open_window, qtbot):
    """The legal references are for the DPO: the card's header is the question's number only."""
    _window, page, _aid = opened(open_window)
    card = page.views[0].cards["t.a28.contract.signed"]  # refs 28.3 and 28.9
    assert card.header.text().removeprefix("▶ ") == "Question 1.1"  # section 1, question 1: as on paper
    assert "28.3" not in card.header.text() and "28.3" not in card.text.text()
    qtbot.mouseClick(card.help_button, LEFT)
    help_text = card.help.text()
    assert "Références" in help_text and "art. 28.3" in help_text and "art. 28.9" in help_text


def test_filters_show_unanswered_or_to_review(open_window, qtbot):
    window, page, _aid = opened(open_window)
    view = page.views[0]
    qtbot.mouseClick(view.cards["t.a28.contract.signed"].choices.buttons["yes"], LEFT)
    page.filter.setCurrentIndex(page.filter.findData("unanswered"))
    assert not view.cards["t.a28.contract.signed"].isVisible()
    assert view.cards["t.a28.contract.audit"].isVisible()
    page.filter.setCurrentIndex(page.filter.findData("review"))
    assert view.empty_note.isVisible()


def test_assessment_open_elsewhere_is_read_only(open_window, qtbot, data_dir):
    from wizard.operations.session import Session

    window = open_window()
    aid = create_via_store(window)
    other = Session(Store(data_dir), aid)  # another Vigie holds the assessment
    try:
        assert not other.read_only
        window.open_assessment(aid)
        assert window.session.read_only
        page = window.answering
        assert page.read_only_banner.isVisible()
        card = page.views[0].cards["t.a28.contract.signed"]
        assert not card.choices.isEnabled()
        page.answer_current(0)
        assert "t.a28.contract.signed" not in Store(data_dir).load(aid).answers
    finally:
        other.close()


def test_results_can_send_the_user_back_to_a_question(open_window, qtbot):
    from wizard.ui import optional

    window, page, _aid = opened(open_window)
    if not optional.available("results"):
        import pytest

        pytest.skip("results page not present")
    window.show_results()
    window.results.questionRequested.emit("t.a32.access.individual")
    assert window.pages.currentWidget() is page
    assert page.current.question.id == "t.a32.access.individual"
    assert page.section_index == 2


def test_help_shows_who_changed_the_answer(open_window, qtbot):
    window, page, _aid = opened(open_window, assessor="Claire", participants=[("Marc", "IT")])
    card = page.views[0].cards["t.a28.contract.signed"]
    qtbot.mouseClick(card.choices.buttons["no"], LEFT)
    page.participant.setCurrentIndex(page.participant.findData("Marc"))
    qtbot.mouseClick(card.choices.buttons["yes"], LEFT)
    qtbot.mouseClick(card.help_button, LEFT)
    assert card.history.isVisible()
    lines = card.history.text().splitlines()
    assert "Claire" in lines[1] and "sans réponse → Non" in lines[1]
    assert "Marc" in lines[2] and "Non → Oui" in lines[2]
