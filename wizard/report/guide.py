"""A guide written in Markdown, printed as a PDF in the report's own style (fonts, colours, header
and footer, page numbers, bookmarks).

Only the Markdown the guides use is read: headings (#, ##, ###), paragraphs, lists (- and 1.),
block quotes (>), **bold**, *italic* and `code`. The text is set with the language's typography.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from wizard.report.document import CONTENT_WIDTH, Heading, PageDecor, ReportDocument, numbered_canvas
from wizard.report.fonts import REGULAR, register_fonts
from wizard.report.styles import ACCENT, ACCENT_LIGHT, STYLES
from wizard.typography import for_language


@dataclass(frozen=True)
class Block:
    """A block of the guide: heading (level 1–3), paragraph, bullets, numbers or quote."""

    kind: str
    text: str = ""
    level: int = 0
    items: tuple[str, ...] = ()


_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d+[.)]\s+(.*)$")


def blocks(markdown: str) -> list[Block]:
    """The guide's blocks, in order."""
    out: list[Block] = []
    lines = markdown.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if m := _HEADING.match(line):
            out.append(Block("heading", m.group(2).strip(), len(m.group(1))))
            i += 1
            continue
        for kind, pattern in (("bullets", _BULLET), ("numbers", _NUMBER)):
            if pattern.match(line):
                items: list[str] = []
                while i < len(lines) and lines[i].strip():
                    if m := pattern.match(lines[i]):
                        items.append(m.group(1).strip())
                    elif items:  # a wrapped line of the item before
                        items[-1] += " " + lines[i].strip()
                    i += 1
                out.append(Block(kind, items=tuple(items)))
                break
        else:
            text = []
            quote = line.lstrip().startswith(">")
            while i < len(lines) and lines[i].strip() and not _HEADING.match(lines[i]) \
                    and not _BULLET.match(lines[i]) and not _NUMBER.match(lines[i]):
                text.append(lines[i].strip().lstrip(">").strip() if quote else lines[i].strip())
                i += 1
            out.append(Block("quote" if quote else "paragraph", " ".join(text)))
    return out


_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def inline(text: str, lang: str) -> str:
    """ReportLab's mini-markup of a line of Markdown: typography first, then escaping, then marks."""
    out = escape(for_language(text, lang))
    out = _CODE.sub(lambda m: f'<font face="{REGULAR}" color="#1f4e79">{m.group(1)}</font>', out)
    out = _BOLD.sub(r"<b>\1</b>", out)
    return _ITALIC.sub(r"<i>\1</i>", out)


def flowables(markdown: str, lang: str) -> list[Flowable]:
    story: list[Flowable] = []
    for block in blocks(markdown):
        if block.kind == "heading":
            style = {1: "h1", 2: "h2"}.get(block.level, "h3")
            text = inline(block.text, lang)
            plain = re.sub(r"<[^>]+>", "", text)
            if block.level > 1:
                story.append(CondPageBreak(30 * mm))
            story.append(Heading(text, style, block.level - 1, plain))
        elif block.kind == "paragraph":
            story.append(Paragraph(inline(block.text, lang), STYLES["body"]))
        elif block.kind == "quote":
            cell = Paragraph(inline(block.text, lang), STYLES["body"])
            box = Table([[cell]], colWidths=[CONTENT_WIDTH])
            box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                                     ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
                                     ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
            story.extend([box, Spacer(1, 4)])
        else:
            items = [ListItem(Paragraph(inline(text, lang), STYLES["body"]), leftIndent=12) for text in block.items]
            numbered = block.kind == "numbers"
            story.append(ListFlowable(items, bulletType="1" if numbered else "bullet", start="1" if numbered else "•",
                                      bulletFormat="%s." if numbered else None,
                                      leftIndent=14, bulletFontName=REGULAR, bulletFontSize=9,
                                      bulletColor=ACCENT))
    return story


def guide_pdf(markdown: str, *, lang: str, title: str, footer: str,
              page_label: Callable[[int, int], str]) -> bytes:
    """The guide as a PDF (A4, the report's fonts and header), in memory."""
    register_fonts()
    out = io.BytesIO()
    decor = PageDecor(organisation=footer, confidential="Vigie", title=title, page_label=page_label)
    doc = ReportDocument(out, title=title, author="Vigie")
    doc.build([Spacer(1, 8 * mm), *flowables(markdown, lang)], canvasmaker=numbered_canvas(decor))
    return out.getvalue()


__all__ = ["Block", "blocks", "flowables", "guide_pdf", "inline"]
