"""« Points à compléter au contrat » as a PDF: the report's fonts, page frame and typography.

First what the document is (a working document for the parties' counsel, not legal advice), the
parties and what it is drawn from; then one numbered section per element absent or partial (what
the law requires, what the clause must say, the questions to ask, a draft clause to adapt); the
elements to verify; the elements present with where the contract says them; and an empty
signature frame, signed like the plan when the user asks (wizard.signing).
"""

from __future__ import annotations

from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from wizard import __version__
from wizard.core import limits
from wizard.core.amendment import Amendment, AmendmentItem, Labels, labels
from wizard.i18n import _, language, language_tag
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
from wizard.report.styles import ACCENT, ACCENT_LIGHT, PRIORITY_COLOURS, RULE, ZEBRA, Typo, make_table

FIELD = "Signature1"
STATUS_COLOURS = {"absent": PRIORITY_COLOURS["P1"], "partial": PRIORITY_COLOURS["P2"],
                  "unknown": PRIORITY_COLOURS["P2"], "present": PRIORITY_COLOURS["P3"]}


def build_amendment_pdf(document: Amendment) -> bytes:
    """The document as PDF bytes, with one empty signature frame (FIELD)."""
    with language(document.lang):
        return _build(document)


def _box(ty: Typo, flowables: list[Flowable], colour: object = ACCENT_LIGHT) -> Flowable:
    """Flowables in a tinted frame (the disclaimer, a draft clause)."""
    return make_table([[flowables]], [CONTENT_WIDTH], [("BACKGROUND", (0, 0), (-1, -1), colour),
                                                       ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                                                       ("TOPPADDING", (0, 0), (-1, -1), 6),
                                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                                                       ("LEFTPADDING", (0, 0), (-1, -1), 8),
                                                       ("RIGHTPADDING", (0, 0), (-1, -1), 8)])


def _status_line(ty: Typo, words: Labels, item: AmendmentItem) -> Flowable:
    colour = STATUS_COLOURS[item.status].hexval()[2:]
    parts = [f"<font color='#{colour}'><b>{ty.t(words.status_label(item.status))}</b></font>",
             ty.t(item.element.reference.get(ty.lang))]
    if item.where:
        parts.append(ty.t(_("dans le contrat : {where}").format(where=clip(item.where, limits.NAME))))
    return ty.markup(" — ".join(parts), "body")


def _section(ty: Typo, words: Labels, number: int, item: AmendmentItem) -> list[Flowable]:
    lang, element = ty.lang, item.element
    title = f"{number}. {element.title.get(lang)}"
    story: list[Flowable] = [CondPageBreak(45 * mm), Heading(ty.t(title), "h2", 1, ty.plain(title)),
                             _status_line(ty, words, item)]
    if item.note.strip():
        story += ty.long(item.note, limits.TEXT, "small", label=words.labelled(words.note))
    if item.basis:
        story.append(ty.para(item.basis, "small"))
    story += [ty.para(words.requires, "h3"), ty.para(element.requires.get(lang)),
              ty.para(words.clause, "h3"), ty.para(element.clause.get(lang)),
              ty.para(words.ask, "h3")]
    story += [ty.para("• " + question.get(lang)) for question in element.ask]
    story += [KeepTogether([ty.para(words.draft, "h3"), _box(ty, [ty.para(element.draft.get(lang))])]),
              Spacer(1, 3 * mm)]
    return story


def _to_verify(ty: Typo, words: Labels, items: tuple[AmendmentItem, ...], intro: str) -> list[Flowable]:
    if not items:
        return []
    story: list[Flowable] = [CondPageBreak(40 * mm), Heading(ty.t(words.to_verify), "h1", 0, ty.plain(words.to_verify)),
                             ty.para(intro)]
    for item in items:
        element = item.element
        block = [ty.markup(f"<b>{ty.t(element.title.get(ty.lang))}</b> — {ty.t(element.reference.get(ty.lang))}",
                           "body")]
        if item.basis:
            block.append(ty.para(item.basis, "small"))
        if item.note.strip():
            block += ty.long(item.note, limits.TEXT, "small", label=words.labelled(words.note))
        block += [ty.para("• " + q.get(ty.lang), "small") for q in element.ask]
        story += [KeepTogether(block), Spacer(1, 2 * mm)]
    return story


def _present(ty: Typo, words: Labels, items: tuple[AmendmentItem, ...]) -> list[Flowable]:
    if not items:
        return []
    head = [ty.para(h, "cell_head") for h in (words.element, words.reference, words.where)]
    rows: list[list[object]] = [head]
    for item in items:
        rows.append([ty.para(item.element.title.get(ty.lang), "cell"),
                     ty.para(item.element.reference.get(ty.lang), "cell_small"),
                     ty.para(clip(item.where, limits.NAME) or "—", "cell_small")])
    style: list[tuple[object, ...]] = [("BACKGROUND", (0, 0), (-1, 0), ACCENT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)]
    style += [("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(rows), 2)]
    return [CondPageBreak(40 * mm), Heading(ty.t(words.present), "h1", 0, ty.plain(words.present)),
            make_table(rows, [70 * mm, 60 * mm, CONTENT_WIDTH - 130 * mm], style, repeatRows=1)]


def _build(document: Amendment) -> bytes:
    register_fonts()
    ty = Typo(document.lang)
    words = labels(document.lang)
    placements: list[FieldPlacement] = []
    story: list[Flowable] = [Spacer(1, 6 * mm), Heading(ty.t(document.title), "h1", 0, ty.plain(document.title)),
                             ty.field(document.subtitle, limits.ADDRESS, "cover_sub"),
                             _box(ty, [ty.para(document.disclaimer, "notice")], ACCENT_LIGHT), Spacer(1, 4 * mm)]
    facts = [(_("Source"), document.source), (_("Étendue"), document.scope), (_("Bilan"), document.summary)]
    rows = [[ty.para(label, "cell_bold"), ty.para(value, "cell")] for label, value in facts]
    story += [make_table(rows, [32 * mm, CONTENT_WIDTH - 32 * mm],
                         [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)]),
              Spacer(1, 4 * mm), Heading(ty.t(words.to_complete), "h1", 0, ty.plain(words.to_complete))]
    if document.complete:
        story.append(ty.para(words.nothing_missing, "h3"))
    for number, item in enumerate(document.to_complete, start=1):
        story += _section(ty, words, number, item)
    story += _to_verify(ty, words, document.to_verify, document.verify_intro)
    story += _present(ty, words, document.present)
    story += [Spacer(1, 8 * mm), KeepTogether([ty.para(words.signature, "h3"), ty.para(words.signature_intro, "small"),
                                               SignatureBox(FIELD, 105 * mm, 30 * mm, placements)])]
    title = ty.plain(f"{document.title} — {clip(document.processor, limits.NAME)}")
    decor = PageDecor(organisation=ty.plain(clip(document.author, limits.NAME)),
                      confidential=ty.plain(_("Document de travail")), title=title,
                      page_label=lambda page, total: _("page {page} sur {total}").format(page=page, total=total))
    buffer = BytesIO()
    doc = ReportDocument(buffer, title=title, author=ty.plain(clip(document.author, limits.NAME)),
                         subject=ty.plain(document.subtitle), creator=f"Vigie {__version__}",
                         producer=f"Vigie {__version__}", lang=language_tag(document.lang))
    doc.build(story, canvasmaker=numbered_canvas(decor))
    buffer.seek(0)
    writer = IncrementalPdfFileWriter(buffer, strict=False)
    for placement in placements:
        append_signature_field(writer, SigFieldSpec(placement.name, on_page=placement.page, box=placement.box))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
