"""The form beside the plan table: one action's details and the fields the user may change.

Owner, due date, status and the organisation's own wording of the title (action_title.py) are
stored as soon as they change. A priority different from the
proposed one is stored only with its reason, through an explicit button, because the report
prints that reason next to the action.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard.core import limits
from wizard.core.action_plan import PlannedAction
from wizard.core.framework import Framework
from wizard.core.model import ACTION_STATUSES, PRIORITIES
from wizard.core.plan_edits import PlanEditError
from wizard.i18n import _
from wizard.operations.session import Session, SessionError
from wizard.ui.results.action_note import ActionNote
from wizard.ui.results.action_title import ActionTitle
from wizard.ui.results.labels import content, owner_text, priority_label, refs_text, status_label, typo
from wizard.ui.widgets.bounded import bounded, dated


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def owner_combo(framework: Framework | None, parent: QWidget | None = None) -> QComboBox:
    """An editable list of the framework's owner roles; a typed name is kept as typed."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    set_owner_roles(combo, framework)
    combo.setAccessibleName(_("Responsable"))
    combo.lineEdit().setAccessibleName(_("Responsable"))
    combo.setAccessibleDescription(_("Choisissez un rôle dans la liste ou tapez un nom."))
    bounded(combo.lineEdit(), limits.NAME)
    return combo


def set_owner_roles(combo: QComboBox, framework: Framework | None) -> None:
    """List the framework's roles (an assessment of another framework has other roles)."""
    text = combo.currentText()
    combo.clear()
    for role in framework.owner_roles if framework else ():
        combo.addItem(content(role.label), role.id)
    combo.setCurrentIndex(-1)
    combo.setEditText(text)


def owner_value(combo: QComboBox) -> str:
    """The role key when the text is one of the listed roles, else the typed name."""
    text = combo.currentText().strip()
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    return str(combo.itemData(index)) if index >= 0 else text


def set_owner(combo: QComboBox, owner: str) -> None:
    index = combo.findData(owner)
    if index >= 0:
        combo.setCurrentIndex(index)
    else:
        combo.setCurrentIndex(-1)
        combo.setEditText(owner)


