"""Moving through the answering page: sections built on first visit, the current question,
and the moves the buttons, the section list and the keys ask for.

A mixin of AnsweringPage: it works on the page's widgets and its Session.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from wizard.i18n import _
from wizard.ui.answering.question_card import QuestionCard
from wizard.ui.answering.question_text import shown
from wizard.ui.answering.section_view import SectionView


class SectionNavigation:
    """Sections and questions of AnsweringPage: which one is shown, which one is current."""

    def _position(self, position: str) -> tuple[int, str | None]:
        for i, s in enumerate(self.session.questionnaire.sections):
            if position == s.id:
                return i, None
            if any(q.id == position for q in s.questions):
                return i, position
        return 0, None

    def _facts(self, qid: str) -> list:
        """What the laboratory's register of processors says about this question (none elsewhere)."""
        facts = getattr(self.session, "facts", None)
        try:
            return facts(qid) if facts is not None else []
        except Exception:  # an unreadable register is said on its own page, never here
            return []

    def section_count(self) -> int:
        return len(self.session.questionnaire.sections) if self.session else 0

    def view(self, index: int) -> SectionView:
        view = self.views.get(index)
        if view is None:  # built on first visit, then kept: switching back costs nothing
            section = self.session.questionnaire.sections[index]
            name = shown(self.session.questionnaire.framework.axis(section.axis).name)
            view = SectionView(section, self._numbers, name[:1].upper() + name[1:])
            for card in view.cards.values():
                card.answerChosen.connect(self._answer_chosen)
                card.textEdited.connect(self._text_edited)
                card.help_button.toggled.connect(lambda _on, c=card: self._set_current(c))
                card.help_button.toggled.connect(lambda on, c=card: on and self._show_history(c))
                card.set_read_only(self.read_only())
                card.set_presentation(self.presentation)
                card.set_facts([_("{processor} : {fact}").format(processor=fact.processor, fact=fact.text)
                                for fact in self._facts(card.question.id)])
            self.views[index] = view
            self.stack.addWidget(view)
            # Navigation buttons come after the questions in the Tab order.
            last = list(view.cards.values())[-1].help_button if view.cards else view
            for before, after in ((last, self.previous_button), (self.previous_button, self.results_button),
                                  (self.results_button, self.next_button)):
                QWidget.setTabOrder(before, after)
        return view

    def show_section(self, index: int, focus_question: str | None = None) -> None:
        if not self.session or not 0 <= index < self.section_count():
            return
        self.flush()
        self.section_index = index
        view = self.view(index)
        self.stack.setCurrentWidget(view)
        self.refresh()
        self.sections.blockSignals(True)
        self.sections.setCurrentRow(index)
        self.sections.blockSignals(False)
        cards = view.visible_cards()
        target = view.cards.get(focus_question) if focus_question else None
        if target is None or target not in cards:
            target = cards[0] if cards else None
        self._set_current(target)
        if target is not None:
            target.focus_choices()
            view.ensureWidgetVisible(target)
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.section_count() - 1)
        if target is None and not self.read_only():
            self.session.save_position(self.session.questionnaire.sections[index].id)

    def show_question(self, qid: str) -> None:
        """Open the section of a question and put the focus on it (from the results page)."""
        index, found = self._position(qid)
        if found:
            self.filter.setCurrentIndex(0)  # a filter must not hide the question asked for
            self.show_section(index, focus_question=qid)

    def next_open(self) -> None:
        """The next question without an answer, marked « à revoir » or lacking its justification,
        in any section (going round to the first)."""
        if self.session is None:
            return
        self.flush()
        after = self.current.question.id if self.current is not None else None
        found = self.session.evaluation().next_to_revisit(after)
        if found is None:
            self.notice.say(self.open_questions_text())
            return
        self.show_question(found.id)

    def _section_clicked(self, row: int) -> None:
        if row >= 0 and row != self.section_index:
            self.show_section(row)

    def move_section(self, delta: int) -> None:
        self.show_section(self.section_index + delta)

    def move_question(self, delta: int) -> None:
        view = self.views.get(self.section_index)
        if view is None:
            return
        cards = view.visible_cards()
        if self.current in cards:
            i = cards.index(self.current) + delta
        else:
            i = 0 if delta > 0 else len(cards) - 1
        if 0 <= i < len(cards):
            self._set_current(cards[i])
            cards[i].focus_choices()
            view.ensureWidgetVisible(cards[i])
        elif 0 <= self.section_index + delta < self.section_count():
            self.show_section(self.section_index + delta)
            if delta < 0:
                self.move_question(-1)

    def _focus_changed(self, _old, new) -> None:
        widget = new
        while widget is not None and not isinstance(widget, QuestionCard):
            widget = widget.parentWidget()
        if widget is not None and widget is not self.current and self.isAncestorOf(widget):
            self._set_current(widget)

    def _set_current(self, card: QuestionCard | None) -> None:
        if card is self.current:
            return
        if self.current is not None:
            try:
                self.current.flush()
                self.current.set_current(False)
            except RuntimeError:  # its section was rebuilt for another assessment
                pass
        self.current = card
        view = self.views.get(self.section_index)
        if view is not None:
            view.show_single(card if self.presentation else None)
        self.show_position()
        if card is not None:
            card.set_current(True)
            if (self.session and not self.read_only()
                    and self.session.assessment.position != card.question.id):
                self.session.save_position(card.question.id)
