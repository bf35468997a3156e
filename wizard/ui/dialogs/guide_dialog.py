"""A guide in a window of its own, beside the work: the Markdown of docs/guide shown by a text
view (no web engine, no network), with « Enregistrer en PDF… » to print it in Vigie's style."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wizard.i18n import _, current_language
from wizard.operations.guide import GUIDES, export_guide_pdf, guide_text, guide_title
from wizard.ui import workers
from wizard.ui.widgets.accessible import named
from wizard.ui.widgets.text import fr
from wizard.ui.window_geometry import fit_dialog


class GuideDialog(QDialog):
    def __init__(self, name: str = "utilisation", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = current_language()
        self.task: workers.Task | None = None
        self.which = named(QComboBox(), _("Guide affiché"))
        for guide in GUIDES:
            self.which.addItem(guide_title(guide, self.lang), guide)
        self.text = named(QTextBrowser(), _("Texte du guide"))
        self.text.setOpenLinks(False)  # nothing leaves the application
        self.text.setOpenExternalLinks(False)
        self.pdf = named(QPushButton(_("Enregistrer en &PDF…")), _("Enregistrer le guide en PDF, pour l’imprimer"))
        self.pdf.clicked.connect(self.save_pdf)
        self.message = QLabel(wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        named(self.message, _("Message"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Fermer"))
        named(close, _("Fermer"))
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.which, 1)
        top.addWidget(self.pdf)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.which.currentIndexChanged.connect(lambda _i: self.show_guide(self.which.currentData()))
        self.which.setCurrentIndex(max(0, self.which.findData(name)))
        self.show_guide(name)
        fit_dialog(self, 900, 800)
        self.text.setFocus()

    def show_guide(self, name: str) -> None:
        self.name = name
        title = guide_title(name, self.lang)
        self.setWindowTitle(title)
        named(self, title)
        self.text.setMarkdown(guide_text(name, self.lang))
        self.message.clear()

    def save_pdf(self) -> workers.Task | None:
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        suggested = str(Path(documents) / f"{guide_title(self.name, self.lang)}.pdf")
        path, _filter = QFileDialog.getSaveFileName(self, _("Enregistrer le guide en PDF"), suggested,
                                                    _("Documents PDF (*.pdf)"))
        return self.print_to(Path(path)) if path else None

    def print_to(self, path: Path) -> workers.Task:
        """Lay the guide out in a worker thread; say where it went."""
        name, lang = self.name, self.lang
        self.pdf.setEnabled(False)
        self.message.setText(_("Mise en page du guide…"))
        self.task = workers.run_in_thread(lambda _progress: export_guide_pdf(name, lang, path), parent=self,
                                          on_success=lambda out: self.message.setText(
                                              fr(_("✓ Guide enregistré : {path}")).format(path=out)),
                                          on_failure=lambda e: self.message.setText(
                                              fr(_("✗ Guide non enregistré : {error}")).format(error=e)))
        self.task.done.connect(lambda: self.pdf.setEnabled(True))
        return self.task
