"""The answering page: sections on the left, the current section's questions, navigation.

It lays out the page, takes a Session and redraws from it after each stored change. Moving
between sections and questions (navigation), turning choices and texts into Session calls and
undoing them (answer_editing), the workshop room's mode (room) and the keys (key_bindings)
each have their own module.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wizard.core.numbering import question_numbers
from wizard.i18n import _, current_language
from wizard.operations.session import Session
from wizard.ui.answering.answer_editing import AnswerEditing
from wizard.ui.answering.key_bindings import bind_answering_keys
from wizard.ui.answering.navigation import SectionNavigation
from wizard.ui.answering.notice_bar import NoticeBar
from wizard.ui.answering.question_card import QuestionCard
from wizard.ui.answering.question_text import shown, ui
from wizard.ui.answering.room import RoomMode
from wizard.ui.answering.section_view import FILTERS, SectionView
from wizard.ui.answering.shortcuts import native
from wizard.ui.widgets.accessible import named
from wizard.ui.widgets.saved_indicator import SavedIndicator
from wizard.ui.widgets.text import fr, one_line
from wizard.ui.widgets.theme import PROGRESS_SHEET


class AnsweringPage(SectionNavigation, AnswerEditing, RoomMode, QWidget):
    homeRequested = Signal()
    resultsRequested = Signal()
    changed = Signal()  # a change was stored (the window updates its undo and redo commands)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
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
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # an organisation's name is never markup
        self.position = QLabel()  # presentation mode: where one is, who answers
        self.position.setWordWrap(True)
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        named(self.position, _("Position dans le questionnaire"))
        self.position.setVisible(False)
        self.notice = NoticeBar()
        self.read_only_banner = QLabel()
        self.read_only_banner.setWordWrap(True)
        named(self.read_only_banner, _("Évaluation en lecture seule"))
        self.progress = QProgressBar()
        # The figures sit beside the bar: text drawn over the bar is unreadable where it fills.
        self.progress.setTextVisible(False)
        self.progress.setStyleSheet(PROGRESS_SHEET)  # a track and a fill: never an empty text field
        named(self.progress, _("Progression de l’évaluation"))
        self.progress_label = QLabel()
        self.progress_label.setBuddy(self.progress)
        self.saved = SavedIndicator()
        self.participant = QComboBox()
        # A long name and role must not widen the window beyond a projector's 1024 pixels.
        self.participant.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.participant.setMinimumContentsLength(14)
        named(self.participant, _("Qui répond"), _("La personne enregistrée comme auteur des réponses"))
        self.participant.currentIndexChanged.connect(lambda _i: self.show_position())
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
        tools.addWidget(self.progress, 1)
        tools.addWidget(self.progress_label)
        tools.addWidget(filter_label)
        tools.addWidget(self.filter)
        tools.addWidget(participant_label)
        tools.addWidget(self.participant, 2)
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
        layout.addWidget(self.position)
        layout.addLayout(tools)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.home_button, self.filter)
        self.setTabOrder(self.filter, self.participant)
        self.setTabOrder(self.participant, self.sections)

        bind_answering_keys(self)

    # -- session -----------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self.flush()
        if self.session is not None and self._on_changed in self.session.listeners:
            self.session.listeners.remove(self._on_changed)
        self.session = session
        session.listeners.append(self._on_changed)
        self.notice.clear()
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
        self._numbers = question_numbers(session.questionnaire)  # « 3.2 », as on paper
        index, qid = self._position(a.position)
        self.show_section(index, focus_question=qid)

    def show_details(self) -> None:
        """Title and the participant picker, from the assessment's details (also after an edit)."""
        a = self.session.assessment
        self.title.setText(ui(_("{organisation} — {profile}")).format(
            organisation=one_line(a.organisation.name),
            profile=self.session.questionnaire.framework.profile_label(a.profile, current_language())))
        keep = self.by()
        self.participant.clear()
        people = ([a.assessor] if a.assessor else []) + [p.name for p in a.participants if p.name != a.assessor]
        self.participant.addItem(_("(non précisé)"), "")
        for name in people:
            role = next((p.role for p in a.participants if p.name == name and p.role), "")
            self.participant.addItem(one_line(f"{name} ({role})" if role else name), name)
        index = self.participant.findData(keep) if keep else -1
        if index > 0:
            self.participant.setCurrentIndex(index)
        elif people:  # the assessor answers unless someone else is picked
            self.participant.setCurrentIndex(1)

    def read_only(self) -> bool:
        return bool(getattr(self.session, "read_only", False))

    def by(self) -> str:
        return self.participant.currentData() or ""

    def _cycle_filter(self) -> None:
        self.filter.setCurrentIndex((self.filter.currentIndex() + 1) % self.filter.count())
        self.filter.setFocus()

    # -- redraw ------------------------------------------------------------------------------
    def _on_changed(self) -> None:
        self.saved.mark_saved()
        self.refresh()
        if self.current is not None and self.current.help.isVisible():
            self._show_history(self.current)
        self.changed.emit()

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        answers = session.assessment.answers
        evaluation = session.evaluation()
        hidden = evaluation.hidden
        mode = self.filter.currentData()
        view = self.views.get(self.section_index)
        if view is not None:
            warnings: dict[str, list[str]] = {}
            for found in evaluation.contradictions:
                for qid in found.question_ids:
                    warnings.setdefault(qid, []).append(shown(found.contradiction.text))
            view.refresh(answers, dict(hidden), self._questions, mode, warnings)
        total = answered = 0
        unjustified = {q.id for q in evaluation.refused_na}
        for i, s in enumerate(session.questionnaire.sections):
            visible = [q for q in s.questions if q.id not in hidden]
            done = sum(1 for q in visible if q.id in answers)
            review = sum(1 for q in visible if q.id in answers and answers[q.id].review)
            lacking = sum(1 for q in visible if q.id in unjustified)
            total += len(visible)
            answered += done
            # ✓ only when nothing is left: every answer given, none lacking its justification.
            mark = "✓" if visible and done == len(visible) and not lacking else ("◐" if done else "○")
            text = ui(_("{mark} {axis} · {title} — {done}/{total}")).format(
                mark=mark, axis=shown(session.questionnaire.framework.axis(s.axis).label), title=shown(s.title),
                done=done, total=len(visible))
            if review:
                text += ui(_(" · ⟳ {n} à revoir")).format(n=review)
            if lacking:
                text += ui(_(" · ⚠ {n} sans justification")).format(n=lacking)
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
        if view is not None and self.current is not None and self.current not in view.visible_cards():
            cards = view.visible_cards()
            self._set_current(cards[0] if cards else None)
        self.show_position()
