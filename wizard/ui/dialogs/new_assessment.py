"""New assessment: who is assessed, against which profile, by whom, with whom, when.

The form scrolls on a small screen while its buttons stay in view; each problem is said under
its own field, and the Create button says why it cannot be used yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt
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
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wizard.core import limits
from wizard.core.framework import Framework
from wizard.core.model import Organisation, Participant
from wizard.core.siret import digits_of, siret_problem
from wizard.i18n import _, current_language
from wizard.typography import for_language
from wizard.ui.widgets.accessible import name_headers, named
from wizard.ui.widgets.bounded import BoundedCells, bounded, dated
from wizard.ui.widgets.field_error import field_error
from wizard.ui.widgets.text import continued, one_line
from wizard.ui.window_geometry import fit_dialog


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
        self.siret.setMaxLength(limits.NAME)  # checked, never cut silently: a wrong character is named
        self.siret.setPlaceholderText(_("14 chiffres, facultatif"))
        self.name_error = field_error(_("Problème du nom"))
        self.siret_error = field_error(_("Problème du SIRET"))
        self.address = named(QPlainTextEdit(), _("Adresse (facultative)"))
        self.address.setTabChangesFocus(True)
        bounded(self.address, limits.ADDRESS)
        self.address.setFixedHeight(int(self.address.fontMetrics().height() * 3.4))
        organisation = QGroupBox(_("Organisation évaluée"))
        form = QFormLayout(organisation)
        form.addRow(fr(_("&Nom :")), self.name)
        form.addRow("", self.name_error)
        form.addRow(fr(_("&SIRET :")), self.siret)
        form.addRow("", self.siret_error)
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
        rows = self.participants.fontMetrics().height() + 10
        self.participants.setMinimumHeight(rows * 4)  # room for a few people; more scroll
        self.participants.setMaximumHeight(rows * 7)
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

        self.error = QLabel()  # why the Create button cannot be used yet, beside it
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
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

        body = QWidget()
        column = QVBoxLayout(body)
        for box in (organisation, profile_box, people, participants_box):
            column.addWidget(box)
        self.scroll = QScrollArea()  # a small screen scrolls the form; the buttons stay in view
        self.scroll.setWidget(body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        named(self.scroll, fr(_("Nouvelle évaluation")))
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bottom)
        for widget in (self.name, self.siret, self.address, self.assessor):  # keep what has focus in view
            widget.installEventFilter(self)
        fit_dialog(self, 760, 820)
        self._validate()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FocusIn:
            self.scroll.ensureWidgetVisible(watched)
        return super().eventFilter(watched, event)

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

    def prefill_reassessment(self, assessment) -> None:
        """A new assessment from an earlier one: the same organisation and profile; the date, the
        assessor and the participants to confirm (today, and the earlier ones by default)."""
        self.prefill(assessment)
        name = one_line(assessment.organisation.name)
        self.setWindowTitle(fr(_("Réévaluer — {organisation}")).format(organisation=name))
        self.ok_button.setText(fr(_("Créer la réévaluation")))
        named(self.ok_button, _("Créer la réévaluation"))
        for widget in (self.name, self.siret, self.address):
            widget.setReadOnly(True)
        self.when.setDate(QDate.currentDate())
        self.when.setFocus()

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

    def _problems(self) -> dict[QWidget, str]:
        """Each field's problem, in plain words."""
        found = {}
        if not self.name.text().strip():
            found[self.name] = fr(_("Indiquez le nom de l’organisation évaluée."))
        siret = siret_problem(self.siret.text())
        if siret:
            found[self.siret] = siret
        return found

    def _problem(self) -> str:
        return next(iter(self._problems().values()), "")

    def _validate(self) -> None:
        problems = self._problems()
        for edit, label in ((self.name, self.name_error), (self.siret, self.siret_error)):
            # A name not typed yet is only said beside the button; a wrong entry under its field.
            text = problems.get(edit, "") if edit is self.siret or self.name.isModified() else ""
            shown = label.text().removeprefix("⚠ ")
            label.setText(("⚠ " + text) if text else "")
            label.setVisible(bool(text))
            if text:
                edit.setAccessibleDescription(text)
            elif shown and edit.accessibleDescription() == shown:
                edit.setAccessibleDescription("")
        self.ok_button.setEnabled(not problems)
        why = fr(_("Pour créer l’évaluation : {problem}")).format(problem=continued(self._problem())) if problems else ""
        self.error.setText(why)
        self.ok_button.setToolTip(why)

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
            organisation=Organisation(self.name.text().strip(), digits_of(self.siret.text()),
                                      self.address.toPlainText().strip()),
            assessor=self.assessor.text().strip(), participants=people,
            when=date(q.year(), q.month(), q.day()))


__all__ = ["NewAssessment", "NewAssessmentDialog"]
