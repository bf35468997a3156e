"""Plain data of Vigie: questionnaire content and an assessment's answers.

Nothing here knows about files, Qt or scoring; other modules build on these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from wizard.core.labels import (  # noqa: F401 - re-exported: the model's vocabulary
    ACTION_STATUSES,
    ANSWER_LABELS,
    ANSWER_VALUES,
    GAP_VALUES,
    PRIORITIES,
    PRIORITY_LABELS,
)


@dataclass(frozen=True)
class Text:
    """A user-visible text in French, with its English version when written."""

    fr: str
    en: str | None = None

    def get(self, lang: str) -> str:
        return (self.en or self.fr) if lang == "en" else self.fr


@dataclass(frozen=True)
class Action:
    id: str
    title: Text
    description: Text
    priority: str
    owner: str
    delay_days: int
    done_when: Text | None = None


@dataclass(frozen=True)
class ActionRef:
    """An action called for by one answer, optionally at another priority."""

    action: str
    priority: str | None = None


@dataclass(frozen=True)
class Condition:
    question: str
    values: tuple[str, ...]
    reason: Text | None = None


@dataclass(frozen=True)
class Help:
    why: Text
    evidence: Text
    good: Text | None = None
    na: Text | None = None


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    axis: str  # an axis of the framework (a GDPR article)
    refs: tuple[str, ...]
    profiles: tuple[str, ...]
    weight: int
    text: Text
    help: Help
    depends_on: tuple[Condition, ...] = ()
    actions: dict[str, tuple[ActionRef, ...]] = field(default_factory=dict)
    scored: bool = True  # False for a gate question: its "no" is a fact, not a gap
    # A critical gap (« Non » or « Je ne sais pas ») keeps its axis in the red band and the
    # overall index out of the green one. Default: the questions of weight 3.
    critical: bool = False

    @property
    def na_allowed(self) -> bool:
        """« Non applicable » is possible only where the content says when (help.na)."""
        return self.help.na is not None


@dataclass(frozen=True)
class Contradiction:
    """Answers that cannot all be true: when `when` holds, none of `conflicts` may."""

    id: str
    when: Condition
    conflicts: tuple[Condition, ...]
    text: Text  # what to clear up, in plain words


@dataclass(frozen=True)
class Section:
    id: str
    axis: str
    profiles: tuple[str, ...]
    title: Text
    questions: tuple[Question, ...]
    intro: Text | None = None


@dataclass
class Answer:
    value: str
    note: str = ""
    justification: str = ""
    evidence: str = ""
    by: str = ""
    at: str = ""
    review: bool = False  # "à revoir": carried over from an earlier assessment


@dataclass
class Organisation:
    name: str
    siret: str = ""
    address: str = ""


@dataclass
class Participant:
    name: str
    role: str = ""


@dataclass
class ActionEdit:
    """What the user changed on a computed action (or a custom action).

    title: the organisation's own wording of the action's title (None: the catalogue's); the
    signed plan prints the catalogue's beside it."""

    owner: str | None = None
    due: str | None = None
    status: str | None = None
    priority: str | None = None
    priority_reason: str = ""
    title: str | None = None


@dataclass
class CustomAction:
    id: str
    title: str
    description: str = ""
    priority: str = "P2"
    owner: str = ""
    due: str = ""
    status: str = "todo"


@dataclass(frozen=True)
class ContentStamp:
    """The content an assessment was answered on: framework, content version and the digest of
    its files (empty: not known, an assessment stored before Vigie recorded it)."""

    framework: str = ""
    version: str = ""
    digest: str = ""


@dataclass
class Assessment:
    """One organisation's assessment against one profile."""

    profile: str
    organisation: Organisation
    date: date
    assessor: str = ""
    participants: list[Participant] = field(default_factory=list)
    answers: dict[str, Answer] = field(default_factory=dict)
    action_edits: dict[str, ActionEdit] = field(default_factory=dict)
    custom_actions: list[CustomAction] = field(default_factory=list)
    # The follow-up notes of the plan's actions (computed or custom), by action id: what the lab
    # writes beside an action in its spreadsheet (« devis demandé le 3/12 »).
    action_notes: dict[str, str] = field(default_factory=dict)
    id: str = ""
    previous_id: str = ""
    position: str = ""  # last question or section shown, restored on reopen
    content: ContentStamp = field(default_factory=ContentStamp)
