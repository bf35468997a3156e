"""A re-assessment: a new assessment starting from an earlier one's answers, all marked "à revoir".

Only Store calls: the earlier file is read, never changed; the new one links back to it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from wizard.storage import Store


def reassess(store: Store, source_id: str, when: date | None = None) -> str:
    """Create the re-assessment and return its id."""
    old = store.load(source_id)
    new = store.create(old.profile, replace(old.organisation), assessor=old.assessor,
                       participants=[replace(p) for p in old.participants],
                       when=when or date.today(), previous_id=old.id)
    for qid, answer in old.answers.items():
        store.save_answer(new.id, qid, replace(answer, review=True))
    # The plan's follow-up (owners, statuses, custom actions) continues from where it was.
    for action_id, edit in old.action_edits.items():
        store.save_action_edit(new.id, action_id, replace(edit))
    if old.custom_actions:
        store.save_custom_actions(new.id, [replace(c) for c in old.custom_actions])
    return new.id
