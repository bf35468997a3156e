"""The export window: who signs, with which identity, where the PDF goes; then the worker.

Layout and signature run in a worker thread (wizard.operations.plans.export_signed_plan), so the
window keeps answering; export_signed_plan writes the file only once everything succeeded,
so an error leaves no half-written PDF. Passwords, passphrases and PINs are never stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wizard import paths
from wizard.i18n import _, current_language
from wizard.operations.identities import create_personal_identity
from wizard.operations.plans import export_signed_plan
from wizard.operations.session import Session
from wizard.settings import load_settings, save_settings
from wizard.ui import workers
from wizard.ui.dialogs.identity_fields import KINDS, IdentityFields
from wizard.ui.widgets.text import fr


def open_with_system(path: Path) -> None:
    """Open the PDF in the user's reader; nothing to show on the offscreen platform of tests."""
    if QGuiApplication.platformName() == "offscreen":
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def default_pdf_name(session: Session) -> str:
    name = re.sub(r'[\\/:*?"<>|]+', " ", session.assessment.organisation.name).strip() or "Vigie"
    return f"Plan d’action - {name} - {session.assessment.date.isoformat()}.pdf"


class ExportDialog(QDialog):
    """exported(Path) is emitted once the PDF is in place; open_pdf(path) opens it
    (QDesktopServices by default; tests pass their own)."""

    exported = Signal(object)

    def __init__(self, session: Session, data_dir: str | Path | None = None, parent: QWidget | None = None,
                 *, open_pdf: Callable[[Path], None] | None = open_with_system) -> None:
        super().__init__(parent)
        self.session = session
        self.data_dir = paths.user_data_dir(data_dir)
        self.open_pdf = open_pdf
        self.task: workers.Task | None = None
        self.output: Path | None = None
        self.warnings: list[str] = []  # what the signature warned about (a certificate out of date)
        settings = load_settings(self.data_dir)
        self.setWindowTitle(_("Exporter le plan d’action signé"))
        self.setAccessibleName(_("Exporter le plan d’action signé"))

        # Who signs.
        self.signer_name = QLineEdit(settings.signer_name or session.assessment.assessor)
        self.signer_name.setAccessibleName(_("Nom du signataire"))
        self.signer_role = QLineEdit(settings.signer_role)
        self.signer_role.setPlaceholderText(_("ex. : biologiste responsable, consultant RGPD"))
        self.signer_role.setAccessibleName(_("Fonction du signataire"))
        signer = QGroupBox(_("Signataire"))
        signer_form = QFormLayout(signer)
        signer_form.addRow(fr(_("&Nom :")), self.signer_name)
        signer_form.addRow(fr(_("&Fonction :")), self.signer_role)

        # With which identity.
        identity = QGroupBox(_("Identité de signature"))
        identity_layout = QVBoxLayout(identity)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for i, (kind, label) in enumerate(KINDS):
            button = QRadioButton(fr(_(label)))
            button.setAccessibleName(fr(_(label)))
            self.kind_group.addButton(button, i)
            self.kind_buttons[kind] = button
            identity_layout.addWidget(button)
        self.fields = IdentityFields(self.data_dir, session.assessment.organisation.name, self)
        identity_layout.addWidget(self.fields)
        self.kind_group.idToggled.connect(lambda _i, checked: checked and self._kind_changed())
        self.certify = QCheckBox(_("Certifier le document : toute modification ultérieure autre "
                                   "qu’une signature sera signalée"))
        self.certify.setAccessibleName(_("Certifier le document"))
        identity_layout.addWidget(self.certify)

        # Where the PDF goes.
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = documents if documents and Path(documents).is_dir() else str(Path.home())
        self.out_path = QLineEdit(str(Path(folder) / default_pdf_name(session)))
        self.out_path.setAccessibleName(_("Fichier PDF à enregistrer"))
        self.browse = QPushButton(_("&Choisir…"))
        self.browse.setAccessibleName(_("Choisir où enregistrer le PDF"))
        self.browse.clicked.connect(self.choose_output)
        self.open_when_done = QCheckBox(_("Ouvrir le PDF une fois enregistré"))
        self.open_when_done.setChecked(open_pdf is not None)
        self.open_when_done.setEnabled(open_pdf is not None)
        self.open_when_done.setAccessibleName(_("Ouvrir le PDF une fois enregistré"))
        output = QGroupBox(_("Fichier"))
        output_layout = QVBoxLayout(output)
        row = QHBoxLayout()
        row.addWidget(self.out_path, 1)
        row.addWidget(self.browse)
        output_layout.addLayout(row)
        output_layout.addWidget(self.open_when_done)

        # Progress and verdict.
        self.progress = QProgressBar(minimum=0, maximum=100)
        self.progress.setAccessibleName(_("Avancement de l’export"))
        self.progress.hide()
        self.status = QLabel(wordWrap=True)
        self.status.setAccessibleName(_("État de l’export"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(_("&Exporter"))
        self.export_button.setAccessibleName(_("Exporter le plan d’action"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Annuler"))
        self.cancel_button.setAccessibleName(_("Annuler"))
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (signer, identity, output, self.progress, self.status, self.buttons):
            layout.addWidget(widget)
        self.kind_buttons["personal"].setChecked(True)  # created on first use if missing
        self._kind_changed()
        self.resize(640, self.sizeHint().height())

    # -- choices ---------------------------------------------------------------------
    def kind(self) -> str:
        return KINDS[self.kind_group.checkedId()][0]

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def _kind_changed(self) -> None:
        self.fields.show_kind(self.kind())
        self.certify.setEnabled(self.kind() != "none")

    def choose_output(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Enregistrer le plan d’action"), self.out_path.text(),
                                                    _("Documents PDF (*.pdf)"))
        if name:
            self.out_path.setText(name if name.lower().endswith(".pdf") else name + ".pdf")

    # -- the export ------------------------------------------------------------------
    def start_export(self) -> workers.Task | None:
        """Check the form, then lay out and sign in a worker thread."""
        if self.task is not None and self.task.is_running():
            return None
        problem = self.fields.problem(self.kind())
        out_text = self.out_path.text().strip()
        if not problem and not out_text:
            problem = _("Indiquez où enregistrer le PDF.")
        if not problem and self.kind() != "none" and not self.signer_name.text().strip():
            problem = _("Indiquez le nom de la personne qui signe.")
        if problem:
            self.show_error(problem)
            return None
        out = Path(out_text).expanduser()
        self.output = out
        self._remember_signer()
        spec = self.fields.spec(self.kind())
        creation = self.fields.creation(self.signer_name.text()) if self.kind() == "personal" else None
        name, role = self.signer_name.text().strip(), self.signer_role.text().strip()
        certify = self.certify.isChecked() and spec is not None
        session, data_dir, lang = self.session, self.data_dir, current_language()
        self.warnings = warnings = []

        def work(progress: workers.ProgressCallback) -> Path:
            if creation is not None:
                progress(0.02, _("Création de votre identité personnelle…"))
                create_personal_identity(creation["name"], creation["organisation"], creation["passphrase"],
                                         data_dir=data_dir)
            return export_signed_plan(session, None, out, spec, signer_name=name, signer_role=role, lang=lang,
                                      certify=certify, warn=warnings.append,
                                      progress=lambda message, fraction: progress(fraction, message))

        self._set_running(True)
        self.status.setStyleSheet("")
        self.status.setText(_("Préparation du plan d’action…"))
        self.task = workers.run_in_thread(work, on_progress=self._progress, on_success=self._done,
                                          on_failure=self._failed, parent=self)
        self.task.done.connect(lambda: self._set_running(False))
        return self.task

    def _remember_signer(self) -> None:
        settings = load_settings(self.data_dir)
        updated = replace(settings, signer_name=self.signer_name.text().strip(),
                          signer_role=self.signer_role.text().strip())
        if updated != settings:
            try:
                save_settings(updated, self.data_dir)
            except OSError:
                pass  # remembering the name is a convenience; the export itself goes on

    def _set_running(self, running: bool) -> None:
        for widget in (self.export_button, self.cancel_button, self.browse, self.out_path, self.fields,
                       self.signer_name, self.signer_role, self.certify, *self.kind_buttons.values()):
            widget.setEnabled(not running)
        self.progress.setVisible(running or self.progress.value() == 100)

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 100))
        if message:
            self.status.setText(fr(message))

    def _done(self, path: Path) -> None:
        self.progress.setValue(100)
        self.status.setStyleSheet("")
        self.status.setText(fr(_("✓ Plan d’action enregistré : {path}")).format(path=path))
        self.fields.forget_secrets()
        if self.warnings:
            text = "\n\n".join(fr(w[:1].upper() + w[1:]) for w in self.warnings)
            QMessageBox.warning(self, _("Signature faite, mais avec un avertissement"), text)
        self.exported.emit(path)
        if self.open_pdf is not None and self.open_when_done.isChecked():
            self.open_pdf(path)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.progress.setValue(0)
        self.progress.hide()
        self.fields.refresh()  # a personal identity may exist now even if the signature failed
        self.show_error(str(error) or type(error).__name__)

    def show_error(self, message: str) -> None:
        self.status.setStyleSheet("font-weight: bold;")
        self.status.setText(fr(_("✗ Export impossible : {message}").format(message=message)))

    def reject(self) -> None:
        if self.task is not None and self.task.is_running():
            return  # the file is being written: closing now would hide the outcome
        super().reject()
