"""French typography, applied in one place to every text shown or printed.

Authors write ordinary spaces; this turns them into the right non-breaking spaces:
U+202F (narrow) before ; ! ? and inside « », U+00A0 before : and in numbers' thousands
separators when written with a plain space by mistake. Straight apostrophes become ’.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"  # espace fine insécable
NBSP = "\u00a0"  # espace insécable

_BEFORE_TIGHT = re.compile(r"[ \u00a0\u202f]*([;!?])")
_BEFORE_COLON = re.compile(r"[ \u00a0\u202f]*:(?!//)")
_OPEN_QUOTE = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE_QUOTE = re.compile(r"[ \u00a0\u202f]*»")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_PERCENT = re.compile(r"(?<=\d) ?%")


def french(text: str) -> str:
    """Return text with French typographic spaces and apostrophes; idempotent."""
    if not text:
        return text
    text = _APOSTROPHE.sub("’", text)
    # No space is added at the start of a line or after an opening bracket: "(?)" stays.
    text = _BEFORE_TIGHT.sub(lambda m: m.group(1) if _starts(text, m) else NNBSP + m.group(1), text)
    text = _BEFORE_COLON.sub(lambda m: ":" if _starts(text, m) else NBSP + ":", text)
    text = _OPEN_QUOTE.sub("«" + NNBSP, text)
    text = _CLOSE_QUOTE.sub(NNBSP + "»", text)
    text = _THOUSANDS.sub(NNBSP, text)
    text = _PERCENT.sub(NNBSP + "%", text)
    return text


def _starts(text: str, match: re.Match[str]) -> bool:
    start = match.start()
    return start == 0 or text[start - 1] in "\n([{/" or text[start - 1].isdigit() and match.group(0)[0] != " "


def for_language(text: str, lang: str) -> str:
    """French rules for French text; English text is left as written."""
    return french(text) if lang == "fr" else text
