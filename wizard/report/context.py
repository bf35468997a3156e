"""Everything a page builder needs, computed once by wizard.core (never recomputed here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from babel.dates import format_date

from wizard.core.action_plan import PlannedAction, build_plan
from wizard.core.flow import Hidden, hidden_questions
from wizard.core.model import Assessment
from wizard.core.questionnaire import Questionnaire
from wizard.core.scoring import Scores, compute_scores
from wizard.i18n import format_percent
from wizard.report.document import FieldPlacement
from wizard.report.styles import Typo

_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@dataclass(frozen=True)
class SignerSlot:
    """One expected signer: the role printed above the box, and a name when known.

    field_name is the name of the PDF signature field (ASCII, stable: scripts use it
    with `vigie sign --field`).
    """

    role: str
    name: str = ""
    field_name: str = ""


@dataclass
class ReportContext:
    assessment: Assessment
    questionnaire: Questionnaire  # the profile view
    lang: str
    digest: str  # SHA-256 of the embedded answers file
    signers: tuple[SignerSlot, ...]
    scores: Scores = field(init=False)
    plan: list[PlannedAction] = field(init=False)
    hidden: dict[str, Hidden] = field(init=False)
    typo: Typo = field(init=False)
    placements: list[FieldPlacement] = field(default_factory=list)

    def __post_init__(self) -> None:
        answers = self.assessment.answers
        self.scores = compute_scores(self.questionnaire, answers)
        self.plan = build_plan(self.questionnaire, self.assessment)
        self.hidden = hidden_questions(self.questionnaire, answers)
        self.typo = Typo(self.lang)

    @property
    def locale(self) -> str:
        return _LOCALES.get(self.lang, "fr_FR")

    def long_date(self, when: date) -> str:
        """« 28 novembre 2026 »."""
        return format_date(when, format="long", locale=self.locale)

    def short_date(self, when: date) -> str:
        """« 28/11/2026 », for table cells."""
        return format_date(when, format="short", locale=self.locale)

    @property
    def article_count(self) -> int:
        return len({s.article for s in self.questionnaire.sections})

    @property
    def articles(self) -> str:
        """The GDPR articles this questionnaire covers, as words: « 28, 29, 30 et 32 »."""
        from wizard.i18n import _

        names = sorted({s.article for s in self.questionnaire.sections}, key=int)
        if len(names) < 2:
            return "".join(names)
        return _("{first} et {last}").format(first=", ".join(names[:-1]), last=names[-1])

    def percent(self, value: int | None) -> str:
        return "—" if value is None else self.typo.plain(format_percent(value))  # « 34 % », "34%"
