"""The plan's due dates as calendar entries: one per action, on its due date.

What each entry says (title, owner, priority, status, what to do) is decided here; the
iCalendar file itself is written by wizard.exports.ics. Each entry's uid stays the same from
one export to the next, so that importing the file again updates the entries instead of
doubling them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wizard.core.evaluation import Evaluation
from wizard.core.model import ACTION_STATUSES, PRIORITY_LABELS
from wizard.i18n import _, language
from wizard.typography import for_language

# iCalendar's PRIORITY: 1 is the highest, 9 the lowest (RFC 5545, 3.8.1.9).
ICAL_PRIORITY = {"P1": 1, "P2": 5, "P3": 9}


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    day: date
    summary: str
    description: str
    priority: int
    open: bool  # not done nor dropped: worth a reminder
    categories: tuple[str, ...] = ()


def calendar_entries(evaluation: Evaluation, lang: str) -> list[CalendarEntry]:
    """One entry per action of the plan, in lang."""
    assessment = evaluation.assessment
    framework = evaluation.framework
    entries = []
    with language(lang):
        def label(text: str) -> str:  # Vigie's words get the typography; what users typed stays as typed
            return for_language(text, lang)

        for action in evaluation.plan:
            title = label(action.title.get(lang))
            lines = [
                label(_("Priorité : {priority}")).format(priority=label(_(PRIORITY_LABELS.get(action.priority,
                                                                                              action.priority)))),
                label(_("Responsable : {owner}")).format(
                    owner=label(framework.owner_label(action.owner, lang)) or label(_("à désigner"))),
                label(_("Statut : {status}")).format(status=_(ACTION_STATUSES.get(action.status, action.status))),
                label(_("Organisme : {organisation}")).format(organisation=assessment.organisation.name),
            ]
            description = label(action.description.get(lang))
            if description and description != title:
                lines += ["", description]
            if action.note:
                lines += ["", label(_("Notes : {note}")).format(note=action.note)]
            if action.refs:
                lines += ["", label(_("Références : {refs}")).format(refs=", ".join(action.refs))]
            entries.append(CalendarEntry(
                uid=f"{action.id}.{assessment.id or 'vigie'}@vigie",
                day=action.due,
                summary=label(_("{priority} · {title} ({organisation})")).format(
                    priority=action.priority, title=title, organisation=assessment.organisation.name),
                description="\n".join(lines),
                priority=ICAL_PRIORITY.get(action.priority, 5),
                open=action.status not in ("done", "dropped"),
                categories=(action.priority,),
            ))
    return entries
