"""The rules of editing an action plan: what a change of owner, due date, status, priority or
title stores, and what a custom action must hold. No storage here: each function returns what to
store, and the application's operations store it.

A computed action stores only what differs from the plan's proposal (an ActionEdit), so a later
change of the questionnaire still reaches the actions the user did not touch; a priority that
differs from the proposal needs a reason, printed beside it in the signed plan; a title the
organisation rewords is kept as its own wording, the signed plan printing the catalogue's beside
it, and typing the catalogue's wording again brings the catalogue's back. A custom action is the
user's own: its fields are stored as they are.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from wizard.core.action_plan import PlannedAction, computed_plan
from wizard.core.model import ACTION_STATUSES, PRIORITIES, ActionEdit, Assessment, CustomAction
from wizard.core.questionnaire import Questionnaire
from wizard.i18n import _
from wizard.typography import french

UNSET: object = object()  # a field the change leaves as it is


class PlanEditError(ValueError):
    """A plan change the rules refuse; the message is for the user."""


class ReasonRequired(PlanEditError):
    """A priority differing from the proposed one was given without a reason."""


def proposal(questionnaire: Questionnaire, assessment: Assessment, action_id: str) -> PlannedAction | None:
    """The computed action before any edit, or None (a custom action, or none of that id)."""
    for action in computed_plan(questionnaire, assessment):
        if action.id == action_id:
            return action
    return None


def _iso(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise PlanEditError(french(_("date invalide « {value} » : AAAA-MM-JJ attendu")).format(value=value)) from None


def _check(status: object, priority: object) -> None:
    if status is not UNSET and status not in ACTION_STATUSES:
        raise PlanEditError(french(_("statut inconnu « {status} » : {choices} attendu")).format(
            status=status, choices=", ".join(ACTION_STATUSES)))
    if priority is not UNSET and priority not in PRIORITIES:
        raise PlanEditError(french(_("priorité inconnue « {priority} » : {choices} attendu")).format(
            priority=priority, choices=", ".join(PRIORITIES)))


def _title(value: object) -> str:
    """A title as kept: trimmed, never empty (its length is checks.check_edit's and the custom
    actions' check)."""
    title = str(value or "").strip()
    if not title:
        raise PlanEditError(french(_("l’intitulé d’une action ne peut pas être vide")))
    return title


def edited_custom(custom: CustomAction, *, owner: object = UNSET, due: object = UNSET, status: object = UNSET,
                  priority: object = UNSET, title: object = UNSET) -> CustomAction:
    """A custom action with some fields changed."""
    _check(status, priority)
    return replace(
        custom,
        title=custom.title if title is UNSET else _title(title),
        owner=custom.owner if owner is UNSET else str(owner or "").strip(),
        due=custom.due if due is UNSET else _iso(due),
        status=custom.status if status is UNSET else str(status),
        priority=custom.priority if priority is UNSET else str(priority))


def edited_action(base: PlannedAction, current: ActionEdit | None, *, owner: object = UNSET, due: object = UNSET,
                  status: object = UNSET, priority: object = UNSET, reason: str = "",
                  title: object = UNSET) -> ActionEdit | None:
    """The edit to store for a computed action (None: back to the proposal) after some changes.

    title: the organisation's wording of the title; None, or the catalogue's wording (in either
    language, with or without its typography, as the screen shows it), brings the catalogue's back."""
    _check(status, priority)
    new = replace(current) if current is not None else ActionEdit()
    if title is not UNSET:
        wording = None if title is None else _title(title)
        catalogue = wording is None or french(wording) == french(base.title.fr) or wording == base.title.en
        new.title = None if catalogue else wording
    if owner is not UNSET:
        new.owner = None if not owner or owner == base.owner else str(owner).strip()
    if due is not UNSET:
        new.due = None if due is None or _iso(due) == base.due.isoformat() else _iso(due)
    if status is not UNSET:
        new.status = None if status == base.status else str(status)
    if priority is not UNSET:
        if priority == base.priority:
            new.priority, new.priority_reason = None, ""
        elif not reason.strip():
            raise ReasonRequired(french(_("changer la priorité proposée demande un motif (il figure dans le plan "
                                          "signé)")))
        else:
            new.priority, new.priority_reason = str(priority), reason.strip()
    return None if new == ActionEdit() else new


def new_custom(title: str, *, description: str = "", priority: str = "P2", owner: str = "",
               due: date | str | None = None, status: str = "todo") -> CustomAction:
    """A custom action, checked; its id is new."""
    if not title.strip():
        raise PlanEditError(french(_("une action ajoutée doit avoir un intitulé")))
    _check(status, priority)
    return CustomAction(id=f"custom-{uuid.uuid4().hex[:12]}", title=title.strip(), description=description.strip(),
                        priority=priority, owner=owner.strip(), due=_iso(due), status=status)


def unknown_action(action_id: str) -> PlanEditError:
    return PlanEditError(french(_("aucune action « {id} » dans ce plan")).format(id=action_id))
