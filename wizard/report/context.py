"""Everything a page builder needs, computed once by wizard.core (never recomputed here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from babel.dates import format_date

from wizard.core.action_plan import PlannedAction
from wizard.core.evaluation import Evaluation, evaluate
from wizard.core.flow import Hidden
from wizard.core.framework import Framework
from wizard.core.model import Assessment
from wizard.core.numbering import question_numbers
from wizard.core.questionnaire import Questionnaire
from wizard.core.scoring import Scores
from wizard.i18n import babel_locale, format_index
from wizard.report.document import FieldPlacement
from wizard.report.styles import Typo


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
    evaluation: Evaluation | None = None  # computed here when the caller has none
    typo: Typo = field(init=False)
    numbers: dict[str, str] = field(init=False)  # « 3.2 », as on the screens and on paper
    placements: list[FieldPlacement] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.evaluation is None:
            self.evaluation = evaluate(self.questionnaire, self.assessment)
        self.typo = Typo(self.lang)
        self.numbers = question_numbers(self.questionnaire)

    # What the report prints comes from the one evaluation of the assessment.
    @property
    def scores(self) -> Scores:
        assert self.evaluation is not None
        return self.evaluation.scores

    @property
    def plan(self) -> tuple[PlannedAction, ...]:
        assert self.evaluation is not None
        return self.evaluation.plan

    @property
    def hidden(self) -> Mapping[str, Hidden]:
        assert self.evaluation is not None
        return self.evaluation.hidden

    @property
    def locale(self) -> str:
        return babel_locale(self.lang)

    def long_date(self, when: date) -> str:
        """« 28 novembre 2026 »."""
        return format_date(when, format="long", locale=self.locale)

    def short_date(self, when: date) -> str:
        """« 28/11/2026 », for table cells."""
        return format_date(when, format="short", locale=self.locale)

    @property
    def framework(self) -> Framework:
        return self.questionnaire.framework

    def text(self, text: object) -> str:
        """A framework or content Text in the report's language."""
        return text.get(self.lang)  # type: ignore[attr-defined]

    @property
    def axes_phrase(self) -> str:
        """The axes this questionnaire covers, in a sentence: « des articles 28, 29, 30 et 32 du RGPD »."""
        from wizard.i18n import _

        return self.framework.axes_phrase([a.id for a in self.questionnaire.axes], self.lang,
                                          conjunction=_("{first} et {last}"))

    def axis_labels(self, axis_ids: list[str]) -> str:
        """The axes' short labels in a list: « Art. 28 », « Art. 28 et Art. 32 », « Art. 24, Art. 28 et Art. 32 »."""
        from wizard.i18n import _

        labels = [self.text(self.framework.axis(a).label) for a in axis_ids]
        if len(labels) < 2:
            return "".join(labels)
        return _("{first} et {last}").format(first=", ".join(labels[:-1]), last=labels[-1])

    def owner(self, owner: str) -> str:
        return self.framework.owner_label(owner, self.lang)

    def index(self, value: int | None) -> str:
        return "—" if value is None else self.typo.plain(format_index(value))  # « 34 / 100 », "34/100"
