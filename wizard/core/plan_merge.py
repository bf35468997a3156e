"""Merging the plan's side of two copies of one assessment: the edits of computed actions, the
custom actions, the follow-up notes, the participants and the details.

Every change of the plan is recorded in its history (wizard.operations.session_plan for an edit
on screen, a spreadsheet import, a merge), and a .vigie file carries that history. The entries
both copies hold are their common origin; those only one holds say which fields of which actions
that copy changed since. So a field changed in the other copy only is taken; one changed here
only stays; one changed in both, or in neither by the history's account (an edit made before
Vigie kept it), follows the field-by-field rules: a field set in one copy and empty in the other
takes the set value; any other difference keeps this copy's value and is reported (a
Difference), so that the person merging sees it and nothing changed here is undone in silence.

A status is never empty: an action without one is « À lancer », as its proposal. Two statuses
that differ with no history to tell which copy changed keep this copy's, reported: « Fait » there
may be an action reopened here since, or one the other copy closed since; taking the most
advanced, as Vigie once did, closed again in silence an action reopened here.
Participants are joined; the details (organisation, assessor, date) stay this copy's, a
difference reported.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

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
Entry = Mapping[str, Any]  # an entry of the plan's history: at, by, operation, source, changes


@dataclass(frozen=True)
class PlanTrail:
    """Which (action, field) each copy changed since their common origin, by their histories."""

    mine: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    theirs: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    def only_theirs(self, action_id: str, name: str) -> bool:
        return (action_id, name) in self.theirs and (action_id, name) not in self.mine

    def only_mine(self, action_id: str, name: str) -> bool:
        return (action_id, name) in self.mine and (action_id, name) not in self.theirs


def _key(entry: Entry) -> str:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False)


def own_entries(mine: Sequence[Entry], theirs: Sequence[Entry]) -> tuple[list[Entry], list[Entry]]:
    """The entries of each history that the other lacks, in their order."""
    mine_keys, theirs_keys = {_key(e) for e in mine}, {_key(e) for e in theirs}
    return [e for e in mine if _key(e) not in theirs_keys], [e for e in theirs if _key(e) not in mine_keys]


def trail(mine: Sequence[Entry], theirs: Sequence[Entry]) -> PlanTrail:
    own_mine, own_theirs = own_entries(mine, theirs)

    def touched(entries: list[Entry]) -> frozenset[tuple[str, str]]:
        return frozenset((c["action"], c["field"]) for e in entries for c in e["changes"])

    return PlanTrail(touched(own_mine), touched(own_theirs))


def _merge_record(mine: object, theirs: object, names: tuple[str, ...], action_id: str, known: PlanTrail,
                  implied: Mapping[str, str] | None = None) -> tuple[dict[str, object], Kept]:
    """Field values merged by the rules above, and the fields kept from mine though they differ.
    implied: what an empty field stands for, for a field never empty (the status)."""
    merged: dict[str, object] = {}
    kept: Kept = []
    for name in names:
        a, b = getattr(mine, name), getattr(theirs, name)
        default = (implied or {}).get(name)
        shown_a, shown_b = (str(a or default), str(b or default)) if default else (a, b)
        if shown_a == shown_b or known.only_mine(action_id, name):
            merged[name] = a
        elif known.only_theirs(action_id, name):
            merged[name] = b
        elif default:
            merged[name] = a
            kept.append((name, str(shown_a), str(shown_b)))
        elif _empty(b):
            merged[name] = a
        elif _empty(a):
            merged[name] = b
        else:
            merged[name] = a
            kept.append((name, str(a), str(b)))
    return merged, kept


_STATUS = {"status": PROPOSED_STATUS}


def _edit(action_id: str, mine: ActionEdit, theirs: ActionEdit, known: PlanTrail) -> tuple[ActionEdit, Kept]:
    merged, kept = _merge_record(mine, theirs, ("owner", "due", "status", "title"), action_id, known, _STATUS)
    # A priority goes with the reason given for it.
    if (mine.priority == theirs.priority or known.only_mine(action_id, "priority")
            or (theirs.priority is None and not known.only_theirs(action_id, "priority"))):
        priority, reason = mine.priority, mine.priority_reason
    elif mine.priority is None or known.only_theirs(action_id, "priority"):
        priority, reason = theirs.priority, theirs.priority_reason
    else:
        priority, reason = mine.priority, mine.priority_reason
        kept.append(("priority", mine.priority, str(theirs.priority or "")))
    return ActionEdit(priority=priority, priority_reason=reason, **merged), kept  # type: ignore[arg-type]


_CUSTOM_FIELDS = tuple(f.name for f in fields(CustomAction) if f.name != "id")


def _custom(mine: CustomAction, theirs: CustomAction, known: PlanTrail) -> tuple[CustomAction, Kept]:
    merged, kept = _merge_record(mine, theirs, _CUSTOM_FIELDS, mine.id, known, _STATUS)
    return CustomAction(id=mine.id, **merged), kept  # type: ignore[arg-type]


def merge_plan(mine: Assessment, theirs: Assessment, copy: int, label: str,
               known: PlanTrail | None = None) -> list[Difference]:
    """Bring theirs' plan edits, custom actions, notes and participants into mine (changed in
    place); the differences where mine's value was kept. known: what each copy's history says it
    changed (trail()); without it, every difference follows the field-by-field rules."""
    known = known or PlanTrail()
    kept: list[Difference] = []
    for aid in [*mine.action_edits, *(a for a in theirs.action_edits if a not in mine.action_edits)]:
        merged, names = _edit(aid, mine.action_edits.get(aid) or ActionEdit(),
                              theirs.action_edits.get(aid) or ActionEdit(), known)
        if merged != ActionEdit():
            mine.action_edits[aid] = merged
        else:
            mine.action_edits.pop(aid, None)  # theirs put it back to its proposal
        kept += [Difference(copy, label, "action", aid, n, a, b) for n, a, b in names]
    position = {c.id: i for i, c in enumerate(mine.custom_actions)}
    for custom in theirs.custom_actions:
        i = position.get(custom.id)
        if i is None:
            position[custom.id] = len(mine.custom_actions)
            mine.custom_actions.append(replace(custom))
            continue
        own_custom = mine.custom_actions[i]
        merged_custom, names = _custom(own_custom, custom, known)
        mine.custom_actions[i] = merged_custom
        kept += [Difference(copy, label, "custom", custom.id, n, a, b) for n, a, b in names]
    for aid in [*mine.action_notes, *(a for a in theirs.action_notes if a not in mine.action_notes)]:
        own_note, note = mine.action_notes.get(aid, ""), theirs.action_notes.get(aid, "")
        if own_note == note or known.only_mine(aid, "note"):
            continue
        if known.only_theirs(aid, "note") or not own_note:
            if note:
                mine.action_notes[aid] = note
            else:
                mine.action_notes.pop(aid, None)  # theirs cleared it
        elif note:
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
