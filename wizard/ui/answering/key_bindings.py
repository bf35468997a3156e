"""The answering page's keys: which declared shortcut does what, and where it acts.

The number keys answer while the focus is among the questions, so that text fields keep their
digits; Alt+1…5 answer from anywhere on the page, a text field included, and Escape leaves a
text field back to its question (QuestionCard), so that the keyboard is never stuck.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QWidget

from wizard.ui.answering.shortcuts import keys

if TYPE_CHECKING:
    from wizard.ui.answering.answering_page import AnsweringPage


def bind(name: str, slot: Callable[[], object], where: QWidget) -> None:
    """The keys of the declared shortcut `name` call slot while the focus is within `where`."""
    for seq in keys(name):
        shortcut = QShortcut(seq, where, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)


def bind_answering_keys(page: AnsweringPage) -> None:
    questions = page.questions_pane
    for number, seq in enumerate(keys("answer")):
        shortcut = QShortcut(seq, questions, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda n=number: page.answer_current(n))
    for number, seq in enumerate(keys("answer_anywhere")):
        shortcut = QShortcut(seq, page, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda n=number: page.answer_current(n))
    bind("next_question", lambda: page.move_question(1), questions)
    bind("previous_question", lambda: page.move_question(-1), questions)
    bind("next_section", lambda: page.move_section(1), page)
    bind("previous_section", lambda: page.move_section(-1), page)
    bind("help", page.toggle_help, page)
    bind("filter", page._cycle_filter, page)
    bind("participant", lambda: page.participant.setFocus(), page)
    bind("next_participant", page.next_participant, page)
    bind("note", page.toggle_notes, page)
    bind("review", page.toggle_review, page)
    bind("next_open", page.next_open, page)
