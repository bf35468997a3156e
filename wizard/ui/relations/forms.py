"""The forms of the registers: a processor's entry, who a party is (the laboratory, the vendor), and
the options of a request (where, by when, protected or not).

Each form only turns its widgets into the fields wizard.operations checks and stores; the words
of the services and data categories come from the content (relations.yaml).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wizard.core.processors import Processor
from wizard.core.relations import Relations, Term
from wizard.i18n import _, current_language
from wizard.ui.widgets.text import fr
from wizard.ui.window_geometry import fit_dialog

DATE_HINT = "AAAA-MM-JJ"
PARTY_FIELDS = ("name", "siret", "address", "contact", "email", "phone", "dpo", "dpo_email")


def _line(text: str, name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text, placeholderText=placeholder)
    edit.setAccessibleName(name)
    return edit


class _Choices(QGroupBox):
    """One check box per word of a vocabulary."""

    def __init__(self, title: str, terms: tuple[Term, ...], chosen: tuple[str, ...]) -> None:
        super().__init__(title)
        grid = QGridLayout(self)
        self.boxes: dict[str, QCheckBox] = {}
        for i, term in enumerate(terms):
            box = QCheckBox(term.label.get(current_language()))
            box.setChecked(term.id in chosen)
            self.boxes[term.id] = box
            grid.addWidget(box, i // 2, i % 2)

    def chosen(self) -> list[str]:
        return [ident for ident, box in self.boxes.items() if box.isChecked()]


class ProcessorForm(QDialog):
    """A processor's entry: values() gives the fields for workspace.processors.add / edit."""

    def __init__(self, relations: Relations, processor: Processor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(fr(_("Fiche du prestataire")))
        p = processor or Processor(id="", name="")
        hds = p.hds
        self.name = _line(p.name, _("Nom du prestataire"))
        self.siret = _line(p.siret, _("SIRET"))
        self.contact = _line(p.contact, _("À qui écrire chez le prestataire"))
        self.services = _Choices(fr(_("Prestations")), relations.services, p.services)
        self.data = _Choices(fr(_("Données concernées")), relations.data, p.data)
        self.location = QComboBox()
        self.location.setAccessibleName(_("Où sont les données"))
        for value, label in (("", _("Non renseigné")), ("eea", _("Dans l’Espace économique européen")),
                             ("third_country", _("Hors de l’Espace économique européen"))):
            self.location.addItem(fr(label), value)
        self.location.setCurrentIndex(max(0, self.location.findData(p.location)))
        self.countries = _line(p.countries, _("Pays"))
        self.foreign_laws = _line(p.foreign_laws, _("Lois étrangères"))
        self.hds_number = _line(hds.number if hds else "", _("Numéro du certificat HDS"))
        self.hds_activities = _line(hds.activities if hds else "", _("Activités certifiées HDS"))
        self.hds_expires = _line(hds.expires if hds else "", _("Fin de validité du certificat HDS"), DATE_HINT)
        self.contract_reference = _line(p.contract_reference, _("Référence du contrat"))
        self.contract_date = _line(p.contract_date, _("Date du contrat"), DATE_HINT)
        self.annex = QCheckBox(fr(_("Une annexe de sous-traitance (article 28.3) existe")))
        self.annex.setChecked(p.processing_annex)
        self.subprocessors = _line(", ".join(p.subprocessors), _("Sous-traitants ultérieurs"),
                                   _("séparés par des virgules"))
        self.last_review = _line(p.last_review, _("Date de la dernière revue"), DATE_HINT)
        self.next_review = _line(p.next_review, _("Date de la prochaine revue"), DATE_HINT)
        self.notes = QPlainTextEdit(p.notes)
        self.notes.setAccessibleName(_("Notes"))
        body = QWidget()
        form = QFormLayout(body)
        for label, widget in ((_("&Nom :"), self.name), (_("SIRET :"), self.siret), (_("Contact :"), self.contact)):
            form.addRow(fr(label), widget)
        form.addRow(self.services)
        form.addRow(self.data)
        for label, widget in ((_("Lieu des données :"), self.location), (_("Pays :"), self.countries),
                              (_("Lois étrangères :"), self.foreign_laws), (_("Certificat HDS n° :"), self.hds_number),
                              (_("Activités HDS :"), self.hds_activities), (_("HDS valable jusqu’au :"), self.hds_expires),
                              (_("Contrat (référence) :"), self.contract_reference),
                              (_("Contrat (date) :"), self.contract_date)):
            form.addRow(fr(label), widget)
        form.addRow(self.annex)
        for label, widget in ((_("Sous-traitants ultérieurs :"), self.subprocessors),
                              (_("Dernière revue :"), self.last_review), (_("Prochaine revue :"), self.next_review),
                              (_("Notes :"), self.notes)):
            form.addRow(fr(label), widget)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        fit_dialog(self, 640, 720)

    def values(self) -> dict[str, Any]:
        hds = {"number": self.hds_number.text().strip(), "activities": self.hds_activities.text().strip(),
               "expires": self.hds_expires.text().strip()}
        return {"name": self.name.text().strip(), "siret": self.siret.text().strip(),
                "contact": self.contact.text().strip(), "services": self.services.chosen(),
                "data": self.data.chosen(), "location": self.location.currentData() or "",
                "countries": self.countries.text().strip(), "foreign_laws": self.foreign_laws.text().strip(),
                "hds": hds if any(hds.values()) else None,
                "contract_reference": self.contract_reference.text().strip(),
                "contract_date": self.contract_date.text().strip(), "processing_annex": self.annex.isChecked(),
                "subprocessors": [x.strip() for x in self.subprocessors.text().split(",") if x.strip()],
                "last_review": self.last_review.text().strip(), "next_review": self.next_review.text().strip(),
                "notes": self.notes.toPlainText()}


class PartyForm(QDialog):
    """Who a party is (name, SIRET, address, contacts, DPO); with texts, the vendor's security
    measures and transfers (Art. 30(2)(c) and (d))."""

    def __init__(self, title: str, party: dict[str, str], texts: dict[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(fr(title))
        labels = {"name": _("Nom :"), "siret": _("SIRET :"), "address": _("Adresse :"), "contact": _("Contact :"),
                  "email": _("Courriel :"), "phone": _("Téléphone :"), "dpo": _("DPO :"),
                  "dpo_email": _("Courriel du DPO :")}
        form = QFormLayout()
        self.edits = {}
        for name in PARTY_FIELDS:
            self.edits[name] = _line(party.get(name, ""), labels[name].rstrip(" :"))
            form.addRow(fr(labels[name]), self.edits[name])
        self.texts: dict[str, QPlainTextEdit] = {}
        text_labels = {"security": _("Mesures de sécurité (description générale) :"),
                       "transfers": _("Transferts hors de l’Union européenne :")}
        for name, value in (texts or {}).items():
            edit = QPlainTextEdit(value)
            edit.setAccessibleName(text_labels[name].rstrip(" :"))
            self.texts[name] = edit
            form.addRow(fr(text_labels[name]), edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def party(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.edits.items()}

    def text_values(self) -> dict[str, str]:
        return {name: edit.toPlainText() for name, edit in self.texts.items()}


class RequestOptions(QDialog):
    """Where to write the request (its letter goes beside it), by when, protected or not."""

    def __init__(self, default: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(fr(_("Créer une demande")))
        self.path = QLineEdit(str(default))
        self.path.setAccessibleName(_("Fichier de demande"))
        browse = QPushButton(_("Parcourir…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.due = QDateEdit(date.today() + timedelta(days=30), calendarPopup=True)
        self.due.setAccessibleName(_("Réponse attendue pour le"))
        self.protect = QCheckBox(fr(_("Demander une réponse protégée par un mot de passe (convenu par téléphone)")))
        self.protect.setChecked(True)
        self.message = QLineEdit()
        self.message.setAccessibleName(_("Message au prestataire"))
        form = QFormLayout(self)
        form.addRow(fr(_("Fichier :")), row)
        form.addRow(fr(_("Réponse attendue pour le :")), self.due)
        form.addRow(self.protect)
        form.addRow(fr(_("Message :")), self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Enregistrer la demande"), self.path.text(),
                                                    _("Demandes Vigie (*.json)"))
        if name:
            self.path.setText(name)
