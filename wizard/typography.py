"""French typography, applied in one place to every text shown or printed.

Authors write ordinary spaces; this turns them into the right non-breaking spaces:
U+202F (narrow) before ; ! ? and inside « », U+00A0 before :, U+202F in numbers written
with a plain space as thousands separator and before %, U+00A0 between a legal reference's
abbreviation and its number (§ 3, art. 28, R. 1111-11) and between a number and its unit
(90 jours, 12 mois, 24 h, 5 Mo). Straight apostrophes between letters become ’. Format
placeholders ({name!r}), URLs, times (10:30, 07:59:55, also inside 2026-12-05T07:59:55) and
Windows drive letters (C:\\, D:/) are left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

NNBSP = "\u202f"  # espace fine insécable
NBSP = "\u00a0"  # espace insécable
_SPACES = " \u00a0\u202f"

# The lookbehinds let a run of letters or spaces be tried from its first character only: without
# them each regex retried the run from every position, and one long word (a pasted hash, a
# 100 KB note) took minutes.
_PROTECTED = re.compile(r"\{[^{}]*\}|(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://\S+|(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)|\b[a-z]:[\\/]", re.IGNORECASE)
_BEFORE_TIGHT = re.compile(rf"(^|[\n(\[{{/]|(?<![{_SPACES}])[{_SPACES}]+)?([;!?])")
_BEFORE_COLON = re.compile(rf"(^|[\n(\[{{/]|(?<![{_SPACES}])[{_SPACES}]+)?:")
_OPEN_QUOTE = re.compile(rf"«[{_SPACES}]*")
_CLOSE_QUOTE = re.compile(rf"(?<![{_SPACES}])[{_SPACES}]*»")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_PERCENT = re.compile(rf"(?<=\d)[{_SPACES}]?%")
# « § 3 », « art. 28 », « art. R. 1111-11 »: the number never starts a line of its own.
_LEGAL = re.compile(r"(?:(?<=§)|(?<=\b[Aa]rt\.)|(?<=\b[LRD]\.)) (?=\d|[LRD]\. \d)")
# « sous 90 jours », « 5 Mo »: a number and its unit stay on one line (a closed list of units,
# so that « 3 contrats » may still break).
_UNIT = re.compile(r"(?<=\d) (?=(?:jours?|semaines?|mois|ans?|années?|heures?|h|min|minutes?|secondes?|ms"
                   r"|Ko|Mo|Go|To|Kio|Mio|Gio|€|caractères?|octets?)(?!\w))")


def _tight(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    if lead is not None and lead.strip(_SPACES) == lead:
        return lead + mark  # start of the text or a line, or after a bracket: "(?)" stays
    return NNBSP + mark


def _colon(match: re.Match[str]) -> str:
    lead = match.group(1)
    if lead is not None and lead.strip(_SPACES) == lead:
        return lead + ":"  # start of the text or a line, or after a bracket
    return NBSP + ":"


def _apply(text: str) -> str:
    text = _APOSTROPHE.sub("’", text)
    text = _BEFORE_TIGHT.sub(_tight, text)
    text = _BEFORE_COLON.sub(_colon, text)
    text = _OPEN_QUOTE.sub("«" + NNBSP, text)
    text = _CLOSE_QUOTE.sub(NNBSP + "»", text)
    text = _THOUSANDS.sub(NNBSP, text)
    text = _LEGAL.sub(NBSP, text)
    text = _UNIT.sub(NBSP, text)
    return _PERCENT.sub(NNBSP + "%", text)


@lru_cache(maxsize=8192)  # the same questions and labels are typeset at every page built
def french(text: str) -> str:
    """Return text with French typographic spaces and apostrophes; idempotent."""
    if not text:
        return text
    out, last = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(_apply(text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_apply(text[last:]))
    return "".join(out)


def for_language(text: str, lang: str) -> str:
    """French rules for French text; English text is left as written."""
    return french(text) if lang == "fr" else text


def typeset(text: str) -> str:
    """Text in the interface's current language with that language's typography: french() for
    French, nothing for English (whose « ; » and « ? » take no space before them)."""
    from wizard.i18n import current_language

    return for_language(text, current_language())
