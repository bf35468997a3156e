"""A table meant for a spreadsheet: its columns declared once, its rows as typed values.

The plan and the answers are laid out here, once, as plain data; the XLSX and CSV writers
(wizard.exports) only decide how each kind of column is written, and the reader of an edited
plan finds its columns again by the same declaration, whatever the language of the export.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from wizard.i18n import LANGUAGES, _, language

# How a column's values are written: text (one line), long (wrapped text), id (never edited),
# date (a day), moment (a day and a time), priority (P1–P3, coloured), status (a label from a list).
KINDS = ("text", "long", "id", "date", "moment", "priority", "status")
Value = str | date | datetime | None


@dataclass(frozen=True)
class ColumnSpec:
    """A column as declared: key, French header (translated when a table is made), kind, width in
    characters, and whether the lab may change it in the spreadsheet and import it back."""

    key: str
    header: str  # marked with N_(), translated in the export's language
    kind: str = "text"
    width: int = 20
    editable: bool = False


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # in the export's language
    kind: str
    width: int
    editable: bool


@dataclass(frozen=True)
class SheetTable:
    """name: the sheet's (31 characters at most); about: (label, value) lines describing the
    export (organisation, profile, date, how to import it back), written beside the table."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    about: tuple[tuple[str, str], ...] = ()
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()  # column key → the values a cell may take


def columns(specs: tuple[ColumnSpec, ...]) -> tuple[Column, ...]:
    """The columns with their headers in the current language."""
    return tuple(Column(s.key, _(s.header), s.kind, s.width, s.editable) for s in specs)


def in_all_languages(text: str) -> set[str]:
    """A marked string (N_) in every language Vigie speaks, normalised for comparison."""
    found = set()
    for code in LANGUAGES:
        with language(code):
            found.add(normalised(_(text)))
    return found


_SPACES = re.compile(r"\s+")


def normalised(text: object) -> str:
    """For comparing what a person typed: case, accents' forms, any kind of space."""
    flat = unicodedata.normalize("NFC", str(text or "")).replace("\u00a0", " ").replace("\u202f", " ")
    return _SPACES.sub(" ", flat).strip().casefold()


def column_letter(index: int) -> str:
    """A spreadsheet's column letter: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
