"""The plan's side of a Session: action edits and custom actions under the core's rules
(wizard.core.plan_edits), and several changes stored as one (an imported spreadsheet).

Every change that shows in the plan is written with its entry in the plan's history (who, each
field, before and after), in the same write: a signed plan's changes can be traced, and a merge
of two copies knows which copy changed what since their common origin (wizard.core.plan_merge).

A mixin of Session, which brings the store, the assessment and the checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from wizard.core import checks, limits, plan_changes, plan_edits
from wizard.core.evaluation import evaluate
from wizard.core.model import ActionEdit, Assessment, CustomAction
from wizard.core.processor_attention import processor_proposal
from wizard.operations.session_errors import SessionError

if TYPE_CHECKING:
    from wizard.core.evaluation import Evaluation
    from wizard.core.questionnaire import Questionnaire
    from wizard.storage import Store


class PlanEditing:
    store: Store
    assessment: Assessment
    questionnaire: Questionnaire

    if TYPE_CHECKING:  # Session's own
        def _writable(self) -> None: ...
        def _record_content(self) -> None: ...
        def _changed(self) -> None: ...
        def evaluation(self) -> Evaluation: ...
        _link: Callable[[Evaluation], Evaluation] | None
        @staticmethod
        def _check(check: Callable[..., object], *args: object) -> None: ...

    def edit_action(self, action_id: str, edit: ActionEdit | None) -> None:
        self._writable()
        self._check(checks.action_id, action_id, "action_edits")
        if edit is not None:
            self._check(checks.check_edit, edit, f"action_edits.{action_id}")
        self._record_content()
        record = self._edit_record(plan_changes.PlanUpdate({action_id: edit}, None, None))
        self.store.save_plan(self.assessment.id, edits={action_id: edit}, custom_actions=None, notes=None,
                             record=record)
        if edit is None:
            self.assessment.action_edits.pop(action_id, None)
        else:
            self.assessment.action_edits[action_id] = edit
        self._changed()

    def set_custom_actions(self, actions: list[CustomAction]) -> None:
        self._writable()
        self._check(checks.check_custom_actions, actions)
        self._record_content()
        record = self._edit_record(plan_changes.PlanUpdate({}, list(actions), None))
        self.store.save_plan(self.assessment.id, edits={}, custom_actions=actions, notes=None, record=record)
        self.assessment.custom_actions = list(actions)
        self._changed()

    def _edit_record(self, update: plan_changes.PlanUpdate) -> dict[str, Any] | None:
        """The history entry of an edit made here: by the assessor, each field the plan shows
        differently (None when none does: a reworded title, a custom action added or removed)."""
        evaluation = evaluate(self.questionnaire, update.applied_to(self.assessment))
        if self._link is not None:  # the register's actions join the plan, as on screen
            evaluation = self._link(evaluation)
        changed = plan_changes.differences(self.evaluation().plan, evaluation.plan)
        if not changed:
            return None
        return {"by": self.assessment.assessor, "operation": plan_changes.EDIT, "source": "",
                "changes": [c.record() for c in changed]}

    # -- the plan, under the core's rules (wizard.core.plan_edits) ------------------------------
    def edit_plan_action(self, action_id: str, *, owner: object = plan_edits.UNSET, due: object = plan_edits.UNSET,
                         status: object = plan_edits.UNSET, priority: object = plan_edits.UNSET,
                         reason: str = "", title: object = plan_edits.UNSET) -> None:
        """Change some fields of one action, computed or custom, and store it at once. title: the
        organisation's wording of the action's title (None: back to the catalogue's)."""
        self._writable()
        customs = self.assessment.custom_actions
        for i, custom in enumerate(customs):
            if custom.id == action_id:
                changed = plan_edits.edited_custom(custom, owner=owner, due=due, status=status, priority=priority,
                                                   title=title)
                self.set_custom_actions(customs[:i] + [changed] + customs[i + 1:])
                return
        base = plan_edits.proposal(self.questionnaire, self.assessment, action_id)
        if base is None:  # an action of the register of processors, when linked
            base = processor_proposal(self.evaluation(), action_id)
        if base is None:
            raise plan_edits.unknown_action(action_id)
        self.edit_action(action_id, plan_edits.edited_action(
            base, self.assessment.action_edits.get(action_id), owner=owner, due=due, status=status,
            priority=priority, reason=reason, title=title))

    def reset_plan_action(self, action_id: str) -> None:
        """Back to the plan's proposal for a computed action, the catalogue's title included."""
        self.edit_action(action_id, None)

    def add_custom_action(self, title: str, **fields: object) -> CustomAction:
        action = plan_edits.new_custom(title, **fields)  # type: ignore[arg-type]
        self.set_custom_actions(self.assessment.custom_actions + [action])
        return action

    def remove_custom_action(self, action_id: str) -> tuple[int, CustomAction]:
        """Remove a custom action; where it was and what it held, to put it back (restore_custom_action)."""
        customs = self.assessment.custom_actions
        for position, action in enumerate(customs):
            if action.id == action_id:
                self.set_custom_actions(customs[:position] + customs[position + 1:])
                return position, action
        raise plan_edits.unknown_action(action_id)

    def restore_custom_action(self, position: int, action: CustomAction) -> None:
        customs = list(self.assessment.custom_actions)
        customs.insert(position, action)
        self.set_custom_actions(customs)

    def set_action_note(self, action_id: str, note: str) -> None:
        """The follow-up note of one action, computed or custom (an empty note removes it)."""
        self._writable()
        if not any(a.id == action_id for a in self.evaluation().plan):
            raise plan_edits.unknown_action(action_id)
        notes = dict(self.assessment.action_notes)
        if note.strip():
            notes[action_id] = note
        else:
            notes.pop(action_id, None)
        if notes == self.assessment.action_notes:
            return  # nothing changed: no write
        self._check(checks.check_action_notes, notes)
        self._record_content()
        record = self._edit_record(plan_changes.PlanUpdate({}, None, notes))
        self.store.save_plan(self.assessment.id, edits={}, custom_actions=None, notes=notes, record=record)
        self.assessment.action_notes = notes
        self._changed()

    # -- several changes of the plan as one (an imported spreadsheet) ---------------------------
    def _plan_update(self, changes: list[plan_changes.PlanChange]) -> tuple[plan_changes.PlanUpdate,
                                                                            list[plan_changes.FieldChange]]:
        try:
            update = plan_changes.update_for(self.questionnaire, self.assessment, changes)
        except plan_edits.PlanEditError as exc:
            raise SessionError(str(exc)) from None
        after = plan_changes.plan_after(self.questionnaire, self.assessment, update)
        return update, plan_changes.differences(self.evaluation().plan, after)

    def preview_plan_changes(self, changes: list[plan_changes.PlanChange]) -> list[plan_changes.FieldChange]:
        """What the plan would show differently after these changes; nothing is stored."""
        return self._plan_update(changes)[1]

    def apply_plan_changes(self, changes: list[plan_changes.PlanChange], *, operation: str, source: str = "",
                           by: str = "") -> list[plan_changes.FieldChange]:
        """Store several changes of the plan as one: one write, one version, and one entry in the
        plan's history naming the operation (« sheet-import »), its source (the file's name), who
        made it (default: the assessor) and every field it changed. All or nothing: a change the
        rules refuse raises SessionError and nothing is stored. Returns the fields changed."""
        self._writable()
        update, changed = self._plan_update(changes)
        if not changed:
            return []
        who = by or self.assessment.assessor
        self._check(checks.text, who, "by", limits.NAME)
        self._check(checks.text, operation, "operation", limits.NAME)
        self._check(checks.text, source, "source", limits.NAME)
        after = update.applied_to(self.assessment)
        for action_id, edit in update.edits.items():
            self._check(checks.action_id, action_id, "action_edits")
            if edit is not None:
                self._check(checks.check_edit, edit, f"action_edits.{action_id}")
        self._check(checks.check_custom_actions, after.custom_actions)
        self._check(checks.check_action_notes, after.action_notes)
        record = {"by": who, "operation": operation, "source": source,
                  "changes": [change.record() for change in changed]}
        self._record_content()
        self.store.save_plan(self.assessment.id, edits=update.edits, custom_actions=update.custom_actions,
                             notes=update.notes, record=record)
        self.assessment.action_edits = after.action_edits
        self.assessment.custom_actions = after.custom_actions
        self.assessment.action_notes = after.action_notes
        self._changed()
        return changed
