"""Issue 16, point 8: the guides, written once in Markdown, open from the Help menu (and the empty
home) in French and in English, and print as a PDF in Vigie's style; the demonstration assessment
opens from the empty home, is marked as such, and goes away like any other."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from wizard.ui.home import home_page

LEFT = Qt.MouseButton.LeftButton


def open_guides(window):
    return [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "GuideDialog" and w.isVisible()]


@pytest.mark.parametrize(("lang", "user", "workshop"), [
    ("fr", "Guide d’utilisation de Vigie", "Guide d’atelier de Vigie"),
    ("en", "Vigie user guide", "Vigie workshop guide"),
])
def test_the_guides_open_from_the_help_menu(app, open_window, qtbot, lang, user, workshop):
    from wizard.ui.app import install_language

    install_language(app, lang)
    try:
        window = open_window()
        help_menu = window.menuBar().actions()[-1].menu()
        titles = [a.text() for a in help_menu.actions()]
        assert window.actions_by_name["guide"] in help_menu.actions() and window.actions_by_name["workshop"] \
            in help_menu.actions(), titles
        window.actions_by_name["guide"].trigger()
        dialog = window.guide_dialog
        assert dialog.isVisible() and dialog.windowTitle() == user
        text = dialog.text.toPlainText()
        assert user in text and ("Non applicable" in text if lang == "fr" else "Not applicable" in text)
        window.actions_by_name["workshop"].trigger()
        assert window.guide_dialog.windowTitle() == workshop
        for d in open_guides(window):
            d.close()
    finally:
        install_language(app, "fr")


def test_the_empty_home_leads_to_the_guide(open_window, qtbot):
    window = open_window()
    qtbot.mouseClick(window.home.empty.guide_button, LEFT)
    assert window.guide_dialog.isVisible() and "Guide d’utilisation" in window.guide_dialog.windowTitle()
    window.guide_dialog.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_guide_prints_as_a_pdf(tmp_path, lang):
    from wizard.operations.guide import export_guide_pdf, guide_text

    out = export_guide_pdf("utilisation", lang, tmp_path / "guide.pdf")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    first = guide_text("utilisation", lang).splitlines()[0].lstrip("# ")
    assert first in flat
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts  # the report's own fonts, embedded


def test_the_french_guide_has_french_typography():
    from wizard.operations.guide import guide_text

    for name in ("utilisation", "atelier"):
        text = guide_text(name, "fr")
        assert " :" not in text and " ;" not in text and " ?" not in text and "'" not in text
        assert "« " not in text and " »" not in text


def test_the_demonstration_opens_from_the_empty_home_and_goes_away(open_window, qtbot, monkeypatch, data_dir):
    monkeypatch.delenv("VIGIE_QUESTIONNAIRE_DIR")  # the shipped content: the demonstration is made from it
    window = open_window()
    assert window.home.stack.currentWidget() is window.home.empty
    qtbot.mouseClick(window.home.empty.demo_button, LEFT)
    session = window.session
    assert session.assessment.organisation.name == "Laboratoire de démonstration"
    assert "fictives" in session.assessment.organisation.address
    progress = session.progress()
    assert 0 < progress.answered < progress.total  # partly answered: something to explore
    demo = session.assessment.id
    window.show_home()
    row = window.home.model.row_of(demo)
    assert "démonstration" in window.home.model.text(row, 0)
    monkeypatch.setattr(home_page, "ask", lambda *a, **k: True)
    window.home.select(demo)
    qtbot.mouseClick(window.home.delete_button, LEFT)
    window.home.commit_deletes()
    assert demo not in {s.id for s in window.workspace.summaries()}
    assert window.home.stack.currentWidget() is window.home.empty
