"""The page « Évolution depuis l’évaluation du … » of a re-assessment's report.

Everything it prints comes from the core's comparison (wizard.core.compare): the indices then
and now, the answers that improved or worsened, the actions closed, new and still open, the
questions new or gone between content versions, and, over three assessments or more, the trend
per axis as a chart. The report is laid out with the assessment alone; the operations that know
the earlier one hand the comparison over with showing(), around the layout. Without one, or for
another assessment, the page is left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from wizard.core import limits
from wizard.core.compare import CLOSED_LABELS, AnswerChange, Evolution, IndexChange
from wizard.core.model import ANSWER_LABELS
from wizard.i18n import _, ngettext
from wizard.report.context import ReportContext
from wizard.report.document import CONTENT_WIDTH, Heading
from wizard.report.fonts import REGULAR
from wizard.report.styles import ACCENT, INK, MUTED, PRIORITY_COLOURS, RULE, ZEBRA, make_table

_EVOLUTION: ContextVar[Evolution | None] = ContextVar("vigie_report_evolution", default=None)
LINE_COLOURS = (ACCENT, PRIORITY_COLOURS["P1"], PRIORITY_COLOURS["P2"], PRIORITY_COLOURS["P3"], MUTED, INK)
LISTED = 40  # answers or actions listed by name; more are counted


@contextmanager
def showing(evolution: Evolution | None) -> Iterator[None]:
    """Reports laid out in this block (in this thread) show the evolution of its assessment."""
    token = _EVOLUTION.set(evolution)
    try:
        yield
    finally:
        _EVOLUTION.reset(token)


def _delta(ctx: ReportContext, change: IndexChange) -> str:
    """« +12 points », « −3 points », « = »."""
    if change.delta is None:
        return "—"
    if not change.delta:
        return "="
    sign = "+" if change.delta > 0 else "−"
    return ngettext("{sign}{n} point", "{sign}{n} points", abs(change.delta)).format(sign=sign, n=abs(change.delta))


def _index_table(ctx: ReportContext, rows: list[tuple[str, IndexChange]], before: str, after: str) -> Flowable:
    ty = ctx.typo
    head = [ty.para(h, "cell_head") for h in (_("Indice"), before, after, _("Écart"))]
    body = [[ty.para(label, "cell"), ty.para(ctx.index(c.before), "cell"), ty.para(ctx.index(c.after), "cell"),
             ty.para(_delta(ctx, c), "cell_bold")] for label, c in rows]
    style = [("BACKGROUND", (0, 0), (-1, 0), ACCENT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)]
    style += [("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(body) + 1, 2)]
    return make_table([head, *body], [CONTENT_WIDTH - 84 * mm, 28 * mm, 28 * mm, 28 * mm], style, repeatRows=1)


def _answers(ctx: ReportContext, title: str, changes: tuple[AnswerChange, ...]) -> list[Flowable]:
    if not changes:
        return []
    ty = ctx.typo

    def label(answer: object) -> str:
        return _("sans réponse") if answer is None else _(ANSWER_LABELS[answer.value])  # type: ignore[attr-defined]

    head = [ty.para(h, "cell_head") for h in (_("Question"), _("Avant"), _("Après"))]
    body = [[ty.para(c.question.text.get(ctx.lang), "cell"), ty.para(label(c.before), "cell"),
             ty.para(label(c.after), "cell_bold")] for c in changes[:LISTED]]
    style = [("BACKGROUND", (0, 0), (-1, 0), ACCENT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)]
    story: list[Flowable] = [CondPageBreak(30 * mm), ty.para(f"{title} ({len(changes)})", "h2"),
                             make_table([head, *body], [CONTENT_WIDTH - 60 * mm, 30 * mm, 30 * mm], style,
                                        repeatRows=1)]
    if len(changes) > LISTED:
        story.append(ty.para(_("… et {n} autres.").format(n=len(changes) - LISTED), "small"))
    return story


def _actions(ctx: ReportContext, evolution: Evolution) -> list[Flowable]:
    ty, c = ctx.typo, evolution.comparison
    rows: list[list[Flowable]] = []
    for closed in c.closed[:LISTED]:
        rows.append([ty.para(_("Close"), "cell_bold"), ty.field(closed.action.title.get(ctx.lang), limits.ACTION_TITLE),
                     ty.para(_(CLOSED_LABELS[closed.how]), "cell")])
    for action in c.new_actions[:LISTED]:
        rows.append([ty.para(_("Nouvelle"), "cell_bold"), ty.field(action.title.get(ctx.lang), limits.ACTION_TITLE),
                     ty.para(_("{priority}, échéance {due}").format(priority=action.priority,
                                                                     due=ctx.short_date(action.due)), "cell")])
    for still in c.still_open[:LISTED]:
        late = ngettext("{n} jour de retard", "{n} jours de retard", still.days_late).format(n=still.days_late) \
            if still.days_late else _("pas encore en retard")
        rows.append([ty.para(_("Toujours ouverte"), "cell_bold"),
                     ty.field(still.action.title.get(ctx.lang), limits.ACTION_TITLE),
                     ty.para(_("prévue le {due} : {late}").format(due=ctx.short_date(still.first_due), late=late),
                             "cell")])
    n_closed, n_new, n_open = len(c.closed), len(c.new_actions), len(c.still_open)
    counts = ", ".join((ngettext("{n} close", "{n} closes", n_closed).format(n=n_closed),
                        ngettext("{n} nouvelle", "{n} nouvelles", n_new).format(n=n_new),
                        ngettext("{n} toujours ouverte", "{n} toujours ouvertes", n_open).format(n=n_open)))
    story: list[Flowable] = [CondPageBreak(30 * mm), ty.para(_("Actions"), "h2"), ty.para(_(
        "{counts} ; le retard est compté depuis l’échéance du plan précédent jusqu’à la date de cette "
        "évaluation.").format(counts=counts), "body")]
    if rows:
        head = [ty.para(h, "cell_head") for h in (_("État"), _("Action"), _("Détail"))]
        style = [("BACKGROUND", (0, 0), (-1, 0), ACCENT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                 ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)]
        story.append(make_table([head, *rows], [30 * mm, CONTENT_WIDTH - 85 * mm, 55 * mm], style, repeatRows=1))
    return story


def _content(ctx: ReportContext, evolution: Evolution) -> list[Flowable]:
    change, ty = evolution.comparison.content, ctx.typo
    if change.same or not change.known:
        return []
    titles = {q.id: q.text.get(ctx.lang) for q in ctx.questionnaire.questions}
    story: list[Flowable] = [CondPageBreak(25 * mm), ty.para(_("Questions nouvelles ou retirées"), "h2"),
                             ty.para(_("Le contenu est passé de la version {before} à la version {after}.").format(
                                 before=change.before, after=change.after), "body")]
    if change.new:
        story.append(ty.para(_("Nouvelles : {list}").format(
            list=" ; ".join(titles.get(q, q) for q in change.new)), "small"))
    if change.gone:  # a question the current content no longer has is named by its id
        story.append(ty.para(_("Retirées : {list}").format(
            list=" ; ".join(titles.get(q, q) for q in change.gone)), "small"))
    return story


def trend_chart(ctx: ReportContext, evolution: Evolution, width: float) -> Drawing:
    """One line per axis over the assessments, oldest on the left."""
    points = evolution.trend
    axes = [a.id for a in ctx.questionnaire.axes]
    height = 70 * mm
    drawing = Drawing(width, height)
    drawing.initialFontName = REGULAR
    drawing.initialFontSize = 8
    chart = HorizontalLineChart()
    chart.x, chart.y = 12 * mm, 22 * mm
    chart.width, chart.height = width - 20 * mm, height - 28 * mm
    chart.data = [[p.axes.get(a) for p in points] for a in axes]
    chart.categoryAxis.categoryNames = [ctx.short_date(p.date) for p in points]
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = REGULAR
        axis.labels.fontSize = 7.5
        axis.strokeColor = RULE
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    for i in range(len(axes)):
        chart.lines[i].strokeColor = LINE_COLOURS[i % len(LINE_COLOURS)]
        chart.lines[i].strokeWidth = 1.6
        chart.lines[i].strokeDashArray = None if i < len(LINE_COLOURS) else (3, 2)
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 12 * mm, 8 * mm
    legend.fontName, legend.fontSize = REGULAR, 7.5
    legend.alignment = "right"
    legend.columnMaximum = 2
    legend.colorNamePairs = [(LINE_COLOURS[i % len(LINE_COLOURS)],
                              ctx.typo.plain(ctx.text(ctx.framework.axis(a).label)))
                             for i, a in enumerate(axes)]
    drawing.add(legend)
    return drawing


def build_evolution(ctx: ReportContext) -> list[Flowable]:
    """The evolution page, or nothing when no comparison of this assessment was handed over."""
    evolution = _EVOLUTION.get()
    if evolution is None or evolution.comparison.after.assessment.id != ctx.assessment.id:
        return []
    ty, c = ctx.typo, evolution.comparison
    earlier = c.before.assessment.date
    title = _("Évolution depuis l’évaluation du {date}").format(date=ctx.long_date(earlier))
    before, after = ctx.short_date(earlier), ctx.short_date(c.after.assessment.date)
    story: list[Flowable] = [Heading(ty.t(title), "h1", 0, ty.plain(title))]
    if c.overall.before is not None and c.overall.after is not None:
        story.append(ty.para(_("L’indice global est passé de {before} à {after} ({delta}).").format(
            before=ctx.index(c.overall.before), after=ctx.index(c.overall.after), delta=_delta(ctx, c.overall)),
            "body"))
    up, down, other = len(c.improved), len(c.worsened), len(c.other_changes)
    story.append(ty.para(", ".join((
        ngettext("{n} réponse améliorée", "{n} réponses améliorées", up).format(n=up),
        ngettext("{n} dégradée", "{n} dégradées", down).format(n=down),
        ngettext("{n} autre changement", "{n} autres changements", other).format(n=other))) + ".", "body"))
    rows = [(_("Indice global"), c.overall)]
    rows += [(ctx.text(ctx.framework.axis(i.id).label), i) for i in c.axes if _known_axis(ctx, i.id)]
    story += [ty.para(_("Par article"), "h2"), _index_table(ctx, rows, before, after)]
    titles = {s.id: s.title.get(ctx.lang) for s in ctx.questionnaire.sections}
    sections = [(titles.get(i.id, i.id), i) for i in c.sections]
    story += [CondPageBreak(30 * mm), ty.para(_("Par thème"), "h2"), _index_table(ctx, sections, before, after)]
    if len(evolution.trend) >= 3:
        story += [CondPageBreak(75 * mm), ty.para(_("Tendance par article"), "h2"),
                  trend_chart(ctx, evolution, CONTENT_WIDTH), Spacer(1, 2 * mm)]
    story += _answers(ctx, _("Réponses améliorées"), c.improved)
    story += _answers(ctx, _("Réponses dégradées"), c.worsened)
    story += _actions(ctx, evolution)
    story += _content(ctx, evolution)
    story.append(PageBreak())
    return story


def _known_axis(ctx: ReportContext, axis_id: str) -> bool:
    try:
        ctx.framework.axis(axis_id)
    except KeyError:
        return False
    return True
