"""The answering page: sections on the left, the current section's questions, navigation.

It translates clicks and keys into Session calls (answer changes through the undo stack) and
redraws from the Session after each stored change.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wizard.core.model import ANSWER_LABELS, PROFILE_LABELS
from wizard.i18n import _
from wizard.service import Session
from wizard.ui.answering.content import shown, ui
from wizard.ui.answering.question_card import QuestionCard
from wizard.ui.answering.section_view import FILTERS, SectionView
from wizard.ui.answering.shortcuts import keys, native
from wizard.ui.answering.undo import AnswerCommand
from wizard.ui.widgets.accessible import named
from wizard.ui.widgets.saved_indicator import SavedIndicator
from wizard.ui.widgets.text import fr


class AnsweringPage(QWidget):
    homeRequested = Signal()
    resultsRequested = Signal()

    def __init__(self, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.session: Session | None = None
        self.views: dict[int, SectionView] = {}
        self.presentation = False
        self.section_index = 0
        self.current: QuestionCard | None = None
        self._build()
        QApplication.instance().focusChanged.connect(self._focus_changed)

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.read_only_banner = QLabel()
        self.read_only_banner.setWordWrap(True)
        named(self.read_only_banner, _("Évaluation en lecture seule"))
        self.progress = QProgressBar()
        # The figures sit beside the bar: text drawn over the bar is unreadable where it fills.
        self.progress.setTextVisible(False)
        named(self.progress, _("Progression de l’évaluation"))
        self.progress_label = QLabel()
        self.progress_label.setBuddy(self.progress)
        self.saved = SavedIndicator()
        self.participant = QComboBox()
        named(self.participant, _("Qui répond"), _("La personne enregistrée comme auteur des réponses"))
        participant_label = QLabel(fr(_("&Qui répond :")))
        participant_label.setBuddy(self.participant)
        self.filter = QComboBox()
        for mode, label in zip(FILTERS, (_("Toutes les questions"), _("Sans réponse"), _("À revoir")),
                               strict=True):
            self.filter.addItem(label, mode)
        named(self.filter, _("Filtrer les questions"))
        filter_label = QLabel(fr(_("&Afficher :")))
        filter_label.setBuddy(self.filter)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())

        self.sections = QListWidget()
        named(self.sections, _("Sections du questionnaire"),
              _("Chaque section avec le nombre de questions répondues"))
        self.sections.currentRowChanged.connect(self._section_clicked)
        self.sections.setWordWrap(True)
        self.stack = QStackedWidget()
        self.previous_button = QPushButton(_("◀ Section précédente"))
        named(self.previous_button, _("Section précédente"), native("previous_section"))
        self.previous_button.clicked.connect(lambda: self.move_section(-1))
        self.next_button = QPushButton(_("Section suivante ▶"))
        named(self.next_button, _("Section suivante"), native("next_section"))
        self.next_button.clicked.connect(lambda: self.move_section(1))
        self.results_button = QPushButton(_("Voir les résultats"))
        named(self.results_button, _("Voir les résultats et le plan d’action"))
        self.results_button.clicked.connect(self.resultsRequested)
        self.home_button = QPushButton(_("Accueil"))
        named(self.home_button, _("Revenir à la liste des évaluations"))
        self.home_button.clicked.connect(self.homeRequested)

        top = QHBoxLayout()
        top.addWidget(self.home_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.saved)
        tools = QHBoxLayout()
        tools.addWidget(self.progress, 2)
        tools.addWidget(self.progress_label)
        tools.addWidget(filter_label)
        tools.addWidget(self.filter)
        tools.addWidget(participant_label)
        tools.addWidget(self.participant, 1)
        self.questions_pane = QWidget()
        pane = QVBoxLayout(self.questions_pane)
        pane.setContentsMargins(0, 0, 0, 0)
        pane.addWidget(self.stack, 1)
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addStretch(1)
        nav.addWidget(self.results_button)
        nav.addWidget(self.next_button)
        pane.addLayout(nav)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.sections)
        self.splitter.addWidget(self.questions_pane)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        self.clutter = [self.home_button, self.saved, filter_label, self.filter]
        layout.addLayout(top)
        layout.addWidget(self.read_only_banner)
        layout.addLayout(tools)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.home_button, self.filter)
        self.setTabOrder(self.filter, self.participant)
        self.setTabOrder(self.participant, self.sections)

        # Keys acting on questions only while the focus is among them, so that lists and text
        # fields keep their own use of these keys (text fields take digits before shortcuts).
        def bind(name, slot, where):
            for seq in keys(name):
                sc = QShortcut(seq, where, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
                sc.activated.connect(slot)
        for number, seq in enumerate(keys("answer")):
            sc = QShortcut(seq, self.questions_pane, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda n=number: self.answer_current(n))
        bind("next_question", lambda: self.move_question(1), self.questions_pane)
        bind("previous_question", lambda: self.move_question(-1), self.questions_pane)
        bind("next_section", lambda: self.move_section(1), self)
        bind("previous_section", lambda: self.move_section(-1), self)
        bind("help", self.toggle_help, self)
        bind("filter", self._cycle_filter, self)
        bind("participant", lambda: self.participant.setFocus(), self)

    # -- session -----------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self.flush()
        if self.session is not None and self._on_changed in self.session.listeners:
            self.session.listeners.remove(self._on_changed)
        self.session = session
        session.listeners.append(self._on_changed)
        for view in self.views.values():
            self.stack.removeWidget(view)
            view.deleteLater()
        self.views.clear()
        self.current = None
        a = session.assessment
        self.show_details()
        self.filter.setCurrentIndex(0)
        reason = getattr(session, "read_only_reason", "") or _("Cette évaluation est ouverte en lecture seule.")
        self.read_only_banner.setText("⚠ " + reason)
        self.read_only_banner.setVisible(self.read_only())
        self.sections.blockSignals(True)
        self.sections.clear()
        for _s in session.questionnaire.sections:
            self.sections.addItem(QListWidgetItem())
        self.sections.blockSignals(False)
        self._questions = {q.id: q for q in session.questionnaire.questions}
        self._numbers = {}
        number = 1
        for i, s in enumerate(session.questionnaire.sections):
            self._numbers[i] = number
            number += len(s.questions)
        index, qid = self._position(a.position)
        self.show_section(index, focus_question=qid)

    def show_details(self) -> None:
        """Title and the participant picker, from the assessment's details (also after an edit)."""
        a = self.session.assessment
        self.title.setText(ui(_("{organisation} — {profile}")).format(
            organisation=a.organisation.name, profile=_(PROFILE_LABELS[a.profile])))
        keep = self.by()
        self.participant.clear()
        people = ([a.assessor] if a.assessor else []) + [p.name for p in a.participants if p.name != a.assessor]
        self.participant.addItem(_("(non précisé)"), "")
        for name in people:
            role = next((p.role for p in a.participants if p.name == name and p.role), "")
            self.participant.addItem(f"{name} ({role})" if role else name, name)
        index = self.participant.findData(keep) if keep else -1
        if index > 0:
            self.participant.setCurrentIndex(index)
        elif people:  # the assessor answers unless someone else is picked
            self.participant.setCurrentIndex(1)

    def _position(self, position: str) -> tuple[int, str | None]:
        for i, s in enumerate(self.session.questionnaire.sections):
            if position == s.id:
                return i, None
            if any(q.id == position for q in s.questions):
                return i, position
        return 0, None

    def read_only(self) -> bool:
        return bool(getattr(self.session, "read_only", False))

    def by(self) -> str:
        return self.participant.currentData() or ""

    # -- navigation --------------------------------------------------------------------------
    def section_count(self) -> int:
        return len(self.session.questionnaire.sections) if self.session else 0

    def view(self, index: int) -> SectionView:
        view = self.views.get(index)
        if view is None:  # built on first visit, then kept: switching back costs nothing
            view = SectionView(self.session.questionnaire.sections[index], self._numbers[index])
            for card in view.cards.values():
                card.answerChosen.connect(self._answer_chosen)
                card.textEdited.connect(self._text_edited)
                card.help_button.toggled.connect(lambda _on, c=card: self._set_current(c))
                card.help_button.toggled.connect(lambda on, c=card: on and self._show_history(c))
                card.set_read_only(self.read_only())
                card.set_presentation(self.presentation)
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
        if target is None or target.isHidden():
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
        if card is not None:
            card.set_current(True)
            if (self.session and not self.read_only()
                    and self.session.assessment.position != card.question.id):
                self.session.save_position(card.question.id)

    # -- actions on the current question -------------------------------------------------------
    def answer_current(self, number: int) -> None:
        if self.current is not None:
            from wizard.core.model import ANSWER_VALUES

            self._answer_chosen(self.current.question.id, ANSWER_VALUES[number])

    def toggle_help(self) -> None:
        if self.current is not None:
            self.current.toggle_help()

    def _show_history(self, card: QuestionCard) -> None:
        """Each change of the answer, newest last, when the store keeps a history."""
        if not hasattr(self.session, "history"):
            return
        labels = {None: _("sans réponse"), **{k: _(v) for k, v in ANSWER_LABELS.items()}}
        lines = []
        for entry in self.session.history(card.question.id)[-8:]:
            when = QDateTime.fromString(entry.at[:19], "yyyy-MM-ddTHH:mm:ss").toString("dd/MM/yyyy HH:mm")
            lines.append(ui(_("{when} — {who} : {old} → {new}")).format(
                when=when, who=entry.by or _("(non précisé)"),
                old=labels.get(entry.old_value, entry.old_value), new=labels.get(entry.new_value, entry.new_value)))
        card.set_history(lines)

    def _cycle_filter(self) -> None:
        self.filter.setCurrentIndex((self.filter.currentIndex() + 1) % self.filter.count())
        self.filter.setFocus()

    def _answer_chosen(self, qid: str, value: str) -> None:
        if self.read_only():
            return
        view = self.views[self.section_index]
        card = view.cards[qid]
        self._set_current(card)
        existing = self.session.assessment.answers.get(qid)
        texts = card.take_pending()
        if existing and existing.value == value and not existing.review and not texts:
            return  # nothing changes: keep the undo history clean
        command = AnswerCommand(self.session, qid, value, self.by(), texts)
        self.undo_stack.push(command)
        if command.error is not None:
            self._show_error(command.error)
        elif value == "na" and not self.session.assessment.answers[qid].justification.strip():
            card.justification.setFocus()

    def _text_edited(self, qid: str, field: str, text: str) -> None:
        answer = self.session.assessment.answers.get(qid)
        if answer is None or self.read_only():
            return
        try:
            # A comment added later does not change who gave the answer.
            self.session.answer(qid, answer.value, by=answer.by, **{field: text})
        except Exception as exc:  # storage failure: say so, keep the text on screen
            self._show_error(exc)

    def _show_error(self, exc: Exception) -> None:
        self.saved.mark_error(str(exc))
        QMessageBox.warning(self, _("Enregistrement impossible"),
                            fr(_("La modification n’a pas été enregistrée :\n{error}")).format(error=exc))

    def flush(self) -> None:
        """Store any text typed but not saved yet."""
        for view in self.views.values():
            for card in view.cards.values():
                card.flush()

    # -- redraw ------------------------------------------------------------------------------
    def _on_changed(self) -> None:
        self.saved.mark_saved()
        self.refresh()
        if self.current is not None and self.current.help.isVisible():
            self._show_history(self.current)

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        answers = session.assessment.answers
        hidden = session.hidden()
        mode = self.filter.currentData()
        view = self.views.get(self.section_index)
        if view is not None:
            view.refresh(answers, hidden, self._questions, mode)
        total = answered = 0
        for i, s in enumerate(session.questionnaire.sections):
            visible = [q for q in s.questions if q.id not in hidden]
            done = sum(1 for q in visible if q.id in answers)
            review = sum(1 for q in visible if q.id in answers and answers[q.id].review)
            total += len(visible)
            answered += done
            mark = "✓" if visible and done == len(visible) else ("◐" if done else "○")
            text = ui(_("{mark} Art. {article} · {title} — {done}/{total}")).format(
                mark=mark, article=s.article, title=shown(s.title), done=done, total=len(visible))
            if review:
                text += ui(_(" · ⟳ {n} à revoir")).format(n=review)
            item = self.sections.item(i)
            item.setText(text)
        prog = session.progress()
        self.progress.setMaximum(max(prog.total, 1))
        self.progress.setValue(prog.answered)
        self.progress.setFormat(ui(_("{answered} / {total} questions répondues ({percent} %)")).format(
            answered=prog.answered, total=prog.total, percent=prog.percent))
        self.progress_label.setText(self.progress.format())
        self.progress.setAccessibleDescription(self.progress.format())
        # The current card may have been hidden by skip logic: move to a visible one.
        if view is not None and self.current is not None and self.current.isHidden():
            cards = view.visible_cards()
            self._set_current(cards[0] if cards else None)

    def set_presentation(self, on: bool) -> None:
        """Presentation mode: no section list, no secondary controls."""
        self.presentation = on
        self.sections.setVisible(not on)
        for view in self.views.values():
            for card in view.cards.values():
                card.set_presentation(on)
        for widget in self.clutter:
            widget.setVisible(not on)
