"""The covering letter of a request: one page telling the processor what is asked and what to do.

The laboratory sends it with the request file: who asks, for which services and data, by when,
the request's id and the fingerprint of its file, the steps in Vigie, and whether the response
must be protected by a password agreed through another channel.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from wizard import __version__
from wizard.core import limits
from wizard.core.relations import Relations
from wizard.core.request_file import Request
from wizard.i18n import _, language, language_tag
from wizard.report.document import PageDecor, ReportDocument, numbered_canvas
from wizard.report.fonts import register_fonts
from wizard.report.long_text import clip
from wizard.report.styles import Typo


def _lines(ty: Typo, *lines: str) -> Flowable:
    """Lines of an address block, each cut to a line's limit."""
    return ty.markup("<br/>".join(ty.t(clip(x, limits.NAME)) for x in lines if x), "body")


def build_letter(request: Request, relations: Relations | None, *, file_name: str, file_sha256: str,
                 lang: str = "fr") -> bytes:
    """The letter as PDF bytes."""
    with language(lang):
        return _build(request, relations, file_name, file_sha256, lang)


def _build(request: Request, relations: Relations | None, file_name: str, digest: str, lang: str) -> bytes:
    from babel.dates import format_date

    from wizard.i18n import babel_locale

    register_fonts()
    ty = Typo(lang)
    lab, vendor = request.lab, request.processor

    def day(text: str) -> str:
        return format_date(date.fromisoformat(text), format="long", locale=babel_locale(lang))

    services = ", ".join(relations.service_label(s, lang) for s in request.services) if relations else ""
    data = ", ".join(relations.data_label(d, lang) for d in request.data) if relations else ""
    story: list[Flowable] = [
        _lines(ty, lab.name, *lab.address.splitlines(), lab.contact, lab.email, lab.phone),
        Spacer(1, 4 * mm),
        ty.para(_("Le {date}").format(date=day(request.created)), "body"),
        ty.para(clip(_("À l’attention de {who}").format(who=", ".join(x for x in (vendor.contact, vendor.name) if x)),
                     limits.ADDRESS), "h3"),
        Spacer(1, 4 * mm),
        ty.para(_("Objet : demande d’auto-évaluation RGPD de sous-traitant (article 28) — référence {id}").format(
            id=request.id), "h3"),
        ty.para(_("Madame, Monsieur,")),
        ty.para(_("Responsable du traitement des données de nos patients, notre laboratoire doit s’assurer que ses "
                  "sous-traitants présentent des garanties suffisantes (article 28.1 du RGPD) et le vérifier dans "
                  "la durée. Nous vous demandons pour cela votre auto-évaluation, faite avec Vigie et signée.")),
    ]
    if services:
        story.append(ty.para(_("Prestations concernées : {services}.").format(services=services)))
    if data:
        story.append(ty.para(_("Données concernées : {data}.").format(data=data)))
    steps = [
        _("Importez le fichier de demande joint, « {file} », dans Vigie (menu Clients, ou « vigie request import "
          "FICHIER ») : notre laboratoire rejoint la liste de vos clients.").format(file=file_name),
        _("Répondez au questionnaire éditeur : une seule fois pour tous vos clients ; pour notre laboratoire, "
          "indiquez seulement ce qui diffère."),
        _("Produisez la réponse signée à cette demande (« vigie respond ÉVALUATION --request {id} -o "
          "REPONSE.pdf ») et renvoyez-nous le PDF produit.").format(id=request.id),
    ]
    story.append(ty.para(_("Ce que nous vous demandons :"), "h3"))
    story += [ty.para(f"{i}. {text}") for i, text in enumerate(steps, start=1)]
    if request.protection == "password":
        story.append(ty.para(_("Votre réponse décrit vos points faibles : protégez-la par un mot de passe, que "
                               "nous conviendrons par un autre moyen que ce courrier (téléphone) ; ne l’envoyez "
                               "jamais avec le fichier."), "body"))
    story.append(ty.para(_("Réponse attendue au plus tard le {date}.").format(date=day(request.due)), "h3"))
    if request.message:
        story += ty.long(request.message, limits.TEXT, "body")
    contacts = [_("Contact : {who}").format(who=", ".join(x for x in (lab.contact, lab.email, lab.phone) if x))] \
        if lab.contact or lab.email else []
    if lab.dpo or lab.dpo_email:
        contacts.append(_("Délégué à la protection des données : {who}").format(
            who=", ".join(x for x in (lab.dpo, lab.dpo_email) if x)))
    story += [ty.para(line) for line in contacts]
    story += [ty.para(_("Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.")),
              Spacer(1, 6 * mm), ty.para(clip(lab.contact or lab.name, limits.NAME), "h3"), Spacer(1, 8 * mm),
              ty.para(_("Demande {id}, contenu {framework} {version} ; empreinte SHA-256 du fichier de demande : "
                        "{digest}").format(id=request.id, framework=request.framework, version=request.content_version,
                                           digest=digest), "small")]
    title = ty.plain(_("Demande d’auto-évaluation — {organisation}").format(organisation=clip(lab.name, limits.NAME)))
    decor = PageDecor(organisation=ty.plain(clip(lab.name, limits.NAME)), confidential=ty.plain(_("Confidentiel")),
                      title=title, page_label=lambda page, total: _("page {page} sur {total}").format(
                          page=page, total=total))
    buffer = BytesIO()
    doc = ReportDocument(buffer, title=title, author=ty.plain(clip(lab.name, limits.NAME)), subject=title,
                         creator=f"Vigie {__version__}", producer=f"Vigie {__version__}", lang=language_tag(lang))
    doc.build(story, canvasmaker=numbered_canvas(decor))
    return buffer.getvalue()
