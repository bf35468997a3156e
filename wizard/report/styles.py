"""Colours, paragraph styles and the small text helpers every page builder shares.

Text shown in the report goes through `para()` / `markup()`: French typography first (the one
function of wizard.typography), then XML escaping for ReportLab's mini-markup — in that
order, because escaping first would put a no-break space inside "&amp;".
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText

from wizard.i18n import _, format_number
from wizard.report.fonts import BOLD, ITALIC, REGULAR
from wizard.report.long_text import blocks, clip
from wizard.typography import for_language

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6673")
ACCENT = colors.HexColor("#1f4e79")
ACCENT_LIGHT = colors.HexColor("#e8eff6")
RULE = colors.HexColor("#c9d2dc")
ZEBRA = colors.HexColor("#f6f8fa")
PRIORITY_COLOURS = {
    "P1": colors.HexColor("#b3261e"),
    "P2": colors.HexColor("#c77700"),
    "P3": colors.HexColor("#2e7d32"),
}

PAGE_MARGIN = 20 * mm


def _keep_narrow_no_break_space() -> None:
    """Make ReportLab treat U+202F as the no-break space it is.

    ReportLab's paragraph splitter counts U+202F as ordinary white space: it breaks lines
    there (« at the end of a line, its word on the next) and draws a full space instead of
    the narrow glyph. Its own list of breakable characters already leaves U+00A0 out; this
    removes U+202F too and always uses that list.
    """
    import re

    from reportlab.platypus import paragraph

    if "\u202f" not in paragraph._wsc:
        return
    paragraph._wsc = paragraph._wsc.replace("\u202f", "")
    paragraph._wsc_re_split = re.compile(f"[{re.escape(paragraph._wsc)}]+").split
    paragraph._wsc_end_search = re.compile(f"[{re.escape(paragraph._wsc)}]+$").search

    def split(text: str, delim: str | None = None) -> list[str]:
        return list(paragraph._wsc_re_split(text)) if delim is None else text.split(delim)

    paragraph.split = split


_keep_narrow_no_break_space()


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {"fontName": REGULAR, "fontSize": 9.5, "leading": 13, "textColor": INK}
    base.update(kw)
    return ParagraphStyle(name, **base)


STYLES: dict[str, ParagraphStyle] = {
    "body": _style("body", spaceAfter=5),
    "small": _style("small", fontSize=8, leading=10.5, textColor=MUTED),
    # embeddedHyphenation: a compound too long for a narrow column (« Biologiste-responsable »)
    # breaks after its hyphen, not in the middle of a word.
    "cell": _style("cell", fontSize=8.5, leading=11, embeddedHyphenation=1),
    "cell_bold": _style("cell_bold", fontName=BOLD, fontSize=8.5, leading=11, embeddedHyphenation=1),
    "cell_small": _style("cell_small", fontSize=7.5, leading=9.5, textColor=MUTED),
    "cell_head": _style("cell_head", fontName=BOLD, fontSize=8, leading=10, textColor=colors.white),
    "h1": _style("h1", fontName=BOLD, fontSize=17, leading=21, textColor=ACCENT, spaceBefore=2,
                 spaceAfter=10),
    # No keepWithNext: followed by a table longer than a page, it would push the whole table to
    # the next page and leave a blank one. Builders put a CondPageBreak before headings instead.
    "h2": _style("h2", fontName=BOLD, fontSize=12.5, leading=16, textColor=ACCENT, spaceBefore=10,
                 spaceAfter=5),
    "h3": _style("h3", fontName=BOLD, fontSize=10, leading=13, spaceBefore=6, spaceAfter=3),
    "cover_title": _style("cover_title", fontName=BOLD, fontSize=26, leading=32, textColor=ACCENT,
                          spaceAfter=6),
    "cover_sub": _style("cover_sub", fontSize=13, leading=18, textColor=MUTED, spaceAfter=24),
    "cover_org": _style("cover_org", fontName=BOLD, fontSize=18, leading=23, spaceAfter=4),
    "cover_label": _style("cover_label", fontSize=8.5, leading=11, textColor=MUTED),
    "cover_value": _style("cover_value", fontSize=11, leading=14.5, spaceAfter=8),
    "badge": _style("badge", fontName=BOLD, fontSize=13, leading=16, textColor=colors.white,
                    alignment=TA_CENTER),
    "big_number": _style("big_number", fontName=BOLD, fontSize=34, leading=38, textColor=ACCENT,
                         alignment=TA_CENTER),
    "centered_small": _style("centered_small", fontSize=8, leading=10.5, textColor=MUTED,
                             alignment=TA_CENTER),
    "warning_title": _style("warning_title", fontName=BOLD, fontSize=12, leading=15,
                            textColor=PRIORITY_COLOURS["P1"], spaceAfter=3),
    "notice": _style("notice", fontName=ITALIC, fontSize=8.5, leading=11.5, textColor=MUTED,
                     alignment=TA_LEFT),
    "mono": _style("mono", fontSize=7.5, leading=10, textColor=INK),
}


class Para(Paragraph):
    """A paragraph broken into lines once per width.

    A table asks each paragraph of a cell for its size again at every page the row spans;
    ReportLab's Paragraph breaks its whole text into lines at each of those calls. The parts
    a split makes are Para too, and lay themselves out once as well.
    """

    _layout: tuple[Any, ...] | None = None
    # Layouts shared by the paragraphs of one report with the same text and style (Typo.markup):
    # « À lancer » is broken into lines once, not a hundred times.
    _shared: dict[tuple[Any, ...], tuple[Any, ...]] | None = None
    _key: tuple[str, str] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (ReportLab's names)
        done = self._layout
        if (done is None or done[0] != availWidth) and self._shared is not None:
            done = self._shared.get((self._key, availWidth))
        if done is not None and done[0] == availWidth:
            _width, self.width, self.height, self.blPara, self._wrapWidths = done
            self._layout = done
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if getattr(self, "blPara", None) is not None and getattr(self, "_wrapWidths", None) is not None:
            self._layout = (availWidth, self.width, self.height, self.blPara, self._wrapWidths)
            if self._shared is not None:
                self._shared[self._key, availWidth] = self._layout
        return size


class Typo:
    """Typography and markup for one language: `t(text)` is safe to put in a Paragraph.

    One Typo serves one report, and remembers what it did: a report says the same things many
    times (« À lancer » a hundred times, the same owners, dates and labels in every table), and
    typography and ReportLab's markup parser cost more than the lookup. Each paragraph gets its
    own copy of the parsed fragments, as if parsed anew.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._typographed: dict[str, str] = {}
        self._parsed: dict[tuple[str, str], list[Any]] = {}
        self._templates: dict[str, Any] = {}
        self._layouts: dict[tuple[Any, ...], tuple[Any, ...]] = {}

    def t(self, text: str) -> str:
        """Typographed and escaped text, ready for ReportLab markup."""
        return escape(self.plain(text))

    def plain(self, text: str) -> str:
        """Typographed text without escaping (canvas drawString, metadata, bookmarks)."""
        done = self._typographed.get(text)
        if done is None:
            done = self._typographed[text] = for_language(text, self.lang)
        return done

    def para(self, text: str, style: str = "body") -> Paragraph:
        return self.markup(self.t(text), style)

    def markup(self, markup: str, style: str = "body") -> Paragraph:
        """A paragraph from markup whose text parts were already passed through t()."""
        parsed = self._parsed.get((markup, style))
        if parsed is None:
            if "<" in markup or "&" in markup or not markup.strip():
                paragraph = Para(markup, STYLES[style])
                self._parsed[markup, style] = [frag.clone() for frag in paragraph.frags]
                return self._sharing(paragraph, markup, style)
            # Plain text (most of a report): the one fragment the parser would make, in the
            # style's font and colour, without running the parser.
            parsed = self._parsed[markup, style] = [self._plain_fragment(style).clone(
                text=cleanBlockQuotedText(markup))]
        return self._sharing(Para(markup, STYLES[style], frags=[frag.clone() for frag in parsed]), markup, style)

    def _sharing(self, paragraph: Para, markup: str, style: str) -> Para:
        paragraph._shared, paragraph._key = self._layouts, (markup, style)
        return paragraph

    def _plain_fragment(self, style: str) -> Any:
        """What the parser makes of a plain word in style: the template of plain fragments."""
        if style not in self._templates:
            self._templates[style] = Para("x", STYLES[style]).frags[0]
        return self._templates[style]

    def field(self, text: str, limit: int, style: str = "cell") -> Paragraph:
        """A one-line field a user typed (a name, a title), cut to limit (long_text.clip)."""
        return self.para(clip(text, limit), style)

    def long(self, text: str, limit: int, style: str = "cell_small", label: str = "") -> list[Paragraph]:
        """A text a user typed (a comment, a description): one paragraph per line or block of
        it, the first after the bold label, and a notice when it was longer than limit."""
        pieces, left_out = blocks(text, limit)
        marked = [self.t(piece) for piece in pieces]
        if label:  # the label in bold before the first piece
            marked[:1] = [f"<b>{self.t(label)}</b> " + (marked[0] if marked else "")]
        out = [self.markup(piece, style) for piece in marked]
        if left_out:
            out.append(self.markup("<i>" + self.t(_(
                "[Texte coupé : {left_out} caractères de plus au-delà de {limit} ; la copie de l’évaluation "
                "jointe à ce PDF le contient en entier.]").format(
                left_out=format_number(left_out), limit=format_number(limit))) + "</i>", style))
        return out


def make_table(rows: list[list[object]], col_widths: list[float], commands: list[tuple[object, ...]],
               **kwargs: object) -> Table:
    """A table whose cell font is ours: ReportLab sets each cell's font (Helvetica by default)
    even when the cell holds paragraphs, which would add an unembedded font to the PDF.
    Rows may split across pages: a long comment must never make the layout fail."""
    table = Table(rows, colWidths=col_widths, hAlign=kwargs.pop("hAlign", "LEFT"),
                  splitInRow=1, **kwargs)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
                               ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                               *commands]))
    return table
