"""Workshop mode scales the text and removes clutter; every control has an accessible name."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tests.ui.conftest import create_via_store

INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QAbstractItemView, QAbstractSpinBox)


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INTERACTIVE) or not w.isVisibleTo(root):
            continue
        if isinstance(w, QLineEdit) and isinstance(w.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the editor inside a combo or date box is named by its owner
        if type(w).__name__ in ("QToolButton",) and w.objectName().startswith("qt_"):
            continue  # Qt's own scroller buttons
        if not w.accessibleName().strip():
            iface = QAccessible.queryAccessibleInterface(w)
            text = iface.text(QAccessible.Text.Name) if iface else ""
            if not text.strip():
                missing.append(f"{type(w).__name__} {w.objectName()!r}")
    return missing


def test_presentation_mode_scales_fonts_and_hides_clutter(open_window, qtbot):
    window = open_window()
    window.open_assessment(create_via_store(window))
    page = window.answering
    card = page.current
    normal_text = card.text.font().pointSizeF()
    normal_button = card.choices.buttons["yes"].font().pointSizeF()
    window.actions_by_name["presentation"].trigger()
    assert window.presentation
    assert card.text.font().pointSizeF() >= 1.25 * normal_text
    assert card.choices.buttons["yes"].font().pointSizeF() >= 1.25 * normal_button
    assert not window.toolbar.isVisible() and not page.sections.isVisible()
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() == 255
    assert palette.color(QPalette.ColorRole.WindowText).lightness() == 0
    for _n in range(5):
        window.actions_by_name["bigger"].trigger()
    assert window.text_scale() == 200
    assert abs(card.text.font().pointSizeF() - 2 * normal_text) < 0.6
    window.actions_by_name["presentation"].trigger()
    assert not window.presentation and window.toolbar.isVisible()
    assert abs(card.text.font().pointSizeF() - normal_text) < 0.01


def test_every_control_has_an_accessible_name(open_window, qtbot):
    window = open_window()
    assert unnamed_controls(window) == []  # empty home
    aid = create_via_store(window, participants=[("Zoé", "DPO")])
    window.home.reload(select=aid)
    assert unnamed_controls(window) == []  # filled home
    window.open_assessment(aid)
    window.answering.toggle_help()
    for index in range(window.answering.section_count()):
        window.answering.show_section(index)
        assert unnamed_controls(window) == []
    from wizard.ui.answering.shortcuts import ShortcutsDialog
    from wizard.ui.dialogs.new_assessment import NewAssessmentDialog

    dialog = NewAssessmentDialog(window.registry.default.framework, window)
    dialog.add_participant("Paul", "IT")
    dialog.show()
    assert unnamed_controls(dialog) == []
    shortcuts = ShortcutsDialog(window)
    shortcuts.show()
    assert unnamed_controls(shortcuts) == []


def test_state_is_never_told_by_colour_alone(open_window, qtbot):
    window = open_window()
    window.open_assessment(create_via_store(window))
    card = window.answering.current
    card.choices.buttons["no"].click()
    assert card.choices.buttons["no"].text().startswith("✓")
    assert "Répondu" in card.status.text()
    assert window.answering.current.header.text().startswith("▶")
    assert window.answering.sections.item(0).text().startswith("◐")


def test_tab_order_goes_through_questions_before_navigation(open_window, qtbot):
    from PySide6.QtCore import Qt

    window = open_window()
    window.open_assessment(create_via_store(window))
    page = window.answering
    page.sections.setFocus()
    seen = []
    for _n in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if seen[-1] is page.next_button:
            break
    cards = list(page.views[0].cards.values())
    positions = [seen.index(c.note) for c in cards]
    assert positions == sorted(positions)  # questions in reading order
    assert seen.index(page.next_button) > seen.index(cards[-1].help_button)


def test_a_disabled_button_looks_disabled_in_both_looks(open_window, qtbot):
    """The palettes set colours for every group; a disabled button must still be told apart."""
    from PySide6.QtGui import QPalette

    from wizard.ui.widgets.theme import contrast_palette, normal_palette

    for palette in (normal_palette(), contrast_palette()):
        for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            active = palette.color(QPalette.ColorGroup.Active, role)
            disabled = palette.color(QPalette.ColorGroup.Disabled, role)
            assert abs(active.lightness() - disabled.lightness()) > 60, role
    window = open_window()
    home = window.home
    home.search.setText("aucune évaluation ne s'appelle ainsi")
    assert not home.open_button.isEnabled()
    shown = home.open_button.grab().toImage()
    enabled = home.new_button.grab().toImage()
    darkest = min(shown.pixelColor(x, y).lightness() for x in range(shown.width()) for y in range(shown.height()))
    darkest_enabled = min(enabled.pixelColor(x, y).lightness()
                          for x in range(enabled.width()) for y in range(enabled.height()))
    assert darkest > darkest_enabled + 40  # its text is drawn in grey, not in near-black


def _darkest(image, xs, ys) -> int:
    return min(image.pixelColor(x, y).lightness() for x in xs for y in ys)


def test_a_disabled_answer_looks_disabled_in_presentation_mode(app, qtbot):
    """On a projector, « Non applicable » where it cannot apply is drawn grey, in a lighter frame:
    not black on white like the answers offered (the presentation sheet once made it black)."""
    from wizard.ui.widgets.answer_choices import AnswerChoices
    from wizard.ui.widgets.theme import apply_look

    apply_look(app, text_scale=150, presentation=True)
    choices = AnswerChoices("Tenez-vous à jour le registre ?", na_allowed=False)
    qtbot.addWidget(choices)
    choices.set_presentation(True)
    choices.resize(900, choices.sizeHint().height())
    choices.show()
    qtbot.waitExposed(choices)
    na, yes = choices.buttons["na"], choices.buttons["yes"]
    assert not na.isEnabled() and yes.isEnabled()
    shown, offered = na.grab().toImage(), yes.grab().toImage()
    middle = range(shown.height() // 3, 2 * shown.height() // 3)
    inside = range(6, shown.width() - 6)  # the label, away from the frame
    assert _darkest(offered, inside, middle) < 60  # black text on the answers offered
    assert _darkest(shown, inside, middle) > _darkest(offered, inside, middle) + 60  # grey text
    frame = range(0, 3)
    assert _darkest(offered, frame, middle) < 60
    assert _darkest(shown, frame, middle) > _darkest(offered, frame, middle) + 100  # a lighter frame
    apply_look(app, text_scale=100, presentation=False)
    choices.set_presentation(False)
    shown = na.grab().toImage()
    assert _darkest(shown, inside, middle) > 100  # the normal look keeps its grey


def test_a_disabled_control_looks_disabled_in_presentation_mode(open_window, qtbot):
    """The projector sheet greys what cannot be used: home's « Ouvrir » with nothing to open."""
    window = open_window()
    create_via_store(window)
    window.actions_by_name["presentation"].trigger()
    home = window.home
    window.show_home()
    home.search.setText("aucune évaluation ne s'appelle ainsi")
    assert not home.open_button.isEnabled() and home.new_button.isEnabled()
    shown, enabled = home.open_button.grab().toImage(), home.new_button.grab().toImage()
    every = (range(shown.width()), range(shown.height()))
    assert _darkest(shown, *every) > _darkest(enabled, range(enabled.width()), range(enabled.height())) + 60
    window.actions_by_name["presentation"].trigger()


def test_the_shortcuts_list_names_keys_as_the_keyboard_shows_them(open_window, qtbot):
    """« Entrée », « ↓ », « Alt+→ »: not Qt's « Retour », « Bas », « Alt+Droite »."""
    from PySide6.QtWidgets import QTableWidget

    from wizard.ui.answering.shortcuts import SHORTCUTS, ShortcutsDialog

    window = open_window()
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.findChild(QTableWidget)
    shown = {name: table.item(row, 0).text() for row, name in enumerate(SHORTCUTS)}
    assert shown["open"] == "Entrée"
    assert shown["next_question"] == "↓" and shown["previous_question"] == "↑"
    assert shown["next_section"].endswith("Alt+→") and shown["previous_section"].endswith("Alt+←")
    words = " ".join(shown.values()).replace("+", " ").replace("/", " ").split()
    assert not {"Retour", "Bas", "Haut", "Droite", "Gauche", "Return", "Down", "Up"} & set(words), shown
    assert shown["delete"] == "Suppr" and shown["leave_field"] == "Échap"  # Qt's names that are the keyboard's
    window.open_assessment(create_via_store(window))
    assert "Alt+→" in window.answering.next_button.accessibleDescription()
