"""« Clients »: the processor's register of clients (its Art. 30(2) register) and their requests.

The requests come first, overdue, then pending, then answered; the clients with their contacts,
DPO and what is done for them follow. Buttons import a laboratory's request, produce the signed
response to the selected one, say who the processor is, review the processor's own contract
template (contract_review_dialog.py), and export the register (signed PDF or spreadsheet).
Everything goes through workspace.clients and workspace.contracts.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wizard.core.client_rules import REQUEST_STATES
from wizard.core.parties import Party
from wizard.i18n import _, current_language
from wizard.operations.errors import OperationError, StorageError
from wizard.operations.workspace import Workspace
from wizard.ui.relations.forms import PartyForm
from wizard.ui.relations.signing_dialog import SigningDialog
from wizard.ui.widgets import message
from wizard.ui.widgets.text import fr
from wizard.ui.window_geometry import fit_dialog


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ClientsPage(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientsPage")
        self.workspace = workspace
        self.clients = workspace.clients
        self.setWindowTitle(fr(_("Clients")))
        self.summary = QLabel(wordWrap=True)
        self.requests_table = _table([_("Client"), _("Échéance"), _("État"), _("Demande")], _("Demandes des clients"))
        self.clients_table = _table([_("Client"), _("SIRET"), _("Contact"), _("DPO"), _("Traitements effectués")],
                                    _("Registre des clients"))
        tabs = QTabWidget()
        tabs.addTab(self.requests_table, fr(_("Demandes")))
        tabs.addTab(self.clients_table, fr(_("Registre (article 30.2)")))
        buttons = QHBoxLayout()
        for text, slot in ((_("&Importer une demande…"), self.import_request), (_("&Répondre…"), self.respond),
                           (_("Le &prestataire…"), self.edit_vendor),
                           (_("Revoir votre &modèle de contrat…"), self.review_template),
                           (_("&Exporter le registre…"), self.export)):
            button = QPushButton(fr(text))
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(tabs, 1)
        layout.addLayout(buttons)
        fit_dialog(self, 1000, 600)
        self.reload()

    def reload(self) -> None:
        try:
            self.lines = self.clients.requests()
            clients = self.clients.clients()
            counts = self.clients.counts()
        except (OperationError, StorageError) as exc:
            self.lines, clients, counts = [], [], {}
            message.warning(self, _("Registre illisible"), str(exc))
        self.summary.setText(fr("   ".join(_("{state} : {n}").format(state=_(REQUEST_STATES[s]), n=n)
                                          for s, n in counts.items())))
        self.requests_table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            for column, text in enumerate((line.client.lab.name, line.request.due, _(REQUEST_STATES[line.state]),
                                           line.request.id)):
                self.requests_table.setItem(row, column, QTableWidgetItem(text))
        relations = self.workspace.registry.default.relations
        lang = current_language()
        self.clients_table.setRowCount(len(clients))
        for row, client in enumerate(clients):
            lab = client.lab
            services = ", ".join(relations.service_label(s, lang) for s in client.services) if relations else ""
            for column, text in enumerate((lab.name, lab.siret, ", ".join(x for x in (lab.contact, lab.email) if x),
                                           ", ".join(x for x in (lab.dpo, lab.dpo_email) if x), services)):
                self.clients_table.setItem(row, column, QTableWidgetItem(text))
        for table in (self.requests_table, self.clients_table):
            table.resizeColumnsToContents()

    def selected_line(self):  # noqa: ANN201 - client_rules.RequestLine | None
        rows = self.requests_table.selectionModel().selectedRows()
        return self.lines[rows[0].row()] if rows else None

    def import_request(self, path: Path | None = None) -> object | None:
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(self, _("Importer une demande"), str(Path.home()),
                                                        _("Demandes Vigie (*.json)"))
            if not name:
                return None
            path = Path(name)
        try:
            found = self.clients.import_request(path)
        except (OperationError, StorageError) as exc:
            message.warning(self, _("Demande refusée"), str(exc))
            return None
        self.reload()
        message.information(self, _("Demande importée"), fr(_(
            "« {lab} » attend votre réponse pour le {due}. Complétez votre évaluation d’éditeur (une seule pour tous vos "
            "clients), puis choisissez « Répondre ».").format(lab=found.client.lab.name, due=found.request.due)))
        return found

    def respond(self) -> SigningDialog | None:
        line = self.selected_line()
        if line is None:
            message.information(self, _("Répondre"), fr(_("Choisissez d’abord une demande.")))
            return None
        try:
            assessment, _started = self.clients.current_assessment()
        except (OperationError, StorageError) as exc:
            message.warning(self, _("Réponse impossible"), str(exc))
            return None
        request_id = line.request.id
        name = _("Réponse Vigie - {vendor} - {lab}.pdf").format(vendor=assessment.organisation.name,
                                                                 lab=line.client.lab.name).replace("/", " ")

        def work(spec, signer, role, out, password):  # noqa: ANN001, ANN202
            return self.clients.respond(assessment.id, request_id, out, spec, signer_name=signer, signer_role=role,
                                        password=password, lang=current_language())

        dialog = SigningDialog(_("Répondre à {lab}").format(lab=line.client.lab.name), self.workspace.data_dir,
                               assessment.organisation.name, Path.home() / name, work, signer=assessment.assessor,
                               password="required" if line.request.protection == "password" else "optional",
                               file_filter=_("PDF (*.pdf)"), parent=self)
        dialog.finished.connect(lambda _r: self.reload())
        dialog.open()
        return dialog

    def review_template(self) -> object | None:
        """« Revoir le contrat » for the processor's own contract template, one element at a time."""
        from wizard.ui.relations.contract_review_dialog import ContractReviewDialog

        window = self.parentWidget()
        try:
            dialog = ContractReviewDialog(self.workspace, None, self,
                                          current_session=lambda: getattr(window, "session", None))
        except (OperationError, StorageError) as exc:
            message.warning(self, _("Revue impossible"), str(exc))
            return None
        dialog.open()
        return dialog

    def edit_vendor(self) -> None:
        register = self.clients.register()
        form = PartyForm(_("Le prestataire"), asdict(register.vendor),
                         {"security": register.security, "transfers": register.transfers}, parent=self)
        if form.exec():
            texts = form.text_values()
            try:
                self.clients.set_vendor(Party(**form.party()), security=texts["security"], transfers=texts["transfers"])
            except (OperationError, StorageError) as exc:
                message.warning(self, _("Enregistrement impossible"), str(exc))

    def export(self, path: Path | None = None) -> object | None:
        """The register as a spreadsheet (.xlsx, written at once) or a signed PDF (who signs asked first)."""
        if path is None:
            default = Path.home() / _("Registre article 30.2 - {date}.pdf").format(date=date.today().isoformat())
            name, _filter = QFileDialog.getSaveFileName(self, _("Exporter le registre"), str(default),
                                                        _("PDF signé (*.pdf);;Tableur (*.xlsx)"))
            if not name:
                return None
            path = Path(name)
        if path.suffix.lower() != ".pdf":
            try:
                return self.clients.export(path, None, lang=current_language())
            except (OperationError, StorageError) as exc:
                message.warning(self, _("Export impossible"), str(exc))
                return None
        register = self.clients.register()

        def work(spec, signer, role, out, _password):  # noqa: ANN001, ANN202
            return self.clients.export(out, spec, signer_name=signer, signer_role=role, lang=current_language())

        dialog = SigningDialog(_("Exporter le registre signé"), self.workspace.data_dir, register.vendor.name, path, work,
                               signer=register.vendor.contact, file_filter=_("PDF (*.pdf)"), parent=self)
        dialog.open()
        return dialog
