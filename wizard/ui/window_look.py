"""How the main window looks: presentation mode for a projector, and the text size.

A mixin of MainWindow: the window holds presentation, presentation_scale and settings.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from wizard.ui.widgets.theme import apply_look

PRESENTATION_SCALES = (125, 150, 175, 200)


class WindowLook:
    """Presentation mode and text size of MainWindow: the ordinary text size comes from the
    settings; presentation mode has its own, larger steps."""

    def set_presentation(self, on: bool) -> None:
        """Projector mode: larger text, high contrast, only the questions."""
        self.presentation = bool(on)
        self.actions_by_name["presentation"].setChecked(self.presentation)
        self.toolbar.setVisible(not self.presentation)
        self.statusBar().setVisible(not self.presentation)
        if self._answering is not None:
            self._answering.set_presentation(self.presentation)
        self._apply_look()

    def step_text(self, direction: int) -> None:
        if self.presentation:
            i = PRESENTATION_SCALES.index(self.presentation_scale) + direction
            self.presentation_scale = PRESENTATION_SCALES[max(0, min(i, len(PRESENTATION_SCALES) - 1))]
        else:
            self.settings.text_scale = max(100, min(200, self.settings.text_scale + 25 * direction))
        self._apply_look()

    def text_scale(self) -> int:
        return self.presentation_scale if self.presentation else self.settings.text_scale

    def _apply_look(self) -> None:
        apply_look(QApplication.instance(), text_scale=self.text_scale(), presentation=self.presentation)
