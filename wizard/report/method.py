"""Method, references, the self-assessment notice and the embedded copy's digest."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from wizard.core.action_plan import MAX_DELAY_DAYS
from wizard.core.scoring import GREEN_FROM, RED_BELOW
from wizard.i18n import N_, _
from wizard.report.context import ReportContext
from wizard.report.document import CONTENT_WIDTH, Heading
from wizard.report.embedded import ATTACHMENT_NAME
from wizard.report.styles import ACCENT, ACCENT_LIGHT, make_table

# The rules of wizard.core.scoring and wizard.core.action_plan, in their words; the numbers
# come from the code ({red}, {green}, {p1}, {p2}) so that the page cannot drift from it.
INDEX_RULES = (
    N_("Un indice de maturité mesure ce que l'organisation déclare et peut montrer ; ce n'est pas un "
       "taux de conformité."),
    N_("« Oui » rapporte tout le poids de la question, « Partiellement » la moitié ; « Non », « Je ne sais "
       "pas » et l'absence de réponse ne rapportent rien : ce qui ne peut pas être montré lors d'un "
       "contrôle n'est pas démontré."),
    # {axes}: the framework's axes assessed, by their short labels (« Art. 28, Art. 29 et Art. 32 »).
    N_("Indice = 100 × points obtenus ÷ points possibles, arrondi à l'unité la plus proche (12,5 donne 13), "
       "pour chaque section, pour chaque partie du référentiel ({axes}) et pour l'ensemble. Un indice ne "
       "dépasse jamais la part des questions répondues de son groupe (arrondie à l'unité inférieure) : une "
       "seule réponse « Oui » ne fait pas un bon indice."),
    N_("« Non applicable » n'est possible que là où le contenu le prévoit (l'aide de la question dit quand), "
       "et toujours avec une justification : la question sort alors du calcul. Ailleurs, ou sans "
       "justification, la réponse compte comme « Je ne sais pas »."),
    N_("Une question est sans objet, masquée et hors du calcul, quand la réponse à la question dont elle "
       "dépend l'écarte. Une question sans réponse ne masque rien, et « Non applicable » sur une question "
       "dont d'autres dépendent compte comme « Je ne sais pas » : il ne masque rien. Les questions d'entrée "
       "que le contenu désigne ainsi ne sont pas notées : leur « Non » est un fait, pas un manquement."),
    N_("Une question critique (par défaut celles de poids 3 ; le contenu peut en décider autrement) répondue "
       "« Non » ou « Je ne sais pas » maintient sa section et sa partie du référentiel sous {red}, et "
       "l'indice global sous {green}, quelles que soient les autres réponses ; l'indice est alors dit "
       "« plafonné »."),
    N_("Un groupe où tout est « Non applicable » n'a pas d'indice (« non évalué »), et non 100."),
)
PRIORITY_RULES = (
    N_("Chaque réponse « Partiellement », « Non » ou « Je ne sais pas » appelle une ou plusieurs actions du "
       "catalogue de Vigie, à la priorité que le contenu fixe pour cette réponse. Une question sans réponse "
       "n'appelle encore aucune action."),
    N_("Une réponse « Partiellement », « Non » ou « Je ne sais pas » à une question critique appelle "
       "toujours au moins une action P1."),
    N_("P1 — urgent : un risque direct pour les données des patients ou une obligation manifestement "
       "non remplie. P2 — important : à traiter dans les mois qui viennent. P3 — à planifier."),
    N_("Une action demandée par plusieurs réponses n'apparaît qu'une fois, à la priorité la plus urgente "
       "de celles qui la demandent."),
    N_("L'échéance est la date de l'évaluation plus le délai de l'action : au plus {p1} jours pour une P1 "
       "et {p2} jours pour une P2, moins si le contenu le prévoit. Une priorité modifiée lors de "
       "l'évaluation est signalée dans le plan avec son motif ; une échéance choisie à la main l'est "
       "aussi quand elle dépasse ce délai."),
)


def build_method(ctx: ReportContext) -> list[Flowable]:
    ty = ctx.typo
    title = _("Méthode et références")
    story: list[Flowable] = [Heading(ty.t(title), "h1", 0, ty.plain(title))]
    framework = ctx.framework
    axes = ctx.axis_labels([a.id for a in ctx.questionnaire.axes])
    numbers = {"axes": axes, "red": ctx.index(RED_BELOW), "green": ctx.index(GREEN_FROM),
               "p1": MAX_DELAY_DAYS["P1"], "p2": MAX_DELAY_DAYS["P2"]}
    scoring = [ctx.text(framework.method), *(_(rule).format(**numbers) for rule in INDEX_RULES)]
    sections = ((_("Calcul des indices de maturité"), scoring),
                (_("Actions et priorités"), [_(rule).format(**numbers) for rule in PRIORITY_RULES]),
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
