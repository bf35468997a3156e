"""Merging what the audit trail does not record: the plan's edits, the custom actions, the
follow-up notes, the participants and the details of two copies of one assessment.

The trail records every change of an answer, so answers are merged three-way (merge.py). Plan
edits, custom actions and notes have no trail: their common origin is unknown, so a difference
cannot tell which copy changed, and they are merged field by field. What only one copy holds is
taken; a field set in one copy and empty in the other takes the set value; any other field that
differs keeps this copy's value and is reported (a Difference), so that the person merging sees
it and nothing changed here is undone in silence.

A status is never empty: an action without one is « À lancer », as its proposal. Two statuses
that differ keep this copy's, reported: « Fait » there may be an action reopened here since, or
one the other copy closed since; without a common origin nothing tells which, and taking the
most advanced, as Vigie once did, closed again in silence an action reopened here.
Participants are joined; the details (organisation, assessor, date) stay this copy's, a
difference reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from wizard.core.model import ActionEdit, Assessment, CustomAction, Participant

# The status of every computed action before an edit (wizard.core.action_plan.PlannedAction).
PROPOSED_STATUS = "todo"


@dataclass(frozen=True)
class Difference:
    """A value two copies hold differently, where this copy's was kept.

    kind: "action" (an edit of a computed action), "custom" (a custom action), "note" (the
    follow-up note of an action) or "details"; key: the action's id ("" for details); field: the
    field's name; mine, theirs: the values as stored (a status key, an ISO date...)."""

    copy: int
    label: str
    kind: str
    key: str
    field: str
    mine: str
    theirs: str


def _empty(value: object) -> bool:
    return value is None or value == ""


Kept = list[tuple[str, str, str]]  # field, this copy's value, the other's


def _merge_record(mine: object, theirs: object, names: tuple[str, ...],
                  implied: Mapping[str, str] | None = None) -> tuple[dict[str, object], Kept]:
    """Field values merged by the rules above, and the fields kept from mine though they differ.
    implied: what an empty field stands for, for a field never empty (the status)."""
    merged: dict[str, object] = {}
    kept: Kept = []
    for name in names:
        a, b = getattr(mine, name), getattr(theirs, name)
        if implied and name in implied:
            merged[name] = a
            shown_a, shown_b = str(a or implied[name]), str(b or implied[name])
            if shown_a != shown_b:
                kept.append((name, shown_a, shown_b))
        elif a == b or _empty(b):
            merged[name] = a
        elif _empty(a):
            merged[name] = b
        else:
            merged[name] = a
            kept.append((name, str(a), str(b)))
    return merged, kept


_STATUS = {"status": PROPOSED_STATUS}


def _edit(mine: ActionEdit, theirs: ActionEdit) -> tuple[ActionEdit, Kept]:
    merged, kept = _merge_record(mine, theirs, ("owner", "due", "status", "title"), _STATUS)
    # A priority goes with the reason given for it.
    if mine.priority == theirs.priority or theirs.priority is None:
        priority, reason = mine.priority, mine.priority_reason
    elif mine.priority is None:
        priority, reason = theirs.priority, theirs.priority_reason
    else:
        priority, reason = mine.priority, mine.priority_reason
        kept.append(("priority", mine.priority, theirs.priority))
    return ActionEdit(priority=priority, priority_reason=reason, **merged), kept  # type: ignore[arg-type]


_CUSTOM_FIELDS = tuple(f.name for f in fields(CustomAction) if f.name != "id")


def _custom(mine: CustomAction, theirs: CustomAction) -> tuple[CustomAction, Kept]:
    merged, kept = _merge_record(mine, theirs, _CUSTOM_FIELDS, _STATUS)
    return CustomAction(id=mine.id, **merged), kept  # type: ignore[arg-type]


def merge_plan(mine: Assessment, theirs: Assessment, copy: int, label: str) -> list[Difference]:
    """Bring theirs' plan edits, custom actions, notes and participants into mine (changed in
    place); the differences where mine's value was kept."""
    kept: list[Difference] = []
    for aid, edit in theirs.action_edits.items():
        own = mine.action_edits.get(aid)
        merged, names = _edit(own or ActionEdit(), edit)
        if merged != ActionEdit():
            mine.action_edits[aid] = merged
        kept += [Difference(copy, label, "action", aid, n, a, b) for n, a, b in names]
    for aid, own in list(mine.action_edits.items()):
        if aid not in theirs.action_edits and (own.status or PROPOSED_STATUS) != PROPOSED_STATUS:
            # Theirs shows the proposal's « À lancer »: a difference as well.
            kept.append(Difference(copy, label, "action", aid, "status", str(own.status), PROPOSED_STATUS))
    position = {c.id: i for i, c in enumerate(mine.custom_actions)}
    for custom in theirs.custom_actions:
        i = position.get(custom.id)
        if i is None:
            position[custom.id] = len(mine.custom_actions)
            mine.custom_actions.append(replace(custom))
            continue
        own_custom = mine.custom_actions[i]
        merged_custom, names = _custom(own_custom, custom)
        mine.custom_actions[i] = merged_custom
        kept += [Difference(copy, label, "custom", custom.id, n, a, b) for n, a, b in names]
    for aid, note in theirs.action_notes.items():
        own_note = mine.action_notes.get(aid, "")
        if not own_note:
            mine.action_notes[aid] = note
        elif own_note != note:
            kept.append(Difference(copy, label, "note", aid, "note", own_note, note))
    names_in = {p.name.casefold().strip() for p in mine.participants}
    for person in theirs.participants:
        if person.name.casefold().strip() not in names_in:
            names_in.add(person.name.casefold().strip())
            mine.participants.append(Participant(person.name, person.role))
    for name, a, b in (("organisation", mine.organisation.name, theirs.organisation.name),
                       ("assessor", mine.assessor, theirs.assessor),
                       ("date", mine.date.isoformat(), theirs.date.isoformat())):
        if a != b:
            kept.append(Difference(copy, label, "details", "", name, a, b))
    return kept
