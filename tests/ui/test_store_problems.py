"""The application on a bad day for the data folder: a message, never a crash — damaged
settings, a passphrase change running in another Vigie, a data folder that is a file, a
folder that cannot be written (opened read-only, saying why)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from wizard.core.model import Organisation
from wizard.storage import Store
from wizard.storage.folder import LOCK_NAME
from wizard.storage.locking import FolderLock
from wizard.ui.widgets import message
from wizard.ui.workspace_opening import open_workspace


def _said(monkeypatch, kind: str, answer=None) -> list[str]:
    messages: list[str] = []

    def show(parent, title, text, *args, **kwargs):
        messages.append(text)
        return answer() if callable(answer) else answer

    monkeypatch.setattr(message, kind, show)
    return messages


def test_damaged_settings_are_said_not_raised(app, data_dir, monkeypatch):
    Store(data_dir).close()
    (data_dir / "storage.json").write_text("{pas du json", encoding="utf-8")
    messages = _said(monkeypatch, "critical")
    assert open_workspace(data_dir) is None
    [message] = messages
    assert "storage.json" in message and "illisibles" in message


def test_a_change_running_elsewhere_is_waited_for_then_retried(app, data_dir, monkeypatch):
    Store(data_dir).create("lab", Organisation("Laboratoire des Tilleuls"))
    change = FolderLock(data_dir / "locks" / LOCK_NAME)  # held as a passphrase change holds it
    assert change.acquire(exclusive=True, wait=0) is None

    def retry_once_it_ended():
        change.release()
        return QMessageBox.StandardButton.Retry

    messages = _said(monkeypatch, "warning", retry_once_it_ended)
    workspace = open_workspace(data_dir, wait=0.2)
    assert workspace is not None and [s.organisation for s in workspace.summaries()] == ["Laboratoire des Tilleuls"]
    [message] = messages
    assert "phrase de passe" in message and "occupé" in message
    workspace.close()


def test_a_data_folder_that_is_a_file_is_said_at_start(app, tmp_path, monkeypatch):
    from wizard.cli.common import Context
    from wizard.ui.app import run_gui

    a_file = tmp_path / "notes.txt"
    a_file.write_text("pas un dossier")
    messages = _said(monkeypatch, "critical")
    assert run_gui(Context(str(a_file), "fr")) == 2
    [message] = messages
    assert str(a_file) in message and "pas un dossier" in message


def test_a_read_only_folder_opens_its_assessments_read_only(open_window, data_dir, read_only, monkeypatch):
    store = Store(data_dir)
    a = store.create("lab", Organisation("Laboratoire des Tilleuls"))
    store.close()
    read_only(data_dir)
    window = open_window()
    assert window.home.model.rowCount() == 1
    warnings = _said(monkeypatch, "warning")
    window.open_assessment(a.id)
    assert not warnings and window.session is not None and window.session.read_only
    banner = window.answering.read_only_banner
    assert banner.isVisible() and "lecture seule" in banner.text() and str(data_dir) in banner.text()
