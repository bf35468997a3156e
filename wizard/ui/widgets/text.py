"""Interface strings get the same French typography as content (non-breaking spaces, ’)."""

from __future__ import annotations

from wizard.i18n import current_language
from wizard.typography import for_language


def fr(text: str) -> str:
    return for_language(text, current_language())


def escape(text: str) -> str:
    """Plain text made safe inside Qt rich text (html.escape without loading html.entities)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def one_line(text: str) -> str:
    """A name as one line of plain text: line breaks and other control characters become spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())
