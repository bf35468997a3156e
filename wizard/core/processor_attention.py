"""What needs attention in the register of processors, and what the laboratory's plan gains for it.

A processor needs attention when its HDS certificate is missing (it keeps health data), expired
or expires within HDS_WARNING_DAYS; its review is overdue (the next review's date is past, or the
last one is older than twelve months, or none was ever recorded); no contract is recorded; no
assessment of its own was received, or the latest is older than twelve months; or the latest one
shows open critical gaps. Each such processor gives the laboratory's plan one action, named
after it: P1 when a certificate, the contract or a critical gap is at stake, P2 otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from wizard.core.action_plan import MAX_DELAY_DAYS, PlannedAction, reworded
from wizard.core.evaluation import Evaluation
from wizard.core.model import Assessment, Organisation, Text
from wizard.core.parties import Party, same_party
from wizard.core.processors import Processor, ProcessorsRegister
from wizard.core.questionnaire import Questionnaire
from wizard.core.relations import Relations
from wizard.i18n import _, format_day, language, ngettext

HDS_WARNING_DAYS = 90  # a certificate expiring within this many days needs attention
MAX_AGE_MONTHS = 12  # an assessment or a review older than this is out of date
URGENT = ("hds_missing", "hds_expired", "no_contract", "critical_gaps")  # their action is P1
ACTION_PREFIX = "processor."
# The kind of fact (relations.yaml) that explains each concern, to link the action to its questions.
_FACT_OF = {"hds_missing": "hds", "hds_expired": "hds", "hds_expiring": "hds", "review_overdue": "review",
            "no_contract": "contract", "no_assessment": "assessments", "assessment_old": "assessments",
            "critical_gaps": "assessments"}


@dataclass(frozen=True)
class Concern:
    kind: str  # hds_missing, hds_expired, hds_expiring, review_overdue, no_contract, no_assessment,
    #            assessment_old, critical_gaps
    day: date | None = None  # the date it is about (an expiry, a review due, the last assessment)
    count: int = 0  # how many critical gaps

    @property
    def urgent(self) -> bool:
        return self.kind in URGENT


@dataclass(frozen=True)
class ProcessorState:
    processor: Processor
    concerns: tuple[Concern, ...]

    @property
    def needs_attention(self) -> bool:
        return bool(self.concerns)

    @property
    def priority(self) -> str:
        """P1 when a certificate, the contract or a critical gap is at stake, P2 otherwise."""
        return "P1" if any(c.urgent for c in self.concerns) else "P2"


def months_before(day: date, months: int) -> date:
    """The same day, months earlier (later when negative); the month's last day when it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def concerns(processor: Processor, relations: Relations | None, today: date) -> tuple[Concern, ...]:
    """What needs attention for one processor on the given day."""
    found: list[Concern] = []
    cert = processor.hds
    expires = _day(cert.expires) if cert else None
    hosts = relations is not None and relations.hosts_health_data(processor.services)
    if hosts and (cert is None or not cert.number.strip()):
        found.append(Concern("hds_missing"))
    elif expires is not None and expires < today:
        found.append(Concern("hds_expired", expires))
    elif expires is not None and expires <= today + timedelta(days=HDS_WARNING_DAYS):
        found.append(Concern("hds_expiring", expires))
    year_ago = months_before(today, MAX_AGE_MONTHS)
    due = _day(processor.next_review)
    last = _day(processor.last_review)
    if due is None and last is not None:
        due = months_before(last, -MAX_AGE_MONTHS)
    if due is None or due < today:
        found.append(Concern("review_overdue", due))
    if not processor.has_contract:
        found.append(Concern("no_contract"))
    latest = processor.latest
    if latest is None:
        found.append(Concern("no_assessment"))
    else:
        received = date.fromisoformat(latest.assessment_date)
        if received < year_ago:
            found.append(Concern("assessment_old", received))
        if latest.critical_gaps:
            found.append(Concern("critical_gaps", received, len(latest.critical_gaps)))
    return tuple(found)


def register_states(register: ProcessorsRegister, relations: Relations | None, today: date) -> list[ProcessorState]:
    """Every processor with what needs attention: those needing it first (P1, then P2), then by name."""
    states = [ProcessorState(p, concerns(p, relations, today)) for p in register.processors]
    return sorted(states, key=lambda s: (not s.needs_attention, s.priority, s.processor.name.casefold()))


