"""What follows a contract review on screen: reporting it in an assessment (what would change is
shown first, nothing changes before « Appliquer ») and the document « Points à compléter au
contrat » (PDF, signed or not, or an editable .docx). Everything goes through workspace.contracts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from wizard.i18n import LANGUAGES, _, current_language, ngettext
from wizard.operations.contracts import describe_change, describe_unanswered
from wizard.operations.errors import OperationError, StorageError
from wizard.operations.session import SessionError
from wizard.operations.workspace import Workspace
from wizard.ui.relations.signing_dialog import SigningDialog
from wizard.ui.widgets import message
from wizard.ui.widgets.text import fr, one_line

Errors = (OperationError, StorageError, SessionError)


class ApplyReviewDialog(QDialog):
    """Choose an assessment, see what the review would change in it, apply it (one operation)."""

    def __init__(self, workspace: Workspace, ref: str | None, current_session: Callable[[], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.ref, self.current_session = workspace, ref, current_session
        self.contracts = workspace.contracts
        target = self.contracts.target(ref)
        self.setWindowTitle(fr(_("Reporter la revue du contrat de {party}").format(party=target.party)))
        self.choice = QComboBox()
        self.choice.setAccessibleName(_("Évaluation"))
        for summary in workspace.summaries():
            if summary.profile != target.profile:
                continue
            if target.processor and not workspace.processors.applies(workspace.load(summary.id)):
                continue
            self.choice.addItem(fr(f"{one_line(summary.organisation)} — {summary.date.strftime('%d/%m/%Y')}"),
                                summary.id)
        session = current_session()
        if session is not None:
            self.choice.setCurrentIndex(max(0, self.choice.findData(session.assessment.id)))
        self.preview = QPlainTextEdit(readOnly=True)
        self.preview.setAccessibleName(_("Ce qui changerait"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.addButton(_("&Appliquer"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(fr(_("Évaluation :")), self.choice)
        form.addRow(QLabel(fr(_("Les questions qui correspondent aux éléments du contrat prennent la réponse de la "
                                "revue, et la revue pour preuve ; rien n’est modifié avant « Appliquer ». Une seule "
                                "annulation reprend le tout.")), wordWrap=True))
        form.addRow(self.preview)
        form.addRow(self.buttons)
        self.choice.currentIndexChanged.connect(lambda _i: self.show_preview())
        self.resize(760, 460)
        self.applied: Any = None
        self.show_preview()

    def _with_session(self, work: Callable[[Any], Any], *, read_only: bool) -> Any:
        """work(session) on the chosen assessment: the window's session when it is open there."""
        aid = self.choice.currentData()
        session = self.current_session()
        if session is not None and session.assessment.id == aid and not session.read_only:
            return work(session)
        with self.workspace.open_session(aid, read_only=read_only) as opened:
            if not read_only and opened.read_only:
                raise SessionError(opened.read_only_reason)
            return work(opened)

    def show_preview(self) -> None:
        if self.choice.currentData() is None:
            self.preview.setPlainText(fr(_("Aucune évaluation de ce profil dans ce dossier.")))
            self.apply_button.setEnabled(False)
            return
        try:
            found = self._with_session(lambda s: self.contracts.apply(self.ref, s, write=False), read_only=True)
        except Errors as exc:
            self.preview.setPlainText(fr(str(exc)))
            self.apply_button.setEnabled(False)
            return
        lines = [f"{describe_change(c)} — {c.text}" for c in found.changes] or [fr(_("Rien à changer."))]
        lines += [describe_unanswered(u) for u in found.unanswerable]
        if found.combined:
            lines.append(fr(_("Avec les revues de : {names}").format(names=", ".join(found.combined))))
        if found.unreviewed:
            lines.append(fr(_("Contrats pas encore revus : {names}").format(names=", ".join(found.unreviewed))))
        self.preview.setPlainText("\n".join(lines))
        self.apply_button.setEnabled(bool(found.changes))

    def apply(self) -> None:
        try:
            self.applied = self._with_session(lambda s: self.contracts.apply(self.ref, s), read_only=False)
        except Errors as exc:
            message.warning(self, _("Report impossible"), fr(str(exc)))
            return
        count = len(self.applied.changes)
        message.information(self, _("Revue reportée"), fr(ngettext(
            "{n} réponse mise à jour, avec la revue pour preuve. « Annuler » (Ctrl+Z) dans l’évaluation la reprend.",
            "{n} réponses mises à jour, avec la revue pour preuve. « Annuler » (Ctrl+Z) dans l’évaluation les reprend "
            "toutes.", count)).format(n=count))
        self.accept()


