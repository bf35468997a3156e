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

    def make(screen: str | None = None):
        """screen: open on the screen of that name (wizard.tools.screens: "1024x768", "1366x768")."""
        from wizard.operations.workspace import Workspace
        from wizard.tools.screens import screen_named

        window = MainWindow(Workspace.open(data_dir))
        if screen is not None:
            window.place_on(screen_named(screen))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
        windows.append(window)
        return window

    yield make
    from wizard.ui.app import dispose

    for w in windows:
        dispose(w)


@pytest.fixture
def answered_session(data_dir, mini):
    """answered_session(answers): a new lab assessment of the Laboratoire Saint-Éloi (assessor
    Zoé Martin, 28 November 2026) on the small questionnaire, with these answers stored."""
    from datetime import date

    from wizard.core.model import Organisation
    from wizard.operations.session import Session
    from wizard.storage import Store

    def make(answers: dict[str, str]):
        store = Store(data_dir)
        made = store.create("lab", Organisation("Laboratoire Saint-Éloi"), assessor="Zoé Martin",
                            when=date(2026, 11, 28))
        session = Session(store, made.id, mini)
        for qid, value in answers.items():
            session.answer(qid, value)
        return session

    return make


def on_modal(action: Callable, errors: list[BaseException]) -> None:
    """Run action(dialog) on the next modal dialog, from inside its event loop; a failure
    closes the dialog (so the test cannot hang) and is raised when the test ends."""
    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None or QApplication.activeWindow() is not dialog:
            if dialog is not None:
                dialog.activateWindow()
            QTimer.singleShot(20, attempt)
            return
        try:
            action(dialog)
        except BaseException as exc:  # noqa: BLE001 - re-raised at teardown
            errors.append(exc)
            dialog.done(0)
    QTimer.singleShot(0, attempt)


@pytest.fixture
def modal():
    errors: list[BaseException] = []
    yield lambda action: on_modal(action, errors)
    if errors:
        raise errors[0]


def create_via_store(window, name="Laboratoire Test", assessor="Claire", participants=()):
    from wizard.core.model import Organisation, Participant

    a = window.workspace.store.create("lab", Organisation(name), assessor=assessor,
                            participants=[Participant(n, r) for n, r in participants])
    window.home.reload(select=a.id)
    return a.id
