"""The questionnaire on paper: blank for a profile, or pre-filled with an assessment in progress.

The PDF is laid out in memory (wizard.report.questionnaire_pdf) and put in place atomically:
an error leaves no half-written file, and an existing file of that name untouched.
"""

from __future__ import annotations

from pathlib import Path

from wizard.atomic_files import WriteFailed, write_document
from wizard.core.checks import one_of
from wizard.core.evaluation import Evaluation
from wizard.core.questionnaire import Questionnaire
from wizard.i18n import _
from wizard.operations.errors import OperationError
from wizard.report.questionnaire_pdf import build_questionnaire_pdf
from wizard.typography import french


def export_questionnaire(questionnaire: Questionnaire, out_path: Path | str, *, profile: str = "",
                         lang: str = "fr", prefill: Evaluation | None = None) -> Path:
    """Write the questionnaire of a profile (default: the framework's first) as PDF; pre-filled
    with prefill's answers when given (its profile then). OperationError with a plain message."""
    if prefill is not None:
        view, profile = prefill.questionnaire, prefill.assessment.profile
    else:
        profiles = questionnaire.framework.profile_ids
        profile = profile or profiles[0]
        if profile not in profiles:
            raise OperationError(french(_("profil inconnu « {profile} » : {choices} attendu")).format(
                profile=profile, choices=one_of(profiles)))
        view = questionnaire.for_profile(profile)
    try:
        data = build_questionnaire_pdf(view, profile, lang=lang, evaluation=prefill)
    except OSError as exc:
        raise OperationError(_("Le questionnaire n’a pas pu être mis en page : {error}").format(error=exc)) from None
    try:
        write_document(Path(out_path), data)
    except WriteFailed as exc:
        raise OperationError(str(exc)) from None
    return Path(out_path)
