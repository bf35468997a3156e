"""What people type is shown as typed: a name or a title holding « <b> » or « <img> » is never
read as markup, on any screen that shows it (Qt labels guess « rich text » by default)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.ui.conftest import create_via_store

NAME = "<b>Labo Gras</b> <img src='x.png'> & Cie"
TITLE = "<u>Action soulignée</u> <a href='http://x'>lien</a>"


def rendered_as_markup(window) -> list[str]:
    """Visible labels that hold the typed text and would interpret it."""
    wrong = []
    for label in window.findChildren(QLabel):
        text = label.text()
        if not label.isVisibleTo(window) or not any(m in text for m in ("Labo Gras", "Action soulignée")):
            continue
        shown_as_text = label.textFormat() == Qt.TextFormat.PlainText
        escaped = "&lt;b&gt;" in text or "&lt;u&gt;" in text
        if not (shown_as_text or escaped):
            wrong.append(f"{label.objectName() or type(label.parent()).__name__}: {text[:80]}")
    return wrong


def test_an_organisation_name_and_an_action_title_are_shown_as_typed(open_window, qtbot):
    window = open_window()
    aid = create_via_store(window, name=NAME)
    assert rendered_as_markup(window) == []  # home, its list and the selected assessment's details
    window.open_assessment(aid)
    assert rendered_as_markup(window) == []
    window.session.add_custom_action(TITLE)
    window.show_results()
    page = window.results
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        assert rendered_as_markup(window) == [], page.tabs.tabText(index)
    plan = page.plan
    page.tabs.setCurrentWidget(plan)
    custom = window.session.evaluation().plan  # the plan with the custom action in it
    assert custom is not None
    plan.reload(next(c.id for c in window.session.assessment.custom_actions))
    assert rendered_as_markup(window) == []


def test_an_error_naming_a_file_shows_its_name_as_typed(open_window, modal, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from wizard.ui.home.exchange import import_assessment

    window = open_window()
    bad = tmp_path / "<b>copie<i>.vigie"
    bad.write_bytes(b"pas une archive")
    seen: list[tuple[Qt.TextFormat, str]] = []

    def read(box):
        assert isinstance(box, QMessageBox)
        seen.append((box.textFormat(), box.text()))
        box.accept()

    modal(read)
    assert import_assessment(window, window.workspace, str(bad)) is None  # refused, nothing imported
    [(shown_as, text)] = seen
    assert shown_as == Qt.TextFormat.PlainText and "<b>copie<i>.vigie" in text
    assert window.workspace.summaries() == []
