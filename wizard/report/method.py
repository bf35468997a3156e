"""Method, references, the self-assessment notice and the embedded copy's digest."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from wizard.i18n import N_, _
from wizard.report.context import ReportContext
from wizard.report.document import CONTENT_WIDTH, Heading
from wizard.report.embedded import ATTACHMENT_NAME
from wizard.report.styles import ACCENT, ACCENT_LIGHT, make_table

METHOD = (
    N_("« Oui » rapporte tout le poids de la question, « Partiellement » la moitié ; « Non » et "
       "« Je ne sais pas » ne rapportent rien : une mesure dont on ne peut pas montrer l'existence "
       "ne protège pas devant un contrôle."),
    N_("« Non applicable » et les questions sans objet (masquées d'après les réponses) ne comptent "
       "ni dans les points obtenus ni dans les points possibles."),
)
# {axes}: the framework's axes assessed, by their short labels (« Art. 28, Art. 29 et Art. 32 »).
SCORE_RULE = N_("Score = 100 × points obtenus ÷ points possibles, arrondi à l'unité, pour chaque section, "
                "pour chaque partie du référentiel ({axes}) et pour l'ensemble.")
PRIORITIES_TEXT = (
    N_("Chaque réponse « Non », « Partiellement » ou « Je ne sais pas » appelle une ou plusieurs "
       "actions du catalogue de Vigie. Une action demandée par plusieurs réponses n'apparaît qu'une "
       "fois, avec la priorité la plus haute et le délai le plus court."),
    N_("P1 — urgent : un risque direct pour les données des patients ou une obligation manifestement "
       "non remplie. P2 — important : à traiter dans les mois qui viennent. P3 — à planifier."),
    N_("L'échéance est la date de l'évaluation plus le délai conseillé. Une priorité modifiée "
       "lors de l'évaluation est signalée dans le plan avec son motif."),
)
def build_method(ctx: ReportContext) -> list[Flowable]:
    ty = ctx.typo
    title = _("Méthode et références")
    story: list[Flowable] = [Heading(ty.t(title), "h1", 0, ty.plain(title))]
    framework = ctx.framework
    labels = [ctx.text(a.label) for a in ctx.questionnaire.axes]
    axes = labels[0] if len(labels) < 2 else _("{first} et {last}").format(first=", ".join(labels[:-1]),
                                                                            last=labels[-1])
    scoring = [ctx.text(framework.method), *(_(m) for m in METHOD), _(SCORE_RULE).format(axes=axes)]
    sections = ((_("Calcul des scores"), scoring),
                (_("Actions et priorités"), [_(p) for p in PRIORITIES_TEXT]),
                (_("Références"), [ctx.text(r) for r in framework.references]))
    for heading, items in sections:
        if not items:
            continue
        story.append(ty.para(heading, "h2"))
        for item in items:
            story.append(ty.markup("• " + ty.t(item), "body"))

    story.append(ty.para(_("Copie de l'évaluation jointe"), "h2"))
    story.append(ty.para(_(
        "Les réponses complètes sont jointes à ce PDF (pièce jointe « {name} », format de fichier de "
        "réponses de Vigie). Elles permettent de reprendre l'évaluation (« vigie import ») ou de la "
        "vérifier. Empreinte SHA-256 de la pièce jointe :").format(name=ATTACHMENT_NAME)))
    digest = ctx.digest
    story.append(ty.para(digest, "mono"))

    story.append(Spacer(1, 4 * mm))
    notice = make_table([[ty.para(_(
        "Ce rapport est une auto-évaluation : il reflète les réponses données par l'organisation. "
        "Il ne constitue ni un avis juridique, ni un audit, ni une certification de conformité, et "
        "n'engage pas la CNIL."), "notice")]], [CONTENT_WIDTH], [
        ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT), ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
    story.append(notice)
    story.append(PageBreak())
    return story
