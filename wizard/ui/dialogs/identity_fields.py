"""The signing-identity widgets of the dialogs: the kinds of identity offered at export, and
the fields each kind needs (personal identity, .p12 file, PKCS#11 card). Passwords,
passphrases and PINs stay in these fields only: never stored, cleared after use.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from wizard.i18n import N_, _, format_day
from wizard.operations.identities import IdentitySpec, personal_identity
from wizard.ui.widgets.text import fr

KINDS = (("personal", N_("Mon identité personnelle (créée par Vigie)")),
         ("p12", N_("Un certificat dans un fichier .p12 ou .pfx")),
         ("pkcs11", N_("Une carte ou une clé (PKCS#11, carte CPS…)")),
         ("none", N_("Ne pas signer maintenant (les cadres de signature restent vides)")))


def secret_edit(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password, placeholderText=placeholder)
    edit.setAccessibleName(name)
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
    """The fields of each kind of identity, one page per kind."""

    def __init__(self, data_dir: Path, organisation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setAccessibleName(_("Détails de l’identité de signature"))
        # Personal identity: unlock it, or create it on first use.
        self.personal_info = QLabel(wordWrap=True)
        self.personal_info.setAccessibleName(_("Identité personnelle"))
        self.passphrase = secret_edit(_("Phrase de passe de l’identité personnelle"))
        self.confirm = secret_edit(_("Confirmation de la phrase de passe"), _("la même, une seconde fois"))
        self.organisation = QLineEdit(organisation)
        self.organisation.setAccessibleName(_("Organisation inscrite dans le certificat"))
        personal = QWidget()
        self.personal_form = QFormLayout(personal)
        self.personal_form.addRow(self.personal_info)
        self.personal_form.addRow(fr(_("&Organisation :")), self.organisation)
        self.personal_form.addRow(fr(_("&Phrase de passe :")), self.passphrase)
        self.personal_form.addRow(fr(_("Con&firmation :")), self.confirm)
        # A .p12 / .pfx file.
        self.p12_path = QLineEdit(placeholderText=_("Fichier .p12 ou .pfx"))
        self.p12_path.setAccessibleName(_("Fichier du certificat (.p12 ou .pfx)"))
        p12_browse = QPushButton(_("Parcourir…"))
        p12_browse.setAccessibleName(_("Choisir le fichier du certificat"))
        p12_browse.clicked.connect(lambda: self._browse(self.p12_path, _("Certificats (*.p12 *.pfx)")))
        self.p12_password = secret_edit(_("Mot de passe du fichier de certificat"))
        p12 = QWidget()
        p12_form = QFormLayout(p12)
        p12_form.addRow(fr(_("F&ichier :")), with_button(self.p12_path, p12_browse))
        p12_form.addRow(fr(_("&Mot de passe :")), self.p12_password)
        # A PKCS#11 token (CPS card through its middleware).
        self.module = QLineEdit(placeholderText=_("Bibliothèque du logiciel de la carte (.dll, .so)"))
        self.module.setAccessibleName(_("Module PKCS#11"))
        module_browse = QPushButton(_("Parcourir…"))
        module_browse.setAccessibleName(_("Choisir le module PKCS#11"))
        module_browse.clicked.connect(lambda: self._browse(self.module, _("Modules (*.dll *.so *.dylib)")))
        self.token_label = QLineEdit()
        self.token_label.setAccessibleName(_("Nom du support (token)"))
        self.key_label = QLineEdit()
        self.key_label.setAccessibleName(_("Nom de la clé"))
        self.pin = secret_edit(_("Code PIN"), _("vide : variable VIGIE_PKCS11_PIN"))
        token = QWidget()
        token_form = QFormLayout(token)
        token_form.addRow(fr(_("M&odule :")), with_button(self.module, module_browse))
        token_form.addRow(fr(_("&Support :")), self.token_label)
        token_form.addRow(fr(_("C&lé :")), self.key_label)
        token_form.addRow(fr(_("Code &PIN :")), self.pin)
        none = QLabel(fr(_("Le PDF est enregistré sans signature ; il pourra être signé plus tard "
                             "(commande « vigie sign »).")), wordWrap=True)
        none.setAccessibleName(_("Export sans signature"))
        self.pages = {"personal": personal, "p12": p12, "pkcs11": token, "none": none}
        for page in self.pages.values():
            self.addWidget(page)
        self.refresh()

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
            self.personal_info.setText(fr(_("Identité : {who}, valable jusqu’au {day}. Saisissez sa phrase "
                                              "de passe.").format(who=who, day=format_day(existing.not_after.date(), "long"))))
        else:
            self.personal_info.setText(fr(_(
                "Vous n’avez pas encore d’identité personnelle : elle sera créée à cet export, au nom du "
                "signataire, et protégée par une phrase de passe (8 caractères au moins) que Vigie ne "
                "conserve pas. Sauvegardez-la ensuite depuis les paramètres.")))
        for widget in (self.organisation, self.confirm):
            self.personal_form.setRowVisible(widget, not self.has_personal)

    def show_kind(self, kind: str) -> None:
        self.setCurrentWidget(self.pages[kind])

    def problem(self, kind: str) -> str:
        """What is missing before starting, in plain words ('' when nothing)."""
        if kind == "personal":
            if not self.passphrase.text():
                return _("Saisissez la phrase de passe de votre identité personnelle.")
            if not self.has_personal and self.confirm.text() != self.passphrase.text():
                return _("Les deux phrases de passe ne sont pas identiques.")
        if kind == "p12" and not self.p12_path.text().strip():
            return _("Choisissez le fichier .p12 ou .pfx du certificat.")
        if kind == "pkcs11" and not (self.module.text().strip() and self.token_label.text().strip()
                                     and self.key_label.text().strip()):
            return _("Indiquez le module PKCS#11, le nom du support et celui de la clé.")
        if kind == "pkcs11" and not (self.pin.text() or os.environ.get("VIGIE_PKCS11_PIN")):
            return _("Saisissez le code PIN de la carte.")
        return ""

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
