"""What the export window says before signing (how much is answered, « Non applicable »,
contradictions, critical gaps, with a way to the first unanswered question) and after it (where
the plan is, with « Ouvrir » and « Afficher dans le dossier »)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wizard.core.evaluation import Evaluation
from wizard.i18n import _, ngettext
from wizard.ui.widgets.accessible import named
from wizard.ui.widgets.text import fr


def summary_lines(evaluation: Evaluation) -> list[str]:
    """What the reader of the plan must know before it is signed, one line each."""
    lines = []
    progress, missing = evaluation.progress, len(evaluation.unanswered)
    if missing:
        lines.append(ngettext(
            "Évaluation incomplète : {n} question sans réponse sur {total}. Le plan le dira sur sa couverture, "
            "et une question sans réponse compte comme non démontrée.",
            "Évaluation incomplète : {n} questions sans réponse sur {total}. Le plan le dira sur sa "
            "couverture, et une question sans réponse compte comme non démontrée.", missing).format(
                n=missing, total=progress.total))
    else:
        lines.append(ngettext("Les {total} questions ont une réponse.", "Les {total} questions ont une réponse.",
                              progress.total).format(total=progress.total))
    if evaluation.not_applicable:
        n = len(evaluation.not_applicable)
        lines.append(ngettext("{n} réponse « Non applicable », justifiée.",
                              "{n} réponses « Non applicable », justifiées.", n).format(n=n))
    if evaluation.refused_na:
        n = len(evaluation.refused_na)
        lines.append(ngettext("{n} « Non applicable » sans justification, compté comme « Je ne sais pas ».",
                              "{n} « Non applicable » sans justification, comptés comme « Je ne sais pas ».",
                              n).format(n=n))
    if evaluation.contradictions:
        n = len(evaluation.contradictions)
        lines.append(ngettext("{n} incohérence entre des réponses, à lever : le plan la liste.",
                              "{n} incohérences entre des réponses, à lever : le plan les liste.", n).format(n=n))
    if evaluation.critical_gaps:
        n = len(evaluation.critical_gaps)
        lines.append(ngettext("{n} point critique (réponse « Non » ou « Je ne sais pas » à une question "
                              "critique) : le plan le place en tête.",
                              "{n} points critiques (réponse « Non » ou « Je ne sais pas » à une question "
                              "critique) : le plan les place en tête.", n).format(n=n))
    return [fr(line) for line in lines]


class ExportSummary(QFrame):
    """The box at the top of the export window; goToQuestion(id) sends the user to answer."""

    goToQuestion = Signal(str)

    def __init__(self, evaluation: Evaluation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.incomplete = bool(evaluation.unanswered)
        title = QLabel(fr(_("Avant de signer :")))
        title.setStyleSheet("font-weight: bold;")
        self.text = QLabel("\n".join("• " + line for line in summary_lines(evaluation)))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        named(self.text, _("Ce que le plan dira de l’évaluation"), self.text.text())
        self.go = QPushButton(_("&Aller à la première question sans réponse"))
        named(self.go, _("Aller à la première question sans réponse"),
              _("Ferme cette fenêtre et ouvre la question, pour y répondre avant d’exporter"))
        first = evaluation.unanswered[0].id if evaluation.unanswered else ""
        self.go.clicked.connect(lambda: self.goToQuestion.emit(first))
        self.go.setVisible(self.incomplete)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(self.go)
        row.addStretch(1)
        layout.addLayout(row)


class SavedPanel(QFrame):
    """After the export: where the plan is, and the two ways to see it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.path: Path | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        named(self.text, _("Plan enregistré"))
        self.open = named(QPushButton(_("&Ouvrir le PDF")), _("Ouvrir le plan d’action enregistré"))
        self.show_folder = named(QPushButton(_("Afficher dans le &dossier")),
                                 _("Ouvrir le dossier où le plan est enregistré"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        named(self.message, _("Message"))
        row = QHBoxLayout()
        row.addWidget(self.open)
        row.addWidget(self.show_folder)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setVisible(False)

    def saved(self, path: Path) -> None:
        self.path = path
        self.text.setText(fr(_("✓ Plan enregistré : {path}")).format(path=path))
        self.text.setAccessibleDescription(self.text.text())
        self.message.clear()
        self.setVisible(True)

    def say(self, text: str) -> None:
        self.message.setText(fr(text))
