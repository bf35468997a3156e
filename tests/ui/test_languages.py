"""The interface in French and in English, and a language switch that loses nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from wizard.core.model import Organisation


def toolbar_texts(window) -> set[str]:
    """Toolbar labels without their keyboard mnemonic marker."""
    return {a.text().replace("&", "") for a in window.toolbar.actions() if a.text()}


def answer_buttons(window) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton

    return [b.text() for b in window.answering.findChildren(QAbstractButton) if b.isVisibleTo(window)]


def test_french_interface(open_window):
    window = open_window()
    assert {"Accueil", "Nouvelle évaluation…", "Résultats et plan d’action"} <= toolbar_texts(window)


def test_switch_to_english_keeps_the_open_assessment_and_its_answers(open_window, data_dir, qtbot):
    from wizard.storage import Store

    store = Store(data_dir)
    created = store.create("lab", Organisation("Laboratoire des Tilleuls"))
    store.close()
    window = open_window()
    window.open_assessment(created.id)
    window.session.answer("t.a28.contract.signed", "partial", note="Avenant en cours")
    window.answering.show_section(2)

    english = window.switch_language("en")
    qtbot.addWidget(english)
    try:
        assert not window.isVisible() and english.isVisible()
        assert {"Home", "New assessment…"} <= toolbar_texts(english)
        texts = answer_buttons(english)
        assert any(t.endswith("Yes") for t in texts) and not any(t.endswith("Oui") for t in texts)
        assert english.session is not None and english.session.assessment.id == created.id
        answer = english.session.assessment.answers["t.a28.contract.signed"]
        assert (answer.value, answer.note) == ("partial", "Avenant en cours")
        assert english.answering.section_index == 2  # the page the user was on
        # A change made after the switch is stored as before.
        english.session.answer("t.a28.contract.audit", "yes")
        reopened = Store(data_dir)
        assert reopened.load(created.id).answers["t.a28.contract.audit"].value == "yes"
        reopened.close()
    finally:
        french = english.switch_language("fr")
        qtbot.addWidget(french)
        assert {"Accueil"} <= toolbar_texts(french)
        french.close()
    assert QApplication.instance() is not None
