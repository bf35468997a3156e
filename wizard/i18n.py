"""Translation for the whole application: _, N_, ngettext, and the active language.

Every user-visible string goes through this module. The language is set once, before the
first widget exists (see wizard.ui.app), and can be changed later; questionnaire content is
bilingual in the YAML files and picked with current_language().
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager

from wizard import paths

DOMAIN = "wizard"
LANGUAGES: tuple[str, ...] = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

_current = DEFAULT_LANGUAGE
_translation: _gettext.NullTranslations = _gettext.NullTranslations()


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def current_language() -> str:
    return _current


def babel_locale() -> str:
    return {"fr": "fr_FR", "en": "en_GB"}[_current]


def set_language(lang: str) -> None:
    """Switch the language; the source strings are French, so 'fr' may need no catalog."""
    global _current, _translation
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current = lang
    # languages= is explicit: gettext would otherwise read LANG, rarely set on Windows.
    _translation = _gettext.translation(
        DOMAIN, localedir=str(paths.locale_dir()), languages=[lang], fallback=True
    )


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Work in another language for a while (a report in English from a French interface)."""
    previous = _current
    if lang == previous:
        yield
        return
    set_language(lang)
    try:
        yield
    finally:
        set_language(previous)