Make = Callable[[str], Any]  # language -> wizard.core.amendment.Amendment


class AmendmentDialog(QDialog):
    """« Points à compléter au contrat »: from which source (a review, or an assessment's answers),
    in which language, as a PDF (signed or not) or an editable .docx."""

    def __init__(self, workspace: Workspace, sources: list[tuple[str, Make]], party: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.sources = workspace, sources
        self.setWindowTitle(fr(_("Points à compléter au contrat")))
        self.source = QComboBox()
        self.source.setAccessibleName(_("D’après"))
        for label, _make in sources:
            self.source.addItem(fr(label))
        self.language = QComboBox()
        self.language.setAccessibleName(_("Langue du document"))
        for code, lang in LANGUAGES.items():
            self.language.addItem(lang.name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Format"))
        self.kind.addItem(fr(_("Word modifiable (.docx)")), ".docx")
        self.kind.addItem(fr(_("PDF (.pdf)")), ".pdf")
        self.sign = QCheckBox(fr(_("Signer le PDF")))
        self.sign.setEnabled(False)
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        self.base = Path(folder) / re.sub(r'[\\/:*?"<>|]+', " ", _("Points à compléter au contrat - {party}").format(
            party=one_line(party))).strip()
        self.out = QLineEdit(str(self.base) + ".docx")
        self.out.setAccessibleName(_("Fichier à écrire"))
        browse = QPushButton(_("Parcourir…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.out, 1)
        row.addWidget(browse)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.notice = QLabel(fr(_("Un document de travail pour les conseils des parties, pas un avis juridique : les "
                                  "projets de clauses sont à adapter et à faire relire.")), wordWrap=True)
        self.status = QLabel(wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        if len(sources) > 1:
            form.addRow(fr(_("D’après :")), self.source)
        form.addRow(fr(_("Langue :")), self.language)
        form.addRow(fr(_("Format :")), self.kind)
        form.addRow("", self.sign)
        form.addRow(fr(_("Fichier :")), row)
        form.addRow(self.notice)
        form.addRow(self.status)
        form.addRow(self.buttons)
        self.result_path: Path | None = None
        self.signing: SigningDialog | None = None

    def _kind_changed(self) -> None:
        suffix = self.kind.currentData()
        self.sign.setEnabled(suffix == ".pdf")
        self.out.setText(str(Path(self.out.text()).with_suffix(suffix)))

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Enregistrer"), self.out.text(),
                                                    _("Document (*.docx *.pdf)"))
        if name:
            self.out.setText(name)

    def document(self) -> Any:
        return self.sources[self.source.currentIndex()][1](str(self.language.currentData()))

    def start(self) -> Path | None:
        out = Path(self.out.text().strip()).expanduser()
        suffix = self.kind.currentData()
        if out.suffix.lower() != suffix:
            out = out.with_suffix(suffix)
        try:
            document = self.document()
        except Errors as exc:
            self.status.setText(fr(str(exc)))
            return None
        contracts = self.workspace.contracts
        if suffix == ".pdf" and self.sign.isChecked():
            def work(spec, signer, role, target, _password):  # noqa: ANN001, ANN202
                return contracts.export_amendment(document, target, spec, signer_name=signer, signer_role=role)

            self.signing = SigningDialog(_("Signer les points à compléter"), self.workspace.data_dir,
                                         document.author, out, work, file_filter=_("PDF (*.pdf)"), parent=self)
            if self.signing.exec():
                self.result_path = self.signing.result_path
                self.accept()
            return self.result_path
        try:
            self.result_path = contracts.export_amendment(document, out)
        except Errors as exc:
            self.status.setText(fr(str(exc)))
            return None
        self.accept()
        return self.result_path
