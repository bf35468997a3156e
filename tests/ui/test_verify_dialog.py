"""The verify window lists each signature of a plan with plain verdicts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.signing.helpers import flat
from wizard.operations.plans import export_signed_plan
from wizard.operations.session import Session
from wizard.signing import IdentitySpec, add_trusted, create_personal_identity, personal_identity
from wizard.ui.dialogs.verify_dialog import VerifyDialog

PASSPHRASE = "phrase secrète"


@pytest.fixture
def session(answered_session) -> Session:
    return answered_session({"t.a28.contract.signed": "no"})


@pytest.fixture
def signed(tmp_path, data_dir, session) -> Path:
    create_personal_identity("Zoé Martin", "Laboratoire Saint-Éloi", PASSPHRASE, data_dir=data_dir)
    out = tmp_path / "plan.pdf"
    export_signed_plan(session, None, out, IdentitySpec("personal", secret=PASSPHRASE, data_dir=data_dir),
                       signer_name="Zoé Martin", signer_role="Biologiste responsable")
    return out


def verify(qtbot, path: Path, data_dir: Path) -> VerifyDialog:
    dialog = VerifyDialog(data_dir=data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    task = dialog.open_file(path)
    with qtbot.waitSignal(task.done, timeout=60000):
        pass
    return dialog


def cells(dialog: VerifyDialog) -> list[list[str]]:
    return [[dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
            for r in range(dialog.table.rowCount())]


def test_lists_the_signature_of_an_exported_plan(qtbot, signed, data_dir):
    dialog = verify(qtbot, signed, data_dir)
    [row] = cells(dialog)
    signer, when, integrity, coverage, trust = row
    assert signer == "Zoé Martin (Laboratoire Saint-Éloi)"
    assert re.fullmatch(r"\d\d/\d\d/20\d\d \d\d:\d\d", when)
    assert integrity.startswith("✓ intacte")
    assert coverage.startswith("tout le document")
    assert flat(trust).startswith("! non reconnu : certificat auto-signé")
    assert flat(dialog.verdict.text()).startswith("! Intact mais non reconnu : 1 signature")
    assert "correspond à l’empreinte imprimée et la signature du champ Signature1 la couvre" in dialog.digest.text()


def test_trust_list_changes_the_trust_verdict(qtbot, signed, data_dir):
    add_trusted(personal_identity(data_dir).certificate_path, data_dir)
    dialog = verify(qtbot, signed, data_dir)
    [row] = cells(dialog)
    assert row[4].startswith("✓ de confiance")
    assert flat(dialog.verdict.text()).startswith("✓ Valable : 1 signature")


def test_modified_copy_is_reported(qtbot, signed, data_dir, tmp_path):
    data = bytearray(signed.read_bytes())
    at = data.index(b"/Title") + 8  # inside the signed range (document information)
    data[at] = ord("X") if data[at] != ord("X") else ord("Y")
    tampered = tmp_path / "modifie.pdf"
    tampered.write_bytes(bytes(data))
    dialog = verify(qtbot, tampered, data_dir)
    [row] = cells(dialog)
    assert row[2].startswith("✗ modifiée")
    assert dialog.verdict.text().startswith("✗")


def test_an_unsigned_plan_says_nothing_vouches_for_its_copy(qtbot, session, data_dir, tmp_path):
    out = export_signed_plan(session, None, tmp_path / "brouillon.pdf", None, signer_name="", signer_role="")
    dialog = verify(qtbot, out, data_dir)
    assert dialog.table.rowCount() == 0
    assert dialog.verdict.text().startswith("✗ Ce document ne porte aucune signature")
    assert "ce document n’est pas signé : rien ne garantit son contenu" in flat(dialog.digest.text())


def test_not_a_pdf_says_so(qtbot, tmp_path, data_dir):
    bogus = tmp_path / "note.pdf"
    bogus.write_text("bonjour", encoding="utf-8")
    dialog = verify(qtbot, bogus, data_dir)
    assert dialog.table.rowCount() == 0
    assert "n’est pas un fichier PDF" in dialog.verdict.text()


def test_every_control_has_an_accessible_name(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    dialog = VerifyDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    unnamed = [type(w).__name__ for w in dialog.findChildren(QWidget)
               if w.isVisibleTo(dialog) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
               and not w.accessibleName() and type(w).__name__ not in ("QScrollBar",)
               and not w.objectName().startswith("qt_")]
    assert unnamed == []


def test_the_whole_verdict_and_what_to_do_are_said_below_the_table(qtbot, signed, data_dir):
    """Issue 16, point 6: the table's cells cut long verdicts; the selected signature is said in
    full under it, with how to have a signer recognised."""
    dialog = verify(qtbot, signed, data_dir)
    details = flat(dialog.details.text())
    assert dialog.details.isVisible() and dialog.details.wordWrap()
    assert "certificat auto-signé" in details and "empreinte" in details
    assert "certificats de confiance" in details
