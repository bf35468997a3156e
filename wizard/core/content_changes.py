"""What changed in the content since an assessment was answered: new questions, retired ones;
and between the versions two assessments were answered on (between(), for comparing them and
for refusing to merge copies answered on different versions).

An assessment records the content version it was answered on (Assessment.content); the
framework's versions.yaml lists the questions of every published version. Opening it on a
newer content tells the user which questions are new (to answer) and which of its answers
belong to questions that are gone (kept in the file, counted nowhere).

versions.yaml lists the questions of every profile together: between() names only those of the
assessments' profile when it is given one (of_profile()), so that a laboratory is never told of a
vendor's new questions.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from wizard.core.model import Assessment
from wizard.core.questionnaire import Questionnaire


@dataclass(frozen=True)
class ContentChanges:
    since: str  # the content version the assessment was answered on ("" when not known)
    now: str
    new: tuple[str, ...]  # questions of the profile that the earlier version did not have
    gone: tuple[str, ...]  # questions answered then that the current content no longer has


def changes_since(view: Questionnaire, assessment: Assessment, whole: Questionnaire | None = None) -> ContentChanges | None:
    """None when the assessment was answered on the current content (or a content of another
    framework, which has no common history); view is the profile's questionnaire, whole the
    framework's (to tell a retired question from one of another profile)."""
    framework = view.framework
    stamp = assessment.content
    if stamp.framework not in ("", framework.id) or stamp.version == framework.content_version:
        return None
    earlier = set((view.versions or {}).get(stamp.version, ()))
    known = {q.id for q in (whole or view).questions}
    new = tuple(q.id for q in view.questions if earlier and q.id not in earlier)
    gone = tuple(qid for qid in assessment.answers if qid not in known)
    if not new and not gone:
        return None
    return ContentChanges(stamp.version, framework.content_version, new, gone)


@dataclass(frozen=True)
class ContentChange:
    """From the content version `before` to `after`: questions new in after, questions gone.

    known is False when a version is not recorded ("") or not listed in versions.yaml: then
    nothing can be said of the questions, and new and gone are empty."""

    before: str
    after: str
    new: tuple[str, ...] = ()
    gone: tuple[str, ...] = ()
    known: bool = True

    @property
    def same(self) -> bool:
        return self.before == self.after


def between(versions: Mapping[str, Sequence[str]] | None, before: str, after: str,
            concerns: Callable[[str], bool] | None = None) -> ContentChange:
    """The questions that differ between two content versions, each list in its version's order;
    with concerns, only the questions it keeps (of_profile(): those of one profile)."""
    if before == after:
        return ContentChange(before, after, known=bool(before))
    listed = versions or {}
    if not before or not after or before not in listed or after not in listed:
        return ContentChange(before, after, known=False)
    old, new = listed[before], listed[after]
    old_ids, new_ids = set(old), set(new)
    keep = concerns or (lambda _qid: True)
    return ContentChange(before, after, tuple(q for q in new if q not in old_ids and keep(q)),
                         tuple(q for q in old if q not in new_ids and keep(q)))


def of_profile(view: Questionnaire, profile: str, *, versions: Mapping[str, Sequence[str]] | None = None,
               answered: Collection[str] = ()) -> Callable[[str], bool]:
    """Whether a question listed in versions.yaml is one of the profile's (for between()).

    view: the profile's questionnaire; versions: the lists between() is given (default: the
    view's). A question of the current content is the profile's when the view has it; a retired
    one (the current content no longer knows it) when it was answered (answered: the ids answered
    in the assessments concerned), else when its id starts with the profile's id (« lab. »,
    « vendor. »: the content's convention); an id naming no profile of the framework is kept,
    nothing saying it is another profile's."""
    own = {q.id for q in view.questions} | set(answered)
    listed = view.versions if versions is None else versions
    current = set((listed or {}).get(view.framework.content_version, ()))
    profiles = set(view.framework.profile_ids)

    def concerns(qid: str) -> bool:
        if qid in own:
            return True
        if qid in current:
            return False  # a question of the current content that the profile does not have
        prefix = qid.split(".", 1)[0]
        return prefix == profile or prefix not in profiles

    return concerns
