"""The five answers of a question as large buttons, each with its number key."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from wizard.core.model import ANSWER_LABELS, ANSWER_VALUES
from wizard.i18n import _
from wizard.ui.widgets.accessible import named
from wizard.ui.widgets.text import fr


class AnswerChoices(QWidget):
    """Emits chosen(value) when the user picks an answer (also when re-picking the current one)."""

    chosen = Signal(str)

    def __init__(self, question_label: str, parent=None, *, na_allowed: bool = True) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
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
            layout.addWidget(button)
        # The chosen answer stands out by its check mark, and also by colour. No font property
        # here: a style sheet that sets one stops the buttons following the text size.
        self.setStyleSheet(
            "QPushButton { border: 1px solid palette(dark); border-radius: 4px; padding: 0.7em 0.3em;"
            " background: palette(button); }"
            "QPushButton:checked { background: palette(highlight); color: palette(highlighted-text);"
            " }"
            "QPushButton:focus { border: 3px solid palette(highlight); }")
        if not na_allowed:  # the content says N/A cannot apply here: shown, but not offered
            na = self.buttons["na"]
            na.setEnabled(False)
            na.setToolTip(fr(_("« Non applicable » n’est pas possible pour cette question : elle s’applique "
                               "à toute organisation de ce profil.")))
            na.setAccessibleDescription(na.toolTip())
        self.group.idClicked.connect(lambda n: self.chosen.emit(ANSWER_VALUES[n - 1]))
        self._labels = {v: _(ANSWER_LABELS[v]) for v in ANSWER_VALUES}
        self.set_value(None)

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
