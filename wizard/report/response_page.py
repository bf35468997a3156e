"""The page a processor's response adds to its signed plan: which request it answers, for whom.

The laboratory that asked, the request's id and dates, the services and data in scope, and the
answers that differ for this laboratory from the questionnaire the processor answers for all.
Its description (reponse-vigie.json) is attached beside the assessment, under the same signature.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import BytesIO

from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from wizard.core import limits
from wizard.core.model import ANSWER_LABELS
from wizard.core.response_file import ATTACHMENT_NAME, ResponseInfo
from wizard.i18n import _, ngettext
from wizard.report.context import ReportContext
from wizard.report.document import Heading
from wizard.report.long_text import clip


def response_page(info: ResponseInfo) -> Callable[[ReportContext], list[Flowable]]:
    """The page builder for a response (build_report's extra_pages)."""
    def build(ctx: ReportContext) -> list[Flowable]:
        ty = ctx.typo
        relations = ctx.questionnaire.relations
        lab = clip(info.lab.name, limits.ORGANISATION_NAME)
        title = _("Réponse à la demande de {lab}").format(lab=lab)
        story: list[Flowable] = [CondPageBreak(120), Heading(ty.t(title), "h1", 0, ty.plain(title)), ty.para(_(
            "Ce plan d’action répond à la demande {id} de {lab}, faite le {created}, attendue pour le {due}.").format(id=info.request_id, lab=lab, created=ctx.long_date(date.fromisoformat(info.request_created)),
                             due=ctx.long_date(date.fromisoformat(info.request_due))))]
        if relations is not None and info.services:
            story.append(ty.para(_("Prestations concernées : {services}.").format(
                services=", ".join(relations.service_label(s, ctx.lang) for s in info.services))))
        if relations is not None and info.data:
            story.append(ty.para(_("Données concernées : {data}.").format(
                data=", ".join(relations.data_label(d, ctx.lang) for d in info.data))))
        if info.differences:
            story.append(ty.para(ngettext(
                "{n} réponse diffère pour ce laboratoire de celles données pour tous les clients :",
                "{n} réponses diffèrent pour ce laboratoire de celles données pour tous les clients :",
                len(info.differences)).format(n=len(info.differences))))
            for qid in info.differences:
                try:
                    text = ctx.questionnaire.question(qid).text.get(ctx.lang)
                except KeyError:
                    text = qid
                answer = ctx.assessment.answers.get(qid)
                shown = _(ANSWER_LABELS[answer.value]) if answer else "—"
                story.append(ty.para("• " + _("« {question} » — réponse « {answer} »").format(
                    question=text, answer=shown), "cell"))
        else:
            story.append(ty.para(_("Les réponses sont celles données pour tous les clients.")))
        story.append(ty.para(_("La copie de l’évaluation et la description de cette réponse ({file}) sont jointes à ce "
                               "PDF ; la signature les couvre.").format(file=ATTACHMENT_NAME), "small"))
        story.append(PageBreak())
        return story

    return build


def attach_response(pdf: bytes, description: bytes) -> bytes:
    """The plan with the response's description attached (before it is signed: the signature
    then covers it with the assessment)."""
    import hashlib

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from wizard.report.embedded import attach_assessment

    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    attach_assessment(writer, description, hashlib.sha256(description).hexdigest(), name=ATTACHMENT_NAME,
                      title="Réponse Vigie (demande)")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def protect(pdf: bytes, password: str) -> bytes:
    """The same PDF encrypted with the password (AES-256, PDF 2.0), ready to be signed in place."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    writer = copy_into_new_writer(PdfFileReader(BytesIO(pdf), strict=False))
    writer.encrypt(password, password)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
