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


def continued(sentence: str) -> str:
    """A sentence going on after « : », which French starts in lower case: « Pour créer l’évaluation :
    le SIRET… ». A word in capitals (an acronym: « SIRET ») is left as it is; use only on sentences
    of the interface, never on one that may start with a name."""
    first = sentence.split(" ", 1)[0]
    if first[1:2].isupper():
        return sentence
    return sentence[:1].lower() + sentence[1:]
