"""The answering page in the workshop room (presentation mode): one question at a time, where
one is (« Question 24 / 69 · Section 5 / 11 »), who answers, and the notes on one key.

A mixin of AnsweringPage: it works on the page's widgets and its Session.
"""

from __future__ import annotations

from wizard.i18n import _
from wizard.ui.answering.question_text import shown, ui
from wizard.ui.answering.shortcuts import native
from wizard.ui.widgets.theme import scale_widget_font


class RoomMode:
    """Presentation mode of AnsweringPage, and the keys a consultant uses in the room."""

    presentation = False
    notes_shown = False

    def set_presentation(self, on: bool) -> None:
        """Presentation mode: the current question alone, large; no section list, no secondary
        controls; the position bar and who answers stay in view."""
        self.presentation = on
        self.sections.setVisible(not on)
        for view in self.views.values():
            for card in view.cards.values():
                card.set_presentation(on)
                card.show_notes(self.notes_shown)
            view.show_single(self.current if on and view is self.views.get(self.section_index) else None)
        for widget in self.clutter:
            widget.setVisible(not on)
        self.position.setVisible(on)
        scale_widget_font(self.position, 1.1, bold=True)
        self.show_position()
        if on and self.current is not None:
            view = self.views.get(self.section_index)
            if view is not None:
                view.ensureWidgetVisible(self.current)

    def show_position(self) -> None:
        """« Question 5.2 · 24 / 69 · Section 5 / 11 · Répond : Paul Durand »."""
        if self.session is None:
            return
        total = len(self.session.questionnaire.questions)
        parts = []
        if self.current is not None:
            qid = self.current.question.id
            parts.append(_("Question {n} · {position} / {total}").format(
                n=self.session.number(qid), position=self.session.position(qid), total=total))
        parts.append(_("Section {n} / {total}").format(n=self.section_index + 1, total=self.section_count()))
        if self.by():
            parts.append(_("Répond : {name}").format(name=self.participant.currentText()))
        self.position.setText(ui(" · ".join(parts)))
        self.position.setAccessibleDescription(self.position.text())

    def toggle_notes(self) -> None:
        """F2: in the room, show or hide the comment and evidence fields (to take notes live); else
        go to the current question's comment."""
        card = self.current
        if self.presentation:
            self.notes_shown = not self.notes_shown
            for view in self.views.values():
                for each in view.cards.values():
                    each.show_notes(self.notes_shown)
            if card is not None:
                card.focus_note() if self.notes_shown else card.focus_choices()
        elif card is not None:
            card.focus_note()

    def next_participant(self) -> None:
        """Ctrl+Shift+P: the next participant answers (the list goes round)."""
        count = self.participant.count()
        if count > 1:
            self.participant.setCurrentIndex((self.participant.currentIndex() + 1) % count)
        self.show_position()
        self.notice.say(ui(_("Qui répond : {name}")).format(name=self.participant.currentText()))

    def open_questions_text(self) -> str:
        return ui(_("Aucune autre question sans réponse ni à revoir."))

    @staticmethod
    def key_text(name: str) -> str:
        return native(name)

    def section_title(self) -> str:
        section = self.session.questionnaire.sections[self.section_index]
        return shown(section.title)
