"""The cover page: who, what, when, how much was answered, and the confidentiality mark."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from wizard.core import limits
from wizard.i18n import _
from wizard.report.context import ReportContext
from wizard.report.document import CONTENT_WIDTH, Heading
from wizard.report.findings import incomplete_notice
from wizard.report.long_text import clip
from wizard.report.styles import ACCENT, ACCENT_LIGHT, PRIORITY_COLOURS, make_table


def build_cover(ctx: ReportContext) -> list[Flowable]:
    a, ty = ctx.assessment, ctx.typo
    title = ctx.text(ctx.framework.report_title)
    story: list[Flowable] = [
        Spacer(1, 28 * mm),
        Heading(ty.t(title), "cover_title", 0, ty.plain(title)),
        ty.para(_("Auto-évaluation {axes} : {scope}").format(axes=ctx.axes_phrase,
                                                            scope=ctx.text(ctx.framework.scope)), "cover_sub"),
        ty.field(a.organisation.name, limits.ORGANISATION_NAME, "cover_org"),
    ]
    if a.organisation.address:
        story += ty.long(a.organisation.address, limits.ADDRESS, "cover_label")
    if a.organisation.siret:
        story.append(ty.para(_("SIRET : {siret}").format(siret=clip(a.organisation.siret, limits.NAME)),
                             "cover_label"))
    story.append(Spacer(1, 14 * mm))

    rows = [
        (_("Profil évalué"), ctx.framework.profile_label(a.profile, ctx.lang)),
        (_("Date de l'évaluation"), ctx.long_date(a.date)),
        (_("Évaluateur ou évaluatrice"), clip(a.assessor, limits.NAME) or "—"),
    ]
    assert ctx.evaluation is not None
    progress = ctx.evaluation.progress
    rows.append((_("Questions répondues"), _("{answered} sur {visible}").format(answered=progress.answered,
                                                                               visible=progress.total)))
    if a.participants:
        people = ", ".join(f"{clip(p.name, limits.NAME)} ({clip(p.role, limits.NAME)})" if p.role
                           else clip(p.name, limits.NAME) for p in a.participants[:limits.PARTICIPANTS])
        rows.append((_("Participants"), people))
    for label, value in rows:
        story.append(ty.para(label, "cover_label"))
        story.append(ty.para(value, "cover_value"))

    notice = incomplete_notice(ctx)
    story.append(Spacer(1, (6 if notice else 16) * mm))
    story += notice
    if notice:
        story.append(Spacer(1, 6 * mm))
    badge = make_table([[ty.para(_("Confidentiel"), "badge")]], [52 * mm], [
        ("BACKGROUND", (0, 0), (-1, -1), PRIORITY_COLOURS["P1"]),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ], rowHeights=[11 * mm])
    story.append(badge)
    story.append(Spacer(1, 5 * mm))
    notice = make_table([[ty.para(_(
        "Document réservé à la direction de l'organisation évaluée et aux personnes chargées du "
        "plan d'action. Il décrit des faiblesses de sécurité : ne le diffusez pas au-delà."),
        "small")]], [CONTENT_WIDTH], [
        ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
        ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ])
    story.append(notice)
    story.append(PageBreak())
    return story
