"""Plain data of Vigie: questionnaire content and an assessment's answers.

Nothing here knows about files, Qt or scoring; other modules build on these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from wizard.i18n import N_

ANSWER_VALUES: tuple[str, ...] = ("yes", "partial", "no", "unknown", "na")
GAP_VALUES: tuple[str, ...] = ("partial", "no", "unknown")
PROFILES: tuple[str, ...] = ("lab", "vendor")
PRIORITIES: tuple[str, ...] = ("P1", "P2", "P3")
ARTICLES: tuple[str, ...] = ("28", "29", "30", "32")

# Labels are marked with N_() here and translated where they are shown.
ANSWER_LABELS: dict[str, str] = {
    "yes": N_("Oui"),
    "partial": N_("Partiellement"),
    "no": N_("Non"),
    "unknown": N_("Je ne sais pas"),
    "na": N_("Non applicable"),
}
PROFILE_LABELS: dict[str, str] = {
    "lab": N_("Laboratoire (responsable de traitement)"),
    "vendor": N_("Éditeur / prestataire (sous-traitant)"),
}
PRIORITY_LABELS: dict[str, str] = {
    "P1": N_("P1 — urgent"),
    "P2": N_("P2 — important"),
    "P3": N_("P3 — à planifier"),
}
OWNER_ROLES: dict[str, str] = {
    "direction": N_("Direction"),
    "dpo": N_("DPO / référent RGPD"),
    "it": N_("Responsable informatique"),
    "quality": N_("Responsable qualité"),
    "biologist": N_("Biologiste responsable"),
    "hr": N_("Ressources humaines"),
    "purchasing": N_("Achats / juridique"),
    "vendor": N_("Éditeur du logiciel"),
    "host": N_("Hébergeur"),
    "customer": N_("Laboratoire client"),
}
ACTION_STATUSES: dict[str, str] = {
    "todo": N_("À lancer"),
    "doing": N_("En cours"),
    "done": N_("Fait"),
    "dropped": N_("Abandonné"),
}


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
    article: str
    refs: tuple[str, ...]
    profiles: tuple[str, ...]
    weight: int
    text: Text
    help: Help
    depends_on: tuple[Condition, ...] = ()
    actions: dict[str, tuple[ActionRef, ...]] = field(default_factory=dict)
    scored: bool = True  # False for a gate question: its "no" is a fact, not a gap


@dataclass(frozen=True)
class Section:
    id: str
    article: str
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
    """What the user changed on a computed action (or a custom action)."""

    owner: str | None = None
    due: str | None = None
    status: str | None = None
    priority: str | None = None
    priority_reason: str = ""


@dataclass
class CustomAction:
    id: str
    title: str
    description: str = ""
    priority: str = "P2"
    owner: str = ""
    due: str = ""
    status: str = "todo"


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
    id: str = ""
    previous_id: str = ""
    position: str = ""  # last question or section shown, restored on reopen
