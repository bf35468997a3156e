"""Undo by operation (issue 16, point 2): an undone change gives back the whole answer, a
comment edit keeps the answer and its « à revoir » flag, and nothing unchanged is written.
Which question is still open (point 3's « next unanswered / to review » key)."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.core.model import Answer, Organisation
from wizard.core.undo import AnswerChange, UndoLog
from wizard.operations.session import Session
from wizard.storage import Store


@pytest.fixture
def session(data_dir, mini):
    store = Store(data_dir)
    made = store.create("lab", Organisation("Laboratoire Saint-Éloi"), assessor="Zoé Martin",
                        when=date(2026, 11, 28))
    with Session(store, made.id, mini) as opened:
        yield opened


def stored(session, qid="t.a28.contract.signed"):
    return Store(session.store.data_dir).load(session.assessment.id).answers.get(qid)


def test_undo_of_a_commented_answer_takes_back_the_answer_and_its_comment_and_redo_both(session):
    qid = "t.a28.contract.signed"
    session.answer(qid, "no", by="Paul Durand")
    session.edit_text(qid, "note", "avenant en cours")
    assert stored(session).note == "avenant en cours"
    change = session.undo()
    assert change.question_id == qid and stored(session) is None  # one operation: the answer as given
    session.redo()
    again = stored(session)
    assert (again.value, again.note, again.by) == ("no", "avenant en cours", "Paul Durand")


def test_undo_restores_every_field_of_the_previous_answer(session):
    qid = "t.a28.contract.audit"
    session.answer(qid, "na", justification="Outil développé en interne", evidence="Note DSI", note="vu", by="Paul")
    session.undo_log.seal()
    session.answer(qid, "yes", justification="", by="Zoé")
    session.undo()
    back = stored(session, qid)
    assert (back.value, back.justification, back.evidence, back.note, back.by) == (
        "na", "Outil développé en interne", "Note DSI", "vu", "Paul")


def test_a_comment_keeps_the_review_flag_and_the_author(session):
    qid = "t.a28.contract.signed"
    session.answer(qid, "partial", by="Paul")
    session.set_review(qid, True)
    session.edit_text(qid, "note", "1")
    kept = stored(session)
    assert kept.review and kept.by == "Paul" and kept.value == "partial" and kept.note == "1"


def test_nothing_unchanged_is_written_nor_recorded(session):
    qid = "t.a28.contract.signed"
    session.answer(qid, "no")
    lines = len(session.history(qid))
    assert session.answer(qid, "no") is None
    assert session.edit_text(qid, "note", "") is None
    assert len(session.history(qid)) == lines


def test_text_edits_join_the_answer_they_follow_but_not_another_value():
    log = UndoLog()
    first = AnswerChange("q", None, Answer("no"))
    log.record(first)
    log.record(AnswerChange("q", Answer("no"), Answer("no", note="a")))
    log.record(AnswerChange("q", Answer("no", note="a"), Answer("no", note="ab")))
    assert log.next_undo().before is None and log.next_undo().after.note == "ab"
    log.record(AnswerChange("q", Answer("no", note="ab"), Answer("yes", note="ab")))
    assert log.next_undo().before.value == "no"  # a new value is an operation of its own


def test_next_to_revisit_goes_round_and_skips_what_is_done(session):
    questions = [q.id for q in session.questionnaire.questions]
    for qid in questions[:2]:
        session.answer(qid, "yes")
    session.set_review(questions[1], True)
    evaluation = session.evaluation()
    assert evaluation.next_to_revisit(questions[0]).id == questions[1]  # marked « à revoir »
    assert evaluation.next_to_revisit(questions[1]).id == questions[2]  # unanswered
    assert evaluation.next_to_revisit(questions[-1]).id == questions[1]  # round to the start
