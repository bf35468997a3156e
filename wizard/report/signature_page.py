"""The signature page: one visible, empty signature field per expected signer."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from wizard.core import limits
from wizard.i18n import _
from wizard.report.context import ReportContext
from wizard.report.document import Heading, SignatureBox
from wizard.report.long_text import clip

BOX_WIDTH = 105 * mm
BOX_HEIGHT = 30 * mm


def build_signature_page(ctx: ReportContext) -> list[Flowable]:
    ty = ctx.typo
    title = _("Signatures")
    story: list[Flowable] = [Heading(ty.t(title), "h1", 0, ty.plain(title)), ty.para(_(
        "Ce plan d'action se signe électroniquement (signature PAdES), dans les cadres ci-dessous ; "
        "un cadre vide n'a pas encore été signé. Chaque signature protège le document tel qu'il était "
        "au moment où elle a été apposée : toute modification ultérieure, autre qu'une nouvelle "
        "signature dans un cadre prévu, est signalée par les lecteurs PDF et par la commande "
        "« vigie verify »."))]
    story.append(Spacer(1, 4 * mm))
    for slot in ctx.signers:
        block: list[Flowable] = [ty.field(slot.role, limits.NAME, "h3")]
        if slot.name:
            block.append(ty.para(_("Nom : {name}").format(name=clip(slot.name, limits.NAME)), "small"))
        block += [Spacer(1, 2 * mm), SignatureBox(slot.field_name, BOX_WIDTH, BOX_HEIGHT, ctx.placements),
                  Spacer(1, 8 * mm)]
        story.append(KeepTogether(block))
    return story
