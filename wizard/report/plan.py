"""The action plan table: one table per priority, each action with why it is needed."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from wizard.core import limits
from wizard.core.action_plan import MAX_DELAY_DAYS, PlannedAction
from wizard.core.model import ACTION_STATUSES, ANSWER_LABELS, PRIORITIES, PRIORITY_LABELS
from wizard.i18n import _, ngettext
from wizard.report.context import ReportContext
from wizard.report.document import CONTENT_WIDTH, Heading
from wizard.report.styles import ACCENT, PRIORITY_COLOURS, RULE, ZEBRA, make_table

MAX_REASONS = 3  # questions quoted per action; the rest are counted


def _why(ctx: ReportContext, action: PlannedAction) -> list[str]:
    """Lines of the « Pourquoi » part, already typographed and escaped."""
    ty, lines = ctx.typo, []
    for qid in action.question_ids[:MAX_REASONS]:
        question = ctx.questionnaire.question(qid)
        answer = ctx.assessment.answers.get(qid)
        shown = _(ANSWER_LABELS[answer.value]) if answer else "—"
        lines.append(ty.t(_("« {question} » — réponse « {answer} »")
                          .format(question=question.text.get(ctx.lang), answer=shown)))
    extra = len(action.question_ids) - MAX_REASONS
    if extra > 0:
        lines.append(ty.t(ngettext("et {n} autre question", "et {n} autres questions", extra)
                          .format(n=extra)))
    if action.refs:
        lines.append(ty.t(_("Références : {refs}").format(refs=", ".join(action.refs))))
    return lines


def _action_cell(ctx: ReportContext, action: PlannedAction) -> list[Flowable]:
    ty = ctx.typo
    cell: list[Flowable] = [ty.field(action.title.get(ctx.lang), limits.ACTION_TITLE, "cell_bold")]
    if action.catalogue_title is not None:  # whose wording the signer read: the organisation's, not the catalogue's
        said = _("Intitulé adapté par l’organisation ; intitulé du référentiel : « {title} »").format(
            title=action.catalogue_title.get(ctx.lang))
        cell.append(ty.markup(f"<i>{ty.t(said)}</i>", "cell_small"))
    description = action.description.get(ctx.lang)
    if description and description != action.title.get(ctx.lang):
        cell += ty.long(description, limits.TEXT, "cell")
    if action.custom:
        cell.append(ty.para(_("Action ajoutée lors de l'évaluation."), "cell_small"))
    why = _why(ctx, action)
    if why:
        label = ty.t(_("Pourquoi :"))  # outside the f-string: Babel extracts it only there
        cell.append(ty.markup(f"<b>{label}</b> " + "<br/>".join(why), "cell_small"))
    limit = MAX_DELAY_DAYS.get(action.priority)
    if limit is not None and (action.due - ctx.assessment.date).days > limit:
        # Only a date chosen by hand gets here: computed ones keep within their priority's delay.
        late = _("Échéance choisie lors de l’évaluation, au-delà des {days} jours prévus pour une {priority}.")
        cell.append(ty.markup(f"<i>{ty.t(late.format(days=limit, priority=action.priority))}</i>", "cell_small"))
    if action.overridden:
        text = _("Priorité modifiée : {computed} calculée, {chosen} retenue.").format(
            computed=action.computed_priority, chosen=action.priority)
        cell.append(ty.markup(f"<i>{ty.t(text)}</i>", "cell_small"))
        if action.priority_reason:
            cell += ty.long(action.priority_reason, limits.TEXT, "cell_small", label=_("Motif :"))
    if action.note.strip():  # the follow-up kept beside the action, as the signer read it
        cell += ty.long(action.note, limits.TEXT, "cell_small", label=_("Suivi :"))
    return cell


def build_plan_section(ctx: ReportContext) -> list[Flowable]:
    ty = ctx.typo
    title = _("Plan d'action")
    story: list[Flowable] = [Heading(ty.t(title), "h1", 0, ty.plain(title))]
    if not ctx.plan:
        story += [ty.para(_("Les réponses données n'appellent aucune action.")), PageBreak()]
        return story
    story.append(ty.para(_(
        "Les actions sont classées par priorité puis par échéance. L'échéance est calculée à partir "
        "de la date de l'évaluation et du délai conseillé pour chaque action ; le responsable et "
        "l'échéance peuvent avoir été ajustés lors de l'évaluation.")))
    widths = [9 * mm, CONTENT_WIDTH - 9 * mm - 33 * mm - 22 * mm - 17 * mm, 33 * mm, 22 * mm, 17 * mm]
    number = 0
    for priority in PRIORITIES:
        actions = [x for x in ctx.plan if x.priority == priority]
        if not actions:
            continue
        heading = ngettext("{label} ({n} action)", "{label} ({n} actions)", len(actions)).format(
            label=_(PRIORITY_LABELS[priority]), n=len(actions))
        story += [CondPageBreak(60 * mm), Heading(ty.t(heading), "h2", 1, ty.plain(heading))]
        head = [ty.para(h, "cell_head") for h in ("N°", _("Action et raison"), _("Responsable"),
                                                    _("Échéance"), _("Statut"))]
        rows = [head]
        for action in actions:
            number += 1
            rows.append([ty.para(str(number), "cell_bold"), _action_cell(ctx, action),
                         ty.field(ctx.owner(action.owner) or "—", limits.NAME),
                         ty.para(ctx.short_date(action.due), "cell"),
                         ty.para(_(ACTION_STATUSES.get(action.status, action.status)), "cell")])
        style = [("BACKGROUND", (0, 0), (-1, 0), ACCENT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                 ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                 ("LINEBEFORE", (0, 1), (0, -1), 3, PRIORITY_COLOURS[priority]),
                 ("TOPPADDING", (0, 1), (-1, -1), 4), ("BOTTOMPADDING", (0, 1), (-1, -1), 5)]
        style += [("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(rows), 2)]
        story.append(make_table(rows, widths, style, repeatRows=1))
    story.append(PageBreak())
    return story
