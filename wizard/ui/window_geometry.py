"""Windows and dialogs that fit the screen they open on: a lab laptop at 1366×768, a projector
at 1024×768. The main window comes back where it was left (when that still fits), a dialog is
never taller than the screen's available area (its long content scrolls, its buttons stay)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# Room left for the window manager's frame around a window (title bar and borders), which Qt
# only knows once the window is shown.
FRAME = QSize(16, 40)


def screen_of(widget: QWidget) -> QScreen:
    parent = widget.parentWidget()
    screen = (parent.window().screen() if parent is not None else None) or widget.screen()
    return screen or QGuiApplication.primaryScreen()


def fitted(wanted: QSize, available: QRect, frame: QSize = FRAME) -> QRect:
    """The largest rectangle up to `wanted`, frame included, centred in `available`."""
    width = max(200, min(wanted.width(), available.width() - frame.width()))
    height = max(200, min(wanted.height(), available.height() - frame.height()))
    x = available.x() + (available.width() - width) // 2
    y = available.y() + max(frame.height() - 8, (available.height() - height) // 2)
    return QRect(QPoint(x, y), QSize(width, height))


def place_window(window: QWidget, wanted: QSize, saved: str = "") -> bool:
    """Size the main window for its screen: the saved geometry when it still fits, else `wanted`
    or less. True when the screen is too small for `wanted`: show it maximised then."""
    available = screen_of(window).availableGeometry()
    if saved:
        try:
            restored = window.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))
        except (ValueError, UnicodeError):
            restored = False
        frame = window.frameGeometry()
        screen = QGuiApplication.screenAt(frame.center()) if restored else None
        needed = window.minimumSizeHint()
        if screen is not None and screen.availableGeometry().contains(frame.adjusted(4, 4, -4, -4)) \
                and window.width() >= needed.width() and window.height() >= needed.height():
            return False  # where it was left, on a screen it still fits, large enough for its content
    window.setGeometry(fitted(wanted, available))
    return wanted.width() + FRAME.width() > available.width() or wanted.height() + FRAME.height() > available.height()


def saved_geometry(window: QWidget) -> str:
    return bytes(window.saveGeometry().toBase64()).decode("ascii")


def fit_dialog(dialog: QWidget, width: int, height: int) -> None:
    """Resize a dialog to width × height, or less on a smaller screen."""
    rect = fitted(QSize(width, height), screen_of(dialog).availableGeometry())
    dialog.resize(rect.size())
