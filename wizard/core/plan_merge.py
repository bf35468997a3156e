"""Merging what the audit trail does not record: the plan's edits, the custom actions, the
participants and the details of two copies of one assessment.

The trail records every change of an answer, so answers are merged three-way (merge.py). Plan
edits and custom actions have no trail: their common origin is unknown, so they are merged field
by field. What only one copy holds is taken; a field set in one copy and empty in the other
takes the set value; a status takes the most advanced (« À lancer » → « En cours » → « Fait » or
« Abandonné »); any other field that differs keeps this copy's value and is reported
(a Difference), so that the person merging sees it. Participants are joined; the details
(organisation, assessor, date) stay this copy's, a difference reported.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from wizard.core.model import ActionEdit, Assessment, CustomAction, Participant

STATUS_RANK = {"todo": 0, "doing": 1, "done": 2, "dropped": 2}


@dataclass(frozen=True)
class Difference:
    """A value two copies hold differently, where this copy's was kept.

    kind: "action" (an edit of a computed action), "custom" (a custom action) or "details";
    key: the action's id ("" for details); field: the field's name."""

    copy: int
    label: str
    kind: str
    key: str
    field: str
    mine: str
    theirs: str


def _empty(value: object) -> bool:
    return value is None or value == ""


def _merge_record(mine: object, theirs: object, names: tuple[str, ...]) -> tuple[dict[str, object], list[str]]:
    """Field values merged by the rules above, and the fields kept from mine though they differ."""
    merged: dict[str, object] = {}
    kept: list[str] = []
    for name in names:
        a, b = getattr(mine, name), getattr(theirs, name)
        if a == b or _empty(b):
            merged[name] = a
        elif _empty(a):
            merged[name] = b
        elif name == "status" and STATUS_RANK.get(str(a), -1) != STATUS_RANK.get(str(b), -1):
            merged[name] = max(a, b, key=lambda s: STATUS_RANK.get(str(s), -1))
        else:
            merged[name] = a
            kept.append(name)
    return merged, kept


def _edit(mine: ActionEdit, theirs: ActionEdit) -> tuple[ActionEdit, list[str]]:
    merged, kept = _merge_record(mine, theirs, ("owner", "due", "status", "title"))
    # A priority goes with the reason given for it.
    if mine.priority == theirs.priority or theirs.priority is None:
        priority, reason = mine.priority, mine.priority_reason
    elif mine.priority is None:
        priority, reason = theirs.priority, theirs.priority_reason
    else:
        priority, reason = mine.priority, mine.priority_reason
        kept.append("priority")
    return ActionEdit(priority=priority, priority_reason=reason, **merged), kept  # type: ignore[arg-type]


_CUSTOM_FIELDS = tuple(f.name for f in fields(CustomAction) if f.name != "id")


def _custom(mine: CustomAction, theirs: CustomAction) -> tuple[CustomAction, list[str]]:
    merged, kept = _merge_record(mine, theirs, _CUSTOM_FIELDS)
    return CustomAction(id=mine.id, **merged), kept  # type: ignore[arg-type]


def merge_plan(mine: Assessment, theirs: Assessment, copy: int, label: str) -> list[Difference]:
    """Bring theirs' plan edits, custom actions and participants into mine (changed in place);
    the differences where mine's value was kept."""
    kept: list[Difference] = []
    for aid, edit in theirs.action_edits.items():
        own = mine.action_edits.get(aid)
        if own is None:
            mine.action_edits[aid] = replace(edit)
            continue
        merged, names = _edit(own, edit)
        mine.action_edits[aid] = merged
        kept += [Difference(copy, label, "action", aid, n, str(getattr(own, n) or ""), str(getattr(edit, n) or ""))
                 for n in names]
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
        kept += [Difference(copy, label, "custom", custom.id, n, str(getattr(own_custom, n)), str(getattr(custom, n)))
                 for n in names]
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
