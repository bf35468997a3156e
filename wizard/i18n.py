"""Translation for the whole application: _, N_, ngettext, and the active language.

Every user-visible string goes through this module. The language is set once, before the
first widget exists (see wizard.ui.app), and can be changed later; questionnaire content is
bilingual in the YAML files and picked with current_language().
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from wizard import paths

DOMAIN = "wizard"


@dataclass(frozen=True)
class Language:
    """A language of the interface and the content: the one list every other module asks."""

    code: str  # "fr": catalogs, content texts, settings, --lang
    locale: str  # "fr_FR": Babel's and Qt's dates and numbers
    tag: str  # "fr-FR": the PDF's /Lang
    name: str  # « Français »: in its own words, never translated, for the settings
    qt_catalog: bool = True  # Qt's own strings are written in English: "en" needs no catalog


# The source strings are French: French is the language that needs no catalog.
LANGUAGES: dict[str, Language] = {
    "fr": Language("fr", "fr_FR", "fr-FR", "Français"),
    "en": Language("en", "en_GB", "en-GB", "English", qt_catalog=False),
}
SOURCE_LANGUAGE = DEFAULT_LANGUAGE = "fr"

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


def babel_locale(lang: str | None = None) -> str:
    """« fr_FR »: the locale of a language (default: the active one) for Babel and Qt."""
    return LANGUAGES[lang or _current].locale


def language_tag(lang: str) -> str:
    """« fr-FR »: a language as documents name it (the PDF's /Lang)."""
    return LANGUAGES[lang].tag


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
    return _number_in(value, _current)


@lru_cache(maxsize=256)  # the same limits (« 20 000 caractères ») on every card of a page
def _number_in(value: int, language: str) -> str:
    from babel.numbers import format_decimal

    from wizard.typography import for_language

    return for_language(format_decimal(value, locale=babel_locale()), language)


def format_index(value: int) -> str:
    """A maturity index as every screen, the PDF and the CLI print it: « 23 / 100 » in French
    (narrow no-break spaces: never split across lines), "23/100" in English. Not « 23 % »: an
    index is not the share of the law complied with, and a percentage would claim that it is."""
    return f"{value}\u202f/\u202f100" if _current == "fr" else f"{value}/100"


def format_percent(value: float) -> str:
    """« 58 % » in French (narrow no-break space, as our typography wants), « 58% » in English;
    value in 0–100."""
    from babel.numbers import format_percent as babel_percent

    from wizard.typography import for_language

    return for_language(babel_percent(value / 100, locale=babel_locale()), _current)
