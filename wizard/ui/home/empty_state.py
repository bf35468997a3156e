"""What the home page shows before the first assessment: what Vigie does and how to start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wizard.i18n import _, current_language
from wizard.typography import for_language
from wizard.ui.widgets.accessible import named
from wizard.ui.widgets.text import escape
from wizard.ui.widgets.theme import scale_widget_font


class EmptyState(QWidget):
    newRequested = Signal()
    importRequested = Signal()
    guideRequested = Signal(str)
    demoRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        fr = lambda t: escape(for_language(t, current_language()))  # noqa: E731
        title = QLabel(fr(_("Bienvenue dans Vigie")))
        scale_widget_font(title, 1.8, bold=True)
        text = QLabel(
            "<p>" + fr(_("Vigie vous aide à vérifier, question par question, que les données de vos "
                         "patients sont protégées comme le demande le RGPD : "
                         "contrat avec votre éditeur de logiciel, instructions données aux prestataires, "
                         "sécurité des accès, des sauvegardes et des migrations.")) + "</p>"
            "<p><b>" + fr(_("Comment commencer :")) + "</b></p><ol>"
            "<li>" + fr(_("Créez une évaluation : le nom de votre laboratoire (ou de votre société), "
                          "votre profil et les personnes présentes.")) + "</li>"
            "<li>" + fr(_("Répondez aux questions, section par section. Chaque réponse est enregistrée "
                          "aussitôt ; l’aide de chaque question explique pourquoi elle compte et quelles "
                          "preuves montrer.")) + "</li>"
            "<li>" + fr(_("Consultez vos indices de maturité et le plan d’action, puis exportez-le en PDF signé.")) + "</li>"
            "</ol><p>" + fr(_("Tout reste sur cet ordinateur : Vigie n’utilise pas Internet.")) + "</p>")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        named(text, _("Présentation de Vigie"))
        self.new_button = named(QPushButton(_("Créer ma première évaluation")), _("Créer ma première évaluation"))
        self.new_button.setMinimumHeight(int(self.new_button.fontMetrics().height() * 2.4))
        self.new_button.clicked.connect(self.newRequested)
        self.import_button = named(QPushButton(_("Importer une évaluation…")), _("Importer une évaluation"),
                                   _("Ouvrir un fichier d’échange reçu d’un collègue ou d’un consultant"))
        self.import_button.clicked.connect(self.importRequested)
        self.demo_button = named(QPushButton(_("Découvrir avec une démonstration")),
                                 _("Ouvrir l’évaluation de démonstration"),
                                 _("Un laboratoire fictif, déjà en partie répondu, à explorer et à supprimer ensuite"))
        self.demo_button.clicked.connect(self.demoRequested)
        self.guide_button = named(QPushButton(_("Lire le guide d’utilisation")), _("Lire le guide d’utilisation"),
                                  _("Premiers pas, réponses, signature, sauvegardes, changement d’ordinateur"))
        self.guide_button.clicked.connect(lambda: self.guideRequested.emit("utilisation"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        more = QHBoxLayout()
        more.addWidget(self.demo_button)
        more.addWidget(self.guide_button)
        more.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title)
        column.addWidget(text)
        column.addLayout(buttons)
        column.addLayout(more)
        column.addStretch(2)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(820)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(holder, 4)
        outer.addStretch(1)
