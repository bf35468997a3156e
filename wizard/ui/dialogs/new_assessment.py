"""New assessment: who is assessed, against which profile, by whom, with whom, when."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QDate, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from wizard.core import limits
from wizard.core.framework import Framework
from wizard.core.model import Organisation, Participant
from wizard.i18n import _, current_language
from wizard.typography import for_language
from wizard.ui.widgets.accessible import name_headers, named
from wizard.ui.widgets.bounded import BoundedCells, bounded, dated


def fr(text: str) -> str:
    return for_language(text, current_language())


@dataclass
class NewAssessment:
    profile: str
    organisation: Organisation
    assessor: str
    participants: list[Participant] = field(default_factory=list)
    when: date = field(default_factory=date.today)


class NewAssessmentDialog(QDialog):
    def __init__(self, framework: Framework, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(fr(_("Nouvelle évaluation")))
        named(self, fr(_("Nouvelle évaluation")))

        self.name = named(QLineEdit(), _("Nom de l’organisation (obligatoire)"))
        self.name.setPlaceholderText(fr(_("ex. : Laboratoire des Tilleuls")))
        bounded(self.name, limits.ORGANISATION_NAME)
        self.siret = named(QLineEdit(), _("SIRET (facultatif)"), _("14 chiffres"))
        self.siret.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9 ]{0,17}"), self))
        self.siret.setPlaceholderText(_("14 chiffres, facultatif"))
        self.address = named(QPlainTextEdit(), _("Adresse (facultative)"))
        self.address.setTabChangesFocus(True)
        bounded(self.address, limits.ADDRESS)
        self.address.setFixedHeight(int(self.address.fontMetrics().height() * 3.4))
        organisation = QGroupBox(_("Organisation évaluée"))
        form = QFormLayout(organisation)
        form.addRow(fr(_("&Nom :")), self.name)
        form.addRow(fr(_("&SIRET :")), self.siret)
        form.addRow(fr(_("A&dresse :")), self.address)

        profile_box = QGroupBox(fr(_("Profil : qui êtes-vous dans cette relation ?")))
        profile_layout = QVBoxLayout(profile_box)
        self.profiles = QButtonGroup(self)
        self.profile_buttons: dict[str, QRadioButton] = {}
        lang = current_language()
        for profile in framework.profiles:  # one sentence each: the right profile without the jargon
            label, text = fr(profile.label.get(lang)), fr(profile.explanation.get(lang))
            button = QRadioButton(label)
            explanation = QLabel(text)
            explanation.setWordWrap(True)
            explanation.setIndent(24)
            named(button, label, text)
            self.profiles.addButton(button)
            self.profile_buttons[profile.id] = button
            profile_layout.addWidget(button)
            profile_layout.addWidget(explanation)
        self.profile_buttons[framework.profiles[0].id].setChecked(True)

        self.assessor = named(QLineEdit(), _("Évaluateur ou évaluatrice"),
                              _("La personne qui conduit l’évaluation"))
        bounded(self.assessor, limits.NAME)
        self.when = named(dated(QDateEdit(QDate.currentDate())), _("Date de l’évaluation"))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("dd/MM/yyyy")
        people = QGroupBox(_("Évaluation"))
        people_form = QFormLayout(people)
        people_form.addRow(fr(_("É&valuateur :")), self.assessor)
        people_form.addRow(fr(_("Da&te :")), self.when)

        self.participants = named(QTableWidget(0, 2), _("Participants à l’atelier"),
                                  _("Nom et fonction de chaque participant"))
        self.participants.setHorizontalHeaderLabels([_("Nom"), _("Fonction")])
        self.participants.horizontalHeader().setStretchLastSection(True)
        self.participants.setColumnWidth(0, 220)
        self.participants.verticalHeader().setVisible(False)
        name_headers(self.participants, _("Participants à l’atelier"))
        self.participants.setTabKeyNavigation(False)
        self.participants.setItemDelegate(BoundedCells(limits.NAME, self.participants))
        add = named(QPushButton(_("&Ajouter un participant")), _("Ajouter un participant"))
        add.clicked.connect(lambda: self.add_participant("", ""))
        remove = named(QPushButton(_("&Retirer le participant sélectionné")), _("Retirer le participant sélectionné"))
        remove.clicked.connect(self._remove_participant)
        participants_box = QGroupBox(_("Participants (atelier)"))
        p_layout = QVBoxLayout(participants_box)
        p_layout.addWidget(self.participants)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        p_layout.addLayout(row)

        self.error = QLabel()
        self.error.setWordWrap(True)
        named(self.error, _("Message d’erreur"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Créer l’évaluation"))
        named(self.ok_button, _("Créer l’évaluation"))
        named(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), _("Annuler"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._validate)
        self.siret.textChanged.connect(self._validate)

        layout = QVBoxLayout(self)
        layout.addWidget(organisation)
        layout.addWidget(profile_box)
        layout.addWidget(people)
        layout.addWidget(participants_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(720, 820)
        self._validate()

    def prefill(self, assessment) -> None:
        """Edit an existing assessment's details; its profile stays (the answers depend on it)."""
        self.setWindowTitle(fr(_("Détails de l’évaluation")))
        self.ok_button.setText(fr(_("Enregistrer")))
        named(self.ok_button, _("Enregistrer"))
        self.name.setText(assessment.organisation.name)
        self.siret.setText(assessment.organisation.siret)
        self.address.setPlainText(assessment.organisation.address)
        self.profile_buttons[assessment.profile].setChecked(True)
        for button in self.profile_buttons.values():
            button.setEnabled(False)
        self.assessor.setText(assessment.assessor)
        self.when.setDate(QDate(assessment.date.year, assessment.date.month, assessment.date.day))
        for p in assessment.participants:
            self.add_participant(p.name, p.role)

    def add_participant(self, name: str, role: str) -> None:
        row = self.participants.rowCount()
        self.participants.insertRow(row)
        self.participants.setItem(row, 0, QTableWidgetItem(name))
        self.participants.setItem(row, 1, QTableWidgetItem(role))
        self.participants.setCurrentCell(row, 0)
        if not name:
            self.participants.editItem(self.participants.item(row, 0))

    def _remove_participant(self) -> None:
        row = self.participants.currentRow()
        if row >= 0:
            self.participants.removeRow(row)

    def _problem(self) -> str:
        if not self.name.text().strip():
            return _("Indiquez le nom de l’organisation évaluée.")
        digits = self.siret.text().replace(" ", "")
        if digits and len(digits) != 14:
            return _("Le SIRET compte 14 chiffres (ou laissez le champ vide).")
        return ""

    def _validate(self) -> None:
        problem = self._problem()
        self.ok_button.setEnabled(not problem)
        self.error.setText(fr(problem))

    def _accept(self) -> None:
        if not self._problem():
            self.accept()

    def result_data(self) -> NewAssessment:
        profile = next(p for p, b in self.profile_buttons.items() if b.isChecked())
        people = []
        for row in range(self.participants.rowCount()):
            name = (self.participants.item(row, 0) or QTableWidgetItem()).text().strip()
            role = (self.participants.item(row, 1) or QTableWidgetItem()).text().strip()
            if name:
                people.append(Participant(name, role))
        q = self.when.date()
        return NewAssessment(
            profile=profile,
            organisation=Organisation(self.name.text().strip(), self.siret.text().replace(" ", ""),
                                      self.address.toPlainText().strip()),
            assessor=self.assessor.text().strip(), participants=people,
            when=date(q.year(), q.month(), q.day()))


__all__ = ["NewAssessment", "NewAssessmentDialog"]
