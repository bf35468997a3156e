"""The fonts of the report: DejaVu Sans, shipped with the application and embedded in every PDF.

ReportLab's built-in fonts lack U+202F (the narrow no-break space of French typography), so
the report only ever uses these TrueType files. The signature stamp drawn by pyHanko needs a
copy of the font rescaled to 1,000 units per em: with DejaVu's 2,048 units, pyHanko writes
glyph widths as if the font had 1,000 and the stamp text comes out stretched and cut off.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from wizard import paths

REGULAR = "VigieSans"
BOLD = "VigieSans-Bold"
ITALIC = "VigieSans-Oblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}
_lock = threading.Lock()


def font_path(name: str = REGULAR) -> Path:
    return paths.fonts_dir() / _FILES[name]


def register_fonts() -> None:
    """Register the report fonts with ReportLab once per process (thread-safe)."""
    with _lock:
        if REGULAR in pdfmetrics.getRegisteredFontNames():
            return
        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(paths.fonts_dir() / file)))
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD)  # no bold oblique shipped: bold reads better than nothing


# The stamp only shows names, roles, dates and a reason: Latin scripts and punctuation.
_STAMP_UNICODES = [
    *range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x2010, 0x2030), 0x202F, 0x2039, 0x203A,
    0x20AC, 0x2122,
]


@lru_cache(maxsize=1)
def stamp_font_path() -> Path:
    """A subset of DejaVu Sans rescaled to 1,000 units per em, written once per process."""
    from fontTools import subset
    from fontTools.ttLib import TTFont as FontToolsFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = FontToolsFont(str(font_path(REGULAR)))
    options = subset.Options()
    options.layout_features = ["kern", "liga"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=_STAMP_UNICODES)
    subsetter.subset(font)
    scale_upem(font, 1000)
    folder = Path(tempfile.mkdtemp(prefix="vigie-fonts-"))
    atexit.register(shutil.rmtree, folder, True)
    target = folder / "VigieStamp.ttf"
    font.save(str(target))
    return target
