"""Look of the application: text size and the presentation (projector) mode.

Fonts are scaled from the size Qt chose at start-up, so that every widget without an explicit
size follows; style sheets never set sizes in pixels for text.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

_BASE_POINT_SIZE = "vigieBasePointSize"
STYLE = "Fusion"  # the same look on Windows and Linux, and one that honours our palettes
_STYLED = "vigieStyled"

# On a projector, what cannot be used is grey, its frame lighter: the text still reads 7:1 on white,
# the frame tells at a glance it is not one of the black-framed controls.
PRESENTATION_DISABLED_TEXT = "#595959"
PRESENTATION_DISABLED_FRAME = "#a6a6a6"
# High contrast for projectors: black on white, a dark blue selection; the focus is a thick dashed
# orange frame, which no selection uses, so that a focused control never reads as a chosen one.
# A colour set for every state would also be a disabled control's: the grey is set after the black.
_PRESENTATION_SHEET = f"""
QWidget {{ color: black; }}
QWidget:disabled {{ color: {PRESENTATION_DISABLED_TEXT}; }}
QPushButton, QToolButton, QComboBox, QLineEdit, QPlainTextEdit, QListWidget {{
    border: 2px solid black; padding: 0.3em; }}
QPushButton:disabled, QToolButton:disabled, QComboBox:disabled, QLineEdit:disabled, QPlainTextEdit:disabled,
QListWidget:disabled {{ border-color: {PRESENTATION_DISABLED_FRAME}; }}
QPushButton:checked {{ background: #00245c; color: white; }}
QPushButton:checked:disabled {{ background: #5a6a85; color: white; }}
*:focus {{ border: 4px dashed #e8710a; }}
"""
# A progress bar at 0 % must not look like an empty text field: a grey track, a coloured fill.
PROGRESS_SHEET = """
QProgressBar { border: 1px solid #5f6670; border-radius: 3px; background: #dfe4ea; max-height: 0.9em; }
QProgressBar::chunk { background: #1f4e8c; border-radius: 2px; }
"""


def base_point_size(app: QApplication) -> float:
    stored = app.property(_BASE_POINT_SIZE)
    if stored is None:
        stored = app.font().pointSizeF()
        app.setProperty(_BASE_POINT_SIZE, stored)
    return float(stored)


def apply_text_scale(app: QApplication, percent: int) -> None:
    """Scale the application font; widgets created before and after follow."""
    font = QFont(app.font())
    size = base_point_size(app) * percent / 100
    font.setPointSizeF(size)
    app.setFont(font)
    # Widgets under a style sheet do not follow QApplication.setFont: give each its size.
    for widget in app.allWidgets():
        factor = widget.property("vigieRelativeSize")
        own = QFont(widget.font())
        own.setPointSizeF(size * (float(factor) if factor is not None else 1.0))
        widget.setFont(own)


def scale_widget_font(widget, factor: float, *, bold: bool | None = None) -> None:
    """Give a widget a font `factor` times the application's, kept when the text size changes."""
    widget.setProperty("vigieRelativeSize", factor)
    font = QFont(QApplication.font())
    font.setPointSizeF(QApplication.font().pointSizeF() * factor)
    if bold is not None:
        font.setBold(bold)
    elif widget.font().bold():
        font.setBold(True)
    widget.setFont(font)


def _grey_when_disabled(palette: QPalette, grey: QColor) -> None:
    """setColor(role, colour) sets every group, the disabled one too: without this, a button that
    cannot be used looks exactly like one that can."""
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(disabled, role, grey)


def normal_palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f4f6f8"))
    palette.setColor(QPalette.ColorRole.Base, QColor("white"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#eef2f6"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1f4e8c"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorRole.Button, QColor("#e9edf2"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#1a1a1a"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#1a1a1a"))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor("#1a1a1a"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#5f6670"))
    _grey_when_disabled(palette, QColor("#8a9099"))
    return palette


def contrast_palette() -> QPalette:
    palette = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button,
                 QPalette.ColorRole.AlternateBase):
        palette.setColor(role, QColor("white"))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(role, QColor("black"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#00245c"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#333333"))
    _grey_when_disabled(palette, QColor(PRESENTATION_DISABLED_TEXT))  # still 7:1 on white, for a projector
    return palette


def create_application(argv: list[str]) -> QApplication:
    """The QApplication, with Vigie's style asked for on its command line: a Python call to
    setStyle costs about 13 ms at start-up (PySide6 then builds QStyle's large enums)."""
    app = QApplication([*argv, "-style", STYLE])
    app.setProperty(_STYLED, True)
    return app


def apply_look(app: QApplication, *, text_scale: int, presentation: bool) -> None:
    """Normal or presentation look, with the given text size in percent."""
    if not app.property(_STYLED):
        # An application not made by create_application (tests): set the style once.
        app.setStyle(STYLE)
        app.setProperty(_STYLED, True)
    app.setPalette(contrast_palette() if presentation else normal_palette())
    app.setStyleSheet(_PRESENTATION_SHEET if presentation else "")
    apply_text_scale(app, text_scale)
