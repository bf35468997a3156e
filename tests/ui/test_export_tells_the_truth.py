"""Issue 16, point 5 (and issue 14's export dialog): before signing, the export window says how
much is unanswered, the « Non applicable », the contradictions and the critical gaps, and offers
the first unanswered question; after it, it says where the plan is, opens it or its folder, says
when nothing can open it, and remembers the folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.ui.conftest import create_via_store
from wizard.ui.dialogs.export_dialog import ExportDialog

LEFT = Qt.MouseButton.LeftButton


def test_the_summary_says_what_the_plan_will_say(answered_session, qtbot, data_dir):
    session = answered_session({"t.a28.contract.signed": "no", "t.a28.contract.audit": "yes"})
    dialog = ExportDialog(session, data_dir, open_pdf=None)
    qtbot.addWidget(dialog)
    text = dialog.summary.text.text().replace("\u202f", " ").replace("\u00a0", " ")
    assert "4 questions sans réponse sur 6" in text
    assert "1 incohérence" in text and "1 point critique" in text
    assert not dialog.summary.go.isHidden()
    assert dialog.export_button.text() == "&Exporter quand même"
    session.answer("t.a28.contract.audit", "na", justification="Outil développé en interne")
    dialog = ExportDialog(session, data_dir, open_pdf=None)
    qtbot.addWidget(dialog)
    assert "1 réponse « Non applicable », justifiée" in dialog.summary.text.text().replace("\u202f", " ")


def test_go_to_the_first_unanswered_question(open_window, qtbot, modal):
    window = open_window()
    aid = create_via_store(window)
    window.open_assessment(aid)
    window.answering.answer_current(0)
    modal(lambda dialog: qtbot.mouseClick(dialog.summary.go, LEFT))
    window.export_pdf()
    assert window.pages.currentWidget() is window.answering
    assert window.answering.current.question.id == "t.a28.contract.audit"
    assert window.focusWidget() in window.answering.current.choices.buttons.values()


def test_after_the_export_the_window_says_where_and_remembers_the_folder(answered_session, qtbot, data_dir,
                                                                          tmp_path):
    session = answered_session({"t.a28.contract.signed": "yes"})
    opened: list[Path] = []
    dialog = ExportDialog(session, data_dir, open_pdf=lambda path: opened.append(path) or False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_kind("none")
    out = tmp_path / "remis" / "plan.pdf"
    out.parent.mkdir()
    dialog.out_path.setText(str(out))
    qtbot.mouseClick(dialog.export_button, LEFT)
    with qtbot.waitSignal(dialog.task.done, timeout=60_000):
        pass
    assert dialog.isVisible() and dialog.saved.isVisible() and str(out) in dialog.saved.text.text()
    assert not dialog.export_button.isVisible() and dialog.cancel_button.text() == "Fermer"
    assert opened == [out]  # opened at once (the box was ticked)…
    assert "lecteur de PDF" in dialog.saved.message.text()  # …and nothing could: said, not silent
    qtbot.mouseClick(dialog.saved.show_folder, LEFT)
    assert opened[-1] == out.parent
    dialog.close()

    again = ExportDialog(session, data_dir, open_pdf=None)
    qtbot.addWidget(again)
    assert Path(again.out_path.text()).parent == out.parent
