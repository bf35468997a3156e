"""The signing identities in the settings: the personal identity (create, back up as .p12,
restore) and the certificates trusted to verify signatures. They live in the data folder,
not in settings.json; passwords typed in the small forms are never stored.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wizard.i18n import _, format_day
from wizard.operations import identities as signing
from wizard.settings import load_settings
from wizard.ui import workers
from wizard.ui.dialogs.identity_fields import (
    PASSWORD_LEAST,
    identity_password_edit,
    identity_password_edits,
    password_problems,
    secret_edit,
    signer_organisation_edit,
    with_button,
)
from wizard.ui.widgets.field_error import field_error
from wizard.ui.widgets.text import fr


def readable_subject(subject: str) -> str:
    """"Organization: L, Common Name: N" (asn1crypto's English wording) as "N (L)"."""
    parts = dict(p.split(": ", 1) for p in subject.split(", ") if ": " in p)
    name, org = parts.get("Common Name", ""), parts.get("Organization", "")
    if not name:
        return subject
    return f"{name} ({org})" if org else name


def _new_password_problems(values: dict[str, str]) -> dict[str, str]:
    """The identity password's problems (length, confirmation) under the form's « passphrase » field."""
    return {"passphrase" if key == "password" else key: text
            for key, text in password_problems(values["passphrase"], values["confirm"]).items()}


class FormDialog(QDialog):
    """A small form (names, passwords, a file) opened without blocking. « Valider » first asks
    check(values) what to correct: each message goes under its field and the form stays open.
    Otherwise submitted(values) is emitted; the panel then calls finish() (the form closes) or
    fail(message) (said in the form, still open, so that the user corrects and tries again)."""

    submitted = Signal(dict)

    def __init__(self, title: str, note: str, rows: list[tuple[str, str, str | QLineEdit]],
                 parent: QWidget | None = None, *, check: Callable[[dict[str, str]], dict[str, str]] | None = None,
                 file_filter: str = "", save: bool = False) -> None:
        """rows: (key, label, kind), kind "text", "secret", "file" or a field made by the caller."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.check = check
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self._busy = False
        form = QFormLayout(self)
        if note:
            label = QLabel(fr(note), wordWrap=True)
            label.setAccessibleName(_("Explication"))
            form.addRow(label)
        for key, label_text, kind in rows:
            if isinstance(kind, QLineEdit):
                edit = kind
            elif kind == "secret":
                edit = secret_edit(label_text)
            else:
                edit = QLineEdit()
                edit.setAccessibleName(label_text)
            self.edits[key] = edit
            field: QWidget = edit
            if kind == "file":
                browse = QPushButton(_("Parcourir…"))
                browse.setAccessibleName(fr(_("Choisir : {what}").format(what=label_text)))
                browse.clicked.connect(lambda _c=False, e=edit: self._browse(e, file_filter, save))
                field = with_button(edit, browse)
            form.addRow(fr(_("{label} :").format(label=label_text)), field)
            self.errors[key] = field_error(_("Problème : {field}").format(field=edit.accessibleName()))
            form.addRow("", self.errors[key])
        self.error = QLabel(wordWrap=True)  # what the work itself reported (a wrong password…)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setAccessibleName(_("Message"))
        self.error.setVisible(False)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Valider"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(_("Valider"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuler"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(_("Annuler"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.resize(520, self.sizeHint().height())

    def _browse(self, edit: QLineEdit, file_filter: str, save: bool) -> None:
        pick = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
        name, _filter = pick(self, self.windowTitle(), edit.text(), file_filter)
        if name:
            edit.setText(name)

    def values(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.edits.items()}

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each message under its field; the focus goes to the first field to correct."""
        for key, label in self.errors.items():
            text = problems.get(key, "")
            label.setText(fr("⚠ " + text) if text else "")
            label.setVisible(bool(text))
        first = next((key for key in self.edits if key in problems), None)
        if first is not None:
            self.edits[first].setFocus(Qt.FocusReason.OtherFocusReason)
        self._grow()

    def _grow(self) -> None:
        """Tall enough for the messages shown (never narrower: the lines would wrap more)."""
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def accept(self) -> None:
        if self._busy:
            return
        values = self.values()
        problems = self.check(values) if self.check is not None else {}
        self.show_problems(problems)
        if not problems:
            self.say("")
            self.submitted.emit(values)

    def reject(self) -> None:
        if not self._busy:  # the work under way says how it ended in this form
            super().reject()

    def say(self, text: str, *, failed: bool = False) -> None:
        self.error.setText(fr(("✗ " if failed else "") + text) if text else "")
        self.error.setStyleSheet("font-weight: bold;" if failed else "")
        self.error.setVisible(bool(text))
        self._grow()

    def busy(self, text: str) -> None:
        """The work runs: said in the form, whose fields and buttons wait."""
        self._set_busy(True)
        self.say(text)

    def fail(self, message: str) -> None:
        """The work failed: said in the form, which stays open to correct and try again."""
        self._set_busy(False)
        self.say(message, failed=True)

    def finish(self) -> None:
        self._set_busy(False)
        super().accept()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (*self.edits.values(), self.buttons):
            widget.setEnabled(not busy)


class IdentitiesPanel(QWidget):
    """The personal identity (create, back up as .p12, restore) and the trust list."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.form: FormDialog | None = None
        self.task: workers.Task | None = None
        personal = QGroupBox(_("Mon identité personnelle"))
        self.personal_info = QLabel(wordWrap=True)
        self.personal_info.setAccessibleName(_("Mon identité personnelle"))
        self.personal_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.create = QPushButton(_("C&réer…"))
        self.create.setAccessibleName(_("Créer mon identité personnelle"))
        self.create.clicked.connect(self.open_create)
        self.backup = QPushButton(_("Sau&vegarder en .p12…"))
        self.backup.setAccessibleName(_("Sauvegarder mon identité dans un fichier .p12"))
        self.backup.clicked.connect(self.open_backup)
        self.restore = QPushButton(_("Restaurer depuis un .p12…"))
        self.restore.setAccessibleName(_("Restaurer mon identité depuis un fichier .p12"))
        self.restore.clicked.connect(self.open_restore)
        buttons = QHBoxLayout()
        for button in (self.create, self.backup, self.restore):
            buttons.addWidget(button)
        buttons.addStretch(1)
        personal_layout = QVBoxLayout(personal)
        personal_layout.addWidget(self.personal_info)
        personal_layout.addLayout(buttons)

        trust = QGroupBox(_("Certificats de confiance (pour vérifier les signatures)"))
        self.trusted = QListWidget()
        self.trusted.setAccessibleName(_("Certificats de confiance"))
        # A handful of certificates at most: six lines, so that its buttons stay in view at 1024x768.
        self.trusted.setMaximumHeight(self.trusted.fontMetrics().lineSpacing() * 6 + 2 * self.trusted.frameWidth() + 8)
        self.add_cert = QPushButton(_("A&jouter un certificat…"))
        self.add_cert.setAccessibleName(_("Ajouter un certificat de confiance"))
        self.add_cert.clicked.connect(self.choose_certificate)
        self.trust_mine = QPushButton(_("Faire confiance à mon identité"))
        self.trust_mine.setAccessibleName(_("Ajouter mon identité personnelle aux certificats de confiance"))
        self.trust_mine.clicked.connect(self.trust_personal)
        self.remove_cert = QPushButton(_("Re&tirer"))
        self.remove_cert.setAccessibleName(_("Retirer le certificat choisi"))
        self.remove_cert.clicked.connect(self.remove_selected)
        trust_buttons = QHBoxLayout()
        for button in (self.add_cert, self.trust_mine, self.remove_cert):
            trust_buttons.addWidget(button)
        trust_buttons.addStretch(1)
        trust_layout = QVBoxLayout(trust)
        trust_layout.addWidget(self.trusted)
        trust_layout.addLayout(trust_buttons)

        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(_("Message"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(personal)
        layout.addWidget(trust)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        existing = signing.personal_identity(self.data_dir)
        if existing:
            fp = " ".join(existing.fingerprint[i:i + 4].upper() for i in range(0, 16, 4))
            self.personal_info.setText(fr(_(
                "{name}{org} — valable jusqu’au {day}.\nEmpreinte : {fp}…").format(
                name=existing.name, org=f" ({existing.organisation})" if existing.organisation else "",
                day=format_day(existing.not_after.date(), "long"), fp=fp)))
        else:
            self.personal_info.setText(fr(_(
                "Pas encore d’identité personnelle. Créez-la ici ou lors du premier export signé ; "
                "sauvegardez-la ensuite dans un fichier .p12 rangé en lieu sûr.")))
        self.create.setVisible(existing is None)
        self.restore.setVisible(existing is None)
        self.backup.setEnabled(existing is not None)
        self.trust_mine.setEnabled(existing is not None)
        self.trusted.clear()
        for cert in signing.list_trusted(self.data_dir):
            item = QListWidgetItem(f"{readable_subject(cert.subject)} — {cert.fingerprint[:16].upper()}…")
            item.setData(Qt.ItemDataRole.UserRole, cert.fingerprint)
            item.setToolTip(cert.fingerprint)
            self.trusted.addItem(item)
        self.remove_cert.setEnabled(self.trusted.count() > 0)

    def _say(self, text: str, ok: bool = True) -> None:
        self.message.setText(fr(("✓ " if ok else "✗ ") + text))
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:  # the settings' tab scrolls: the message comes into view, once laid out
            area = parent

            def bring_into_view() -> None:
                QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
                area.ensureWidgetVisible(self.message)
            QTimer.singleShot(0, self, bring_into_view)

    def _open_form(self, form: FormDialog, then: Callable[[FormDialog, dict[str, str]], None]) -> FormDialog:
        self.form = form
        form.submitted.connect(lambda values: then(form, values))
        form.open()
        return form

    # -- personal identity ---------------------------------------------------------------
    # The words of the export window (identity_fields): « Mot de passe », never « phrase de passe ».
    def open_create(self) -> FormDialog:
        settings = load_settings(self.data_dir)
        password, confirm = identity_password_edits()
        form = FormDialog(_("Créer mon identité personnelle"), _(
            "Un certificat à votre nom, valable cinq ans, pour signer les plans d’action. Choisissez un mot de "
            "passe (8 caractères au moins) : il protège votre identité, et Vigie ne le conserve pas."),
            [("name", _("Nom"), "text"), ("organisation", _("Votre organisation"), signer_organisation_edit()),
             ("passphrase", _("Mot de passe"), password), ("confirm", _("Confirmation"), confirm)], self,
            check=self._creation_problems)
        form.edits["name"].setAccessibleName(_("Nom du signataire"))
        form.edits["name"].setText(settings.signer_name)
        return self._open_form(form, self._create)

    @staticmethod
    def _creation_problems(values: dict[str, str]) -> dict[str, str]:
        found = _new_password_problems(values)
        if not values["name"].strip():
            found["name"] = _("Indiquez votre nom : celui de la personne qui signera.")
        return found

    def _create(self, form: FormDialog, values: dict[str, str]) -> None:
        self.create.setEnabled(False)
        form.busy(_("Création de l’identité…"))

        def created(_identity: object) -> None:
            form.finish()
            self._say(_("Identité personnelle créée."))

        self.task = workers.run_in_thread(
            lambda _progress: signing.create_personal_identity(
                values["name"], values["organisation"], values["passphrase"], data_dir=self.data_dir),
            on_success=created, on_failure=lambda e: form.fail(str(e)), parent=self)
        self.task.done.connect(lambda: (self.create.setEnabled(True), self.refresh()))

    def open_backup(self) -> FormDialog:
        form = FormDialog(_("Sauvegarder mon identité"), _(
            "Le fichier .p12 contient votre identité, protégée par le mot de passe du fichier (8 caractères au "
            "moins), que vous choisissez ici. Rangez-le hors de ce poste."),
            [("passphrase", _("Mot de passe de votre identité"), identity_password_edit()),
             ("password", _("Mot de passe du fichier"), "secret"), ("path", _("Fichier .p12"), "file")],
            self, check=self._backup_problems, file_filter=_("Certificats (*.p12)"), save=True)
        form.edits["path"].setText(str(Path.home() / "identite-vigie.p12"))
        return self._open_form(form, self._backup)

    @staticmethod
    def _backup_problems(values: dict[str, str]) -> dict[str, str]:
        typed = password_problems(values["passphrase"], new=False)
        found = {"passphrase": typed["password"]} if typed else {}
        if len(values["password"]) < PASSWORD_LEAST:
            found["password"] = _("Le mot de passe du fichier compte au moins 8 caractères.")
        if not values["path"].strip():
            found["path"] = _("Indiquez où enregistrer le fichier .p12.")
        return found

    def _backup(self, form: FormDialog, values: dict[str, str]) -> None:
        try:
            path = signing.export_personal_identity(Path(values["path"]), values["passphrase"], values["password"],
                                                    data_dir=self.data_dir)
        except (signing.SigningError, OSError) as exc:
            form.fail(str(exc))
            return
        form.finish()
        self._say(_("Identité sauvegardée dans {path}.").format(path=path))

    def open_restore(self) -> FormDialog:
        password, confirm = identity_password_edits()
        form = FormDialog(_("Restaurer mon identité"), _(
            "Choisissez un mot de passe (8 caractères au moins) pour votre identité sur ce poste ; Vigie ne le "
            "conserve pas."),
            [("path", _("Fichier .p12"), "file"), ("password", _("Mot de passe du fichier"), "secret"),
             ("passphrase", _("Nouveau mot de passe"), password), ("confirm", _("Confirmation"), confirm)],
            self, check=self._restore_problems, file_filter=_("Certificats (*.p12 *.pfx)"))
        return self._open_form(form, self._restore)

    @staticmethod
    def _restore_problems(values: dict[str, str]) -> dict[str, str]:
        found = _new_password_problems(values)
        if not values["path"].strip():
            found["path"] = _("Choisissez le fichier .p12 de la sauvegarde.")
        return found

    def _restore(self, form: FormDialog, values: dict[str, str]) -> None:
        try:
            signing.restore_personal_identity(Path(values["path"]), values["password"], values["passphrase"],
                                              data_dir=self.data_dir)
        except (signing.SigningError, OSError) as exc:
            form.fail(str(exc))
            return
        form.finish()
        self._say(_("Identité personnelle restaurée."))
        self.refresh()

    # -- trust list ------------------------------------------------------------------------
    def choose_certificate(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Ajouter un certificat de confiance"), "",
                                                    _("Certificats (*.pem *.crt *.cer *.der)"))
        if name:
            self.add_certificate(Path(name))

    def add_certificate(self, path: Path) -> None:
        try:
            cert = signing.add_trusted(path, self.data_dir)
        except signing.SigningError as exc:
            self._say(str(exc), ok=False)
            return
        self._say(_("Certificat ajouté : {subject}.").format(subject=cert.subject))
        self.refresh()

    def trust_personal(self) -> None:
        existing = signing.personal_identity(self.data_dir)
        if existing:
            self.add_certificate(existing.certificate_path)

    def remove_selected(self) -> None:
        item = self.trusted.currentItem() or self.trusted.item(0)
        if item is None:
            return
        removed = signing.remove_trusted(str(item.data(Qt.ItemDataRole.UserRole)), self.data_dir)
        self._say(_("Certificat retiré : {subject}.").format(subject=removed.subject))
        self.refresh()
