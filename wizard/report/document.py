"""The page frame of the report: A4, header and footer on every page, bookmarks, metadata.

« page X sur Y » needs the page count before the first footer is drawn: the canvas keeps
each finished page's state and draws every footer at save time, when the count is known.
Headings registered with `Heading` become bookmarks (the PDF outline). `SignatureBox`
records where each empty signature field must go, so the signing step can place the real
/Sig fields exactly over the boxes drawn on the signature page.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from wizard.report.fonts import BOLD, REGULAR
from wizard.report.styles import ACCENT, MUTED, PAGE_MARGIN, RULE, STYLES

PAGE_WIDTH, PAGE_HEIGHT = A4
CONTENT_WIDTH = PAGE_WIDTH - 2 * PAGE_MARGIN


@dataclass(frozen=True)
class PageDecor:
    """What the header and footer print, already typographed."""

    organisation: str
    confidential: str
    title: str
    page_label: Callable[[int, int], str]  # (page, total) -> « page 3 sur 12 »


def numbered_canvas(decor: PageDecor) -> type[Canvas]:
    """A canvas class that draws header and footer on every page once the total is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []
            # Bookmarks must point at real page objects, which exist only once save() emits
            # the pages: they are queued with their page number and written then.
            self._marks: list[tuple[int, str, str, int]] = []

        def queue_bookmark(self, key: str, title: str, level: int) -> None:
            self._marks.append((self._pageNumber, key, title, level))

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            marks = self._marks
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._decorate(total)
                for page, key, title, level in marks:
                    if page == self._pageNumber:
                        self.bookmarkPage(key, fit="XYZ", top=PAGE_HEIGHT)
                        self.addOutlineEntry(title, key, level=level, closed=level > 0)
                Canvas.showPage(self)
            with _binary_streams():
                Canvas.save(self)

        def _decorate(self, total: int) -> None:
            page = self._pageNumber
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            left, right = PAGE_MARGIN, PAGE_WIDTH - PAGE_MARGIN
            if page == 1:
                # The cover's band: the one splash of colour of the document.
                self.setFillColor(ACCENT)
                self.rect(0, PAGE_HEIGHT - 14 * mm, PAGE_WIDTH, 14 * mm, stroke=0, fill=1)
                self.setFillColor(white)
                self.setFont(BOLD, 10)
                self.drawString(left, PAGE_HEIGHT - 8.5 * mm, "VIGIE")
            if page > 1:
                top = PAGE_HEIGHT - PAGE_MARGIN + 8
                self.setFont(REGULAR, 7.5)
                self.setFillColor(MUTED)
                self.drawString(left, top + 4, _fit(self, decor.title, REGULAR, 7.5, (right - left) * 0.6))
                self.setFont(BOLD, 7.5)
                self.setFillColor(ACCENT)
                self.drawRightString(right, top + 4, decor.confidential.upper())
                self.line(left, top, right, top)
            bottom = PAGE_MARGIN - 10
            self.line(left, bottom + 10, right, bottom + 10)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(MUTED)
            label = decor.page_label(page, total)
            org = _fit(self, f"{decor.organisation} · {decor.confidential}", REGULAR, 7.5,
                       right - left - self.stringWidth(label, REGULAR, 7.5) - 20)
            self.drawString(left, bottom, org)
            self.drawRightString(right, bottom, label)
            self.restoreState()

    return NumberedCanvas


_SAVING = threading.Lock()


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Page streams compressed only, not also spelled out in ASCII85: a binary PDF is as valid,
    10 % smaller, and 22 ms of a 100-action report's 240 were that encoding. ReportLab reads the
    choice from a global setting when it writes the pages: it is set for our save only."""
    with _SAVING:
        previous = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = previous


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """Shorten text with an ellipsis so it fits width (a long organisation name).

    Measured character by character up to where it stops fitting: shortening the whole text one
    character at a time measured it again at each step (24 s for a 5,000-character name). A text
    that fits, as nearly every header and footer does, is measured once, whole."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    room = width - canvas.stringWidth("…", font, size)
    used = 0.0
    for i, char in enumerate(text):
        used += canvas.stringWidth(char, font, size)
        if used > width:
            cut = i
            while cut and canvas.stringWidth(text[:cut], font, size) > room:
                cut -= 1
            return text[:cut].rstrip() + "…"
    return text


class Heading(Paragraph):
    """A heading that becomes a bookmark of the given outline level."""

    def __init__(self, text: str, style: str, level: int, outline_title: str) -> None:
        super().__init__(text, STYLES[style])
        self.level = level
        self.outline_title = outline_title


@dataclass
class FieldPlacement:
    """Where one signature field sits: page index (0-based) and box in PDF points."""

    name: str
    page: int
    box: tuple[int, int, int, int]


class SignatureBox(Flowable):
    """An empty frame on the signature page; records its position for the /Sig field."""

    def __init__(self, name: str, width: float, height: float, sink: list[FieldPlacement]) -> None:
        super().__init__()
        self.name = name
        self.width = width
        self.height = height
        self._sink = sink

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setDash(3, 2)
        canvas.setLineWidth(0.8)
        canvas.rect(0, 0, self.width, self.height)
        canvas.restoreState()
        x, y = canvas.absolutePosition(0, 0)
        box = (round(x), round(y), round(x + self.width), round(y + self.height))
        placement = FieldPlacement(self.name, canvas.getPageNumber() - 1, box)
        # A flowable can be drawn twice when a page is redone: keep the last position.
        self._sink[:] = [p for p in self._sink if p.name != self.name] + [placement]


class ReportDocument(BaseDocTemplate):
    """A4 portrait with one frame; headings feed the outline."""

    def __init__(self, target: Any, **kwargs: Any) -> None:
        super().__init__(target, pagesize=A4, leftMargin=PAGE_MARGIN, rightMargin=PAGE_MARGIN,
                         topMargin=PAGE_MARGIN + 6, bottomMargin=PAGE_MARGIN + 4,
                         initialFontName=REGULAR, initialFontSize=9.5, **kwargs)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._bookmarks = 0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's name)
        if isinstance(flowable, Heading):
            self._bookmarks += 1
            key = f"h{self._bookmarks}"
            self.canv.queue_bookmark(key, flowable.outline_title, flowable.level)
