"""The whole journey through the real widgets, by mouse and by keyboard only: new assessment,
every visible question answered, results, an action edited, a signed PDF exported; then the
stored data and the PDF hold what was entered."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from wizard.storage import Store
from wizard.ui import optional

needs_pdf_tools = pytest.mark.skipif(
    shutil.which("pdfsig") is None or shutil.which("pdftotext") is None, reason="poppler-utils missing")
LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


def click(qtbot, widget):
    assert widget.isVisible() and widget.isEnabled(), widget.accessibleName()
    qtbot.mouseClick(widget, LEFT)


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier):
    if QApplication.activeWindow() is None:
        # A closed dialog gives the activation back to the window (the window manager's job,
        # which the offscreen platform does not do).
        main = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.inherits("QMainWindow")]
        main[0].activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is main[0], timeout=3000)
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClick(target, k, modifier)


def tab_to(qtbot, widget, limit=80):
    """Press Tab until the widget has the focus, as a keyboard user would."""
    for _n in range(limit):
        if QApplication.focusWidget() is widget:
            return
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.accessibleName() or widget}")


def check_pdf(out, organisation, action_title):
    assert out.exists()
    signed = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True)
    assert "Signature is Valid." in signed.stdout
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert organisation in flat
    assert action_title.split()[0] in flat


@needs_pdf_tools
def test_journey_by_mouse(open_window, qtbot, modal, data_dir, tmp_path):
    window = open_window()
    home = window.home
    assert home.stack.currentWidget() is home.empty  # nothing yet: the explanation is shown

    def fill(dialog):
        dialog.name.setText("Laboratoire Saint-Éloi")
        dialog.siret.setText("73282932000074")
        dialog.assessor.setText("Zoé Martin")
        add = [b for b in dialog.findChildren(type(dialog.ok_button))
               if b.accessibleName() == "Ajouter un participant"][0]
        qtbot.mouseClick(add, LEFT)
        dialog.participants.item(0, 0).setText("Paul Durand")
        dialog.participants.item(0, 1).setText("Responsable informatique")
        qtbot.mouseClick(dialog.ok_button, LEFT)
    modal(fill)
    click(qtbot, home.empty.new_button)

    page = window.answering
    assert window.pages.currentWidget() is page
    session = window.session
    assert session.assessment.organisation.siret == "73282932000074"
    # Paul answers the first section, the assessor the rest.
    page.participant.setCurrentIndex(page.participant.findData("Paul Durand"))
    choices = {"t.a28.contract.signed": "no", "t.a28.contract.audit": "partial",
               "t.a28.sub.any": "no", "t.a32.access.individual": "yes"}
    for index in range(page.section_count()):
        if index == 1:
            page.participant.setCurrentIndex(page.participant.findData("Zoé Martin"))
        view = page.views[page.section_index]
        # Skip logic may hide cards as answers come in: pick the next unanswered visible one.
        while unanswered := [c for c in view.visible_cards() if c.choices.value() is None]:
            card = unanswered[0]
            click(qtbot, card.choices.buttons[choices[card.question.id]])
        if index == 0:
            card = view.cards["t.a28.contract.signed"]
            card.evidence.setText("Contrat de maintenance 2019, armoire B")
            card.flush()
        if page.next_button.isEnabled():
            click(qtbot, page.next_button)
    assert session.progress().answered == session.progress().total == 4

    if not optional.available("results"):
        pytest.skip("results page not present")
    click(qtbot, page.results_button)
    results = window.results
    assert window.pages.currentWidget() is results
    results.tabs.setCurrentWidget(results.plan)
    table = results.plan.table
    first = table.visualRect(table.model().index(0, 0)).center()
    qtbot.mouseClick(table.viewport(), LEFT, pos=first)
    action_id = results.plan.current_id()
    action_title = results.plan.editor.action.title.fr
    results.plan.editor.status.setCurrentIndex(results.plan.editor.status.findData("doing"))

    if not optional.available("export"):
        pytest.skip("export dialog not present")
    out = tmp_path / "plan.pdf"
    opened = []
    window.open_pdf = opened.append

    def export(dialog):
        QTimer.singleShot(120_000, lambda: dialog.done(0))  # never hang the suite
        dialog.set_kind("personal")
        dialog.fields.passphrase.setText("phrase très secrète")
        dialog.fields.confirm.setText("phrase très secrète")
        dialog.out_path.setText(str(out))
        qtbot.mouseClick(dialog.export_button, LEFT)
        qtbot.waitUntil(dialog.saved.isVisible, timeout=120_000)  # the window says where the plan is
        qtbot.mouseClick(dialog.cancel_button, LEFT)
    modal(export)
    click(qtbot, results.export)
    assert opened == [out]

    stored = Store(data_dir).load(session.assessment.id)
    assert {q: a.value for q, a in stored.answers.items()} == choices
    assert stored.answers["t.a28.contract.signed"].by == "Paul Durand"
    assert stored.answers["t.a32.access.individual"].by == "Zoé Martin"
    assert stored.answers["t.a28.contract.signed"].evidence == "Contrat de maintenance 2019, armoire B"
    assert stored.participants[0].role == "Responsable informatique"
    assert stored.action_edits[action_id].status == "doing"
    check_pdf(out, "Saint-Éloi", action_title)


def inside_screen(widget, screen="1024x768"):
    from wizard.tools.screens import screen_named

    area = screen_named(screen).availableGeometry()
    frame = widget.frameGeometry()
    assert area.contains(frame), f"{widget.windowTitle()}: {frame} is not within {area}"


@needs_pdf_tools
def test_journey_by_keyboard_only_at_1024x768(open_window, qtbot, modal, data_dir, tmp_path):
    """The projector's screen: every window fits it, and the whole journey needs no mouse."""
    window = open_window(screen="1024x768")
    inside_screen(window)
    window.home.focus_list()

    def fill(dialog):
        inside_screen(dialog)
        assert dialog.ok_button.isVisible()  # the button stays in view, the form scrolls
        qtbot.keyClicks(dialog.name, "Labo Clavier")
        tab_to(qtbot, dialog.assessor)
        qtbot.keyClicks(dialog.assessor, "Marc")
        key(qtbot, Qt.Key.Key_Return)
    modal(fill)
    key(qtbot, Qt.Key.Key_N, CTRL)

    page = window.answering
    session = window.session
    assert session is not None and session.assessment.organisation.name == "Labo Clavier"
    # 3 = Non on the first question, then Down; "Non" to "sub.any" hides the two that follow.
    # The comment of the second one is typed on the way: Tab into it, Escape back, the answer key.
    key(qtbot, Qt.Key.Key_3)
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is page.current.note
    qtbot.keyClicks(page.current.note, "avenant en cours")
    key(qtbot, Qt.Key.Key_Escape)
    for number in ("2", "3", "1"):
        key(qtbot, getattr(Qt.Key, f"Key_{number}"))
        key(qtbot, Qt.Key.Key_Down)
    assert session.progress().answered == session.progress().total == 4
    key(qtbot, Qt.Key.Key_PageUp, CTRL)  # back one section, and forth
    assert page.section_index == 1
    key(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert page.section_index == 2

    if not optional.available("results"):
        pytest.skip("results page not present")
    key(qtbot, Qt.Key.Key_R, CTRL)
    results = window.results
    assert window.pages.currentWidget() is results
    key(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # "&Plan d'action" tab
    assert results.tabs.currentWidget() is results.plan
    tab_to(qtbot, results.plan.table)
    key(qtbot, Qt.Key.Key_Down)
    if results.plan.current_id() is None:
        key(qtbot, Qt.Key.Key_Space)
    action_id = results.plan.current_id()
    assert action_id is not None
    action_title = results.plan.editor.action.title.fr
    tab_to(qtbot, results.plan.editor.status)
    key(qtbot, Qt.Key.Key_Down)  # À lancer -> En cours

    if not optional.available("export"):
        pytest.skip("export dialog not present")
    out = tmp_path / "plan-clavier.pdf"
    opened = []
    window.open_pdf = opened.append

    def export(dialog):
        QTimer.singleShot(120_000, lambda: dialog.done(0))
        inside_screen(dialog)
        tab_to(qtbot, dialog.fields.passphrase)
        qtbot.keyClicks(dialog.fields.passphrase, "phrase secrete")
        tab_to(qtbot, dialog.fields.confirm)
        qtbot.keyClicks(dialog.fields.confirm, "phrase secrete")
        tab_to(qtbot, dialog.out_path)
        key(qtbot, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(dialog.out_path, str(out))
        key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(dialog.saved.isVisible, timeout=120_000)
        assert dialog.saved.open.hasFocus()  # « Ouvrir le PDF », then Escape closes
        key(qtbot, Qt.Key.Key_Escape)
    modal(export)
    key(qtbot, Qt.Key.Key_E, CTRL)
    assert opened == [out]
    inside_screen(window)

    stored = Store(data_dir).load(session.assessment.id)
    assert {q: a.value for q, a in stored.answers.items()} == {
        "t.a28.contract.signed": "no", "t.a28.contract.audit": "partial",
        "t.a28.sub.any": "no", "t.a32.access.individual": "yes"}
    assert stored.answers["t.a28.contract.audit"].note == "avenant en cours"
    assert all(a.by == "Marc" for a in stored.answers.values())
    assert stored.action_edits[action_id].status == "doing"
    check_pdf(out, "Labo Clavier", action_title)
