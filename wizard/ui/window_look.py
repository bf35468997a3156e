"""How the main window looks: presentation mode for a projector, and the text size.

A mixin of MainWindow: the window holds presentation, presentation_scale and settings.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from wizard.ui.widgets.theme import apply_look

PRESENTATION_SCALES = (125, 150, 175, 200)


class WindowLook:
    """Presentation mode and text size of MainWindow: the ordinary text size comes from the
    settings; presentation mode has its own, larger steps."""

    def set_presentation(self, on: bool) -> None:
        """Projector mode: full screen, larger text, high contrast, the current question alone.
        Leaving it gives the window back as it was (size, maximised or not)."""
        on = bool(on)
        was = self.presentation
        self.presentation = on
        self.actions_by_name["presentation"].setChecked(on)
        self.toolbar.setVisible(not on)
        self.statusBar().setVisible(not on)
        self.menuBar().setVisible(not on)  # the commands keep their keys (F11 to leave)
        self._apply_look()
        if self._answering is not None:
            self._answering.set_presentation(on)
        if on and not was:
            self._state_before_room = self.windowState()
            self.showFullScreen()
        elif was and not on:
            self.setWindowState(getattr(self, "_state_before_room", Qt.WindowState.WindowNoState))
            if not self.isVisible():
                return
            self.showMaximized() if self.windowState() & Qt.WindowState.WindowMaximized else self.showNormal()

    def set_auto_advance(self, on: bool) -> None:
        """Move to the next question once an answer is given (remembered in the settings)."""
        if self._answering is not None:
            self._answering.auto_advance = bool(on)
        self._remember(auto_advance=bool(on))

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
