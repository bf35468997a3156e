"""The signing-identity widgets of the dialogs: the kinds of identity offered at export, in plain
words, and the fields each kind needs (personal identity, certificate file, CPS card or signing
USB key), each with its message beneath it. Passwords and PINs stay in these fields only: never
stored, cleared after use.

The personal identity belongs to the person who signs (a consultant signs the plans of all her
clients with it): its organisation is the signer's own, optional, never the assessed one's.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wizard.i18n import N_, _, format_day
from wizard.operations.identities import IdentitySpec, personal_identity
from wizard.ui.widgets.field_error import field_error
from wizard.ui.widgets.text import fr

# (kind, label, what it is, technically) — the technical word stays in the description.
KINDS = (("personal", N_("Mon identité personnelle (créée par Vigie)"), ""),
         ("p12", N_("Un certificat enregistré dans un fichier (.p12 ou .pfx)"), ""),
         ("pkcs11", N_("Une carte CPS ou une clé USB de signature"),
          N_("Techniquement : un support PKCS#11, lu par le logiciel fourni avec la carte ou la clé.")),
         ("none", N_("Ne pas signer maintenant (les cadres de signature restent vides)"), ""))

# What the reader of the PDF will see, for each kind of signature.
READER = {
    "personal": N_("Ce que verra le lecteur du PDF : une signature intacte, mais « de validité inconnue » "
                   "(Adobe Acrobat : « au moins une signature présente des problèmes »), car votre identité "
                   "personnelle n’est pas délivrée par une autorité qu’il connaît. Pour qu’elle soit reconnue, "
                   "donnez-lui par un autre moyen (téléphone, courrier) l’empreinte de votre certificat{fp}, "
                   "qu’il ajoutera à ses certificats de confiance ; ou signez avec une carte CPS ou un "
                   "certificat qualifié."),
    "p12": N_("Ce que verra le lecteur du PDF : une signature reconnue si son logiciel fait confiance à "
              "l’autorité qui a délivré le certificat (un certificat qualifié, par exemple) ; sinon, une "
              "signature intacte mais « de validité inconnue »."),
    "pkcs11": N_("Ce que verra le lecteur du PDF : une signature reconnue si son logiciel fait confiance à "
                 "l’autorité qui a délivré la carte ou la clé ; sinon, une signature intacte mais « de "
                 "validité inconnue »."),
    "none": N_("Ce que verra le lecteur du PDF : un document sans signature ; rien ne lui garantit qu’il n’a "
               "pas été modifié. Pour le signer plus tard, exportez de nouveau le plan d’action en choisissant "
               "une identité de signature."),
}


PASSWORD_LEAST = 8  # characters of a personal identity's password (wizard.signing refuses fewer)


def password_problems(password: str, confirm: str | None = None, *, new: bool = True) -> dict[str, str]:
    """What is wrong with the password of the personal identity typed in a form, in the words of
    every form that asks for it: under "password" and, when it is typed twice (confirm given),
    under "confirm". new: a password being chosen, which must be long enough."""
    found: dict[str, str] = {}
    if not password:
        found["password"] = _("Saisissez le mot de passe de votre identité de signature.")
    elif new and len(password) < PASSWORD_LEAST:
        found["password"] = _("Le mot de passe compte au moins 8 caractères.")
    if confirm is not None and confirm != password:
        found["confirm"] = _("Les deux mots de passe ne sont pas identiques.")
    return found


def secret_edit(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password, placeholderText=placeholder)
    edit.setAccessibleName(name)
    return edit


def identity_password_edit() -> QLineEdit:
    """The password of the personal identity, as every form names it."""
    return secret_edit(_("Mot de passe de votre identité de signature"))


def identity_password_edits() -> tuple[QLineEdit, QLineEdit]:
    """The password of the personal identity being chosen, and its confirmation."""
    return identity_password_edit(), secret_edit(_("Confirmation du mot de passe"), _("le même, une seconde fois"))


def signer_organisation_edit() -> QLineEdit:
    """The signer's own organisation, written in the personal identity's certificate."""
    edit = QLineEdit(placeholderText=_("facultatif : votre laboratoire, votre cabinet…"))
    edit.setAccessibleName(_("Votre organisation (facultatif)"))
    edit.setAccessibleDescription(_("La vôtre, inscrite dans votre certificat, et non celle de l’organisation évaluée"))
    return edit


def with_button(edit: QLineEdit, button: QPushButton) -> QWidget:
    """A field with its button (Browse…) on the same row."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(button)
    return box


