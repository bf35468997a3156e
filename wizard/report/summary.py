"""The executive summary: what a director must read first (coverage, critical gaps,
contradictions), then the maturity indices with a chart, actions per priority, the most urgent."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from wizard.core import limits
from wizard.core.disclosures import index_text
from wizard.core.model import PRIORITIES, PRIORITY_LABELS
from wizard.core.scoring import GREEN_FROM, RED_BELOW
from wizard.i18n import _, ngettext
from wizard.report.charts import legend, score_chart
from wizard.report.context import ReportContext
from wizard.report.document import CONTENT_WIDTH, Heading
from wizard.report.findings import contradictions, coverage, critical_gaps, incomplete_notice
from wizard.report.long_text import clip
from wizard.report.styles import ACCENT, PRIORITY_COLOURS, RULE, ZEBRA, make_table


def axis_label(ctx: ReportContext, axis_id: str) -> str:
    """« Art. 28 — sous-traitance »: short enough for the chart's labels."""
    axis = ctx.framework.axis(axis_id)
    return _("{label} — {topic}").format(label=ctx.text(axis.label), topic=ctx.text(axis.topic))


def director_sentences(ctx: ReportContext) -> list[str]:
    """Two or three plain sentences a director reads first."""
    a, scores, plan = ctx.assessment, ctx.scores, ctx.plan
    org = clip(a.organisation.name, limits.ORGANISATION_NAME)
    out = []
    assert ctx.evaluation is not None
    if scores.overall is None:
        out.append(_("Au {date}, rien ne permet de calculer un indice de maturité pour {org} : toutes les "
                     "questions notées sont « Non applicable ».").format(date=ctx.long_date(a.date), org=org))
    else:
        sentence = (_("Au {date}, {org} atteint un indice de maturité global de {score} sur les points contrôlés "
                      "{axes}.") if ctx.evaluation.complete else
                    _("Au {date}, {org} atteint un indice de maturité global provisoire de {score} sur les points "
                      "contrôlés {axes}."))
        out.append(sentence.format(date=ctx.long_date(a.date), org=org, score=ctx.index(scores.overall),
                                   axes=ctx.axes_phrase))
    urgent = [x for x in plan if x.priority == "P1"]
    if not plan:
        out.append(_("Les réponses données n'appellent aucune action."))
    elif urgent:
        first_due = min(x.due for x in urgent)
        count = ngettext("Le plan compte {n} action", "Le plan compte {n} actions", len(plan))
        detail = ngettext(", dont {p1} urgente (P1) à lancer d'ici le {due}.",
                          ", dont {p1} urgentes (P1) à lancer d'ici le {due}.", len(urgent))
        out.append(count.format(n=len(plan)) + detail.format(p1=len(urgent), due=ctx.long_date(first_due)))
    else:
        out.append(ngettext("Le plan compte {n} action ; aucune n'est urgente.",
                            "Le plan compte {n} actions ; aucune n'est urgente.", len(plan))
                   .format(n=len(plan)))
    unassessed = ctx.evaluation.unassessed_axes()
    if unassessed:
        names = [ctx.text(ctx.framework.axis(k).in_sentence) for k in unassessed]
        axes = names[0] if len(names) == 1 else _("{first} et {last}").format(first=", ".join(names[:-1]),
                                                                               last=names[-1])
        out.append(ngettext("{axes} n'a pas encore été évalué : aucune de ses questions n'a de réponse.",
                            "{axes} n'ont pas encore été évalués : aucune de leurs questions n'a de réponse.",
                            len(unassessed)).format(axes=axes[:1].upper() + axes[1:]))
    scored = [(v, i, k) for i, (k, v) in enumerate(scores.axes.items()) if v is not None and k not in unassessed]
    if scored and min(scored)[0] < GREEN_FROM:
        value, _index, weakest = min(scored)
        axis = ctx.framework.axis(weakest)
        out.append(_("Le point le plus faible est {axis} ({topic}), à {score} : "
                     "c'est là que l'effort doit porter en premier.")
                   .format(axis=ctx.text(axis.in_sentence), topic=ctx.text(axis.topic), score=ctx.index(value)))
    return out


