"""Open the data folder's store, asking for the passphrase when the folder is encrypted."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from wizard.core.typography import french
from wizard.i18n import _
from wizard.storage import PassphraseRequired, Store, WrongPassphrase


def open_store(data_dir: Path, parent=None) -> Store | None:
    """The store, or None when the user gave up (no passphrase)."""
    passphrase = os.environ.get("VIGIE_STORE_PASSPHRASE")
    while True:
        try:
            return Store(data_dir, passphrase=passphrase)
        except (PassphraseRequired, WrongPassphrase) as exc:
            if isinstance(exc, WrongPassphrase):
                QMessageBox.warning(parent, _("Phrase de passe incorrecte"),
                                    french(_("La phrase de passe ne convient pas ; réessayez.")))
            text, ok = QInputDialog.getText(
                parent, _("Données chiffrées"),
                french(_("Vos évaluations sont chiffrées. Phrase de passe :")), QLineEdit.EchoMode.Password)
            if not ok:
                return None
            passphrase = text
