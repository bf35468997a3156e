"""« Points à compléter au contrat »: the document drawn from a review or from an assessment's
answers, laid out as a PDF (signed like the plan, or left with its empty signature frame) or as
an editable .docx, and put in place atomically: a wrong password or an unwritable folder leaves
no file behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.atomic_files import WriteFailed, write_document
from wizard.core.amendment import Amendment, from_answers, from_review
from wizard.core.contract_answers import statuses_from_answers
from wizard.core.evaluation import Evaluation
from wizard.core.numbering import question_numbers
from wizard.i18n import _, language
from wizard.operations.errors import OperationError
from wizard.operations.processors import relations_of
from wizard.signing.identities import IdentitySpec, SigningError
from wizard.signing.sign import SignatureRequest, sign_pdf
from wizard.typography import typeset

if TYPE_CHECKING:
    from wizard.operations.contracts import Contracts

SUFFIXES = (".pdf", ".docx")


def amendment(contracts: Contracts, ref: str | None, *, assessment_id: str | None = None,
              evaluation: Evaluation | None = None, lang: str = "fr") -> Amendment:
    """From the review of ref's contract (None: the processor's own template); or, when an
    assessment is given (by its id, or already evaluated), from its answers — ref then only names
    the other party."""
    content = contracts.elements
    if assessment_id is None and evaluation is None:
        target = contracts.target(ref)
        review = contracts.reviews.get(target.processor)
        if review is None:
            raise OperationError(typeset(_("le contrat de « {party} » n’a pas encore été revu : revoyez-le d’abord, "
                                          "ou partez des réponses d’une évaluation")).format(party=target.party))
        return from_review(content, review, controller=target.controller, processor=target.party, lang=lang)
    if evaluation is None:
        assert assessment_id is not None
        evaluation = contracts.workspace.evaluation(assessment_id)
    relations = relations_of(contracts.workspace)
    assessment = evaluation.assessment
    if assessment.profile not in (relations.controller, relations.processor):
        raise OperationError(typeset(_("l’évaluation {id} n’est ni celle d’un laboratoire ni celle d’un prestataire")
                                     ).format(id=assessment.id))
    visible = [q.id for q in evaluation.visible]
    numbers = question_numbers(evaluation.questionnaire)  # « 3.2 », as on the screens and in the PDF
    statuses, hosting = statuses_from_answers(content, assessment.answers, visible)
    with language(lang):
        if assessment.profile == relations.controller:
            controller = assessment.organisation.name
            processor = contracts.target(ref).party if ref else _("ses prestataires")
        else:
            controller, processor = _("les laboratoires clients"), assessment.organisation.name
    return from_answers(content, statuses, hosting, assessment.answers, numbers, controller=controller,
                        processor=processor, author=assessment.organisation.name, assessment_day=assessment.date,
                        lang=lang)


def export_amendment(document: Amendment, out: Path, identity: IdentitySpec | None = None, *,
                     signer_name: str = "", signer_role: str = "", certify: bool = False,
                     warn: Callable[[str], None] | None = None) -> Path:
    """Write the document: out ends in .pdf (signed when identity is given, certified when asked)
    or .docx (editable, never signed). OperationError with a plain message otherwise; nothing
    written then."""
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise OperationError(typeset(_("{file} : un fichier .pdf ou .docx est attendu")).format(file=out))
    if suffix == ".docx":
        from wizard.exports.docx import build_amendment_docx

        data = build_amendment_docx(document)
    else:
        from wizard.report.amendment import build_amendment_pdf

        data = build_amendment_pdf(document)
        if identity is not None:
            try:
                data = sign_pdf(data, identity, SignatureRequest(
                    signer_name=signer_name, signer_role=signer_role, lang=document.lang, certify=certify,
                    reason=_reason(document.lang)), warn=warn)
            except SigningError as exc:
                raise OperationError(str(exc)) from None
    try:
        write_document(out, data, private=True)
    except WriteFailed as exc:
        raise OperationError(str(exc)) from None
    return out


def _reason(lang: str) -> str:
    with language(lang):
        return _("document de travail sur le contrat de sous-traitance")
