"""The processor's register of clients as a PDF: its Art. 30(2) register, ready to be signed.

Who the processor is and its DPO (Art. 30(2)(a)), the general description of its security
measures (d) and its transfers (c), then each client laboratory with its contacts and DPO, the
categories of processing done for it (the services) and the data concerned (b) and its own
transfers. It is also the list a processor needs to warn every client of a breach quickly.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from wizard import __version__
from wizard.core import limits
from wizard.core.clients import Client, ClientsRegister
from wizard.core.parties import Party
from wizard.core.relations import Relations
from wizard.i18n import _, babel_locale, language, language_tag, ngettext
from wizard.report.document import (
    CONTENT_WIDTH,
    FieldPlacement,
    Heading,
    PageDecor,
    ReportDocument,
    SignatureBox,
    numbered_canvas,
)
from wizard.report.fonts import register_fonts
from wizard.report.long_text import clip
from wizard.report.styles import ACCENT, RULE, ZEBRA, Typo, make_table

FIELD = "Signature1"


def _who(party: Party) -> str:
    return ", ".join(x for x in (party.contact, party.email, party.phone) if x) or "—"


def _dpo(party: Party) -> str:
    return ", ".join(x for x in (party.dpo, party.dpo_email) if x) or "—"


def build_clients_register(register: ClientsRegister, clients: Sequence[Client], relations: Relations | None, *,
                           signer_role: str = "", lang: str = "fr") -> bytes:
    """The register as PDF bytes, with one empty signature field (FIELD) for the processor."""
    with language(lang):
        return _build(register, clients, relations, signer_role, lang)


def _build(register: ClientsRegister, clients: Sequence[Client], relations: Relations | None, signer_role: str,
           lang: str) -> bytes:
    from babel.dates import format_date

    register_fonts()
    ty = Typo(lang)
    vendor = register.vendor
    placements: list[FieldPlacement] = []
    title = _("Registre des activités de traitement du sous-traitant (article 30.2 du RGPD)")
    today = format_date(date.today(), format="long", locale=babel_locale(lang))
    story: list[Flowable] = [Heading(ty.t(title), "h1", 0, ty.plain(title)),
                             ty.para(_("Tenu par {name}, à jour au {date}.").format(
                                 name=clip(vendor.name or "—", limits.ORGANISATION_NAME), date=today))]
    facts = [(_("Sous-traitant"), ", ".join(x for x in (vendor.name, vendor.siret and _("SIRET {siret}").format(
        siret=vendor.siret), vendor.address.replace("\n", ", ")) if x) or "—"),
             (_("Contact"), _who(vendor)), (_("Délégué à la protection des données"), _dpo(vendor)),
             (_("Mesures de sécurité (description générale)"), register.security or _("non renseignées")),
             (_("Transferts hors de l’Union européenne"), register.transfers or _("aucun déclaré"))]
    rows = [[ty.para(label, "cell_bold"), ty.long(value, limits.TEXT, "cell")] for label, value in facts]
    story.append(make_table(rows, [55 * mm, CONTENT_WIDTH - 55 * mm],
                            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)]))
    heading = ngettext("{n} client (responsable du traitement)", "{n} clients (responsables du traitement)",
                       len(clients)).format(n=len(clients))
    story += [Spacer(1, 4 * mm), Heading(ty.t(heading), "h2", 1, ty.plain(heading))]
    head = [ty.para(h, "cell_head") for h in (_("Client"), _("Contact et DPO"), _("Traitements effectués"),
                                              _("Données"), _("Transferts"))]
    table: list[list[object]] = [head]
    for client in clients:
        lab = client.lab
        services = ", ".join(relations.service_label(s, lang) for s in client.services) if relations else ""
        data = ", ".join(relations.data_label(d, lang) for d in client.data) if relations else ""
        table.append([
            [ty.field(lab.name, limits.ORGANISATION_NAME, "cell_bold"),
             ty.para(", ".join(x for x in (lab.siret, lab.address.replace("\n", ", ")) if x), "cell_small")],
            [ty.para(_who(lab), "cell_small"), ty.para(_("DPO : {who}").format(who=_dpo(lab)), "cell_small")],
            ty.para(services or "—", "cell_small"), ty.para(data or "—", "cell_small"),
            ty.long(client.transfers or register.transfers or _("aucun"), limits.TEXT, "cell_small")])
    style: list[tuple[object, ...]] = [("BACKGROUND", (0, 0), (-1, 0), ACCENT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)]
    style += [("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(table), 2)]
    story.append(make_table(table, [42 * mm, 38 * mm, 36 * mm, 30 * mm, CONTENT_WIDTH - 146 * mm], style,
                            repeatRows=1))
    story.append(Spacer(1, 8 * mm))
    story.append(KeepTogether([ty.para(signer_role or _("Pour le sous-traitant"), "h3"),
                               SignatureBox(FIELD, 105 * mm, 30 * mm, placements)]))
    decor = PageDecor(organisation=ty.plain(clip(vendor.name or "Vigie", limits.NAME)),
                      confidential=ty.plain(_("Confidentiel")), title=ty.plain(title),
                      page_label=lambda page, total: _("page {page} sur {total}").format(page=page, total=total))
    buffer = BytesIO()
    doc = ReportDocument(buffer, title=ty.plain(title), author=ty.plain(clip(vendor.name, limits.NAME)),
                         subject=ty.plain(title), creator=f"Vigie {__version__}", producer=f"Vigie {__version__}",
                         lang=language_tag(lang))
    doc.build(story, canvasmaker=numbered_canvas(decor))
    buffer.seek(0)
    writer = IncrementalPdfFileWriter(buffer, strict=False)
    for placement in placements:
        append_signature_field(writer, SigFieldSpec(placement.name, on_page=placement.page, box=placement.box))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
