"""Several changes of the plan at once (an imported spreadsheet): what to store, what it changes.

A PlanChange names one action and the fields to set (owner, due date, status, note); fields
left UNSET stay as they are. update_for() turns a list of them into what to store, under the
rules of plan_edits (a computed action keeps only what differs from its proposal; a custom
action is the user's own), and differences() says, field by field, what the plan shows
differently afterwards: the preview before an import, and the audit entry after it (a merge's
entry too: edits_changes()). No storage here: the session stores the update in one write.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from wizard.core import plan_edits
from wizard.core.action_plan import PlannedAction, build_plan, computed_plan
from wizard.core.framework import Framework
from wizard.core.model import ACTION_STATUSES, ActionEdit, Assessment, CustomAction, Text
from wizard.core.questionnaire import Questionnaire
from wizard.i18n import N_, _, format_day
from wizard.typography import for_language

UNSET = plan_edits.UNSET
FIELDS: tuple[str, ...] = ("owner", "due", "status", "priority", "note")  # what the audit compares
FIELD_LABELS: dict[str, str] = {
    "owner": N_("Responsable"),
    "due": N_("Échéance"),
    "status": N_("Statut"),
    "priority": N_("Priorité"),
    "note": N_("Notes"),
}


@dataclass(frozen=True)
class PlanChange:
    """The fields one row of a spreadsheet sets on one action (UNSET: left as it is)."""

    action_id: str
    row: int = 0  # where it came from (a spreadsheet's row number), for messages
    owner: object = UNSET
    due: object = UNSET
    status: object = UNSET
    note: object = UNSET


@dataclass
class PlanUpdate:
    """What to store: edits of computed actions (None removes one), and the whole list of custom
    actions and of notes when they change (None: unchanged)."""

    edits: dict[str, ActionEdit | None]
    custom_actions: list[CustomAction] | None
    notes: dict[str, str] | None

    def applied_to(self, assessment: Assessment) -> Assessment:
        """A copy of the assessment with the update (the original is left as it is)."""
        edits = dict(assessment.action_edits)
        for action_id, edit in self.edits.items():
            if edit is None:
                edits.pop(action_id, None)
            else:
                edits[action_id] = edit
        return replace(assessment, action_edits=edits,
                       custom_actions=list(assessment.custom_actions if self.custom_actions is None
                                           else self.custom_actions),
                       action_notes=dict(assessment.action_notes if self.notes is None else self.notes))


@dataclass(frozen=True)
class FieldChange:
    """One field of one action the plan shows differently: stored values ("" for none)."""

    action_id: str
    title: Text
    field: str
    old: str
    new: str

    def record(self) -> dict[str, str]:
        return {"action": self.action_id, "field": self.field, "old": self.old, "new": self.new}


def note_text(note: object) -> str:
    """A note as kept: line ends made \\n, spaces around the whole trimmed."""
    return str(note or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def update_for(questionnaire: Questionnaire, assessment: Assessment, changes: Iterable[PlanChange]) -> PlanUpdate:
    """What to store for these changes; PlanEditError naming the first the rules refuse."""
    edits: dict[str, ActionEdit | None] = {}
    customs = {c.id: c for c in assessment.custom_actions}
    customs_changed = False
    notes = dict(assessment.action_notes)
    notes_changed = False
    proposals = {a.id: a for a in computed_plan(questionnaire, assessment)}
    for change in changes:
        fields = {k: getattr(change, k) for k in ("owner", "due", "status")}
        if change.action_id in customs:
            customs[change.action_id] = plan_edits.edited_custom(customs[change.action_id], **fields)
            customs_changed = True
        elif change.action_id in proposals:
            current = edits[change.action_id] if change.action_id in edits else \
                assessment.action_edits.get(change.action_id)
            edits[change.action_id] = plan_edits.edited_action(proposals[change.action_id], current, **fields)
        else:
            raise plan_edits.unknown_action(change.action_id)
        if change.note is not UNSET:
            text = note_text(change.note)
            if text != notes.get(change.action_id, ""):
                notes_changed = True
                if text:
                    notes[change.action_id] = text
                else:
                    notes.pop(change.action_id, None)
    ordered = [customs[c.id] for c in assessment.custom_actions]
    return PlanUpdate(edits, ordered if customs_changed else None, notes if notes_changed else None)


def _stored(action: PlannedAction, field: str) -> str:
    value = getattr(action, field)
    return value.isoformat() if isinstance(value, date) else str(value or "")


def differences(before: Sequence[PlannedAction], after: Sequence[PlannedAction]) -> list[FieldChange]:
    """Each field an action shows differently after, in the order of the plan before."""
    later = {a.id: a for a in after}
    out = []
    for action in before:
        new = later.get(action.id)
        if new is None:
            continue
        for field in FIELDS:
            old_value, new_value = _stored(action, field), _stored(new, field)
            if old_value != new_value:
                out.append(FieldChange(action.id, action.title, field, old_value, new_value))
    return out


def plan_after(questionnaire: Questionnaire, assessment: Assessment, update: PlanUpdate) -> list[PlannedAction]:
    return build_plan(questionnaire, update.applied_to(assessment))


def edits_changes(questionnaire: Questionnaire, before: Assessment, after: Assessment) -> list[FieldChange]:
    """What after's plan edits, custom actions and notes change in the plan, against before's
    (a merge's entry in the plan's history): both plans built on after's answers, so that an
    action the answers bring or close is not taken for an edit."""
    then = replace(after, action_edits=dict(before.action_edits), custom_actions=list(before.custom_actions),
                   action_notes=dict(before.action_notes))
    return differences(build_plan(questionnaire, then), build_plan(questionnaire, after))


# -- how a change reads ---------------------------------------------------------------------------
def value_text(field: str, value: str, framework: Framework, lang: str) -> str:
    """A stored value as the user reads it: a status's label, a role's, a date, « — » for none."""
    if not value:
        return "—"
    if field == "status":
        return _(ACTION_STATUSES[value]) if value in ACTION_STATUSES else value
    if field == "owner":
        return framework.owner_label(value, lang)
    if field == "due":
        try:
            return format_day(date.fromisoformat(value), "short")
        except ValueError:
            return value
    if field == "note":
        flat = " ".join(value.split())
        return _("« {text} »").format(text=flat[:80] + "…" if len(flat) > 80 else flat)
    return value


def change_text(change: FieldChange, framework: Framework, lang: str) -> str:
    """« Former l’équipe — Statut : À lancer → Fait »."""
    return for_language(_("{action} — {field} : {old} → {new}").format(
        action=change.title.get(lang), field=_(FIELD_LABELS[change.field]),
        old=value_text(change.field, change.old, framework, lang),
        new=value_text(change.field, change.new, framework, lang)), lang)


# The named changes the plan's history records, as they read (source: the file or files they came from).
EDIT = "edit"
SHEET_IMPORT = "sheet-import"
MERGE = "merge"
OPERATION_LABELS: dict[str, str] = {EDIT: N_("Modification dans Vigie"),
                                    SHEET_IMPORT: N_("Import du tableur « {source} »"),
                                    MERGE: N_("Fusion avec « {source} »")}


def operation_text(operation: str, source: str, lang: str) -> str:
    label = OPERATION_LABELS.get(operation)
    return for_language(_(label).format(source=source), lang) if label else operation
