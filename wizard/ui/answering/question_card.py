"""One question: its text, the five answers, comment, evidence, justification and help.

The card only shows data and reports what the user did; the answering page turns that into
Session calls (through the undo stack for answer changes).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from wizard.core import limits
from wizard.core.model import Answer, Question
from wizard.i18n import _
from wizard.ui.answering.question_text import help_html, shown, ui
from wizard.ui.widgets.accessible import named
from wizard.ui.widgets.answer_choices import AnswerChoices
from wizard.ui.widgets.bounded import bounded
from wizard.ui.widgets.theme import scale_widget_font

TEXT_SAVE_DELAY_MS = 700  # typing pauses this long before the text is stored


class QuestionCard(QFrame):
    answerChosen = Signal(str, str)  # question id, value
    textEdited = Signal(str, str, str)  # question id, field (note/evidence/justification), text

    def __init__(self, question: Question, number: str, parent=None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName("questionCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._answer: Answer | None = None
        self.presentation = False
        self.notes_shown = False  # in presentation mode: the comment and evidence fields, for live notes
        self._pending: dict[str, str] = {}
        self._timer = QTimer(self, singleShot=True, interval=TEXT_SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        text = shown(question.text)

        # The legal references are for the DPO: they sit in the help and the report, not above the question.
        self.header = QLabel(ui(_("Question {n}")).format(n=number))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        named(self.status, _("État de la question"))
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scale_widget_font(self.text, 1.2, bold=True)

        self.choices = AnswerChoices(text, na_allowed=question.na_allowed)
        self.na_pending = False  # « Non applicable » chosen, waiting for its justification
        self.choices.chosen.connect(lambda v: self.answerChosen.emit(question.id, v))

        self.justification = QLineEdit()
        self.justification.setPlaceholderText(ui(_("Pourquoi cette question ne s’applique-t-elle pas ? (obligatoire)")))
        named(self.justification, _("Justification de « Non applicable »"),
              _("Expliquez pourquoi la question ne s’applique pas à votre situation."))
        bounded(self.justification, limits.TEXT)
        self.justification_label = QLabel(ui(_("Justification :")))
        self.justification_label.setBuddy(self.justification)
        self.justification.editingFinished.connect(self._justification_done)
        self.warning = QLabel()  # contradictions with other answers, in words
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setObjectName("answerWarning")
        self.warning.setVisible(False)
        named(self.warning, _("Incohérence à lever"))

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(ui(_("Commentaire (facultatif)")))
        self.note.setTabChangesFocus(True)
        named(self.note, _("Commentaire"), _("Remarque libre sur la réponse"))
        bounded(self.note, limits.TEXT)
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText(ui(_("Preuve : document, emplacement, lien…")))
        named(self.evidence, _("Preuve"), _("Le document ou l’élément qui justifie la réponse"))
        bounded(self.evidence, limits.TEXT)

        self.help_button = QPushButton(ui(_("Aide (F1)")))
        self.help_button.setCheckable(True)
        self.help_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        named(self.help_button, _("Afficher l’aide de la question"),
              _("Pourquoi c’est important, bonne réponse, preuves attendues, références"))
        # Filled when first opened: rich text parsed for every card made a page slower to appear.
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.RichText)
        self.help.setObjectName("questionHelp")
        self.help.setFrameShape(QFrame.Shape.Box)
        self.help.setMargin(8)
        self.help.setVisible(False)
        named(self.help, _("Aide"))
        self.help_button.toggled.connect(self._fill_help)
        self.help_button.toggled.connect(self.help.setVisible)
        self.history = QLabel()  # filled by the page when the help opens: who changed what, when
        self.history.setWordWrap(True)
        self.history.setVisible(False)
        named(self.history, _("Historique des réponses"))
        self.help_button.toggled.connect(lambda on: self.history.setVisible(on and bool(self.history.text())))
        self.by = QLabel()
        # The register of processors' facts on this question (HDS certificate, contract…): seen
        # before answering, so the answer agrees with what the laboratory recorded.
        self.facts = QLabel(wordWrap=True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setObjectName("questionFacts")
        self.facts.setVisible(False)
        named(self.facts, _("Ce que dit votre registre des prestataires"))

        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.status)
        just = QHBoxLayout()
        just.addWidget(self.justification_label)
        just.addWidget(self.justification, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.evidence, 1)
        bottom.addWidget(self.help_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addWidget(self.facts)
        layout.addWidget(self.choices)
        layout.addWidget(self.warning)
        layout.addLayout(just)
        layout.addWidget(self.note)
        layout.addLayout(bottom)
        layout.addWidget(self.by)
        layout.addWidget(self.help)
        layout.addWidget(self.history)

        self._fit_to_font()
        for name, widget in (("note", self.note), ("evidence", self.evidence),
                             ("justification", self.justification)):
            widget.textChanged.connect(lambda *_a, n=name, w=widget: self._edited(n, w))
        for widget in (self.note, self.evidence, self.justification):
            widget.installEventFilter(self)
        self.set_answer(None)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        """Escape in a text field goes back to the question's answers: the keyboard is never stuck
        in a field (its text is kept, and stored as usual)."""
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape \
                and watched in (self.note, self.evidence, self.justification):
            if watched is self.justification and self.na_pending and not self.justification.text().strip():
                self.na_pending = False  # « Non applicable » left without its justification: not given
                self.set_answer(self._answer)
            self.flush()
            self.focus_choices()
            return True
        return super().eventFilter(watched, event)

    def _fill_help(self, on: bool) -> None:
        if on and not self.help.text():
            self.help.setText(help_html(self.question))

    # -- display ---------------------------------------------------------------------------
    def set_answer(self, answer: Answer | None) -> None:
        self._answer = answer
        if answer is not None and answer.value == "na":
            self.na_pending = False
        self.choices.set_value("na" if self.na_pending else answer.value if answer else None)
        for widget, value in ((self.note, answer.note if answer else None),
                              (self.evidence, answer.evidence if answer else None),
                              (self.justification, answer.justification if answer else None)):
            name = {self.note: "note", self.evidence: "evidence", self.justification: "justification"}[widget]
            value = value or ""  # no answer: no text either (an undo took both back)
            if name not in self._pending and _text(widget) != value:
                widget.blockSignals(True)
                _set_text(widget, value)
                widget.blockSignals(False)
        na = self.na_pending or bool(answer and answer.value == "na")
        self.justification.setVisible(na)
        self.justification_label.setVisible(na)
        self._update_status()
        self.by.setText(ui(_("Répondu par {name}")).format(name=answer.by) if answer and answer.by else "")
        self.by.setVisible(bool(answer and answer.by))
        self._declutter()

    def set_presentation(self, on: bool) -> None:
        """On a projector: the question and its answers; the notes when there are some, or when
        the consultant shows them to take notes live (show_notes)."""
        self.presentation = on
        self.choices.set_presentation(on)
        self._declutter()

    def show_notes(self, on: bool) -> None:
        self.notes_shown = on
        self._declutter()

    def _declutter(self) -> None:
        shown = not self.presentation or self.notes_shown
        self.note.setVisible(shown or bool(_text(self.note)))
        self.evidence.setVisible(shown or bool(_text(self.evidence)))

    def focus_note(self) -> None:
        self.note.setVisible(True)
        self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_to_font()

    def _fit_to_font(self) -> None:
        self.note.setFixedHeight(int(self.note.fontMetrics().height() * 3.2))

    def _update_status(self) -> None:
        answer = self._answer
        if self.na_pending:
            status = _("⚠ Justifiez « Non applicable », puis Entrée")
        elif answer is None:
            status = _("○ Sans réponse")
        elif answer.review:
            status = _("⟳ À revoir")
        elif answer.value == "na" and not self.question.na_allowed:
            status = _("⚠ « Non applicable » impossible ici : compte comme « Je ne sais pas »")
        elif answer.value == "na" and not (self._pending.get("justification", answer.justification)).strip():
            status = _("⚠ Justification manquante : compte comme « Je ne sais pas »")
        else:
            status = _("✓ Répondu")
        self.status.setText(ui(status))
        self.status.setAccessibleDescription(self.status.text())

    def begin_na(self) -> None:
        """« Non applicable » chosen without a justification: ask for it before anything is stored."""
        self.na_pending = True
        self.justification.setVisible(True)
        self.justification_label.setVisible(True)
        self._update_status()
        self.justification.setFocus(Qt.FocusReason.OtherFocusReason)

    def _justification_done(self) -> None:
        """Enter, or leaving the field: a justified « Non applicable » is now an answer."""
        if self.na_pending and self.justification.text().strip():
            self.answerChosen.emit(self.question.id, "na")
        elif self.na_pending:
            self.na_pending = False  # nothing typed: the earlier answer stays
            self.set_answer(self._answer)

    def set_warnings(self, texts: list[str]) -> None:
        """The contradictions this answer takes part in (none: hidden)."""
        self.warning.setText("\n".join(ui("⚠ " + t) for t in texts))
        self.warning.setVisible(bool(texts))
        self.warning.setAccessibleDescription(self.warning.text())

    def set_current(self, current: bool) -> None:
        """The question the number keys answer: a thick frame and a marker, not colour alone."""
        self.setProperty("current", current)
        self.setLineWidth(3 if current else 1)
        self.setFrameShape(QFrame.Shape.Box if current else QFrame.Shape.StyledPanel)
        prefix = "▶ " if current else ""
        self.header.setText(prefix + self.header.text().removeprefix("▶ "))

    def set_facts(self, lines: list[str]) -> None:
        self.facts.setText(ui("\n".join([_("Votre registre des prestataires :")] + [f"• {line}" for line in lines]))
                           if lines else "")
        self.facts.setVisible(bool(lines))

    def set_history(self, lines: list[str]) -> None:
        self.history.setText("\n".join([ui(_("Historique :"))] + lines) if lines else "")
        self.history.setVisible(self.help.isVisible() and bool(lines))

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.choices, self.note, self.evidence, self.justification):
            widget.setEnabled(not read_only)

    def toggle_help(self) -> None:
        self.help_button.toggle()

    def focus_choices(self) -> None:
        value = self.choices.value()
        button = self.choices.buttons[value] if value else next(iter(self.choices.buttons.values()))
        button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- text fields: saved after a pause, or at once on flush ---------------------------------
    def _edited(self, name: str, widget) -> None:
        self._pending[name] = _text(widget)
        if name == "justification":
            self._update_status()
        self._timer.start()

    def take_pending(self) -> dict[str, str]:
        """Typed text not stored yet, handed over with an answer change."""
        self._timer.stop()
        pending, self._pending = self._pending, {}
        return pending

    def keep_pending(self, texts: dict[str, str]) -> None:
        """Texts handed over with an answer that could not be stored: still to be stored."""
        self._pending = {**texts, **self._pending}

    def flush(self) -> None:
        """Report typed text now (before navigation, closing, or an answer change)."""
        self._timer.stop()
        if self._answer is None:
            return  # nothing to attach the text to yet: it goes with the first answer
        pending, self._pending = self._pending, {}
        for name, text in pending.items():
            self.textEdited.emit(self.question.id, name, text)


def _text(widget) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


def _set_text(widget, value: str) -> None:
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value)
    else:
        widget.setText(value)
