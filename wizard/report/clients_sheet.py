"""The processor's register of clients as a spreadsheet (.xlsx): the Art. 30(2) register and the requests.

One sheet per table: « Registre art. 30.2 » (the processor, then one row per client: contacts,
DPO, categories of processing, data, transfers) and « Demandes » (each request with its state).
Every cell a user typed is written as text: a name beginning with « = » stays a name, never a
formula, and characters a spreadsheet cannot hold are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO
from typing import Any

from wizard.core.client_rules import REQUEST_STATES, RequestLine
from wizard.core.clients import Client, ClientsRegister
from wizard.core.relations import Relations
from wizard.i18n import _, language


def _put(sheet: Any, row: int, values: Sequence[object], *, bold: bool = False) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text begins with
        if bold:
            cell.font = Font(bold=True)


def build_clients_sheet(register: ClientsRegister, clients: Sequence[Client], requests: Sequence[RequestLine],
                        relations: Relations | None, *, lang: str = "fr") -> bytes:
    """The workbook as .xlsx bytes."""
    with language(lang):
        return _build(register, clients, requests, relations, lang)


def _build(register: ClientsRegister, clients: Sequence[Client], requests: Sequence[RequestLine],
           relations: Relations | None, lang: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Registre art. 30.2")[:31]
    vendor = register.vendor
    _put(sheet, 1, [_("Registre des activités de traitement du sous-traitant (article 30.2 du RGPD)")], bold=True)
    _put(sheet, 2, [_("Sous-traitant"), vendor.name, vendor.siret, vendor.address])
    _put(sheet, 3, [_("Contact"), vendor.contact, vendor.email, vendor.phone])
    _put(sheet, 4, [_("Délégué à la protection des données"), vendor.dpo, vendor.dpo_email])
    _put(sheet, 5, [_("Mesures de sécurité (description générale)"), register.security])
    _put(sheet, 6, [_("Transferts hors de l’Union européenne"), register.transfers])
    _put(sheet, 7, [_("À jour au"), date.today()])
    head = [_("Client"), _("SIRET"), _("Adresse"), _("Contact"), _("Courriel"), _("Téléphone"), _("DPO"),
            _("Courriel du DPO"), _("Traitements effectués"), _("Données"), _("Transferts"), _("Client depuis")]
    _put(sheet, 9, head, bold=True)
    for row, client in enumerate(clients, start=10):
        lab = client.lab
        services = ", ".join(relations.service_label(s, lang) for s in client.services) if relations else ""
        data = ", ".join(relations.data_label(d, lang) for d in client.data) if relations else ""
        _put(sheet, row, [lab.name, lab.siret, lab.address, lab.contact, lab.email, lab.phone, lab.dpo,
                          lab.dpo_email, services, data, client.transfers or register.transfers,
                          date.fromisoformat(client.since) if client.since else ""])
    for column, width in zip("ABCDEFGHIJKL", (34, 16, 30, 22, 26, 16, 22, 26, 40, 40, 30, 14), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A10"

    lines = book.create_sheet(_("Demandes")[:31])
    _put(lines, 1, [_("Client"), _("Demande"), _("Reçue le"), _("Échéance"), _("État"), _("Répondue le")],
         bold=True)
    for row, line in enumerate(requests, start=2):
        r = line.request
        _put(lines, row, [line.client.lab.name, r.id, date.fromisoformat(r.received), date.fromisoformat(r.due),
                          _(REQUEST_STATES[line.state]), date.fromisoformat(r.answered) if r.answered else ""])
    for column, width in zip("ABCDEF", (34, 38, 12, 12, 14, 12), strict=True):
        lines.column_dimensions[column].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
