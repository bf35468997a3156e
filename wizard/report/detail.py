"""The detail of the answers: every visible question by section, and the questions skipped."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from wizard.core import limits
from wizard.core.flow import Hidden
from wizard.core.model import ANSWER_LABELS, Question
from wizard.core.scoring import effective_value
from wizard.i18n import _
from wizard.report.context import ReportContext
from wizard.report.document import CONTENT_WIDTH, Heading
from wizard.report.styles import MUTED, PRIORITY_COLOURS, RULE, make_table

ANSWER_COLOURS = {
    "yes": PRIORITY_COLOURS["P3"],
    "partial": PRIORITY_COLOURS["P2"],
    "no": PRIORITY_COLOURS["P1"],
    "unknown": PRIORITY_COLOURS["P1"],
    "na": MUTED,
}


def _question_cell(ctx: ReportContext, q: Question) -> list[Flowable]:
    ty = ctx.typo
    # The number the screens, the paper questionnaire and the spreadsheets give it; never an internal id.
    where = _("Question {n} · Réf. {refs}").format(n=ctx.numbers[q.id], refs=", ".join(q.refs))
    if q.critical and q.scored:
        where = _("{where} · question critique").format(where=where)
    cell: list[Flowable] = [ty.para(q.text.get(ctx.lang), "cell"), ty.para(where, "cell_small")]
    answer = ctx.assessment.answers.get(q.id)
    if answer is None:
        return cell
    if answer.value == "na" and effective_value(q, answer) != "na":
        cell.append(ty.para(_("« Non applicable » n’est pas prévu pour cette question : la réponse compte comme "
                              "« Je ne sais pas ».") if not q.na_allowed else
                            _("« Non applicable » sans justification : la réponse compte comme « Je ne sais pas »."),
                            "cell_small"))
    extras = [(_("Commentaire :"), answer.note), (_("Preuves :"), answer.evidence)]
    if answer.value == "na":
        extras.append((_("Pourquoi non applicable :"), answer.justification))
    elif answer.justification:
        extras.append((_("Justification :"), answer.justification))
    for label, text in extras:
        if text.strip():
            cell += ty.long(text.strip(), limits.TEXT, "cell_small", label=label)
    if answer.review:
        cell.append(ty.para(_("Réponse reprise d'une évaluation précédente, à revoir."), "cell_small"))
    return cell


def _answer_cell(ctx: ReportContext, q: Question) -> Flowable | list[Flowable]:
    ty = ctx.typo
    answer = ctx.assessment.answers.get(q.id)
    if answer is None:
        # Outside the f-strings: Babel extracts a message only there.
        unanswered, not_shown = ty.t(_("Sans réponse")), _("non démontrée")
        cell = [ty.markup(f"<i>{unanswered}</i>", "cell")]
        return cell + [ty.para(not_shown, "cell_small")] if q.scored else cell
    colour = ANSWER_COLOURS[answer.value].hexval()[2:]
    label = ty.t(_(ANSWER_LABELS[answer.value]))
    shown = ty.markup(f'<font color="#{colour}"><b>{label}</b></font>', "cell")
    counted = effective_value(q, answer)
    if counted == answer.value:
        return shown
    colour = ANSWER_COLOURS[counted or "unknown"].hexval()[2:]
    as_unknown = ty.t(_("compté comme « Je ne sais pas »"))
    return [shown, ty.markup(f'<font color="#{colour}">{as_unknown}</font>', "cell_small")]


def _hidden_reason(ctx: ReportContext, hidden: Hidden) -> str:
    condition = hidden.because
    if condition.reason:
        return condition.reason.get(ctx.lang)
    controlling = ctx.questionnaire.question(condition.question)
    answer = ctx.assessment.answers.get(condition.question)
    if answer is None or condition.question in ctx.hidden:
        return _("La question « {question} » est elle-même sans objet.").format(
            question=controlling.text.get(ctx.lang))
    return _("Sans objet vu la réponse « {answer} » à « {question} ».").format(
        answer=_(ANSWER_LABELS[answer.value]), question=controlling.text.get(ctx.lang))


def build_detail(ctx: ReportContext) -> list[Flowable]:
    ty = ctx.typo
    title = _("Détail des réponses")
    story: list[Flowable] = [Heading(ty.t(title), "h1", 0, ty.plain(title))]
    widths = [CONTENT_WIDTH - 32 * mm, 32 * mm]
    for section in ctx.questionnaire.sections:
        heading = _("{title} ({axis})").format(title=section.title.get(ctx.lang),
                                                 axis=ctx.text(ctx.framework.axis(section.axis).name))
        story += [CondPageBreak(40 * mm), Heading(ty.t(heading), "h2", 1, ty.plain(heading))]
        shown = [q for q in section.questions if q.id not in ctx.hidden]
        if shown:
            rows = [[_question_cell(ctx, q), _answer_cell(ctx, q)] for q in shown]
            table = make_table(rows, widths, [
                ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("LEFTPADDING", (0, 0), (0, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])
            story.append(table)
        skipped = [ctx.hidden[q.id] for q in section.questions if q.id in ctx.hidden]
        if skipped:
            story += [CondPageBreak(25 * mm), ty.para(_("Questions sans objet d'après les réponses"), "h3")]
            rows = [[ty.para(h.question.text.get(ctx.lang), "cell_small"),
                     ty.para(_hidden_reason(ctx, h), "cell_small")] for h in skipped]
            table = make_table(rows, [CONTENT_WIDTH / 2, CONTENT_WIDTH / 2], [
                ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.lightgrey)])
            story.append(table)
    story.append(PageBreak())
    return story
