"""The action plan: what the answers call for, deduplicated, dated and ordered.

An action called for by several answers appears once, with every question that called for
it and its most urgent priority. Its delay is the catalogue's, but never longer than its
priority allows: 30 days for P1, 90 for P2 (MAX_DELAY_DAYS). « Non applicable » where the
content does not allow it, or without a justification, calls for the actions of « Je ne sais
pas ». The user's edits (owner, due date, status, priority override with its reason, the
organisation's own wording of the title) and custom actions are applied on top. Order: priority (P1 first), then due date, then
questionnaire order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from wizard.core.flow import Hidden, hidden_questions
from wizard.core.model import Assessment, Text
from wizard.core.questionnaire import Questionnaire
from wizard.core.scoring import effective_value

# The longest delay each priority allows, in days; the catalogue may give a shorter one.
MAX_DELAY_DAYS: dict[str, int] = {"P1": 30, "P2": 90}
CUSTOM_DELAY_DAYS = 90  # a custom action without a due date


@dataclass(frozen=True)
class PlannedAction:
    id: str
    title: Text
    description: Text
    priority: str
    owner: str  # an owner role of the framework, or a name the user typed
    due: date
    question_ids: tuple[str, ...]
    refs: tuple[str, ...]
    status: str = "todo"
    done_when: Text | None = None
    computed_priority: str = ""  # before any override; equal to priority when not overridden
    priority_reason: str = ""
    custom: bool = False
    delay_days: int = 0  # the catalogue's delay, before the priority's limit
    note: str = ""  # the follow-up note the user keeps beside the action
    # The catalogue's title when the organisation reworded it (title then holds its wording).
    catalogue_title: Text | None = None

    @property
    def overridden(self) -> bool:
        return self.priority != self.computed_priority

    @property
    def reworded(self) -> bool:
        """The title is the organisation's wording, not the catalogue's."""
        return self.catalogue_title is not None


def reworded(action: PlannedAction, title: str | None) -> PlannedAction:
    """The action under the organisation's wording of its title (None: the catalogue's), the
    catalogue's kept beside it so that the signed plan can say whose wording it prints."""
    if not title:
        return action
    return replace(action, title=Text(title), catalogue_title=action.catalogue_title or action.title)


def delay_for(priority: str, catalogue_days: int) -> int:
    """The delay an action gets: the catalogue's, within what its priority allows."""
    return min(catalogue_days, MAX_DELAY_DAYS.get(priority, catalogue_days))


def computed_plan(questionnaire: Questionnaire, assessment: Assessment,
                  hidden: Mapping[str, Hidden] | None = None) -> list[PlannedAction]:
    """Actions from the answers alone, before the user's edits."""
    if hidden is None:
        hidden = hidden_questions(questionnaire, assessment.answers)
    found: dict[str, PlannedAction] = {}
    order: dict[str, int] = {}
    start = assessment.date
    for index, q in enumerate(questionnaire.questions):
        value = effective_value(q, assessment.answers.get(q.id))
        if q.id in hidden or value is None:
            continue
        for ref in q.actions.get(value, ()):
            action = questionnaire.actions[ref.action]
            priority = ref.priority or action.priority
            known = found.get(action.id)
            if known is None:
                found[action.id] = PlannedAction(
                    id=action.id, title=action.title, description=action.description,
                    priority=priority, owner=action.owner,
                    due=start + timedelta(days=delay_for(priority, action.delay_days)),
                    question_ids=(q.id,), refs=q.refs, done_when=action.done_when,
                    computed_priority=priority, delay_days=action.delay_days)
                order[action.id] = index
            else:
                best = min(known.priority, priority)
                found[action.id] = replace(
                    known, priority=best, computed_priority=best,
                    due=start + timedelta(days=delay_for(best, action.delay_days)),
                    question_ids=known.question_ids + (q.id,),
                    refs=known.refs + tuple(r for r in q.refs if r not in known.refs))
    return sorted(found.values(), key=lambda a: (a.priority, a.due, order[a.id], a.id))


def build_plan(questionnaire: Questionnaire, assessment: Assessment,
               hidden: Mapping[str, Hidden] | None = None) -> list[PlannedAction]:
    """The plan the user sees and signs: computed actions, edits applied, custom actions added."""
    plan = []
    for action in computed_plan(questionnaire, assessment, hidden):
        edit = assessment.action_edits.get(action.id)
        if edit:
            priority = edit.priority or action.priority
            # A priority raised by the user brings its limit on the delay, unless a date was chosen.
            due = date.fromisoformat(edit.due) if edit.due else \
                assessment.date + timedelta(days=delay_for(priority, action.delay_days))
            action = replace(
                action,
                owner=edit.owner or action.owner,
                due=due,
                status=edit.status or action.status,
                priority=priority,
                priority_reason=edit.priority_reason if edit.priority else "",
            )
            action = reworded(action, edit.title)
        plan.append(action)
    for custom in assessment.custom_actions:
        text = Text(custom.title, custom.title)
        plan.append(PlannedAction(
            id=custom.id, title=text, description=Text(custom.description, custom.description),
            priority=custom.priority, owner=custom.owner,
            due=date.fromisoformat(custom.due) if custom.due else
            assessment.date + timedelta(days=delay_for(custom.priority, CUSTOM_DELAY_DAYS)),
            question_ids=(), refs=(), status=custom.status, computed_priority=custom.priority,
            custom=True))
    notes = assessment.action_notes
    if notes:
        plan = [replace(a, note=notes[a.id]) if a.id in notes else a for a in plan]
    index = {a.id: i for i, a in enumerate(plan)}
    return sorted(plan, key=lambda a: (a.priority, a.due, index[a.id]))
