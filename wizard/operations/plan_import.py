"""The assessment attached to a signed action plan, read back for import (CLI and home page).

Only an attachment a signature vouches for is restored: the plan is verified first, and the
attachment must be the one an intact signature covers, as it stood in the signed revision
and unchanged since (wizard.signing.attachment), with nothing but signatures in the frames
after any signature. A plan with no signature at all is refused with UnsignedPlan, unless
the person accepts it explicitly (accept_unsigned): then nothing vouches for its content.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wizard.core.answers_file import AnswersFileError, assessment_from_dict
from wizard.core.model import Assessment
from wizard.core.questionnaire import Questionnaire
from wizard.i18n import _
from wizard.report.embedded import EmbeddedAssessmentError, decode_assessment
from wizard.signing.verify import SignatureCheck, VerifyError, verify_document


class PlanImportError(ValueError):
    """The plan's assessment is not imported; the message says why, in plain words."""


class UnsignedPlan(PlanImportError):
    """The plan carries no signature: import it only if the person says so."""


@dataclass(frozen=True)
class PlanAssessment:
    assessment: Assessment
    signature: SignatureCheck | None  # the signature that covers it; None: an unsigned plan, accepted


def assessment_from_plan(path: Path | str, questionnaire: Questionnaire, *, data_dir: Path | str | None = None,
                         accept_unsigned: bool = False) -> PlanAssessment:
    """The assessment attached to the plan at path, checked against the questionnaire.

    Raises UnsignedPlan for a plan without signature (unless accept_unsigned), and
    PlanImportError for anything else that keeps it out: not a readable PDF, no attachment,
    a broken signature, an attachment no signature covers, content not an answers file.
    """
    try:
        result = verify_document(path, data_dir=data_dir)
    except VerifyError as exc:
        raise PlanImportError(str(exc)) from None
    attachment, checks = result.attachment, result.signatures
    if attachment.check is None:
        raise PlanImportError(_(
            "{file} : ce PDF ne contient pas de copie de l'évaluation ; seul un plan d'action produit "
            "par Vigie peut être importé.").format(file=path))
    signature = None
    if not checks:
        if not accept_unsigned:
            raise UnsignedPlan(_(
                "{file} : ce plan d'action ne porte aucune signature : rien ne garantit que la copie de "
                "l'évaluation jointe est celle d'origine.").format(file=path))
    elif not all(c.intact for c in checks):
        raise PlanImportError(_(
            "{file} : le document a été modifié après sa signature (signature non valable) ; la copie de "
            "l'évaluation n'est pas importée.").format(file=path))
    elif not attachment.signed_as_is:
        raise PlanImportError(_(
            "{file} : la copie de l'évaluation jointe a été ajoutée ou remplacée après la signature : aucune "
            "signature ne la couvre ; elle n'est pas importée.").format(file=path))
    elif result.verdict == "invalid" or not attachment.covered:
        raise PlanImportError(_(
            "{file} : le document a été modifié après une signature (voir « vigie verify ») ; la copie de "
            "l'évaluation n'est pas importée.").format(file=path))
    else:
        signature = next(c for c in checks if c.field == attachment.covered_by)
    try:
        data = decode_assessment(attachment.check, str(path))
        return PlanAssessment(assessment_from_dict(data, questionnaire), signature)
    except (EmbeddedAssessmentError, AnswersFileError) as exc:
        raise PlanImportError(str(exc)) from None
