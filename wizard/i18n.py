"""Translation for the whole application: _, N_, ngettext, and the active language.

Every user-visible string goes through this module. The language is set once, before the
first widget exists (see wizard.ui.app), and can be changed later; questionnaire content is
bilingual in the YAML files and picked with current_language().
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from wizard import paths

DOMAIN = "wizard"
LANGUAGES: tuple[str, ...] = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

_current = DEFAULT_LANGUAGE
_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_catalogs: dict[str, _gettext.NullTranslations] = {}


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
    _translation = _catalog(lang)


def _catalog(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of a language, read once; none (the French sources) when missing.

    Opened by its path rather than with gettext.translation(), which reads LANG (rarely set on
    Windows) and loads the locale module to normalise it: 3 ms at every start for nothing.
    """
    if lang not in _catalogs:
        path = paths.locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            with open(path, "rb") as handle:
                _catalogs[lang] = _gettext.GNUTranslations(handle)
        except FileNotFoundError:
            _catalogs[lang] = _gettext.NullTranslations()
    return _catalogs[lang]


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


# -- dates, times and numbers in the active language (Babel), for the UI and the reports -------------
def format_day(day: date, style: str = "medium") -> str:
    """« 28 nov. 2026 » (medium), « 28 novembre 2026 » (long), « 28/11/2026 » (short) in French."""
    from babel.dates import format_date

    return format_date(day, format=style, locale=babel_locale())


def format_moment(moment: datetime, style: str = "short") -> str:
    """A date and time in the user's time zone: « 28/11/2026 23:05 » (short), with seconds
    « 28 nov. 2026, 23:05:10 » (medium)."""
    from babel.dates import format_datetime

    local = moment.astimezone() if moment.tzinfo else moment
    return format_datetime(local, format=style, locale=babel_locale())


def format_number(value: int) -> str:
    """« 20 000 » in French (narrow no-break space), « 20,000 » in English."""
    from babel.numbers import format_decimal

    from wizard.core.typography import for_language

    return for_language(format_decimal(value, locale=babel_locale()), _current)


def format_percent(value: float) -> str:
    """« 58 % » in French (narrow no-break space, as our typography wants), « 58% » in English;
    value in 0–100."""
    from babel.numbers import format_percent as babel_percent

    from wizard.core.typography import for_language

    return for_language(babel_percent(value / 100, locale=babel_locale()), _current)
