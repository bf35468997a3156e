"""Open the data folder's store, asking for the passphrase when the folder is encrypted.

A folder that cannot be opened (not a folder, damaged settings, a passphrase change running
in another Vigie) is said in a message, with a retry when waiting may help; never a crash.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from wizard.core.typography import french
from wizard.i18n import _
from wizard.storage import FolderBusy, PassphraseRequired, StorageError, Store, WrongPassphrase


def open_store(data_dir: Path, parent=None, *, wait: float | None = None) -> Store | None:
    """The store, or None when the user gave up (no passphrase, a folder that cannot be opened).

    wait: seconds to wait for a passphrase change running in another Vigie (default: the store's)."""
    passphrase = os.environ.get("VIGIE_STORE_PASSPHRASE")
    waiting = {} if wait is None else {"wait": wait}
    while True:
        try:
            return Store(data_dir, passphrase=passphrase, **waiting)
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
        except FolderBusy as exc:
            buttons = QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel
            if QMessageBox.warning(parent, _("Dossier de données occupé"), str(exc),
                                   buttons) != QMessageBox.StandardButton.Retry:
                return None
        except StorageError as exc:
            QMessageBox.critical(parent, _("Ouverture impossible"), str(exc))
            return None
