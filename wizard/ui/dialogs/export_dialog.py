"""The export window: what the plan will say of the assessment, who signs, with which identity,
where the PDF goes; then the worker, and where the plan is once saved.

Layout and signature run in a worker thread (wizard.operations.plans.export_signed_plan), so the
window keeps answering; export_signed_plan writes the file only once everything succeeded,
so an error leaves no half-written PDF. Passwords, passphrases and PINs are never stored. The
window stays open after the export, with « Ouvrir le PDF » and « Afficher dans le dossier ».
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wizard import paths
from wizard.i18n import _, current_language
from wizard.operations.identities import create_personal_identity
from wizard.operations.plans import export_signed_plan
from wizard.operations.session import Session
from wizard.settings import exported, load_settings, save_settings
from wizard.ui import workers
from wizard.ui.dialogs.export_summary import ExportSummary, SavedPanel
from wizard.ui.dialogs.signer_form import SignerForm
from wizard.ui.widgets import message
from wizard.ui.widgets.field_error import field_error
from wizard.ui.widgets.text import fr
from wizard.ui.window_geometry import fit_dialog


def open_with_system(path: Path) -> bool:
    """Open a PDF (or a folder) with the user's own program; False when none could."""
    if QGuiApplication.platformName() == "offscreen":
        return True  # nothing to show on the offscreen platform of tests
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def default_pdf_name(session: Session) -> str:
    name = " ".join(re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', " ", session.assessment.organisation.name).split())
    return f"Plan d’action - {name or 'Vigie'} - {session.assessment.date.isoformat()}.pdf"


def default_folder(remembered: str) -> Path:
    """The folder of the last export, else the user's documents, else the home folder."""
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


class ExportDialog(QDialog):
    """exported(Path) is emitted once the PDF is in place; open_pdf(path) opens it, or its
    folder (QDesktopServices by default; tests pass their own). goto_question holds the question
    the user chose to answer first (the window then shows it)."""

    exported = Signal(object)

    def __init__(self, session: Session, data_dir: str | Path | None = None, parent: QWidget | None = None,
                 *, open_pdf: Callable[[Path], object] | None = open_with_system) -> None:
        super().__init__(parent)
        self.session = session
        self.data_dir = paths.user_data_dir(data_dir)
        self.open_pdf = open_pdf
        self.task: workers.Task | None = None
        self.output: Path | None = None
        self.goto_question: str | None = None
        self._signed = False  # whether the plan being exported is signed (the home list says so)
        self.warnings: list[str] = []  # what the signature warned about (a certificate out of date)
        settings = load_settings(self.data_dir)
        self.setWindowTitle(_("Exporter le plan d’action signé"))
        self.setAccessibleName(_("Exporter le plan d’action signé"))

        # What the plan will say of the assessment (issue: never sign « tout va bien » unseen).
        self.summary = ExportSummary(session.evaluation())
        self.summary.goToQuestion.connect(self._go_to)

        # Who signs, and with which identity.
        self.signing = SignerForm(self.data_dir, settings.signer_name or session.assessment.assessor,
                                  settings.signer_role, self)
        form = self.signing
        self.signer_name, self.signer_role, self.signer_error = form.signer_name, form.signer_role, form.signer_error
        self.kind_buttons, self.fields, self.certify = form.kind_buttons, form.fields, form.certify
        self.kind, self.set_kind = form.kind, form.set_kind

        # Where the PDF goes.
        self.out_path = QLineEdit(str(default_folder(settings.export_folder) / default_pdf_name(session)))
        self.out_path.setAccessibleName(_("Fichier PDF à enregistrer"))
        self.out_error = field_error(_("Problème du fichier"))
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
        output_layout.addWidget(self.out_error)
        output_layout.addWidget(self.open_when_done)

        # Progress, verdict, and where the plan is.
        self.progress = QProgressBar(minimum=0, maximum=100)
        self.progress.setAccessibleName(_("Avancement de l’export"))
        self.progress.hide()
        self.status = QLabel(wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName(_("État de l’export"))
        self.saved = SavedPanel()
        self.saved.open.clicked.connect(lambda: self._open(self.output))
        self.saved.show_folder.clicked.connect(lambda: self._open(self.output.parent if self.output else None))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(_("&Exporter quand même") if self.summary.incomplete else _("&Exporter"))
        self.export_button.setAccessibleName(_("Exporter le plan d’action"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Annuler"))
        self.cancel_button.setAccessibleName(_("Annuler"))
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        body = QWidget()
        column = QVBoxLayout(body)
        for widget in (self.summary, self.signing, output):
            column.addWidget(widget)
        column.addStretch(1)
        self.scroll = QScrollArea()  # a small screen scrolls the form; the verdict and buttons stay
        self.scroll.setWidget(body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setAccessibleName(_("Exporter le plan d’action signé"))
        layout = QVBoxLayout(self)
        for widget in (self.scroll, self.progress, self.status, self.saved, self.buttons):
            layout.addWidget(widget, 1 if widget is self.scroll else 0)
        fit_dialog(self, 720, body.sizeHint().height() + 120)

    # -- choices ---------------------------------------------------------------------
    def choose_output(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Enregistrer le plan d’action"), self.out_path.text(),
                                                    _("Documents PDF (*.pdf)"))
        if name:
            self.out_path.setText(name if name.lower().endswith(".pdf") else name + ".pdf")

    def _go_to(self, question_id: str) -> None:
        self.goto_question = question_id or None
        self.done(QDialog.DialogCode.Rejected)

    # -- the export ------------------------------------------------------------------
    def problems(self) -> dict[QWidget, str]:
        """Every field to correct before starting, with what is wrong (all at once)."""
        found = dict(self.fields.problems(self.kind()))
        if not self.out_path.text().strip():
            found[self.out_path] = _("Indiquez où enregistrer le PDF.")
        if self.kind() != "none" and not self.signer_name.text().strip():
            found[self.signer_name] = _("Indiquez le nom de la personne qui signe.")
        return found

    def show_problems(self, problems: dict[QWidget, str]) -> None:
        """Each message under its field; the focus goes to the first field to correct."""
        self.fields.show_problems(problems)
        for widget, label in ((self.signer_name, self.signer_error), (self.out_path, self.out_error)):
            text = problems.get(widget, "")
            label.setText(fr("⚠ " + text) if text else "")
            label.setVisible(bool(text))
        if problems:
            order = [self.signer_name, *self.fields.field_order(), self.out_path]
            first = next((w for w in order if w in problems), next(iter(problems)))
            self.show_error(next(iter(problems.values())) if len(problems) == 1 else _(
                "{n} champs à corriger, indiqués sous chacun d’eux.").format(n=len(problems)))
            self.scroll.ensureWidgetVisible(first)
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def start_export(self) -> workers.Task | None:
        """Check the form, then lay out and sign in a worker thread."""
        if self.task is not None and self.task.is_running():
            return None
        problems = self.problems()
        self.show_problems(problems)
        if problems:
            return None
        out = Path(self.out_path.text().strip()).expanduser()
        self.output = out
        self._remember(signer_name=self.signer_name.text().strip(), signer_role=self.signer_role.text().strip())
        spec = self.fields.spec(self.kind())
        creation = self.fields.creation(self.signer_name.text()) if self.kind() == "personal" else None
        name, role = self.signer_name.text().strip(), self.signer_role.text().strip()
        certify = self.certify.isChecked() and spec is not None
        self._signed = spec is not None
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

        self.saved.setVisible(False)
        self._set_running(True)
        self.status.setStyleSheet("")
        self.status.setText(_("Préparation du plan d’action…"))
        self.task = workers.run_in_thread(work, on_progress=self._progress, on_success=self._done,
                                          on_failure=self._failed, parent=self)
        self.task.done.connect(lambda: self._set_running(False))
        return self.task

    def _remember(self, **changes: object) -> None:
        """The signer and the folder, for the next export (a convenience: never an error)."""
        settings = load_settings(self.data_dir)
        updated = replace(settings, **changes)
        if updated != settings:
            try:
                save_settings(updated, self.data_dir)
            except OSError:
                pass

    def _set_running(self, running: bool) -> None:
        for widget in (self.export_button, self.cancel_button, self.browse, self.out_path, self.fields,
                       self.signer_name, self.signer_role, self.certify, self.summary, *self.kind_buttons.values()):
            widget.setEnabled(not running)
        self.progress.setVisible(running or self.progress.value() == 100)

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 100))
        if message:
            self.status.setText(fr(message))

    def _done(self, path: Path) -> None:
        """The plan is saved: say where, offer to open it or its folder; the window stays."""
        self.progress.setValue(100)
        self.status.setStyleSheet("")
        self.status.setText("")
        self.status.hide()
        self.saved.saved(path)
        self.fields.forget_secrets()
        self.fields.refresh()
        self._remember(export_folder=str(path.parent), exports=exported(
            load_settings(self.data_dir), self.session.assessment.id, date.today().isoformat(),
            self._signed).exports)
        self.export_button.hide()
        self.cancel_button.setText(_("Fermer"))
        self.cancel_button.setAccessibleName(_("Fermer"))
        if self.warnings:

            text = "\n\n".join(fr(w[:1].upper() + w[1:]) for w in self.warnings)
            message.warning(self, _("Signature faite, mais avec un avertissement"), text)
        self.exported.emit(path)
        if self.open_pdf is not None and self.open_when_done.isChecked():
            self._open(path)
        self.saved.open.setFocus()

    def _open(self, path: Path | None) -> None:
        if path is None or self.open_pdf is None:
            return
        if self.open_pdf(path) is False:
            self.saved.say(_("Aucun programme n’a pu ouvrir « {name} » : installez un lecteur de PDF, ou ouvrez le "
                             "fichier depuis son dossier.").format(name=path.name))

    def _failed(self, error: BaseException) -> None:
        self.progress.setValue(0)
        self.progress.hide()
        self.fields.refresh()  # a personal identity may exist now even if the signature failed
        self.show_error(str(error) or type(error).__name__)

    def show_error(self, message: str) -> None:
        self.status.show()
        self.status.setStyleSheet("font-weight: bold;")
        self.status.setText(fr(_("✗ Export impossible : {message}").format(message=message)))

    def reject(self) -> None:
        if self.task is not None and self.task.is_running():
            return  # the file is being written: closing now would hide the outcome
        super().reject()
