"""Undo by operation: each change of an answer is kept whole (before and after), never as a
widget's state, so that undoing restores the value, comment, evidence, justification, who and
the « à revoir » flag together, and redoing brings all of them back.

No Qt and no storage here: the session records the changes it stored and applies what undo()
and redo() hand back.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from wizard.core.model import Answer

# What makes two answers different for the person answering (`at` is when, not what).
COMPARED = ("value", "note", "justification", "evidence", "by", "review")
TEXTS = ("note", "justification", "evidence")


def copy(answer: Answer | None) -> Answer | None:
    return None if answer is None else replace(answer)


def differing(before: Answer | None, after: Answer | None) -> frozenset[str]:
    """The fields that differ ({"value"} when an answer appears or disappears)."""
    if before is None or after is None:
        return frozenset() if before is after else frozenset({"value"})
    return frozenset(name for name in COMPARED if getattr(before, name) != getattr(after, name))


@dataclass(frozen=True)
class AnswerChange:
    """One stored change of one question's answer; before/after are whole answers (None: none)."""

    question_id: str
    before: Answer | None
    after: Answer | None

    @property
    def changed(self) -> frozenset[str]:
        return differing(self.before, self.after)

    @property
    def texts_only(self) -> bool:
        """Only a comment, evidence or justification changed (the answer itself stayed)."""
        changed = self.changed
        return bool(changed) and changed <= set(TEXTS)


@dataclass(frozen=True)
class ChangeGroup:
    """Several answers changed by one operation (a contract review applied), undone and redone
    together; name says which operation (« revue du contrat de … »)."""

    name: str
    changes: tuple[AnswerChange, ...]

    @property
    def question_id(self) -> str:
        """The first question changed (where the screens go when it is undone)."""
        return self.changes[0].question_id

    @property
    def texts_only(self) -> bool:
        return False


Change = AnswerChange | ChangeGroup


class UndoLog:
    """The changes that can be undone, newest last, and those undone that can be redone.

    A text typed after an answer (its comment, its evidence) joins that answer's change, so that
    one undo takes back the answer as it was given; a new value is always a change of its own.
    """

    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self._done: list[Change] = []
        self._undone: list[Change] = []
        self._open = False  # the newest change may still take the texts that follow it

    def record(self, change: Change) -> None:
        self._undone.clear()
        last = self._done[-1] if self._done else None
        if (self._open and isinstance(last, AnswerChange) and isinstance(change, AnswerChange)
                and change.texts_only and last.question_id == change.question_id and _same(last.after, change.before)):
            self._done[-1] = AnswerChange(last.question_id, last.before, change.after)
        else:
            self._done.append(change)
            del self._done[:-self.limit]
        self._open = True

    def seal(self) -> None:
        """What follows is a change of its own (the user moved on)."""
        self._open = False

    def next_undo(self) -> Change | None:
        return self._done[-1] if self._done else None

    def next_redo(self) -> Change | None:
        return self._undone[-1] if self._undone else None

    def undone(self) -> None:
        """next_undo() was applied: it moves to the changes that can be redone."""
        self._undone.append(self._done.pop())
        self._open = False

    def redone(self) -> None:
        self._done.append(self._undone.pop())
        self._open = False

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._open = False


def _same(a: Answer | None, b: Answer | None) -> bool:
    if a is None or b is None:
        return a is b
    return all(getattr(a, f.name) == getattr(b, f.name) for f in fields(Answer) if f.name != "at")
