"""« Revoir le contrat »: one element of the contract at a time, at keyboard speed.

The list on the left holds every element the contract must contain, grouped, each with its
state; the right side shows the selected one (what the law requires, what the clause must say,
the questions to ask) and its state, where the contract says it and a note. Keys 1 to 4 (or
Alt+1 to Alt+4 from a text field) give the state and go to the next element; Alt+← and Alt+→
move between elements. Every change is stored at once through workspace.contracts; the review
can then be reported in an assessment or turned into « Points à compléter au contrat »
(contract_documents.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wizard.core.contract_review import STATUS_LABELS, STATUSES, ContractReview
from wizard.i18n import _, current_language
from wizard.operations.errors import OperationError, StorageError
from wizard.operations.workspace import Workspace
from wizard.ui.widgets import message
from wizard.ui.widgets.text import escape, fr
from wizard.ui.window_geometry import fit_dialog

MARKS = {"present": "✓", "partial": "◐", "absent": "✗", "unknown": "?"}
KEYS = {Qt.Key.Key_1: "present", Qt.Key.Key_2: "partial", Qt.Key.Key_3: "absent", Qt.Key.Key_4: "unknown"}


class ContractReviewDialog(QDialog):
    """ref: a processor of the register (its id), or None for the processor's own template.
    current_session() gives the main window's open session, if any (a review reported there can
    be undone from the window)."""

    def __init__(self, workspace: Workspace, ref: str | None, parent: QWidget | None = None,
                 current_session: Callable[[], Any] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractReview")
        self.workspace = workspace
        self.contracts = workspace.contracts
        self.ref = ref
        self.current_session = current_session or (lambda: None)
        self.target = self.contracts.target(ref)
        self.review: ContractReview = self.contracts.review(ref)
        self.lang = current_language()
        self.setWindowTitle(fr(_("Revoir le contrat — {party}").format(party=self.target.party)))

        self.document = QLineEdit(self.review.document, placeholderText=fr(_("titre, référence, version")))
        self.document.setAccessibleName(_("Document relu"))
        self.reviewer = QLineEdit(self.review.reviewer)
        self.reviewer.setAccessibleName(_("Relu par"))
        self.hosting = QCheckBox(fr(_("Le prestataire héberge des données de santé (clauses de l’article R. 1111-11 "
                                      "du code de la santé publique)")))
        self.hosting.setChecked(self.review.hosting)
        head = QGridLayout()
        head.addWidget(QLabel(fr(_("Document relu :"))), 0, 0)
        head.addWidget(self.document, 0, 1)
        head.addWidget(QLabel(fr(_("Relu par :"))), 0, 2)
        head.addWidget(self.reviewer, 0, 3)
        head.addWidget(self.hosting, 1, 0, 1, 4)
        head.setColumnStretch(1, 2)
        head.setColumnStretch(3, 1)

        self.list = QListWidget()
        self.list.setAccessibleName(_("Éléments du contrat"))
        self.list.setWordWrap(True)  # a long title takes two lines rather than a sideways scroll
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.currentRowChanged.connect(lambda _row: self.show_current())
        self.list.installEventFilter(self)

        self.title = QLabel(wordWrap=True)
        self.title.setAccessibleName(_("Élément"))
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.reference = QLabel(wordWrap=True)
        self.reference.setAccessibleName(_("Référence"))
        self.text = QTextBrowser()
        self.text.setAccessibleName(_("Ce que la loi exige et ce que la clause doit dire"))
        self.buttons = QButtonGroup(self)
        states = QHBoxLayout()
        for n, status in enumerate(STATUSES, start=1):
            radio = QRadioButton(fr(_("{state} ({key})").format(state=_(STATUS_LABELS[status]), key=n)))
            radio.setAccessibleName(_(STATUS_LABELS[status]))
            self.buttons.addButton(radio, n)
            states.addWidget(radio)
        states.addStretch(1)
        self.keys = QLabel(fr(_("Touches 1 à 4 : l’état, puis l’élément suivant (Alt+1 à Alt+4 depuis un champ) ; "
                                "Alt+← et Alt+→ : élément précédent, suivant.")), wordWrap=True)
        self.keys.setAccessibleName(_("Raccourcis clavier"))
        self.buttons.idClicked.connect(lambda n: self.set_status(STATUSES[n - 1]))
        self.article = QLineEdit(placeholderText=fr(_("article ou clause, par exemple art. 4")))
        self.article.setAccessibleName(_("Article"))
        self.page = QLineEdit()
        self.page.setAccessibleName(_("Page"))
        self.page.setMaximumWidth(90)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(_("Note"))
        self.note.setMaximumHeight(60)
        where = QHBoxLayout()
        where.addWidget(self.article, 1)
        where.addWidget(QLabel(fr(_("Page :"))))
        where.addWidget(self.page)
        for edit in (self.article, self.page):
            edit.editingFinished.connect(self.save_texts)
        self.previous = QPushButton(fr(_("← Précédent")))
        self.previous.clicked.connect(lambda: self.move(-1))
        self.next = QPushButton(fr(_("Suivant →")))
        self.next.clicked.connect(lambda: self.move(1))
        moves = QHBoxLayout()
        moves.addWidget(self.previous)
        moves.addStretch(1)
        moves.addWidget(self.next)
        panel = QWidget()
        form = QFormLayout(panel)
        form.addRow(self.title)
        form.addRow(self.reference)
        form.addRow(self.text)
        form.addRow(fr(_("État :")), states)
        form.addRow(self.keys)
        form.addRow(fr(_("Où :")), where)
        form.addRow(fr(_("Note :")), self.note)
        form.addRow(moves)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(panel)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([380, 600])

        self.summary = QLabel(wordWrap=True)
        self.summary.setAccessibleName(_("Bilan de la revue"))
        self.apply_button = QPushButton(fr(_("&Reporter dans une évaluation…")))
        self.apply_button.clicked.connect(self.report_in_assessment)
        self.amendment_button = QPushButton(fr(_("Points à &compléter…")))
        self.amendment_button.clicked.connect(self.make_amendment)
        self.close_button = QPushButton(fr(_("Fermer")))
        self.close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        for button in (self.apply_button, self.amendment_button, self.close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        for key, status in KEYS.items():
            QShortcut(QKeySequence(Qt.KeyboardModifier.AltModifier | key), self,
                      lambda status=status: self.set_status(status, advance=True))
        QShortcut(QKeySequence(Qt.KeyboardModifier.AltModifier | Qt.Key.Key_Right), self, lambda: self.move(1))
        QShortcut(QKeySequence(Qt.KeyboardModifier.AltModifier | Qt.Key.Key_Left), self, lambda: self.move(-1))
        self.document.editingFinished.connect(self.save_header)
        self.reviewer.editingFinished.connect(self.save_header)
        self.hosting.toggled.connect(lambda _on: self.save_header())
        fit_dialog(self, 1000, 700)
        self.fill()
        self.list.setFocus()

    # -- the list -----------------------------------------------------------------------------------
    def elements(self) -> list:  # noqa: ANN401 - ContractElement
        return list(self.contracts.elements.for_contract(self.review.hosting))

    def fill(self, select: str | None = None) -> None:
        content = self.contracts.elements
        self.list.blockSignals(True)
        self.list.clear()
        self.rows: list[str] = []
        group = None
        for element in self.elements():
            if element.group != group:
                group = element.group
                header = QListWidgetItem(fr(content.group(group).title.get(self.lang)))
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.list.addItem(header)
                self.rows.append("")
            item = QListWidgetItem(self.item_text(element))
            item.setData(Qt.ItemDataRole.UserRole, element.id)
            self.list.addItem(item)
            self.rows.append(element.id)
        self.list.blockSignals(False)
        row = self.rows.index(select) if select in self.rows else next(i for i, r in enumerate(self.rows) if r)
        self.list.setCurrentRow(row)
        self.show_current()
        self.show_summary()

    def item_text(self, element: Any) -> str:  # noqa: ANN401 - ContractElement
        return f"{MARKS[self.review.status(element.id)]}  {fr(element.title.get(self.lang))}"

    def current_id(self) -> str:
        row = self.list.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else ""

    def show_current(self) -> None:
        element_id = self.current_id()
        if not element_id:
            return
        element = self.contracts.elements.element(element_id)
        found = self.review.of(element_id)
        lang = self.lang
        self.title.setText(fr(element.title.get(lang)))
        self.reference.setText(fr(element.reference.get(lang)))
        parts = [f"<p><b>{escape(fr(_('Ce que la loi exige')))}</b><br/>{escape(fr(element.requires.get(lang)))}</p>",
                 f"<p><b>{escape(fr(_('Ce que la clause doit dire')))}</b><br/>{escape(fr(element.clause.get(lang)))}</p>",
                 f"<p><b>{escape(fr(_('Questions à poser à l’autre partie')))}</b></p><ul>"]
        parts += [f"<li>{escape(fr(q.get(lang)))}</li>" for q in element.ask]
        self.text.setHtml("".join(parts) + "</ul>")
        self.buttons.button(STATUSES.index(found.status) + 1).setChecked(True)
        for edit, value in ((self.article, found.article), (self.page, found.page)):
            edit.blockSignals(True)
            edit.setText(value)
            edit.blockSignals(False)
        self.note.setPlainText(found.note)
        self.shown = element_id

    def show_summary(self) -> None:
        ids = [e.id for e in self.elements()]
        counts = {s: sum(1 for i in ids if self.review.status(i) == s) for s in STATUSES}
        self.summary.setText(fr("   ".join(f"{MARKS[s]} {_(STATUS_LABELS[s])} : {n}" for s, n in counts.items())))

    def move(self, step: int) -> None:
        self.save_texts()
        row = self.list.currentRow() + step
        while 0 <= row < len(self.rows) and not self.rows[row]:
            row += step
        if 0 <= row < len(self.rows):
            self.list.setCurrentRow(row)

    # -- changes, each stored at once ------------------------------------------------------------
    def _store(self, action: Callable[[], ContractReview]) -> bool:
        try:
            self.review = action()
        except (OperationError, StorageError) as exc:
            message.warning(self, _("Enregistrement impossible"), fr(str(exc)))
            self.show_current()
            return False
        return True

    def set_status(self, status: str, *, advance: bool = False) -> None:
        element_id = self.current_id()
        if not element_id:
            return
        texts = self._texts(element_id)
        if self._store(lambda: self.contracts.change(self.ref, elements={element_id: {"status": status, **texts}})):
            self.list.currentItem().setText(self.item_text(self.contracts.elements.element(element_id)))
            self.buttons.button(STATUSES.index(status) + 1).setChecked(True)
            self.show_summary()
            if advance:
                self.move(1)

    def _texts(self, element_id: str) -> dict[str, str]:
        """The texts typed for the element shown, when they differ from what is stored."""
        if getattr(self, "shown", None) != element_id:
            return {}
        found = self.review.of(element_id)
        typed = {"article": self.article.text(), "page": self.page.text(), "note": self.note.toPlainText()}
        return {k: v for k, v in typed.items() if getattr(found, k) != v}

    def save_texts(self) -> None:
        element_id = getattr(self, "shown", "")
        texts = self._texts(element_id) if element_id else {}
        if texts:
            self._store(lambda: self.contracts.change(self.ref, elements={element_id: texts}))

    def save_header(self) -> None:
        changed = {k: v for k, v in (("document", self.document.text()), ("reviewer", self.reviewer.text()))
                   if getattr(self.review, k) != v}
        hosting, before = self.hosting.isChecked(), self.review.hosting
        if not changed and hosting == before:
            return
        if self._store(lambda: self.contracts.change(self.ref, hosting=hosting, **changed)) and hosting != before:
            self.fill(self.current_id())  # the hosting clauses join the list, or leave it

    # -- keyboard ----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.list and event.type() == QEvent.Type.KeyPress and self._key(event):  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if not self._key(event):
            super().keyPressEvent(event)

    def _key(self, event: QKeyEvent) -> bool:
        """1 to 4 (without a modifier, outside a text field): the state of the element shown, then the next."""
        status = KEYS.get(Qt.Key(event.key()))
        if status is None or event.modifiers() not in (Qt.KeyboardModifier.NoModifier,
                                                       Qt.KeyboardModifier.KeypadModifier):
            return False
        self.set_status(status, advance=True)
        return True

    def done(self, result: int) -> None:
        self.save_texts()
        super().done(result)

    # -- what follows a review (contract_documents.py) ------------------------------------------------
    def report_in_assessment(self) -> object | None:
        from wizard.ui.relations.contract_documents import ApplyReviewDialog

        self.save_texts()
        dialog = ApplyReviewDialog(self.workspace, self.ref, self.current_session, self)
        dialog.exec()
        return dialog

    def make_amendment(self) -> object | None:
        from wizard.ui.relations.contract_documents import AmendmentDialog

        self.save_texts()
        dialog = AmendmentDialog(self.workspace, [(self.target.party, lambda lang: self.contracts.amendment(
            self.ref, lang=lang))], self.target.party, self)
        dialog.open()
        return dialog
