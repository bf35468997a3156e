"""Every keyboard shortcut, declared once: the windows bind them, the help screen lists them."""

from __future__ import annotations

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from wizard.i18n import N_, _
from wizard.ui.widgets.accessible import name_headers, named
from wizard.ui.widgets.text import fr

# name -> (key sequences, description marked for translation)
SHORTCUTS: dict[str, tuple[tuple[str, ...], str]] = {
    "answer": (("1", "2", "3", "4", "5"),
               N_("Répondre : 1 Oui, 2 Partiellement, 3 Non, 4 Je ne sais pas, 5 Non applicable")),
    "answer_anywhere": (("Alt+1", "Alt+2", "Alt+3", "Alt+4", "Alt+5"),
                        N_("Répondre depuis un champ de texte (commentaire, preuve) : Alt+1 à Alt+5")),
    "leave_field": (("Esc",), N_("Quitter le champ de texte et revenir aux réponses de la question")),
    "note": (("F2",), N_("Écrire un commentaire sur la question en cours (mode présentation : afficher ou "
                         "masquer les notes)")),
    "review": (("Ctrl+M",), N_("Revenir plus tard : marquer la réponse « à revoir », ou lever la marque")),
    "next_open": (("F8",), N_("Aller à la prochaine question sans réponse ou à revoir")),
    "next_question": (("Down",), N_("Question suivante")),
    "previous_question": (("Up",), N_("Question précédente")),
    "tab": (("Tab", "Shift+Tab"), N_("Élément suivant / précédent (réponses, commentaire, preuve, aide)")),
    "next_section": (("Ctrl+PgDown", "Alt+Right"), N_("Section suivante")),
    "previous_section": (("Ctrl+PgUp", "Alt+Left"), N_("Section précédente")),
    "help": (("F1",), N_("Afficher ou masquer l’aide de la question en cours")),
    "filter": (("Ctrl+L",), N_("Filtrer : toutes, sans réponse, à revoir")),
    "participant": (("Ctrl+P",), N_("Choisir qui répond")),
    "next_participant": (("Ctrl+Shift+P",), N_("Participant suivant : changer qui répond")),
    "undo": (("Ctrl+Z",), N_("Annuler la dernière réponse")),
    "redo": (("Ctrl+Y", "Ctrl+Shift+Z"), N_("Rétablir la réponse annulée")),
    "new": (("Ctrl+N",), N_("Nouvelle évaluation")),
    "open": (("Return",), N_("Accueil : ouvrir l’évaluation sélectionnée")),
    "delete": (("Del",), N_("Accueil : supprimer l’évaluation sélectionnée (annulable)")),
    "home": (("Alt+Home",), N_("Revenir à la liste des évaluations")),
    "results": (("Ctrl+R",), N_("Résultats et plan d’action")),
    "export": (("Ctrl+E",), N_("Exporter le plan d’action signé (PDF)")),
    "presentation": (("F11",), N_("Mode présentation (vidéoprojecteur) : activer ou quitter")),
    "bigger": (("Ctrl++", "Ctrl+="), N_("Agrandir le texte")),
    "smaller": (("Ctrl+-",), N_("Réduire le texte")),
    "settings": (("Ctrl+,",), N_("Paramètres")),
    "shortcuts": (("Shift+F1",), N_("Cette liste des raccourcis")),
    "quit": (("Ctrl+Q",), N_("Quitter")),
}


def keys(name: str) -> list[QKeySequence]:
    return [QKeySequence(k) for k in SHORTCUTS[name][0]]


def _printed_on_the_key() -> dict[Qt.Key, str]:
    """Keys whose name in Qt is not what the keyboard shows (Qt says « Retour », « Bas », « Haut »)."""
    return {Qt.Key.Key_Return: _("Entrée"), Qt.Key.Key_Enter: _("Entrée"), Qt.Key.Key_Down: "↓",
            Qt.Key.Key_Up: "↑", Qt.Key.Key_Left: "←", Qt.Key.Key_Right: "→"}


def key_text(sequence: str) -> str:
    """One shortcut as the user reads it on the keyboard: « Alt+→ », « Entrée »."""
    parsed = QKeySequence(sequence)
    text = parsed.toString(QKeySequence.SequenceFormat.NativeText)
    key = parsed[0].key()
    printed = _printed_on_the_key().get(key)
    alone = QKeySequence(QKeyCombination(key)).toString(QKeySequence.SequenceFormat.NativeText)
    if printed is None or not text.endswith(alone):
        return text
    return text[: len(text) - len(alone)] + printed


def native(name: str) -> str:
    return " / ".join(key_text(k) for k in SHORTCUTS[name][0])


class ShortcutsDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Raccourcis clavier"))
        named(self, _("Raccourcis clavier"))
        intro = QLabel(fr(_("Tout se fait aussi au clavier. Raccourcis disponibles :")))
        intro.setWordWrap(True)
        table = QTableWidget(len(SHORTCUTS), 2)
        named(table, _("Liste des raccourcis clavier"))
        table.setHorizontalHeaderLabels([_("Touches"), _("Action")])
        for row, name in enumerate(SHORTCUTS):
            table.setItem(row, 0, QTableWidgetItem(native(name)))
            table.setItem(row, 1, QTableWidgetItem(fr(_(SHORTCUTS[name][1]))))
        table.resizeColumnToContents(0)
        table.horizontalHeader().setStretchLastSection(True)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.verticalHeader().setVisible(False)
        name_headers(table, _("Liste des raccourcis clavier"))
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        named(buttons.button(QDialogButtonBox.StandardButton.Close), _("Fermer"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(760, 620)