def index_rows(ctx: ReportContext) -> list[tuple[str, int | None, str]]:
    """The chart's rows: (label, index, printed value); an index a critical gap holds down says
    so in words beside its value, not by its colour alone."""
    scores = ctx.scores
    def shown(value: int | None) -> str:  # as on the results screen: « non évalué », not a bare dash
        return ctx.index(value) if value is not None else _("non évalué")

    overall = index_text(scores, "overall", shown(scores.overall))
    if ctx.evaluation is not None and scores.overall is not None and ctx.evaluation.measured_indices()[0] is None:
        overall = _("{value} (aucune réponse)").format(value=overall)  # nothing answered at all
    rows = [(_("Indice global"), scores.overall, overall)]
    unassessed = ctx.evaluation.unassessed_axes() if ctx.evaluation is not None else []
    for k, v in scores.axes.items():
        text = index_text(scores, k, shown(v))
        if k in unassessed:  # its 0 says nothing was shown yet, not a finding
            text = _("{value} (aucune réponse)").format(value=text)
        rows.append((axis_label(ctx, k), v, text))
    return rows


def build_summary(ctx: ReportContext) -> list[Flowable]:
    ty = ctx.typo
    title = _("Synthèse")
    story: list[Flowable] = [Heading(ty.t(title), "h1", 0, ty.plain(title))]
    notice = incomplete_notice(ctx)
    if notice:
        story += [*notice, Spacer(1, 3 * mm)]
    for sentence in director_sentences(ctx):
        story.append(ty.para(sentence, "body"))
    story += coverage(ctx)
    # What must never be hidden comes before the chart.
    story += critical_gaps(ctx)
    story += contradictions(ctx)

    story += [CondPageBreak(60 * mm), ty.para(_("Indices de maturité"), "h2")]
    rows = index_rows(ctx)
    story.append(score_chart([(ty.plain(label), v, ty.plain(text)) for label, v, text in rows], CONTENT_WIDTH))
    story.append(legend([ty.plain(_("moins de 50")), ty.plain(_("50 à 79")), ty.plain(_("80 et plus")),
                         ty.plain(_("non évalué"))], CONTENT_WIDTH))
    story.append(ty.para(_("Indice 100 : toutes les mesures contrôlées sont en place et démontrées. Une question sans "
                           "réponse compte comme non démontrée ; une réponse « Non applicable » justifiée, là où "
                           "elle est possible, ne compte pas. « Non évalué » : rien à calculer."), "small"))
    held = [k for k in ctx.scores.axes if k in ctx.scores.held_down]
    if held:
        axes = ctx.axis_labels(held)
        story.append(ty.para(_("« Plafonné » : un point critique maintient {axes} sous {red} et l’indice global "
                               "sous {green}, quelles que soient les autres réponses.").format(
            axes=axes, red=ctx.index(RED_BELOW), green=ctx.index(GREEN_FROM)), "small"))

    story += [CondPageBreak(35 * mm), ty.para(_("Actions par priorité"), "h2")]
    counts = [[ty.para(_(PRIORITY_LABELS[p]), "cell_bold"),
               ty.para(str(sum(1 for x in ctx.plan if x.priority == p)), "cell_bold")]
              for p in PRIORITIES]
    counts.append([ty.para(_("Total"), "cell"), ty.para(str(len(ctx.plan)), "cell")])
    style = [("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE), ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for i, p in enumerate(PRIORITIES):
        style.append(("LINEBEFORE", (0, i), (0, i), 3, PRIORITY_COLOURS[p]))
    story.append(make_table(counts, [60 * mm, 20 * mm], style))

    top = ctx.plan[:5]
    if top:
        story += [CondPageBreak(40 * mm), ty.para(_("Les cinq actions les plus urgentes") if len(top) == 5
                                                  else _("Les actions les plus urgentes"), "h2")]
        head = [ty.para(h, "cell_head") for h in (_("Priorité"), _("Action"), _("Responsable"),
                                                    _("Échéance"))]
        body = [[ty.para(x.priority, "cell_bold"), ty.field(x.title.get(ctx.lang), limits.ACTION_TITLE),
                 ty.field(ctx.owner(x.owner), limits.NAME), ty.para(ctx.short_date(x.due), "cell")]
                for x in top]
        urgent_style = [("BACKGROUND", (0, 0), (-1, 0), ACCENT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)]
        for i, x in enumerate(top, start=1):
            urgent_style.append(("LINEBEFORE", (0, i), (0, i), 3, PRIORITY_COLOURS[x.priority]))
            if i % 2 == 0:
                urgent_style.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
        story.append(make_table([head, *body], [18 * mm, CONTENT_WIDTH - 82 * mm, 40 * mm, 24 * mm],
                                urgent_style, repeatRows=1))
    story.append(PageBreak())
    return story
