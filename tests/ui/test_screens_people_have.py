"""Issue 16, point 1: nothing off-screen. On a lab laptop (1366×768) and a projector (1024×768),
every main screen fits its window, its main buttons are in view, no text is cut and no pane must
be scrolled sideways; the window fits the screen's available area and comes back where it was."""

from __future__ import annotations

import pytest

from wizard.tools import layout_check
from wizard.tools.screens import screen_named


@pytest.fixture
def real_content(monkeypatch, _mini):
    """The shipped questionnaire: its long questions are what must fit."""
    monkeypatch.delenv("VIGIE_QUESTIONNAIRE_DIR")


@pytest.mark.parametrize("size", ["1024x768", "1366x768"])
def test_every_main_screen_fits(app, qtbot, tmp_path, real_content, size):
    from wizard.operations.workspace import Workspace
    from wizard.tools.screenshots import sample, sample_reassessment, tour

    empty, data = tmp_path / "empty", tmp_path / "sample"
    empty.mkdir()
    data.mkdir()
    workspace = Workspace.open(data)
    sample(workspace.store, workspace.registry.default)
    sample_reassessment(workspace)  # its date on two lines: the list must still fit
    workspace.close()
    found, seen = [], []

    def shot(widget, name, buttons):
        seen.append(name)
        area = screen_named(size).availableGeometry()
        if not area.contains(widget.frameGeometry()):
            found.append(f"{name} : {widget.frameGeometry()} hors de l’écran {area}")
        found.extend(f"{name} : {problem}" for problem in layout_check.problems(widget, buttons))

    tour(app, screen_named(size), empty, data, shot)
    assert {"home-empty", "home", "new-assessment", "answering", "presentation", "results", "action-plan",
            "export", "settings", "settings-signature", "identity-create", "guide", "contract-review",
            "deleted"} <= set(seen)
    assert found == []


def test_the_window_fits_the_screen_and_comes_back_where_it_was(open_window, qtbot, data_dir):
    window = open_window(screen="1024x768")
    area = screen_named("1024x768").availableGeometry()
    assert area.contains(window.frameGeometry())
    window.setGeometry(area.x() + 40, area.y() + 60, 800, 600)
    geometry = window.geometry()
    window.close()
    from wizard.operations.workspace import Workspace
    from wizard.ui.main_window import MainWindow

    again = MainWindow(Workspace.open(data_dir))
    qtbot.addWidget(again)
    assert again.geometry() == geometry
    again.close()


def test_a_saved_place_larger_than_the_screen_is_not_restored(open_window, qtbot, data_dir):
    window = open_window()  # the large screen
    window.resize(1800, 1000)
    window.close()
    from wizard.operations.workspace import Workspace
    from wizard.ui.main_window import MainWindow

    again = MainWindow(Workspace.open(data_dir))
    qtbot.addWidget(again)
    again.place_on(screen_named("1024x768"))
    assert screen_named("1024x768").availableGeometry().contains(again.frameGeometry())
    again.close()
