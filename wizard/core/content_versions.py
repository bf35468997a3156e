"""Which questions a change of content version brings and takes away.

questionnaires/versions.yaml lists the question ids of every published content version; an
assessment records the version it was started on (Assessment.content_version, "" when it was
made before Vigie recorded it). Comparing two assessments and refusing to merge copies answered
on different versions both ask here which questions are new and which are gone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ContentChange:
    """From the content version `before` to `after`: questions new in after, questions gone.

    known is False when a version is not recorded ("") or not listed: then nothing can be said
    of the questions, and new and gone are empty."""

    before: str
    after: str
    new: tuple[str, ...] = ()
    gone: tuple[str, ...] = ()
    known: bool = True

    @property
    def same(self) -> bool:
        return self.before == self.after


def content_change(versions: Mapping[str, Sequence[str]] | None, before: str, after: str) -> ContentChange:
    """The questions that differ between two content versions, each list in its version's order."""
    if before == after:
        return ContentChange(before, after, known=bool(before))
    listed = versions or {}
    if not before or not after or before not in listed or after not in listed:
        return ContentChange(before, after, known=False)
    old, new = listed[before], listed[after]
    old_ids, new_ids = set(old), set(new)
    return ContentChange(before, after, tuple(q for q in new if q not in old_ids),
                         tuple(q for q in old if q not in new_ids))


def known_versions(versions: Mapping[str, Sequence[str]] | None, current: str) -> tuple[str, ...]:
    """The content versions this content can read: those versions.yaml lists, else the current one."""
    return tuple(versions) if versions else (current,)