class ActionEditor(QGroupBox):
    """Details and edits of the selected action; emits saved(action_id) after each stored change."""

    saved = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Action sélectionnée"), parent)
        self.session: Session | None = None
        self.action: PlannedAction | None = None
        self._due_timer = QTimer(self, singleShot=True, interval=600)
        self._due_timer.timeout.connect(self._save_due)

        self.title = ActionTitle(self)
        self.title.reworded.connect(self._save_title)
        self.description = QLabel(wordWrap=True)
        self.why = QLabel(wordWrap=True)
        self.done_when = QLabel(wordWrap=True)
        for label, name in ((self.description, _("Description")), (self.why, _("Pourquoi cette action")),
                            (self.done_when, _("Terminée quand"))):
            label.setAccessibleName(name)

        self.owner = owner_combo(None, self)
        self.owner.activated.connect(lambda _i: self._save_owner())
        self.owner.lineEdit().editingFinished.connect(self._save_owner)

        self.due = dated(QDateEdit(calendarPopup=True, displayFormat="dd/MM/yyyy"))
        self.due.setAccessibleName(_("Échéance"))
        self.due.dateChanged.connect(lambda _d: self._due_timer.start())
        self.due.editingFinished.connect(self._save_due)

        self.status = QComboBox()
        for key in ACTION_STATUSES:
            self.status.addItem(status_label(key), key)
        self.status.setAccessibleName(_("Statut"))
        self.status.currentIndexChanged.connect(lambda _i: self._save_status())

        self.priority = QComboBox()
        for key in PRIORITIES:
            self.priority.addItem(priority_label(key), key)
        self.priority.setAccessibleName(_("Priorité"))
        self.priority.currentIndexChanged.connect(lambda _i: self._priority_changed())
        self.reason = QLineEdit(placeholderText=_("Pourquoi changer la priorité proposée ?"))
        self.reason.setAccessibleName(_("Raison du changement de priorité"))
        bounded(self.reason, limits.TEXT)
        self.reason.textChanged.connect(lambda _t: self._update_priority_state())
        self.reason.returnPressed.connect(self._apply_priority)
        self.apply_priority = QPushButton(_("Appliquer la priorité"))
        self.apply_priority.setAccessibleName(_("Appliquer la priorité et sa raison"))
        self.apply_priority.clicked.connect(self._apply_priority)
        self.priority_hint = QLabel(wordWrap=True)
        self.priority_hint.setAccessibleName(_("Priorité proposée"))

        self.reset = QPushButton(_("Revenir aux valeurs proposées"))
        self.reset.setAccessibleName(_("Revenir aux valeurs proposées pour cette action"))
        self.reset.clicked.connect(self._reset)
        self.remove = QPushButton(_("Supprimer cette action"))
        self.remove.setAccessibleName(_("Supprimer cette action ajoutée"))
        self.remove.clicked.connect(lambda: self.action and self.remove_requested.emit(self.action.id))
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(_("Message"))
        self.note = ActionNote(self)
        self.note.edited.connect(self._save_note)

        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(typo(_("&Responsable :")), self.owner)
        form.addRow(typo(_("É&chéance :")), self.due)
        form.addRow(typo(_("S&tatut :")), self.status)
        form.addRow(typo(_("Pr&iorité :")), self.priority)
        form.addRow("", self.priority_hint)
        form.addRow(typo(_("Rais&on :")), self.reason)
        form.addRow("", self.apply_priority)
        form.addRow(typo(_("&Note :")), self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.description, self.why, self.done_when):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.show_action(None)

    # -- showing -----------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self.session = session
        set_owner_roles(self.owner, session.questionnaire.framework)

    def show_action(self, action: PlannedAction | None) -> None:
        if self._due_timer.isActive() and (action is None or self.action is None or action.id != self.action.id):
            self._save_due()
        same = action is not None and self.action is not None and action.id == self.action.id
        self.action = action
        self.note.show_note(action.id if action is not None else None, action.note if action is not None else "")
        for widget in (self.owner, self.due, self.status, self.priority, self.reason,
                       self.apply_priority, self.reset, self.remove):
            widget.setEnabled(action is not None)
        if action is None:
            self.title.show_title(None, _("Choisissez une action dans la liste pour la modifier."))
            for label in (self.description, self.why, self.done_when, self.priority_hint):
                label.clear()
            if not same:
                self.message.clear()
            return
        if not same:
            self.message.clear()
        self.title.show_title(action.id, content(action.title),
                              content(action.catalogue_title) if action.catalogue_title else None)
        self.description.setText(content(action.description))
        self.description.setVisible(bool(self.description.text()))
        self.why.setText(self._why(action))
        self.why.setVisible(bool(action.question_ids))
        self.done_when.setText(typo(_("Terminée quand : {t}").format(t=content(action.done_when)))
                               if action.done_when else "")
        self.done_when.setVisible(action.done_when is not None)
        with QSignalBlocker(self.owner):
            if owner_value(self.owner) != action.owner:
                set_owner(self.owner, action.owner)
        with QSignalBlocker(self.due):
            if self.due.date() != to_qdate(action.due):
                self.due.setDate(to_qdate(action.due))
        with QSignalBlocker(self.status):
            self.status.setCurrentIndex(max(0, self.status.findData(action.status)))
        with QSignalBlocker(self.priority):
            self.priority.setCurrentIndex(max(0, self.priority.findData(action.priority)))
        with QSignalBlocker(self.reason):
            if not same or action.overridden:
                self.reason.setText(action.priority_reason)
        self.reset.setVisible(not action.custom)
        self.remove.setVisible(action.custom)
        self._update_priority_state()

    def _why(self, action: PlannedAction) -> str:
        if self.session is None or not action.question_ids:
            return ""
        texts = []
        for qid in action.question_ids:
            try:
                texts.append("• " + content(self.session.question(qid).text))
            except SessionError:
                continue
        refs = refs_text(action.refs)
        head = typo(_("Demandée par ({refs}) :").format(refs=refs)) if refs else typo(_("Demandée par :"))
        return "\n".join([head, *texts])

    def _update_priority_state(self) -> None:
        action = self.action
        if action is None:
            return
        chosen = self.priority.currentData()
        # The reason row only shows when it is needed: a priority other than the proposed one.
        needed = not action.custom and (chosen != action.computed_priority or action.overridden)
        for widget in (self.reason, self.apply_priority):
            self.form.setRowVisible(widget, needed)
        self.form.setRowVisible(self.priority_hint, not action.custom)
        if action.custom:
            return
        proposed = priority_label(action.computed_priority)
        if chosen == action.computed_priority:
            self.priority_hint.setText(typo(_("Priorité proposée : {p}.").format(p=proposed)))
            self.reason.setEnabled(False)
            self.apply_priority.setEnabled(action.overridden)
        else:
            self.priority_hint.setText(typo(_(
                "Priorité proposée : {p}. Pour la changer, indiquez la raison ; elle figurera "
                "dans le rapport.").format(p=proposed)))
            self.reason.setEnabled(True)
            reason = self.reason.text().strip()
            changed = chosen != action.priority or reason != action.priority_reason
            self.apply_priority.setEnabled(bool(reason) and changed)

    # -- saving ------------------------------------------------------------------------
    def _store(self, action_id: str | None = None, **changes: object) -> None:
        """Store changes of the action shown (or of action_id: a title confirmed as another was chosen)."""
        if self.session is None or self.action is None:
            return
        action_id = action_id or self.action.id
        try:
            self.session.edit_plan_action(action_id, **changes)  # type: ignore[arg-type]
        except (SessionError, PlanEditError) as exc:
            self.message.setText(typo(_("Modification non enregistrée : {e}").format(e=exc)))
            return
        self.message.setText(_("Enregistré"))
        self.saved.emit(action_id)

    def _save_owner(self) -> None:
        if self.action is not None and owner_value(self.owner) != self.action.owner:
            self._store(owner=owner_value(self.owner))

    def _save_due(self) -> None:
        self._due_timer.stop()
        if self.action is None:
            return
        chosen = self.due.date().toPython()
        if chosen != self.action.due:
            self._store(due=chosen)

    def _save_status(self) -> None:
        if self.action is not None and self.status.currentData() != self.action.status:
            self._store(status=self.status.currentData())

    def _priority_changed(self) -> None:
        if self.action is not None and self.action.custom:
            if self.priority.currentData() != self.action.priority:
                self._store(priority=self.priority.currentData())
            return
        if self.action is not None and self.priority.currentData() == self.action.computed_priority:
            with QSignalBlocker(self.reason):
                self.reason.clear()
        self._update_priority_state()
        if self.reason.isEnabled():
            self.reason.setFocus()

    def _apply_priority(self) -> None:
        if self.action is None or not self.apply_priority.isEnabled():
            return
        self._store(priority=self.priority.currentData(), reason=self.reason.text())

    def _save_title(self, action_id: str, text: str) -> None:
        self._store(action_id, title=text)

    def _save_note(self, action_id: str, text: str) -> None:
        if self.session is None:
            return
        try:
            self.session.set_action_note(action_id, text)
        except (SessionError, PlanEditError) as exc:
            self.message.setText(typo(_("Note non enregistrée : {e}").format(e=exc)))
            return
        self.message.setText(_("Enregistré"))
        self.saved.emit(action_id)

    def _reset(self) -> None:
        if self.session is None or self.action is None:
            return
        self.session.reset_plan_action(self.action.id)
        self.message.setText(_("Valeurs proposées rétablies"))
        self.saved.emit(self.action.id)


__all__ = ["ActionEditor", "owner_combo", "owner_value", "set_owner", "to_qdate", "owner_text"]
