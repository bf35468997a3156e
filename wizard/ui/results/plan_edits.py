"""Turn what the user changed in the plan editor into Session calls; no Qt here.

A computed action stores only what differs from the plan's proposal (an ActionEdit), so a
later change of the questionnaire still reaches the actions the user did not touch. A
custom action is the user's own: its fields are stored as they are.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from wizard.core.action_plan import PlannedAction, computed_plan
from wizard.core.model import ACTION_STATUSES, PRIORITIES, ActionEdit, CustomAction
from wizard.service import Session, SessionError

_UNSET = object()


class ReasonRequired(SessionError):
    """A priority differing from the proposed one was given without a reason."""


def proposal(session: Session, action_id: str) -> PlannedAction | None:
    """The computed action before any edit, or None for a custom action."""
    for action in computed_plan(session.questionnaire, session.assessment):
        if action.id == action_id:
            return action
    return None


def edit(session: Session, action_id: str, *, owner: object = _UNSET, due: object = _UNSET,
         status: object = _UNSET, priority: object = _UNSET, reason: str = "") -> None:
    """Change some fields of one action (computed or custom) and store it at once."""
    if status is not _UNSET and status not in ACTION_STATUSES:
        raise SessionError(f"unknown status {status!r}")
    if priority is not _UNSET and priority not in PRIORITIES:
        raise SessionError(f"unknown priority {priority!r}")
    customs = session.assessment.custom_actions
    for i, custom in enumerate(customs):
        if custom.id == action_id:
            changed = replace(
                custom,
                owner=custom.owner if owner is _UNSET else str(owner),
                due=custom.due if due is _UNSET else _iso(due),
                status=custom.status if status is _UNSET else str(status),
                priority=custom.priority if priority is _UNSET else str(priority))
            session.set_custom_actions(customs[:i] + [changed] + customs[i + 1:])
            return
    base = proposal(session, action_id)
    if base is None:
        raise SessionError(f"no action {action_id!r} in this plan")
    current = session.assessment.action_edits.get(action_id) or ActionEdit()
    new = replace(current)
    if owner is not _UNSET:
        new.owner = None if not owner or owner == base.owner else str(owner)
    if due is not _UNSET:
        new.due = None if due is None or _iso(due) == base.due.isoformat() else _iso(due)
    if status is not _UNSET:
        new.status = None if status == base.status else str(status)
    if priority is not _UNSET:
        if priority == base.priority:
            new.priority, new.priority_reason = None, ""
        elif not reason.strip():
            raise ReasonRequired("a reason is required to change an action's priority")
        else:
            new.priority, new.priority_reason = str(priority), reason.strip()
    session.edit_action(action_id, None if new == ActionEdit() else new)


def reset(session: Session, action_id: str) -> None:
    """Back to the plan's proposal for a computed action."""
    session.edit_action(action_id, None)


def add_custom(session: Session, title: str, *, description: str = "", priority: str = "P2",
               owner: str = "", due: date | None = None, status: str = "todo") -> CustomAction:
    if not title.strip():
        raise SessionError("a custom action needs a title")
    action = CustomAction(
        id=f"custom-{uuid.uuid4().hex[:12]}", title=title.strip(), description=description.strip(),
        priority=priority, owner=owner.strip(), due=due.isoformat() if due else "", status=status)
    session.set_custom_actions(session.assessment.custom_actions + [action])
    return action


def remove_custom(session: Session, action_id: str) -> None:
    kept = [a for a in session.assessment.custom_actions if a.id != action_id]
    if len(kept) == len(session.assessment.custom_actions):
        raise SessionError(f"no custom action {action_id!r}")
    session.set_custom_actions(kept)


def _iso(value: object) -> str:
    if value is None or value == "":
        return ""
    return value.isoformat() if isinstance(value, date) else date.fromisoformat(str(value)).isoformat()
