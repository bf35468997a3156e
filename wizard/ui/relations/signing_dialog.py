"""Who signs a document of the loop (a response, the clients register), where it goes, and its password.

The identity fields are the export dialog's (wizard.ui.dialogs.identity_fields); the work runs in
a worker thread (wizard.ui.workers) and is wizard.operations'.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from wizard.i18n import _
from wizard.operations.identities import IdentitySpec, create_personal_identity
from wizard.ui import workers
from wizard.ui.dialogs.identity_fields import KINDS, IdentityFields, secret_edit
from wizard.ui.widgets.text import fr

MIN_PASSWORD = 8
MAX_PASSWORD_BYTES = 32

# work(identity, signer name, signer role, output, password) -> the file written
Work = Callable[[IdentitySpec | None, str, str, Path, str | None], Path]


class SigningDialog(QDialog):
    def __init__(self, title: str, data_dir: Path, organisation: str, default_out: Path, work: Work, *,
                 signer: str = "", password: str = "none", file_filter: str = "", parent: QWidget | None = None) -> None:
        """password: "none" (no field), "optional" or "required" (the request asks for it)."""
        super().__init__(parent)
        self.setWindowTitle(fr(title))
        self.data_dir = data_dir
        self.work = work
        self.file_filter = file_filter
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName(_("Identité de signature"))
        for kind, label, _description in KINDS:
            if kind != "none":
                self.kind_box.addItem(fr(_(label)), kind)
        self.fields = IdentityFields(data_dir, self)
        # Here the organisation is the signer's own (the vendor answering, the lab asking): offered.
        self.fields.organisation.setText(organisation)
        self.kind_box.currentIndexChanged.connect(lambda _i: self.fields.show_kind(self.kind()))
        self.signer_name = QLineEdit(signer)
        self.signer_name.setAccessibleName(_("Nom du signataire"))
        self.signer_role = QLineEdit()
        self.signer_role.setAccessibleName(_("Fonction du signataire"))
        self.out = QLineEdit(str(default_out))
        self.out.setAccessibleName(_("Fichier à écrire"))
        browse = QPushButton(_("Parcourir…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.out, 1)
        row.addWidget(browse)
        self.password_mode = password
        self.password = secret_edit(_("Mot de passe de la réponse"), _("convenu avec le laboratoire, 8 caractères au moins"))
        self.password_again = secret_edit(_("Confirmation du mot de passe"))
        self.status = QLabel(wordWrap=True)
        self.status.setAccessibleName(_("État"))
        form = QFormLayout(self)
        form.addRow(fr(_("Identité :")), self.kind_box)
        form.addRow(self.fields)
        form.addRow(fr(_("Signataire :")), self.signer_name)
        form.addRow(fr(_("Fonction :")), self.signer_role)
        form.addRow(fr(_("Fichier :")), row)
        if password != "none":
            form.addRow(fr(_("Mot de passe :")), self.password)
            form.addRow(fr(_("Confirmation :")), self.password_again)
        form.addRow(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.task: Any = None
        self.result_path: Path | None = None

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Enregistrer"), self.out.text(), self.file_filter)
        if name:
            self.out.setText(name)

    def problem(self) -> str:
        problems = self.fields.problems(self.kind())
        self.fields.show_problems(problems)  # each under its field, as in the export dialog
        if problems:
            field, message = next(iter(problems.items()))
            field.setFocus()
            return message
        if not self.out.text().strip():
            return _("Choisissez le fichier à écrire.")
        secret = self.password.text()
        if self.password_mode == "required" and not secret:
            return _("La demande attend une réponse protégée : saisissez le mot de passe convenu avec le laboratoire.")
        if secret and len(secret) < MIN_PASSWORD:
            return _("Le mot de passe doit compter au moins 8 caractères.")
        if len(secret.encode("utf-8")) > MAX_PASSWORD_BYTES:
            return _("Le mot de passe doit tenir en 32 octets (32 lettres sans accent) : certains lecteurs PDF n’en "
                     "lisent pas davantage.")
        if secret != self.password_again.text():
            return _("Les deux mots de passe ne sont pas identiques.")
        return ""

    def start(self):  # noqa: ANN201 - workers.Task | None
        problem = self.problem()
        if problem:
            self.status.setText(fr(problem))
            return None
        spec = self.fields.spec(self.kind())
        creation = self.fields.creation(self.signer_name.text()) if self.kind() == "personal" else None
        name, role = self.signer_name.text().strip(), self.signer_role.text().strip()
        out, password, data_dir = Path(self.out.text()).expanduser(), self.password.text() or None, self.data_dir

        def run(progress: workers.ProgressCallback) -> Path:
            if creation is not None:
                create_personal_identity(creation["name"], creation["organisation"], creation["passphrase"],
                                         data_dir=data_dir)
            return self.work(spec, name, role, out, password)

        self.buttons.setEnabled(False)
        self.status.setText(fr(_("Signature en cours…")))
        self.task = workers.run_in_thread(run, on_success=self._done, on_failure=self._failed, parent=self)
        return self.task

    def _done(self, path: Path) -> None:
        self.fields.forget_secrets()
        self.result_path = path
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.status.setText(fr(str(error)))
