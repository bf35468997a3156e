"""Comparing stored assessments: two of them, the trend of one organisation, and what the report
of a re-assessment shows of its past. The rules are the core's (wizard.core.compare); this
module finds and reads the assessments.
"""

from __future__ import annotations

from collections.abc import Callable

from wizard.core.compare import Comparison, Evolution, TrendPoint, compare, trend
from wizard.core.evaluation import Evaluation, evaluate
from wizard.core.model import Assessment
from wizard.core.questionnaire import Questionnaire
from wizard.i18n import _, current_language
from wizard.operations.errors import OperationError
from wizard.storage import StorageError, Store
from wizard.typography import french

MAX_CHAIN = 50  # earlier assessments followed through previous_id (a loop in hand-made files stops here)


def _same_organisation(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _profile(view_of: Callable[[Assessment], Questionnaire], assessment: Assessment) -> str:
    return view_of(assessment).framework.profile_label(assessment.profile, current_language()).lower()


def comparison(load: Callable[[str], Assessment], view_of: Callable[[Assessment], Questionnaire],
               before_id: str, after_id: str) -> Comparison:
    """before_id's assessment compared with after_id's, each read with its profile's questionnaire."""
    if before_id == after_id:
        raise OperationError(french(_("choisissez deux évaluations différentes à comparer")))
    before, after = load(before_id), load(after_id)
    if before.profile != after.profile:
        # A laboratory's and a vendor's indices rest on different questions: their difference means nothing.
        raise OperationError(french(_("ces deux évaluations portent sur des profils différents ({before}, {after}) : "
                                      "leurs indices ne mesurent pas les mêmes questions et ne se comparent pas")).format(
            before=_profile(view_of, before), after=_profile(view_of, after)))
    view = view_of(after)
    return compare(evaluate(view_of(before), before), evaluate(view, after), view.versions)


def lineage(store: Store, assessment: Assessment, *, same_name: bool = True) -> list[Assessment]:
    """The assessments of the same organisation and profile (linked by re-assessment, and with
    same_name those of the same name too), this one included, oldest first."""
    found = {assessment.id: assessment}
    current = assessment
    while current.previous_id and current.previous_id not in found and len(found) < MAX_CHAIN:
        try:
            current = store.load(current.previous_id)
        except StorageError:
            break  # deleted or unreadable: the chain stops there
        found[current.id] = current
    for summary in store.list() if same_name else ():
        if summary.id in found or summary.profile != assessment.profile:
            continue
        if _same_organisation(summary.organisation, assessment.organisation.name):
            try:
                found[summary.id] = store.load(summary.id)
            except StorageError:
                continue
    return sorted(found.values(), key=lambda a: (a.date, a.id))


def trend_of(store: Store, view_of: Callable[[Assessment], Questionnaire],
             assessment: Assessment) -> tuple[TrendPoint, ...]:
    return trend([evaluate(view_of(a), a) for a in lineage(store, assessment)])


def evolution(store: Store, after: Evaluation) -> Evolution | None:
    """For the report of a re-assessment: its comparison with the assessment it started from and
    the trend over the earlier ones; None when it started from none that can still be read."""
    assessment = after.assessment
    if not assessment.previous_id:
        return None
    try:
        before = store.load(assessment.previous_id)
    except StorageError:
        return None
    view = after.questionnaire
    if before.profile != assessment.profile:
        return None
    # The chain of re-assessments only: the report is laid out off the screen's thread, and
    # listing the folder there would write its index beside the screens.
    points = [evaluate(view, a) if a.id != assessment.id else after
              for a in lineage(store, assessment, same_name=False) if a.date <= assessment.date]
    return Evolution(compare(evaluate(view, before), after, view.versions), trend(points))
