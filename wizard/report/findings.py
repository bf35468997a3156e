"""What a signed plan must say before any chart: how much was answered, which « Non applicable »
counted, the critical gaps and the contradictions. Read from the core's evaluation; the cover and
the summary share these blocks so that they never say two different things.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from wizard.core.answer_rules import counted_label
from wizard.core.disclosures import coverage_lines, incomplete_meaning, incomplete_title
from wizard.core.evaluation import Evaluation
from wizard.core.model import ANSWER_LABELS, Question
from wizard.core.scoring import GREEN_FROM, RED_BELOW
from wizard.i18n import _, ngettext
from wizard.report.context import ReportContext
from wizard.report.document import CONTENT_WIDTH
from wizard.report.styles import PRIORITY_COLOURS, RULE, ZEBRA, make_table


def _evaluation(ctx: ReportContext) -> Evaluation:
    assert ctx.evaluation is not None  # ReportContext computes it when the caller has none
    return ctx.evaluation


def incomplete_notice(ctx: ReportContext) -> list[Flowable]:
    """« Évaluation incomplète : N questions sans réponse » in a red-edged box, and what it means;
    nothing when every visible question has an answer."""
    evaluation = _evaluation(ctx)
    title = incomplete_title(evaluation)
    if not title:
        return []
    ty = ctx.typo
    meaning = incomplete_meaning(evaluation)
    box = make_table([[ty.para(title, "warning_title")], [ty.para(meaning, "body")]], [CONTENT_WIDTH], [
        ("BOX", (0, 0), (-1, -1), 1.2, PRIORITY_COLOURS["P1"]),
        ("LINEBEFORE", (0, 0), (0, -1), 4, PRIORITY_COLOURS["P1"]),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, 0), 6),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 4)])
    return [box]


def coverage(ctx: ReportContext) -> list[Flowable]:
    ty = ctx.typo
    return [ty.markup("• " + ty.t(line), "body") for line in coverage_lines(_evaluation(ctx))]


def answer_line(ctx: ReportContext, question: Question) -> str:
    """« {question} » — réponse « {answer} » (untypographed)."""
    answer = ctx.assessment.answers.get(question.id)
    shown = _(ANSWER_LABELS[answer.value]) if answer else _("Sans réponse")
    return _("« {question} » — réponse « {answer} »").format(question=question.text.get(ctx.lang), answer=shown)


def critical_gaps(ctx: ReportContext) -> list[Flowable]:
    """The critical questions answered « Non » or « Je ne sais pas »: question, answer, and where
    it belongs (the framework's axis, « Art. 28 », and the question's references)."""
    ty, evaluation = ctx.typo, _evaluation(ctx)
    story: list[Flowable] = [CondPageBreak(30 * mm), ty.para(_("Points critiques à traiter d’abord"), "h2")]
    gaps = evaluation.critical_gaps
    if not gaps:
        story.append(ty.para(_("Aucune question critique n’est répondue « Non » ou « Je ne sais pas »."), "body"))
        open_ = sum(1 for q in evaluation.unanswered if q.critical and q.scored)
        if open_:
            story.append(ty.para(ngettext("{n} question critique reste sans réponse.",
                                          "{n} questions critiques restent sans réponse.", open_).format(n=open_),
                                 "body"))
        return story
    story.append(ty.para(_(
        "Une question critique répondue « Non » ou « Je ne sais pas » maintient sa partie du référentiel sous "
        "{red} et l’indice global sous {green}, quelles que soient les autres réponses.").format(
        red=ctx.index(RED_BELOW), green=ctx.index(GREEN_FROM)), "body"))
    head = [ty.para(h, "cell_head") for h in (_("Question"), _("Réponse"), _("Référence"))]
    rows = [head]
    for q, answer in gaps:
        shown = counted_label(answer.value)
        refs = _("Réf. {refs}").format(refs=", ".join(q.refs))
        rows.append([ty.para(q.text.get(ctx.lang), "cell"), ty.para(shown, "cell_bold"),
                     [ty.para(ctx.text(ctx.framework.axis(q.axis).label), "cell"), ty.para(refs, "cell_small")]])
    style = [("BACKGROUND", (0, 0), (-1, 0), PRIORITY_COLOURS["P1"]), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE), ("LINEBEFORE", (0, 1), (0, -1), 3, PRIORITY_COLOURS["P1"])]
    style += [("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(rows), 2)]
    story.append(make_table(rows, [CONTENT_WIDTH - 72 * mm, 28 * mm, 44 * mm], style, repeatRows=1))
    return story


def contradictions(ctx: ReportContext) -> list[Flowable]:
    """« Incohérences à lever »: each declared contradiction the answers fall into, with the
    questions involved; nothing when there is none."""
    found = _evaluation(ctx).contradictions
    if not found:
        return []
    ty = ctx.typo
    story: list[Flowable] = [CondPageBreak(30 * mm), ty.para(_("Incohérences à lever"), "h2"),
                             ty.para(_("Ces réponses ne peuvent pas être vraies ensemble : l’une d’elles au moins "
                                       "est à corriger."), "body")]
    for item in found:
        lines = [ty.t(answer_line(ctx, q)) for q in (item.question, *item.conflicting)]
        cell = [ty.para(ctx.text(item.contradiction.text), "cell"),
                ty.markup("<br/>".join(lines), "cell_small")]
        story.append(make_table([[cell]], [CONTENT_WIDTH], [
            ("LINEBEFORE", (0, 0), (0, -1), 3, PRIORITY_COLOURS["P2"]), ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return story
