"""One section's questions as cards, with what skip logic hid and why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from wizard.core.flow import Hidden
from wizard.core.model import Answer, Question, Section
from wizard.i18n import _
from wizard.ui.answering.question_card import QuestionCard
from wizard.ui.answering.question_text import hidden_reason, shown, ui
from wizard.ui.widgets.accessible import named
from wizard.ui.widgets.text import escape
from wizard.ui.widgets.theme import scale_widget_font

FILTERS = ("all", "unanswered", "review")


class SectionView(QScrollArea):
    def __init__(self, section: Section, numbers: dict[str, str], axis_name: str, parent=None) -> None:
        super().__init__(parent)
        self.section = section
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        named(self, ui(_("Questions de la section {title}")).format(title=shown(section.title)))
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel(ui(_("{axis} · {title}")).format(axis=axis_name, title=shown(section.title)))
        self.title.setWordWrap(True)
        scale_widget_font(self.title, 1.45, bold=True)
        layout.addWidget(self.title)
        intro = None
        if section.intro is not None:
            intro = QLabel(shown(section.intro))
            intro.setWordWrap(True)
            intro.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(intro)
        self.intro = intro if section.intro is not None else None
        self.cards: dict[str, QuestionCard] = {}
        self._eligible: list[QuestionCard] = []  # shown by skip logic and the filter
        self.single: QuestionCard | None = None  # presentation mode: the one question on screen
        self._has_hidden = False
        for q in section.questions:
            card = QuestionCard(q, numbers[q.id])
            self.cards[q.id] = card
            layout.addWidget(card)
        self.hidden_note = QLabel()
        self.hidden_note.setWordWrap(True)
        self.hidden_note.setTextFormat(Qt.TextFormat.RichText)
        self.hidden_note.setFrameShape(QFrame.Shape.Box)
        self.hidden_note.setMargin(8)
        named(self.hidden_note, _("Questions masquées"))
        layout.addWidget(self.hidden_note)
        self.empty_note = QLabel()
        self.empty_note.setWordWrap(True)
        layout.addWidget(self.empty_note)
        layout.addStretch(1)
        self.setWidget(body)

    def refresh(self, answers: dict[str, Answer], hidden: dict[str, Hidden],
                questions: dict[str, Question], filter_mode: str,
                warnings: dict[str, list[str]] | None = None) -> None:
        hidden_lines = []
        shown_count = 0
        eligible: list[QuestionCard] = []
        for qid, card in self.cards.items():
            answer = answers.get(qid)
            card.set_answer(answer)
            card.set_warnings((warnings or {}).get(qid, []))
            if qid in hidden:
                card.setVisible(False)
                why = hidden_reason(hidden[qid], questions, _value(answers, hidden[qid].because.question))
                label = ui(_("Pourquoi : "))  # outside the f-string: Babel extracts it only there
                hidden_lines.append(f"<li>{escape(shown(card.question.text))}<br><i>{escape(label)}"
                                    f"{escape(why)}</i></li>")
                continue
            keep = (filter_mode == "all" or (filter_mode == "unanswered" and answer is None)
                    or (filter_mode == "review" and answer is not None and answer.review))
            if keep:
                eligible.append(card)
            shown_count += keep
        if hidden_lines:
            title = escape(ui(_("Masquées par vos réponses précédentes (elles reviennent si vous changez ces réponses) :")))
            self.hidden_note.setText(f"<b>{title}</b><ul>{''.join(hidden_lines)}</ul>")
        self._has_hidden = bool(hidden_lines)
        self.hidden_note.setAccessibleDescription(self.hidden_note.text())
        self.empty_note.setText(ui(_("Aucune question de cette section ne correspond au filtre choisi.")))
        self.empty_note.setVisible(shown_count == 0 and bool(self.cards) and filter_mode != "all")
        self._eligible = eligible
        self._show_cards()

    def show_single(self, card: QuestionCard | None) -> None:
        """Presentation mode: only this question on screen (None: every question of the section)."""
        self.single = card
        self._show_cards()

    def _show_cards(self) -> None:
        single = self.single if self.single in self._eligible else None
        for card in self.cards.values():
            card.setVisible(card in self._eligible and (single is None or card is single))
        in_room = self.single is not None
        self.hidden_note.setVisible(self._has_hidden and not in_room)
        if self.intro is not None:  # the section's introduction goes with its first question
            self.intro.setVisible(not in_room or (bool(self._eligible) and single is self._eligible[0]))

    def visible_cards(self) -> list[QuestionCard]:
        """The questions one moves through: not hidden by skip logic nor by the filter."""
        return list(self._eligible)


def _value(answers: dict[str, Answer], qid: str) -> str | None:
    a = answers.get(qid)
    return a.value if a else None
