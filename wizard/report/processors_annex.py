"""The annex « Vos prestataires »: the state of the laboratory's register of processors.

Present when the assessment is linked to a register (Evaluation.processors): one row per
processor with its services, its HDS certificate, its contract, the last assessment it sent,
and what needs attention; each processor that needs attention has its action in the plan.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from wizard.core import limits
from wizard.core.processor_attention import ProcessorState, describe
from wizard.core.processor_facts import fact_line
from wizard.i18n import _, ngettext
from wizard.report.context import ReportContext
from wizard.report.document import CONTENT_WIDTH, Heading
from wizard.report.styles import ACCENT, PRIORITY_COLOURS, RULE, ZEBRA, make_table


def _name_cell(ctx: ReportContext, state: ProcessorState) -> list[Flowable]:
    ty, p = ctx.typo, state.processor
    relations = ctx.questionnaire.relations
    cell: list[Flowable] = [ty.field(p.name, limits.ORGANISATION_NAME, "cell_bold")]
    if p.services and relations is not None:
        cell.append(ty.para(", ".join(relations.service_label(s, ctx.lang) for s in p.services), "cell_small"))
    return cell


def _state_cell(ctx: ReportContext, state: ProcessorState) -> list[Flowable]:
    ty = ctx.typo
    if not state.concerns:
        return [ty.para(_("Rien à signaler"), "cell")]
    return [ty.para("• " + describe(c), "cell") for c in state.concerns]


def build_processors_annex(ctx: ReportContext) -> list[Flowable]:
    """The annex, or nothing when no register is linked to the assessment."""
    evaluation = ctx.evaluation
    states = evaluation.processors if evaluation is not None else ()
    if not states:
        return []
    ty = ctx.typo
    relations = ctx.questionnaire.relations
    title = _("Annexe — Vos prestataires")
    attention = sum(1 for s in states if s.needs_attention)
    story: list[Flowable] = [CondPageBreak(80 * mm), Heading(ty.t(title), "h1", 0, ty.plain(title))]
    story.append(ty.para(ngettext(
        "Votre registre des prestataires compte {n} prestataire au {date}.",
        "Votre registre des prestataires compte {n} prestataires au {date}.", len(states)).format(
            n=len(states), date=ctx.long_date(date.today()))
        + " " + ngettext("{n} demande votre attention : son action figure dans le plan.",
                         "{n} demandent votre attention : leur action figure dans le plan.", attention).format(
            n=attention)))
    head = [ty.para(h, "cell_head") for h in (_("Prestataire"), _("Certificat HDS"), _("Contrat"),
                                              _("Dernière évaluation"), _("À traiter"))]
    rows: list[list[object]] = [head]
    style: list[tuple[object, ...]] = [("BACKGROUND", (0, 0), (-1, 0), ACCENT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)]
    for i, state in enumerate(states, start=1):
        rows.append([_name_cell(ctx, state), ty.para(fact_line("hds", state, relations), "cell_small"),
                     ty.para(fact_line("contract", state, relations), "cell_small"),
                     ty.para(fact_line("assessments", state, relations), "cell_small"), _state_cell(ctx, state)])
        if state.needs_attention:
            style.append(("LINEBEFORE", (0, i), (0, i), 3, PRIORITY_COLOURS[state.priority]))
        if i % 2 == 0:
            style.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
    widths = [40 * mm, 30 * mm, 28 * mm, 32 * mm, CONTENT_WIDTH - 130 * mm]
    story += [make_table(rows, widths, style, repeatRows=1), PageBreak()]
    return story
