"""The settings window: declared settings saved, data folder remembered, identities managed."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs12
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QWidget

from wizard import paths
from wizard.settings import SETTINGS, load_settings
from wizard.signing import list_trusted, personal_identity
from wizard.ui.dialogs.settings_dialog import SettingsDialog

PASSPHRASE = "phrase secrète"


@pytest.fixture
def dialog(qtbot, data_dir, tmp_path) -> SettingsDialog:
    dialog = SettingsDialog(data_dir, location_file=tmp_path / "platform" / "data-folder.txt")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def ok(form) -> None:
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_one_control_per_declared_setting(dialog):
    for setting in SETTINGS:
        control = dialog.controls[setting.key]
        assert control.accessibleName() == setting.label
        assert isinstance(control, QComboBox if setting.choices else QLineEdit)


def test_values_are_saved_and_announced(qtbot, dialog, data_dir):
    dialog.controls["language"].setCurrentIndex(dialog.controls["language"].findData("en"))
    dialog.controls["text_scale"].setCurrentIndex(dialog.controls["text_scale"].findData(150))
    dialog.controls["signer_name"].setText("Zoé Martin")
    dialog.controls["signer_role"].setText("Biologiste responsable")
    with qtbot.waitSignal(dialog.settings_saved) as saved:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    stored = load_settings(data_dir)
    assert (stored.language, stored.text_scale, stored.signer_name, stored.signer_role) == (
        "en", 150, "Zoé Martin", "Biologiste responsable")
    assert saved.args[0] == stored


def test_cancel_changes_nothing(dialog, data_dir):
    dialog.controls["text_scale"].setCurrentIndex(dialog.controls["text_scale"].findData(200))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert load_settings(data_dir).text_scale == 100


def test_data_folder_is_remembered_for_the_next_start(dialog, data_dir, tmp_path):
    assert dialog.data_path.text() == str(data_dir)
    target = tmp_path / "Données partagées"
    dialog.set_next_data_dir(target)
    assert str(target) in dialog.next_folder.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert paths.chosen_data_dir(dialog.location_file) == target
    assert target.is_dir()


def test_personal_identity_created_backed_up_and_trusted(qtbot, dialog, data_dir, tmp_path):
    panel = dialog.identities
    dialog.tabs.setCurrentIndex(1)
    assert personal_identity(data_dir) is None and panel.create.isVisible()

    form = panel.open_create()
    form.edits["name"].setText("Zoé Martin")
    form.edits["organisation"].setText("Laboratoire Saint-Éloi")
    form.edits["passphrase"].setText(PASSPHRASE)
    form.edits["confirm"].setText(PASSPHRASE)
    ok(form)
    with qtbot.waitSignal(panel.task.done, timeout=30000):
        pass
    identity = personal_identity(data_dir)
    assert identity is not None and identity.name == "Zoé Martin"
    assert "Zoé Martin (Laboratoire Saint-Éloi)" in panel.personal_info.text()
    assert not panel.create.isVisible() and panel.backup.isEnabled()

    backup = tmp_path / "sauvegarde.p12"
    form = panel.open_backup()
    form.edits["passphrase"].setText("pas la bonne")
    form.edits["password"].setText("export-secret")
    form.edits["path"].setText(str(backup))
    ok(form)
    # Said in the form, which stays open to try again, not at the foot of the scrolled tab.
    assert form.isVisible() and form.error.isVisibleTo(form) and form.error.text().startswith("✗")
    assert not backup.exists()
    form.reject()

    form = panel.open_backup()
    form.edits["passphrase"].setText(PASSPHRASE)
    form.edits["password"].setText("export-secret")
    form.edits["path"].setText(str(backup))
    ok(form)
    assert not form.isVisible() and panel.message.text().startswith("✓")
    # The tab scrolls: the message at its foot is brought into view.
    qtbot.waitUntil(lambda: panel.message.visibleRegion().boundingRect().height() == panel.message.height())
    key, cert, _chain = pkcs12.load_key_and_certificates(backup.read_bytes(), b"export-secret")
    assert key is not None and cert.fingerprint(hashes.SHA256()).hex() == identity.fingerprint

    qtbot.mouseClick(panel.trust_mine, Qt.MouseButton.LeftButton)
    assert [t.fingerprint for t in list_trusted(data_dir)] == [identity.fingerprint]
    assert panel.trusted.count() == 1 and panel.trusted.item(0).text().startswith("Zoé Martin")
    panel.trusted.setCurrentRow(0)
    qtbot.mouseClick(panel.remove_cert, Qt.MouseButton.LeftButton)
    assert list_trusted(data_dir) == [] and panel.trusted.count() == 0


def test_mismatched_passphrases_create_nothing(dialog, data_dir):
    form = dialog.identities.open_create()
    form.edits["name"].setText("Zoé")
    form.edits["passphrase"].setText(PASSPHRASE)
    form.edits["confirm"].setText("autre chose")
    ok(form)
    assert personal_identity(data_dir) is None
    # Beside the field to correct, the form still open.
    assert form.isVisible() and form.errors["confirm"].isVisibleTo(form)
    assert "pas identiques" in form.errors["confirm"].text()


def test_creating_an_identity_speaks_as_the_export_window_and_says_what_to_correct(qtbot, dialog, data_dir):
    """The same identity password is « Mot de passe » in the export window and here; a problem is
    said under its field, the form open, and nothing is created."""
    from PySide6.QtWidgets import QFormLayout, QLabel

    from wizard.ui.dialogs.identity_fields import IdentityFields

    dialog.tabs.setCurrentIndex(1)
    form = dialog.identities.open_create()
    qtbot.waitExposed(form)
    layout = form.layout()
    assert isinstance(layout, QFormLayout)
    labels = [w.text() for w in form.findChildren(QLabel) if w.buddy() is not None]
    export = IdentityFields(data_dir)
    qtbot.addWidget(export)
    export_labels = [w.text().replace("&", "") for w in export.findChildren(QLabel) if w.buddy() is not None]
    for label in ("Mot de passe\u00a0:", "Confirmation\u00a0:", "Votre organisation\u00a0:"):
        assert label in labels and label in export_labels, (labels, export_labels)
    everything = " ".join(w.text() for w in form.findChildren(QLabel)).casefold()
    assert "phrase de passe" not in everything
    assert form.edits["passphrase"].accessibleName() == export.passphrase.accessibleName()
    form.edits["name"].setText("Zoé Martin")
    form.edits["passphrase"].setText("court")
    form.edits["confirm"].setText("court")
    ok(form)
    assert form.isVisible() and personal_identity(data_dir) is None
    assert form.errors["passphrase"].isVisibleTo(form) and not form.errors["confirm"].isVisibleTo(form)
    assert form.errors["passphrase"].text().startswith("⚠") and "8" in form.errors["passphrase"].text()
    assert form.focusWidget() is form.edits["passphrase"]
    assert dialog.identities.message.text() == ""  # nothing said out of view
    form.edits["name"].clear()
    ok(form)
    assert form.errors["name"].isVisibleTo(form) and form.isVisible()
    form.reject()


def test_a_file_that_is_not_a_certificate_is_refused(dialog, data_dir, tmp_path):
    junk = tmp_path / "pas-un-certificat.pem"
    junk.write_text("bonjour", encoding="utf-8")
    dialog.identities.add_certificate(junk)
    assert list_trusted(data_dir) == []
    assert dialog.identities.message.text().startswith("✗")


def test_every_control_has_an_accessible_name(dialog):
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        unnamed = [type(w).__name__ for w in dialog.findChildren(QWidget)
                   if w.isVisibleTo(dialog) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
                   and not w.accessibleName() and type(w).__name__ not in ("QTabBar", "QScrollBar")
                   and not w.objectName().startswith("qt_")]
        assert unnamed == [], index
    assert Path(dialog.data_path.text()).is_dir()
