"""The verify window: open a signed PDF and list every signature with plain verdicts.

Verification runs in a worker thread (validation reads the whole file and checks the
certificates); each verdict is written in words, with a ✓, ! or ✗ mark, never by colour
alone: ✓ valid and trusted, ! intact but a signer not trusted (the reason named), ✗ not valid.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wizard.i18n import N_, _, current_language, format_moment, ngettext
from wizard.operations.plans import SignatureCheck, Verification, verify_plan
from wizard.typography import for_language
from wizard.ui import workers
from wizard.ui.window_geometry import fit_dialog

COLUMNS = (N_("Signataire"), N_("Date"), N_("Intégrité"), N_("Couverture"), N_("Confiance"))
OK, WARN, BAD = "✓", "!", "✗"


def typo(text: str) -> str:
    return for_language(text, current_language())


class VerifyDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, data_dir: str | Path | None = None) -> None:
        super().__init__(parent)
        # The trust list of this data folder decides which signers are "trusted"; by default the
        # main window's folder.
        self.data_dir = data_dir if data_dir is not None else getattr(parent, "data_dir", None)
        self.task: workers.Task | None = None
        self.result: Verification | None = None
        self.setWindowTitle(_("Vérifier un plan signé"))
        self.setAccessibleName(_("Vérifier un plan signé"))

        self.path = QLineEdit(placeholderText=_("Fichier PDF signé"))
        self.path.setAccessibleName(_("Fichier PDF à vérifier"))
        self.path.returnPressed.connect(self.verify_current)
        self.browse = QPushButton(_("&Ouvrir…"))
        self.browse.setAccessibleName(_("Choisir le fichier PDF à vérifier"))
        self.browse.clicked.connect(self.choose_file)
        self.verdict = QLabel(_("Choisissez un plan d’action signé pour vérifier ses signatures."), wordWrap=True)
        self.verdict.setAccessibleName(_("Résultat de la vérification"))
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)  # it names the file, and its error
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(_("Vérification en cours"))
        self.progress.hide()

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.table.setAccessibleName(_("Signatures du document"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setToolTip(_("Ordre des signatures"))  # numbers: signing order
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (0, 3, 4):  # the long verdicts wrap instead of widening the window
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The selected signature in full, wrapped: a table cell cuts long verdicts.
        self.details = QLabel(wordWrap=True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setAccessibleName(_("Signature choisie, en entier"))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.currentCellChanged.connect(lambda row, *_a: self._show_details(row))
        self.digest = QLabel(wordWrap=True)
        self.digest.setAccessibleName(_("Copie de l’évaluation jointe"))
        self.digest.setTextFormat(Qt.TextFormat.PlainText)
        self.digest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Fermer"))
        close.setAccessibleName(_("Fermer"))
        self.buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.digest)
        layout.addWidget(self.buttons)
        fm = self.fontMetrics()
        fit_dialog(self, max(960, fm.averageCharWidth() * 130), max(520, fm.height() * 26))

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Ouvrir un plan signé"), self.path.text(),
                                                    _("Documents PDF (*.pdf)"))
        if name:
            self.open_file(Path(name))

    def verify_current(self) -> None:
        if self.path.text().strip():
            self.open_file(Path(self.path.text().strip()))

    def open_file(self, path: Path) -> workers.Task:
        """Start verifying path; the result fills the table when the worker is done."""
        self.path.setText(str(path))
        self.table.setRowCount(0)
        self.digest.clear()
        self.verdict.setText(typo(_("Vérification de « {name} »…").format(name=path.name)))
        self.progress.show()
        self.browse.setEnabled(False)
        self.task = workers.run_in_thread(lambda progress: verify_plan(path, data_dir=self.data_dir),
                                          on_success=self._show, on_failure=self._failed, parent=self)
        self.task.done.connect(self._finished)
        return self.task

    def _finished(self) -> None:
        self.progress.hide()
        self.browse.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self.verdict.setText(typo(_("{mark} Vérification impossible : {e}").format(mark=BAD, e=error)))

    @property
    def checks(self) -> tuple[SignatureCheck, ...]:
        return self.result.signatures if self.result else ()

    def _show(self, result: Verification) -> None:
        self.result = result
        checks = result.signatures
        rows = [signature_row(check) for check in checks]
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                fingerprint = _("Empreinte SHA-256 : {fp}").format(fp=checks[r].fingerprint)
                item.setToolTip(text if c != 4 else f"{text}\n{fingerprint}")
                self.table.setItem(r, c, item)
        self.verdict.setText(overall_verdict(result))
        self.digest.setText(digest_text(result))
        if rows:
            self.table.setCurrentCell(0, 0)
            self._show_details(0)

    def _show_details(self, row: int) -> None:
        """Every column of one signature, and for one not recognised, how to have it recognised."""
        if not 0 <= row < len(self.checks):
            self.details.clear()
            return
        cells = signature_row(self.checks[row])
        lines = [typo(f"{_(name)} : {text}") for name, text in zip(COLUMNS, cells, strict=True)]
        if self.checks[row].trust != "trusted":
            lines.append(typo(_(
                "Pour reconnaître ce signataire : demandez-lui, par un autre moyen que ce PDF (téléphone, "
                "courrier), l’empreinte de son certificat ; si elle est la même, ajoutez son certificat à vos "
                "certificats de confiance (Paramètres › Signature).")))
        self.details.setText("\n".join(lines))
        self.details.setAccessibleDescription(self.details.text())


# -- what wizard.signing reports, in words ---------------------------------------------------
COVERAGE = {
    "whole": N_("tout le document"),
    "revision": N_("le document tel qu’il était alors ; des ajouts ont suivi"),
    "partial": N_("une partie du document seulement"),
}
CHANGES = {
    "signatures": N_("signatures ajoutées ensuite"),
    "forms": N_("cadres de signature ou champs de formulaire remplis ensuite"),
    "annotations": N_("annotations ajoutées ensuite"),
    "appearance": N_("signature visible ajoutée ensuite hors des cadres prévus"),
    "other": N_("contenu modifié ensuite"),
    "unknown": N_("modifications ultérieures non analysables"),
}
TRUST = {
    "trusted": N_("de confiance"),
    "expired": N_("non reconnu : certificat expiré"),
    "not-yet-valid": N_("non reconnu : certificat pas encore valable"),
    "weak": N_("non reconnu : signature faible"),
    "self-signed": N_("non reconnu : certificat auto-signé, absent de votre liste de confiance"),
    "unknown-issuer": N_("non reconnu : émetteur inconnu, absent de votre liste de confiance"),
    "invalid-chain": N_("non reconnu : chaîne de certificats refusée"),
}


def signature_row(check: SignatureCheck) -> tuple[str, ...]:
    who = f"{check.signer} ({check.organisation})" if check.organisation else check.signer
    when = format_moment(check.signing_time) if check.signing_time else _("inconnue")
    integrity = f"{OK} " + _("intacte") if check.intact else f"{BAD} " + _("modifiée")
    coverage = _(COVERAGE.get(check.coverage, check.coverage))
    if check.changes_after not in ("none", ""):
        mark = OK if check.changes_allowed else BAD
        coverage += f" ; {mark} " + _(CHANGES.get(check.changes_after, check.changes_after))
    trust = (f"{OK} " if check.trust == "trusted" else f"{WARN} ") + _(TRUST.get(check.trust, check.trust))
    if check.trust_detail and check.trust != "trusted":
        trust += " — " + check.trust_detail
    if check.fingerprint:
        short = " ".join(check.fingerprint[i:i + 4].upper() for i in range(0, 16, 4))
        trust += " — " + _("empreinte {fp}…").format(fp=short)
    if check.problem:
        integrity += " — " + check.problem
    return tuple(typo(text) for text in (who or _("inconnu"), when, integrity, coverage, trust))


def overall_verdict(result: Verification) -> str:
    checks = result.signatures
    if not checks:
        return typo(_("{mark} Ce document ne porte aucune signature.").format(mark=BAD))
    count = ngettext("{n} signature", "{n} signatures", len(checks)).format(n=len(checks))
    if result.verdict == "valid":
        return typo(_("{mark} Valable : {count}, toutes intactes et de confiance ; la dernière couvre tout le "
                      "document.").format(mark=OK, count=count))
    if result.verdict == "untrusted":
        return typo(_("{mark} Intact mais non reconnu : {count} intactes, mais au moins un signataire n’est pas "
                      "dans votre liste de confiance ; rien ne garantit son identité (raison dans la colonne "
                      "« Confiance »).").format(mark=WARN, count=count))
    return typo(_("{mark} Non valable : {count} ; au moins une signature n’est plus valable ou le document a été "
                  "modifié après une signature.").format(mark=BAD, count=count))


def digest_text(result: Verification) -> str:
    attachment = result.attachment
    if attachment.state == "absent":
        return typo(_("Aucune copie de l’évaluation n’est jointe à ce PDF."))
    if attachment.state == "mismatch":
        return typo(_("{mark} La copie de l’évaluation jointe ne correspond pas à l’empreinte imprimée.")
                    .format(mark=BAD))
    if not result.signatures:
        return typo(_("{mark} Une copie de l’évaluation est jointe, mais ce document n’est pas signé : rien ne "
                      "garantit son contenu.").format(mark=BAD))
    if attachment.covered:
        return typo(_("{mark} La copie de l’évaluation jointe correspond à l’empreinte imprimée et la signature "
                      "du champ {field} la couvre.").format(mark=OK, field=attachment.covered_by))
    return typo(_("{mark} La copie de l’évaluation jointe n’est couverte par aucune signature valable : elle a pu "
                  "être ajoutée ou remplacée après la signature.").format(mark=BAD))
