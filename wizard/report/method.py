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
    N_("Chaque question vérifie une obligation précise du RGPD et porte un poids de 1 à 3 selon la "
       "gravité d'un manquement."),
    N_("« Oui » rapporte tout le poids de la question, « Partiellement » la moitié ; « Non » et "
       "« Je ne sais pas » ne rapportent rien : une mesure dont on ne peut pas montrer l'existence "
       "ne protège pas devant un contrôle."),
    N_("« Non applicable » et les questions sans objet (masquées d'après les réponses) ne comptent "
       "ni dans les points obtenus ni dans les points possibles."),
    N_("Score = 100 × points obtenus ÷ points possibles, arrondi à l'unité, par section, par "
       "article et pour l'ensemble."),
)
PRIORITIES_TEXT = (
    N_("Chaque réponse « Non », « Partiellement » ou « Je ne sais pas » appelle une ou plusieurs "
       "actions du catalogue de Vigie. Une action demandée par plusieurs réponses n'apparaît qu'une "
       "fois, avec la priorité la plus haute et le délai le plus court."),
    N_("P1 — urgent : un risque direct pour les données des patients ou une obligation manifestement "
       "non remplie. P2 — important : à traiter dans les mois qui viennent. P3 — à planifier."),
    N_("L'échéance est la date de l'évaluation plus le délai conseillé. Une priorité modifiée "
       "lors de l'évaluation est signalée dans le plan avec son motif."),
)
REFERENCES = (
    N_("Règlement (UE) 2016/679 (RGPD), articles 28 (sous-traitant), 29 (traitement sous "
       "l'autorité du responsable), 30 (registre des activités de traitement) et 32 (sécurité du "
       "traitement)."),
    N_("CNIL, « Guide pratique de la sécurité des données personnelles », édition 2024."),
    N_("CNIL, « Guide du sous-traitant », septembre 2017 ; décision d'exécution (UE) 2021/915 de la "
       "Commission (clauses contractuelles types entre responsables du traitement et sous-traitants)."),
    N_("CNIL, délibération SAN-2022-009 du 15 avril 2022 (Dedalus Biologie) : fuite de données de "
       "près de 500 000 patients lors d'une migration logicielle."),
    N_("Code de la santé publique, article L. 1111-8 (hébergement de données de santé)."),
)


def build_method(ctx: ReportContext) -> list[Flowable]:
    ty = ctx.typo
    title = _("Méthode et références")
    story: list[Flowable] = [Heading(ty.t(title), "h1", 0, ty.plain(title))]
    for heading, items in ((_("Calcul des scores"), METHOD), (_("Actions et priorités"), PRIORITIES_TEXT),
                           (_("Références"), REFERENCES)):
        story.append(ty.para(heading, "h2"))
        for item in items:
            story.append(ty.markup("• " + ty.t(_(item)), "body"))

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
