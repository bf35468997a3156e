"""Who signs the plan and with which identity: the signer's name and role, the kinds of identity
in plain words, the fields of the one chosen (IdentityFields) and « Verrouiller le document »."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wizard.core import limits
from wizard.i18n import _
from wizard.ui.dialogs.identity_fields import KINDS, IdentityFields
from wizard.ui.widgets.bounded import bounded
from wizard.ui.widgets.field_error import field_error
from wizard.ui.widgets.text import fr


class SignerForm(QWidget):
    def __init__(self, data_dir: Path, name: str, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.signer_name = QLineEdit(name)
        self.signer_name.setAccessibleName(_("Nom du signataire"))
        self.signer_role = QLineEdit(role)
        self.signer_role.setPlaceholderText(_("ex. : biologiste responsable, consultant RGPD"))
        self.signer_role.setAccessibleName(_("Fonction du signataire"))
        bounded(self.signer_name, limits.NAME)  # what signing accepts: it refuses longer
        bounded(self.signer_role, limits.NAME)
        self.signer_error = field_error(_("Problème du nom du signataire"))
        signer = QGroupBox(_("Signataire"))
        signer_form = QFormLayout(signer)
        signer_form.addRow(fr(_("&Nom :")), self.signer_name)
        signer_form.addRow("", self.signer_error)
        signer_form.addRow(fr(_("&Fonction :")), self.signer_role)

        identity = QGroupBox(_("Signer avec"))
        identity_layout = QVBoxLayout(identity)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for i, (kind, label, description) in enumerate(KINDS):
            button = QRadioButton(fr(_(label)))
            button.setAccessibleName(fr(_(label)))
            if description:
                button.setToolTip(fr(_(description)))
                button.setAccessibleDescription(fr(_(description)))
            self.kind_group.addButton(button, i)
            self.kind_buttons[kind] = button
            identity_layout.addWidget(button)
        self.fields = IdentityFields(self.data_dir, self)
        identity_layout.addWidget(self.fields)
        self.kind_group.idToggled.connect(lambda _i, checked: checked and self._kind_changed())
        self.certify = QCheckBox(_("Verrouiller le document"))
        self.certify.setAccessibleName(_("Verrouiller le document après signature"))
        certify_note = QLabel(fr(_("Toute modification ultérieure, autre qu’une nouvelle signature, sera signalée "
                                   "au lecteur.")), wordWrap=True)
        certify_note.setIndent(24)
        certify_note.setAccessibleName(_("Ce que fait le verrouillage"))
        self.certify.setAccessibleDescription(certify_note.text())
        identity_layout.addWidget(self.certify)
        identity_layout.addWidget(certify_note)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(signer)
        layout.addWidget(identity)
        self.kind_buttons["personal"].setChecked(True)  # created on first use if missing
        self._kind_changed()

    def kind(self) -> str:
        return KINDS[self.kind_group.checkedId()][0]

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def _kind_changed(self) -> None:
        self.fields.show_kind(self.kind())
        self.certify.setEnabled(self.kind() != "none")