class IdentityFields(QStackedWidget):
    """The fields of each kind of identity, one page per kind, and what the reader will see."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setAccessibleName(_("Détails de l’identité de signature"))
        self.errors: dict[QWidget, QLabel] = {}
        self._kind = "personal"
        # Personal identity: unlock it, or create it on first use.
        self.personal_info = QLabel(wordWrap=True)
        self.personal_info.setTextFormat(Qt.TextFormat.PlainText)
        self.personal_info.setAccessibleName(_("Identité personnelle"))
        self.passphrase, self.confirm = identity_password_edits()
        self.organisation = signer_organisation_edit()
        personal = QWidget()
        self.personal_form = QFormLayout(personal)
        self.personal_form.addRow(self.personal_info)
        self._row(self.personal_form, fr(_("&Votre organisation :")), self.organisation)
        self._row(self.personal_form, fr(_("&Mot de passe :")), self.passphrase)
        self._row(self.personal_form, fr(_("Con&firmation :")), self.confirm)
        # A .p12 / .pfx file.
        self.p12_path = QLineEdit(placeholderText=_("Fichier .p12 ou .pfx"))
        self.p12_path.setAccessibleName(_("Fichier du certificat (.p12 ou .pfx)"))
        p12_browse = QPushButton(_("Parcourir…"))
        p12_browse.setAccessibleName(_("Choisir le fichier du certificat"))
        p12_browse.clicked.connect(lambda: self._browse(self.p12_path, _("Certificats (*.p12 *.pfx)")))
        self.p12_password = secret_edit(_("Mot de passe du fichier de certificat"))
        p12 = QWidget()
        p12_form = QFormLayout(p12)
        self._row(p12_form, fr(_("F&ichier :")), with_button(self.p12_path, p12_browse), self.p12_path)
        self._row(p12_form, fr(_("&Mot de passe :")), self.p12_password)
        # A CPS card or a signing USB key (PKCS#11, through the software that comes with it).
        self.module = QLineEdit(placeholderText=_("Logiciel de la carte : fichier .dll ou .so (module PKCS#11)"))
        self.module.setAccessibleName(_("Logiciel de la carte ou de la clé (module PKCS#11)"))
        module_browse = QPushButton(_("Parcourir…"))
        module_browse.setAccessibleName(_("Choisir le logiciel de la carte"))
        module_browse.clicked.connect(lambda: self._browse(self.module, _("Modules (*.dll *.so *.dylib)")))
        self.token_label = QLineEdit()
        self.token_label.setAccessibleName(_("Nom de la carte ou de la clé"))
        self.key_label = QLineEdit()
        self.key_label.setAccessibleName(_("Nom du certificat sur la carte"))
        self.pin = secret_edit(_("Code PIN"), _("vide : variable VIGIE_PKCS11_PIN"))
        token = QWidget()
        token_form = QFormLayout(token)
        self._row(token_form, fr(_("&Logiciel :")), with_button(self.module, module_browse), self.module)
        self._row(token_form, fr(_("&Carte ou clé :")), self.token_label)
        self._row(token_form, fr(_("Cer&tificat :")), self.key_label)
        self._row(token_form, fr(_("Code &PIN :")), self.pin)
        none = QWidget()
        self.pages = {"personal": personal, "p12": p12, "pkcs11": token, "none": none}
        for page in self.pages.values():
            self.addWidget(page)
        self.reader = QLabel(wordWrap=True)  # what the reader of the PDF will see
        self.reader.setTextFormat(Qt.TextFormat.PlainText)
        self.reader.setAccessibleName(_("Ce que verra le lecteur du PDF"))
        self.reader.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        none.setLayout(QVBoxLayout())  # the explanation goes with every kind
        self.currentChanged.connect(lambda _i: self._place_reader())
        self.refresh()
        self._place_reader()

    def _row(self, form: QFormLayout, label: str, field: QWidget, edit: QWidget | None = None) -> None:
        """A row of the form and, under it, the line for its message."""
        form.addRow(label, field)
        error = field_error(_("Problème : {field}").format(field=(edit or field).accessibleName()))
        form.addRow("", error)
        self.errors[edit or field] = error

    def _place_reader(self) -> None:
        page = self.currentWidget()
        layout = page.layout()
        if isinstance(layout, QFormLayout):
            layout.addRow(self.reader)
        else:
            layout.addWidget(self.reader)
        self.reader.show()
        self._explain()

    def _browse(self, edit: QLineEdit, filters: str) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Choisir un fichier"), edit.text(), filters)
        if name:
            edit.setText(name)

    def refresh(self) -> None:
        """Show whether the personal identity exists (unlock it) or will be created."""
        existing = personal_identity(self.data_dir)
        self.has_personal = existing is not None
        if existing:
            who = f"{existing.name} ({existing.organisation})" if existing.organisation else existing.name
            self.personal_info.setText(fr(_("Identité : {who}, valable jusqu’au {day}. Saisissez son mot de "
                                              "passe.").format(who=who, day=format_day(existing.not_after.date(),
                                                                                       "long"))))
        else:
            self.personal_info.setText(fr(_(
                "Vous n’avez pas encore d’identité personnelle : elle sera créée à cet export, à votre nom "
                "(celui du signataire), pour signer tous vos plans, quelle que soit l’organisation évaluée. "
                "Choisissez un mot de passe (8 caractères au moins) que Vigie ne conserve pas ; "
                "sauvegardez ensuite l’identité depuis les paramètres.")))
        for widget in (self.organisation, self.confirm):
            self.personal_form.setRowVisible(widget, not self.has_personal)
            self.errors[widget].setVisible(False)
        self._explain()

    def _explain(self) -> None:
        existing = personal_identity(self.data_dir) if self._kind == "personal" else None
        fp = ""
        if existing is not None:
            fp = " (" + " ".join(existing.fingerprint[i:i + 4].upper() for i in range(0, 16, 4)) + "…)"
        self.reader.setText(fr(_(READER[self._kind]).format(fp=fp)))
        self.reader.setAccessibleDescription(self.reader.text())

    def show_kind(self, kind: str) -> None:
        self._kind = kind
        self.setCurrentWidget(self.pages[kind])
        self._place_reader()
        self.show_problems({})

    def problems(self, kind: str) -> dict[QWidget, str]:
        """What is missing before starting, field by field, in plain words (empty when nothing)."""
        found: dict[QWidget, str] = {}
        if kind == "personal":
            typed = password_problems(self.passphrase.text(), None if self.has_personal else self.confirm.text(),
                                      new=not self.has_personal)
            for key, edit in (("password", self.passphrase), ("confirm", self.confirm)):
                if key in typed:
                    found[edit] = typed[key]
        if kind == "p12" and not self.p12_path.text().strip():
            found[self.p12_path] = _("Choisissez le fichier .p12 ou .pfx du certificat.")
        if kind == "pkcs11":
            for edit, message in ((self.module, _("Indiquez le logiciel de la carte (module PKCS#11).")),
                                  (self.token_label, _("Indiquez le nom de la carte ou de la clé.")),
                                  (self.key_label, _("Indiquez le nom du certificat sur la carte."))):
                if not edit.text().strip():
                    found[edit] = message
            if not (self.pin.text() or os.environ.get("VIGIE_PKCS11_PIN")):
                found[self.pin] = _("Saisissez le code PIN de la carte.")
        return found

    def show_problems(self, problems: dict[QWidget, str]) -> None:
        for edit, label in self.errors.items():
            text = problems.get(edit, "")
            label.setText(fr("⚠ " + text) if text else "")
            label.setVisible(bool(text))

    def field_order(self) -> list[QWidget]:
        return list(self.errors)

    def creation(self, signer_name: str) -> dict[str, str] | None:
        if self.has_personal:
            return None
        return {"name": signer_name.strip(), "organisation": self.organisation.text().strip(),
                "passphrase": self.passphrase.text()}

    def spec(self, kind: str) -> IdentitySpec | None:
        if kind == "personal":
            return IdentitySpec("personal", secret=self.passphrase.text(), data_dir=self.data_dir)
        if kind == "p12":
            return IdentitySpec("p12", path=Path(self.p12_path.text().strip()), secret=self.p12_password.text())
        if kind == "pkcs11":
            return IdentitySpec("pkcs11", path=Path(self.module.text().strip()),
                                token_label=self.token_label.text().strip(), key_label=self.key_label.text().strip(),
                                secret=self.pin.text() or os.environ.get("VIGIE_PKCS11_PIN", ""))
        return None

    def forget_secrets(self) -> None:
        for edit in (self.passphrase, self.confirm, self.p12_password, self.pin):
            edit.clear()