def describe(concern: Concern) -> str:
    """The concern in a few words, in the current language."""
    when = format_day(concern.day, "short") if concern.day else ""
    if concern.kind == "hds_missing":
        return _("aucun certificat HDS enregistré, alors qu’il conserve des données de santé")
    if concern.kind == "hds_expired":
        return _("certificat HDS expiré le {date}").format(date=when)
    if concern.kind == "hds_expiring":
        return _("certificat HDS qui expire le {date}").format(date=when)
    if concern.kind == "review_overdue":
        return _("revue en retard depuis le {date}").format(date=when) if when else _("aucune revue enregistrée")
    if concern.kind == "no_contract":
        return _("aucun contrat enregistré")
    if concern.kind == "no_assessment":
        return _("aucune évaluation du prestataire reçue")
    if concern.kind == "assessment_old":
        return _("dernière évaluation du prestataire datée du {date}, il y a plus de douze mois").format(date=when)
    return ngettext("{n} point critique ouvert chez le prestataire", "{n} points critiques ouverts chez le prestataire",
                    concern.count).format(n=concern.count)


def applies_to(lab: Party, organisation: Organisation) -> bool:
    """Whether the register is this organisation's: the register names no laboratory yet, or the
    same one (same SIRET, else same name)."""
    if not lab.name.strip():
        return True
    return same_party(lab, Party(organisation.name, organisation.siret))


def _title(name: str) -> Text:
    """The action's title in both languages."""
    def one(lang: str) -> str:
        with language(lang):
            return _("Faire le point avec le prestataire « {name} »").format(name=name)

    return Text(one("fr"), one("en"))


def _description(state: ProcessorState) -> Text:
    def one(lang: str) -> str:
        with language(lang):
            return _("À traiter : {concerns}.").format(concerns="; ".join(describe(c) for c in state.concerns))

    return Text(one("fr"), one("en"))


def processor_actions(states: Iterable[ProcessorState], questionnaire: Questionnaire,
                      assessment: Assessment) -> list[PlannedAction]:
    """One action per processor needing attention, named after it, with the user's edits applied
    (owner, due date, status, priority) as for the plan's other actions."""
    relations = questionnaire.relations
    if relations is None:
        return []
    present = {q.id for q in questionnaire.questions}
    actions = []
    for state in states:
        if not state.needs_attention:
            continue
        p = state.processor
        kinds = {_FACT_OF[c.kind] for c in state.concerns}
        questions = tuple(qid for qid, shown in relations.facts.items() if qid in present and kinds & set(shown))
        action = PlannedAction(
            id=f"{ACTION_PREFIX}{p.id}", title=_title(p.name), description=_description(state), priority=state.priority,
            owner=relations.action_owner, due=assessment.date + timedelta(days=MAX_DELAY_DAYS[state.priority]),
            question_ids=questions, refs=relations.action_refs, computed_priority=state.priority,
            delay_days=MAX_DELAY_DAYS[state.priority])
        actions.append(_edited(action, assessment))
    return actions


def _edited(action: PlannedAction, assessment: Assessment) -> PlannedAction:
    edit = assessment.action_edits.get(action.id)
    if not edit:
        return action
    priority = edit.priority or action.priority
    due = date.fromisoformat(edit.due) if edit.due else \
        assessment.date + timedelta(days=MAX_DELAY_DAYS.get(priority, action.delay_days))
    return reworded(replace(action, owner=edit.owner or action.owner, due=due, status=edit.status or action.status,
                            priority=priority, priority_reason=edit.priority_reason if edit.priority else ""),
                    edit.title)


def linked_evaluation(evaluation: Evaluation, states: Iterable[ProcessorState]) -> Evaluation:
    """The evaluation of a laboratory's assessment with its register of processors: the processors'
    states, and the plan with one action per processor needing attention, in the plan's order."""
    kept = tuple(states)
    added = processor_actions(kept, evaluation.questionnaire, evaluation.assessment)
    plan = list(evaluation.plan) + added
    index = {a.id: i for i, a in enumerate(plan)}
    ordered = sorted(plan, key=lambda a: (a.priority, a.due, index[a.id]))
    return replace(evaluation, plan=tuple(ordered), processors=kept)


def processor_proposal(evaluation: Evaluation, action_id: str) -> PlannedAction | None:
    """A processor's action as proposed, before the user's edits (None: no such action)."""
    bare = replace(evaluation.assessment, action_edits={})
    return next((a for a in processor_actions(evaluation.processors, evaluation.questionnaire, bare)
                 if a.id == action_id), None)
