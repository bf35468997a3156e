"""Open the data folder's workspace, asking for the passphrase when the folder is encrypted.

A folder that cannot be opened (not a folder, damaged settings, a passphrase change running
in another Vigie) is said in a message, with a retry when waiting may help; never a crash.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from wizard.i18n import _
from wizard.operations.errors import FolderBusy, PassphraseRequired, StorageError, WrongPassphrase
from wizard.operations.workspace import Workspace
from wizard.typography import french
from wizard.ui.widgets import message


def open_workspace(data_dir: Path, parent=None, *, wait: float | None = None) -> Workspace | None:
    """The workspace, or None when the user gave up (no passphrase, a folder that cannot be opened).

    wait: seconds to wait for a passphrase change running in another Vigie (default: the store's)."""
    passphrase = os.environ.get("VIGIE_STORE_PASSPHRASE")
    while True:
        try:
            return Workspace.open(data_dir, passphrase=passphrase, wait=wait)
        except (PassphraseRequired, WrongPassphrase) as exc:
            if isinstance(exc, WrongPassphrase):
                message.warning(parent, _("Phrase de passe incorrecte"),
                                french(_("La phrase de passe ne convient pas ; réessayez.")))
            text, ok = QInputDialog.getText(
                parent, _("Données chiffrées"),
                french(_("Vos évaluations sont chiffrées. Phrase de passe :")), QLineEdit.EchoMode.Password)
            if not ok:
                return None
            passphrase = text
        except FolderBusy as exc:
            buttons = QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel
            if message.warning(parent, _("Dossier de données occupé"), str(exc),
                               buttons) != QMessageBox.StandardButton.Retry:
                return None
        except StorageError as exc:
            message.critical(parent, _("Ouverture impossible"), str(exc))
            return None
