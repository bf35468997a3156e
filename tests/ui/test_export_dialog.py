"""The export dialog produces a signed PDF in a worker thread, and fails cleanly."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from PySide6.QtCore import Qt

from tests.signing.test_pkcs11 import KEY, PIN, TOKEN, token  # noqa: F401 — the SoftHSM2 token fixture
from wizard.operations.session import Session
from wizard.settings import load_settings
from wizard.signing import personal_identity, verify_pdf
from wizard.ui.dialogs.export_dialog import ExportDialog
from wizard.ui.widgets import message

needs_pdfsig = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) not installed")


@pytest.fixture
def session(answered_session) -> Session:
    return answered_session({"t.a28.contract.signed": "no", "t.a32.access.individual": "partial"})


@pytest.fixture
def p12_file(tmp_path) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Jérôme Consultant")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    path = tmp_path / "consultant.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"consultant", key, cert, None, serialization.BestAvailableEncryption(b"bon-mot-de-passe")))
    return path


@pytest.fixture
def dialog(qtbot, session, data_dir):
    opened: list[Path] = []
    dialog = ExportDialog(session, data_dir, open_pdf=opened.append)
    dialog.opened = opened
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def run(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None, dialog.status.text()
    with qtbot.waitSignal(dialog.task.done, timeout=60000):
        pass


@needs_pdfsig
def test_p12_export_gives_a_pdf_that_pdfsig_calls_valid(qtbot, dialog, p12_file, tmp_path, data_dir):
    out = tmp_path / "out" / "plan.pdf"
    out.parent.mkdir()
    dialog.set_kind("p12")
    dialog.fields.p12_path.setText(str(p12_file))
    dialog.fields.p12_password.setText("bon-mot-de-passe")
    dialog.signer_name.setText("Jérôme Dupré")
    dialog.signer_role.setText("Consultant RGPD")
    dialog.out_path.setText(str(out))
    progress: list[int] = []
    dialog.progress.valueChanged.connect(progress.append)
    run(qtbot, dialog)

    assert dialog.task.error is None, dialog.status.text()
    assert out.exists() and dialog.opened == [out]
    assert progress and max(progress) == 100  # progress was shown while the worker ran
    pdfsig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True)
    assert "Signature is Valid." in pdfsig.stdout
    checks = verify_pdf(out, data_dir=data_dir)
    assert [(c.signer, c.intact) for c in checks] == [("Jérôme Consultant", True)]
    # The signer's name and role are remembered for the next export.
    settings = load_settings(data_dir)
    assert (settings.signer_name, settings.signer_role) == ("Jérôme Dupré", "Consultant RGPD")
    assert not dialog.fields.p12_password.text()  # secrets are not kept


def test_wrong_p12_password_shows_an_error_and_leaves_no_file(qtbot, dialog, p12_file, tmp_path):
    out = tmp_path / "plan.pdf"
    dialog.set_kind("p12")
    dialog.fields.p12_path.setText(str(p12_file))
    dialog.fields.p12_password.setText("mauvais")
    dialog.out_path.setText(str(out))
    run(qtbot, dialog)

    assert "Mot de passe incorrect" in dialog.status.text()
    assert dialog.status.text().startswith("✗")
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".p12"] == ["data"]  # no temporary left
    assert dialog.isVisible() and dialog.export_button.isEnabled()  # the user can correct and retry
    assert dialog.opened == []


def test_unwritable_folder_is_reported(qtbot, dialog, p12_file, tmp_path):
    out = tmp_path / "absent" / "plan.pdf"
    dialog.set_kind("p12")
    dialog.fields.p12_path.setText(str(p12_file))
    dialog.fields.p12_password.setText("bon-mot-de-passe")
    dialog.out_path.setText(str(out))
    run(qtbot, dialog)
    assert "n’existe pas" in dialog.status.text()
    assert not out.parent.exists()


@needs_pdfsig
def test_personal_identity_is_created_on_first_use(qtbot, dialog, tmp_path, data_dir):
    assert personal_identity(data_dir) is None
    out = tmp_path / "plan.pdf"
    dialog.set_kind("personal")
    dialog.fields.passphrase.setText("phrase secrète")
    dialog.fields.confirm.setText("phrase differente")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.task is None and "pas identiques" in dialog.status.text()

    dialog.fields.confirm.setText("phrase secrète")
    dialog.out_path.setText(str(out))
    run(qtbot, dialog)
    assert dialog.task.error is None, dialog.status.text()
    identity = personal_identity(data_dir)
    assert identity is not None and identity.name == "Zoé Martin"
    # The identity is the signer's: it does not carry the assessed lab's name (issue 16, point 6).
    assert identity.organisation == ""
    pdfsig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True)
    assert "Signature is Valid." in pdfsig.stdout


def test_missing_fields_are_named_before_anything_runs(qtbot, dialog):
    dialog.set_kind("pkcs11")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.task is None
    assert "module PKCS#11" in dialog.fields.errors[dialog.fields.module].text()


def test_every_control_has_an_accessible_name(dialog):
    from PySide6.QtWidgets import QWidget

    for kind in ("personal", "p12", "pkcs11", "none"):
        dialog.set_kind(kind)
        unnamed = [type(w).__name__ for w in dialog.findChildren(QWidget)
                   if w.isVisibleTo(dialog) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
                   and not w.accessibleName() and not w.objectName().startswith("qt_")]
        assert unnamed == [], kind


def fill_token(dialog, module: Path, pin: str) -> None:
    dialog.set_kind("pkcs11")
    dialog.fields.module.setText(str(module))
    dialog.fields.token_label.setText(TOKEN)
    dialog.fields.key_label.setText(KEY)
    dialog.fields.pin.setText(pin)


@needs_pdfsig
def test_smart_card_export_through_pkcs11(qtbot, dialog, token, tmp_path):  # noqa: F811
    out = tmp_path / "plan-carte.pdf"
    fill_token(dialog, token, PIN)
    dialog.out_path.setText(str(out))
    run(qtbot, dialog)
    assert dialog.task.error is None, dialog.status.text()
    pdfsig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True)
    assert "Signature is Valid." in pdfsig.stdout


def test_wrong_pin_is_reported_and_leaves_no_file(qtbot, dialog, token, tmp_path):  # noqa: F811
    out = tmp_path / "plan-carte.pdf"
    fill_token(dialog, token, "000000")
    dialog.out_path.setText(str(out))
    run(qtbot, dialog)
    assert "Code PIN incorrect" in dialog.status.text()
    assert not out.exists()


def test_an_expired_certificate_signs_after_a_warning(qtbot, dialog, tmp_path, monkeypatch):

    from tests.signing import certificates
    from tests.signing.helpers import P12_PASSWORD

    expired = certificates.p12_of(tmp_path, "perime", certificates.certificate(
        "Jérôme Consultant", valid_from=-400, valid_until=-3))
    shown: list[str] = []
    monkeypatch.setattr(message, "warning", lambda _parent, _title, text, *a: shown.append(text))
    out = tmp_path / "plan.pdf"
    dialog.set_kind("p12")
    dialog.fields.p12_path.setText(str(expired))
    dialog.fields.p12_password.setText(P12_PASSWORD)
    dialog.signer_name.setText("Jérôme Dupré")
    dialog.out_path.setText(str(out))
    run(qtbot, dialog)
    assert dialog.task.error is None, dialog.status.text()
    assert out.exists()
    assert len(shown) == 1 and "Attention" in shown[0] and "Jérôme Consultant expiré le" in shown[0]


def test_identity_words_and_errors_beside_their_fields(qtbot, dialog):
    """Issue 16, point 6: plain words, every problem under its field at once, the focus on the first,
    and what the reader of the PDF will see."""
    labels = [b.text() for b in dialog.kind_buttons.values()]
    assert not any("PKCS" in label for label in labels) and any("carte CPS" in label for label in labels)
    assert "Certifier" not in dialog.certify.text() and "phrase de passe" not in dialog.fields.personal_info.text()
    assert "validité inconnue" in dialog.fields.reader.text()
    dialog.signer_name.clear()
    dialog.set_kind("personal")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.task is None
    assert dialog.signer_error.isVisible() and "nom" in dialog.signer_error.text()
    assert dialog.fields.errors[dialog.fields.passphrase].isVisible()
    assert dialog.signer_name.hasFocus()
    dialog.set_kind("pkcs11")
    assert "reconnue" in dialog.fields.reader.text()


def test_the_personal_identity_is_not_the_first_clients(qtbot, dialog):
    assert dialog.fields.organisation.text() == ""  # never prefilled with the assessed lab's name
    assert "Saint-Éloi" not in dialog.fields.organisation.text()


def test_an_unsigned_plan_says_how_to_sign_it_later_in_the_application(qtbot, dialog):
    """A lab manager does not type commands: no « vigie sign », but the way to sign it from Vigie."""
    dialog.set_kind("none")
    said = dialog.fields.reader.text()
    assert "sans signature" in said
    assert "vigie sign" not in said and "commande" not in said
    assert "exportez de nouveau le plan d’action" in said and "identité de signature" in said
    assert dialog.export_button.text().replace("&", "").startswith("Exporter")  # the button it names
