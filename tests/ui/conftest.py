"""UI tests: the small stable questionnaire, a main window on the test's data folder, and
helpers to act on modal dialogs (they run their own event loop)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def _mini(mini_questionnaire_dir):
    yield mini_questionnaire_dir


@pytest.fixture
def app(qapp):
    from wizard.ui.app import install_language
    from wizard.ui.widgets.theme import apply_look

    install_language(qapp, "fr")
    apply_look(qapp, text_scale=100, presentation=False)
    yield qapp
    apply_look(qapp, text_scale=100, presentation=False)


@pytest.fixture
def open_window(app, qtbot, data_dir):
    """Open a main window on the data folder; every window opened is closed at the end."""
    from wizard.ui.main_window import MainWindow

    windows = []

    def make():
        window = MainWindow(data_dir)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        windows.append(window)
        return window

    yield make
    for w in windows:
        try:
            w.close()
        except RuntimeError:
            pass


def on_modal(qtbot, action: Callable, timeout: int = 5000) -> None:
    """Run action(dialog) on the next modal dialog, from inside its event loop."""
    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        action(dialog)
    QTimer.singleShot(0, attempt)


@pytest.fixture
def modal(qtbot):
    return lambda action: on_modal(qtbot, action)


def create_via_store(window, name="Laboratoire Test", assessor="Claire", participants=()):
    from wizard.core.model import Organisation, Participant

    a = window.store.create("lab", Organisation(name), assessor=assessor,
                            participants=[Participant(n, r) for n, r in participants])
    window.home.reload(select=a.id)
    return a.id
