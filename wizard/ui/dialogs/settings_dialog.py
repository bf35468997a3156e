"""The settings window, driven by wizard.settings.SETTINGS: one control per declared setting,
plus the data folder and the signing identities (which live in the data folder, not in
settings.json).
"""

from __future__ import annotations

import os
from dataclasses import fields, replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wizard import paths
from wizard.i18n import LANGUAGES, N_, _
from wizard.operations.workspace import Workspace
from wizard.settings import SETTINGS, Setting, Settings, load_settings, save_settings
from wizard.ui.dialogs.identities_panel import IdentitiesPanel
from wizard.ui.widgets.text import fr

SIGNING_KEYS = ("signer_name", "signer_role")  # shown with the identities, where they are used
PLACEHOLDERS = {"signer_name": N_("ex. : Zoé Martin"), "signer_role": N_("ex. : biologiste responsable")}


def setting_widget(setting: Setting, value: object) -> QWidget:
    """A control for one declared setting: a list for choices, a text field otherwise."""
    if setting.choices:
        combo = QComboBox()
        for choice in setting.choices:
            if setting.key == "language":
                label = LANGUAGES[str(choice)].name  # each in its own language
            elif isinstance(choice, bool):
                label = _("Oui") if choice else _("Non")
            elif isinstance(choice, int):
                label = fr(f"{choice} %")
            else:
                label = str(choice)
            combo.addItem(label, choice)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        widget: QWidget = combo
    else:
        edit = QLineEdit(str(value))
        if setting.key in PLACEHOLDERS:
            edit.setPlaceholderText(fr(_(PLACEHOLDERS[setting.key])))
        widget = edit
    widget.setAccessibleName(_(setting.label))
    widget.setObjectName(f"setting_{setting.key}")
    return widget


def widget_value(widget: QWidget) -> object:
    if isinstance(widget, QComboBox):
        return widget.currentData()
    assert isinstance(widget, QLineEdit)
    return widget.text().strip()


class SettingsDialog(QDialog):
    """Saves settings.json on OK and emits settings_saved(Settings) for the window to apply
    (language, text size). The data folder change takes effect at the next start."""

    settings_saved = Signal(object)

    def __init__(self, data_dir: str | Path | None = None, parent: QWidget | None = None, *,
                 location_file: Path | None = None) -> None:
        super().__init__(parent)
        self.data_dir = paths.user_data_dir(data_dir)
        self.location_file = location_file or paths.location_file()
        self.settings = load_settings(self.data_dir)
        self.next_data_dir: Path | None = None
        self.setWindowTitle(_("Paramètres"))
        self.setAccessibleName(_("Paramètres"))

        self.controls: dict[str, QWidget] = {
            s.key: setting_widget(s, getattr(self.settings, s.key)) for s in SETTINGS}

        general = QWidget()
        general_form = QFormLayout(general)
        for setting in SETTINGS:
            if setting.key not in SIGNING_KEYS:
                general_form.addRow(fr(_("{label} :").format(label=_(setting.label))), self.controls[setting.key])
        language_note = QLabel(_("La langue change dès la validation ; le travail en cours est conservé."), wordWrap=True)
        language_note.setAccessibleName(_("Note sur la langue"))
        general_form.addRow("", language_note)
        general_form.addRow(self._data_folder_box())

        signing = QWidget()
        signing_layout = QVBoxLayout(signing)
        signer = QGroupBox(_("Signataire proposé à l’export"))
        signer_form = QFormLayout(signer)
        for key in SIGNING_KEYS:
            setting = next(s for s in SETTINGS if s.key == key)
            signer_form.addRow(fr(_("{label} :").format(label=_(setting.label))), self.controls[key])
        signing_layout.addWidget(signer)
        self.identities = IdentitiesPanel(self.data_dir, self)
        signing_layout.addWidget(self.identities)
        signing_layout.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Catégories de paramètres"))
        for page, title in ((general, _("&Général")), (signing, _("&Signature"))):
            scroll = QScrollArea()  # large text on a small screen: scroll rather than clip
            scroll.setWidget(page)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setAccessibleName(title.replace("&", ""))
            self.tabs.addTab(scroll, title)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Enregistrer"))
        ok.setAccessibleName(_("Enregistrer les paramètres"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Annuler"))
        cancel.setAccessibleName(_("Annuler"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(_("Message"))
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        fm = self.fontMetrics()  # sized in characters, so that larger text gets a larger window
        self.resize(max(self.sizeHint().width(), fm.averageCharWidth() * 95), max(520, fm.height() * 30))

    # -- data folder -----------------------------------------------------------------
    def _data_folder_box(self) -> QGroupBox:
        box = QGroupBox(_("Dossier des données"))
        self.data_path = QLineEdit(str(self.data_dir), readOnly=True)
        self.data_path.setAccessibleName(_("Dossier des données actuel"))
        self.change_folder = QPushButton(_("&Changer…"))
        self.change_folder.setAccessibleName(_("Choisir un autre dossier des données"))
        self.change_folder.clicked.connect(self.choose_data_dir)
        row = QHBoxLayout()
        row.addWidget(self.data_path, 1)
        row.addWidget(self.change_folder)
        chosen = paths.chosen_data_dir(self.location_file)
        forced = bool(os.environ.get("VIGIE_DATA_DIR")) or paths.portable_dir() is not None
        note = _("Les évaluations, les identités de signature et ces paramètres y sont enregistrés. "
                 "Un autre dossier s’applique au prochain démarrage ; les fichiers ne sont pas "
                 "déplacés : copiez-les vous-même si vous voulez les retrouver.")
        if forced:
            note += " " + _("Ce dossier est imposé au démarrage (mode portable ou variable VIGIE_DATA_DIR) : "
                            "un autre choix ne servira qu’aux démarrages ordinaires.")
        self.folder_note = QLabel(fr(note), wordWrap=True)
        self.folder_note.setAccessibleName(_("Explication sur le dossier des données"))
        self.next_folder = QLabel(wordWrap=True)
        self.next_folder.setAccessibleName(_("Dossier au prochain démarrage"))
        if chosen and chosen != self.data_dir:
            self.next_folder.setText(fr(_("Au prochain démarrage : {path}")).format(path=chosen))
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.next_folder)
        layout.addWidget(self.folder_note)
        return box

    def choose_data_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choisir le dossier des données"), str(self.data_dir))
        if folder:
            self.set_next_data_dir(Path(folder))

    def set_next_data_dir(self, folder: Path) -> None:
        """Remember the folder for the next start; written when the dialog is accepted."""
        self.next_data_dir = folder
        self.next_folder.setText(fr(_("Au prochain démarrage : {path}")).format(path=folder))

    # -- saving ----------------------------------------------------------------------
    def values(self) -> Settings:
        changed = {f.name: widget_value(self.controls[f.name]) for f in fields(Settings) if f.name in self.controls}
        return replace(self.settings, **changed)

    def accept(self) -> None:
        settings = self.values()
        try:
            save_settings(settings, self.data_dir)
            if self.next_data_dir is not None:
                Workspace.set_next_data_dir(self.next_data_dir, self.location_file)
        except OSError as exc:
            self.message.setText(fr(_("Paramètres non enregistrés : {e}").format(e=exc)))
            self.message.show()
            return
        self.settings = settings
        self.settings_saved.emit(settings)
        super().accept()
