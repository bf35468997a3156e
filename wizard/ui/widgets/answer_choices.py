"""The five answers of a question as large buttons, each with its number key.

The buttons go on as many rows as the width needs (five across on a wide window, two or three
rows on a projector at 1024×768 with large text): a label is never cut. The chosen answer is
filled with the colour of its meaning and carries a check mark; the keyboard focus is a dashed
ring of another colour, so that a focused answer never reads as a second chosen one.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLayout, QPushButton, QSizePolicy, QWidget

from wizard.core.model import ANSWER_LABELS, ANSWER_VALUES
from wizard.i18n import _
from wizard.ui.widgets.accessible import named
from wizard.ui.widgets.text import fr
from wizard.ui.widgets.theme import PRESENTATION_DISABLED_FRAME

# The colour of each answer's meaning, when chosen (white text on each passes WCAG AA).
MEANING = {"yes": "#1b6e3a", "partial": "#8a4b00", "no": "#b3261e", "unknown": "#4a4f57", "na": "#2f5d8a"}
FOCUS = "#e8710a"  # the focus ring: an orange no answer uses


@lru_cache(maxsize=2)
def choices_sheet(presentation: bool = False) -> str:
    """Neutral buttons (on a projector, black-framed), the chosen one filled with its meaning's
    colour, the focus a dashed orange ring; room enough for the bold text of the chosen one."""
    frame = "2px solid black" if presentation else "1px solid palette(dark)"
    # An answer not offered (« Non applicable » where it cannot apply) must not look like one that is:
    # grey text (the palette's, or the projector sheet's) and a lighter frame.
    disabled = f"2px solid {PRESENTATION_DISABLED_FRAME}" if presentation else "1px solid palette(mid)"
    sheet = [f"QPushButton {{ border: {frame}; border-radius: 4px; padding: 0.4em 0.3em; min-height: 1.5em;"
             " background: palette(button); }",
             f"QPushButton:disabled {{ border: {disabled}; }}",
             f"QPushButton:focus {{ border: 3px dashed {FOCUS}; }}"]
    for value, colour in MEANING.items():
        selector = f'QPushButton[answerValue="{value}"]:checked'
        sheet.append(f"{selector} {{ background: {colour}; color: white; font-weight: bold;"
                     f" border: 2px solid {colour}; }}")
        sheet.append(f"{selector}:focus {{ border: 3px dashed {FOCUS}; }}")
    return "\n".join(sheet)


class AnswerChoices(QWidget):
    """Emits chosen(value) when the user picks an answer (also when re-picking the current one)."""

    chosen = Signal(str)

    def __init__(self, question_label: str, parent=None, *, na_allowed: bool = True) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        # The rows are chosen from the width given (resizeEvent): the layout must not impose five across.
        self.grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._columns = 0
        for number, value in enumerate(ANSWER_VALUES, start=1):
            label = _(ANSWER_LABELS[value])
            button = QPushButton()
            button.setCheckable(True)
            button.setProperty("answerValue", value)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            named(button, _("{answer} (touche {key})").format(answer=label, key=number),
                  fr(_("Répondre « {answer} » à : {question}")).format(answer=label, question=question_label))
            self.group.addButton(button, number)
            self.buttons[value] = button
        # No font property in the sheet: a style sheet that sets one stops the buttons following
        # the text size.
        self._presentation = False
        self.setStyleSheet(choices_sheet())
        if not na_allowed:  # the content says N/A cannot apply here: shown, but not offered
            na = self.buttons["na"]
            na.setEnabled(False)
            na.setToolTip(fr(_("« Non applicable » n’est pas possible pour cette question : elle s’applique "
                               "à toute organisation de ce profil.")))
            na.setAccessibleDescription(na.toolTip())
        self.group.idClicked.connect(lambda n: self.chosen.emit(ANSWER_VALUES[n - 1]))
        self._labels = {v: _(ANSWER_LABELS[v]) for v in ANSWER_VALUES}
        self.set_value(None)
        self._arrange(len(ANSWER_VALUES))

    # -- as many per row as fit --------------------------------------------------------------
    def _widest(self) -> int:
        """The widest button with its check mark, so that choosing an answer never reflows the rows."""
        return max(b.sizeHint().width() + (0 if b.isChecked() else b.fontMetrics().horizontalAdvance("✓ "))
                   for b in self.buttons.values())

    def columns_for(self, width: int) -> int:
        spacing = max(0, self.grid.horizontalSpacing())
        widest = self._widest()
        for columns in (5, 3, 2):
            if columns * widest + (columns - 1) * spacing <= width:
                return columns
        return 1

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons.values():
            self.grid.removeWidget(button)
        for i, button in enumerate(self.buttons.values()):
            self.grid.addWidget(button, i // columns, i % columns)
        for column in range(5):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._arrange(self.columns_for(event.size().width()))

    def minimumSizeHint(self):  # noqa: ANN201, N802 - one button wide: the rows break instead
        hint = self.grid.minimumSize()
        hint.setWidth(self._widest())
        return hint

    def changeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._columns = 0
            self._arrange(self.columns_for(self.width()))
            self.updateGeometry()

    # -- value ---------------------------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        if on != self._presentation:  # a new sheet re-polishes the five buttons: only on a change
            self._presentation = on
            self.setStyleSheet(choices_sheet(on))

    def set_value(self, value: str | None) -> None:
        """Show the stored answer; the chosen one carries a check mark, not only a colour."""
        self.group.setExclusive(False)
        for number, (v, button) in enumerate(self.buttons.items(), start=1):
            button.setChecked(v == value)
            mark = "✓ " if v == value else ""
            button.setText(f"{mark}{number} · {self._labels[v]}")
        self.group.setExclusive(True)

    def value(self) -> str | None:
        for v, button in self.buttons.items():
            if button.isChecked():
                return v
        return None
