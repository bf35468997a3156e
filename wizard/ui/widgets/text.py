"""Interface strings get the same French typography as content (non-breaking spaces, ’)."""

from __future__ import annotations

from wizard.core.typography import for_language
from wizard.i18n import current_language


def fr(text: str) -> str:
    return for_language(text, current_language())
