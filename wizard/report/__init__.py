"""The PDF action plan: ReportLab layout, French typography, the attached assessment.

render_report() is the entry point; wizard.signing signs what it produces, and
wizard.operations.plans chains both for the UI and the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from reportlab.platypus import Flowable

from wizard import __version__
from wizard.core import limits
from wizard.core.evaluation import Evaluation
from wizard.core.model import Assessment
from wizard.core.questionnaire import Questionnaire
from wizard.i18n import _, language, language_tag
from wizard.report.context import ReportContext, SignerSlot
from wizard.report.cover import build_cover
from wizard.report.detail import build_detail
from wizard.report.document import PageDecor, ReportDocument, numbered_canvas
from wizard.report.embedded import assessment_payload, attach_assessment
from wizard.report.evolution import build_evolution
from wizard.report.fonts import register_fonts
from wizard.report.long_text import clip
from wizard.report.method import build_method
from wizard.report.plan import build_plan_section
from wizard.report.processors_annex import build_processors_annex
from wizard.report.signature_page import build_signature_page
from wizard.report.summary import build_summary

__all__ = ["ReportInfo", "SignerSlot", "build_report", "default_signers", "render_report"]


@dataclass(frozen=True)
class ReportInfo:
    """What was produced: file (None when built in memory), page and action counts, the
    SHA-256 of the attached assessment, and the names of the empty signature fields."""

    path: Path | None
    pages: int
    actions: int
    digest: str
    signature_fields: tuple[str, ...]


def default_signers(assessment: Assessment, questionnaire: Questionnaire, lang: str) -> tuple[SignerSlot, ...]:
    """The assessor, then who the profile names to countersign (the organisation's management)."""
    try:
        countersigner = questionnaire.framework.profile(assessment.profile).countersigner.get(lang)
    except KeyError:
        countersigner = _("Direction")
    return (SignerSlot(_("Évaluateur ou évaluatrice"), assessment.assessor, "Signature1"),
            SignerSlot(countersigner, "", "Signature2"))


def build_report(assessment: Assessment, questionnaire: Questionnaire, *, lang: str = "fr",
                 signers: Sequence[SignerSlot] | None = None, evaluation: Evaluation | None = None,
                 extra_pages: Sequence[Callable[[ReportContext], list[Flowable]]] = ()) -> tuple[bytes, ReportInfo]:
    """Lay out the report in memory; see render_report. The report's own labels follow lang,
    like its content, whatever the language of the interface that asked for it. evaluation: the
    assessment's, when the caller has it (linked to the register of processors: its annex);
    extra_pages: more pages before the signatures (a response's own page)."""
    with language(lang):
        return _build_report(assessment, questionnaire, lang, signers, evaluation, extra_pages)


def _build_report(assessment: Assessment, questionnaire: Questionnaire, lang: str,
                  signers: Sequence[SignerSlot] | None, evaluation: Evaluation | None = None,
                  extra_pages: Sequence[Callable[[ReportContext], list[Flowable]]] = ()) -> tuple[bytes, ReportInfo]:
    register_fonts()
    slots = tuple(s if s.field_name else SignerSlot(s.role, s.name, f"Signature{i}")
                  for i, s in enumerate(signers or default_signers(assessment, questionnaire, lang), start=1))
    payload, digest = assessment_payload(assessment)
    ctx = ReportContext(assessment, questionnaire, lang, digest, slots, evaluation)
    ty = ctx.typo
    org = clip(assessment.organisation.name, limits.ORGANISATION_NAME)
    framework = questionnaire.framework
    title = ty.plain(_("{title} — {organisation}").format(title=ctx.text(framework.report_title), organisation=org))
    decor = PageDecor(
        organisation=ty.plain(org), confidential=ty.plain(_("Confidentiel")), title=title,
        page_label=lambda page, total: _("page {page} sur {total}").format(page=page, total=total))
    story = (build_cover(ctx) + build_summary(ctx) + build_evolution(ctx) + build_plan_section(ctx) + build_detail(ctx)
             + build_method(ctx) + build_processors_annex(ctx) + [f for page in extra_pages for f in page(ctx)]
             + build_signature_page(ctx))
    buffer = BytesIO()
    doc = ReportDocument(
        buffer, title=title, author=clip(assessment.assessor, limits.NAME) or org,
        subject=ty.plain(_("Auto-évaluation {axes} — {profile}").format(
            axes=ctx.axes_phrase, profile=framework.profile_label(assessment.profile, lang))),
        keywords=[ty.plain(k) for k in (ctx.text(framework.regulation), *(ctx.text(a.name) for a in questionnaire.axes),
                                        _("plan d'action"))],
        creator=f"Vigie {__version__}", producer=f"Vigie {__version__}", lang=language_tag(lang))
    doc.build(story, canvasmaker=numbered_canvas(decor))

    # The attachment and the empty signature fields are added with pyHanko, which the signing
    # step uses too; ReportLab has no API for either.
    buffer.seek(0)
    writer = IncrementalPdfFileWriter(buffer, strict=False)
    attach_assessment(writer, payload, digest)
    for placement in ctx.placements:
        append_signature_field(writer, SigFieldSpec(placement.name, on_page=placement.page,
                                                    box=placement.box))
    out = BytesIO()
    writer.write(out)
    pages = int(writer.root["/Pages"]["/Count"])
    info = ReportInfo(None, pages, len(ctx.plan), digest, tuple(p.name for p in ctx.placements))
    return out.getvalue(), info


def render_report(assessment: Assessment, questionnaire: Questionnaire, out_path: Path | str, *,
                  lang: str = "fr", signers: Sequence[SignerSlot] | None = None) -> ReportInfo:
    """Write the unsigned report to out_path (atomically) and describe it.

    questionnaire is the profile view (Questionnaire.for_profile); scores, the plan and the
    hidden questions come from wizard.core. signers lists the expected signers in signing
    order, one visible empty signature field each (default: the assessor, then the
    management). The assessment is attached as an answers file whose SHA-256 is printed.
    """
    from wizard.atomic_files import atomic_write_bytes

    data, info = build_report(assessment, questionnaire, lang=lang, signers=signers)
    path = Path(out_path)
    atomic_write_bytes(path, data, private=False)
    return ReportInfo(path, info.pages, info.actions, info.digest, info.signature_fields)
