"""A table as CSV for Excel in French, and a CSV file read back.

Excel in French opens a CSV with « ; » between fields, recognises UTF-8 only by its BOM, and
reads dates written JJ/MM/AAAA. A text starting with =, +, - or @ would be taken for a formula
(and run): it is written after an apostrophe, which Excel hides, and which reading removes.
Reading also accepts what Excel writes back: « ; » or « , », UTF-8 (with or without BOM) or
Windows-1252 (« CSV (séparateur : point-virgule) »).
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from wizard.core import limits
from wizard.core.sheet_table import SheetTable, Value
from wizard.exports import RawSheet, SheetFileError
from wizard.i18n import _

DELIMITER = ";"
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _field(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def table_bytes(table: SheetTable) -> bytes:
    """The table as CSV bytes: BOM, header, one line per row (line ends inside quoted fields)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([c.header for c in table.columns])
    writer.writerows([_field(v) for v in row] for row in table.rows)
    return (BOM + out.getvalue()).encode("utf-8")


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else DELIMITER


def _unprotected(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


def read_table(data: bytes, name: str) -> RawSheet:
    """The cells of a CSV file; row numbers count records as a spreadsheet shows them (a field
    with line breaks stays one row). SheetFileError when it cannot be read."""
    if len(data) > limits.FILE_BYTES:
        raise SheetFileError(_("{file} : fichier trop volumineux ({size} octets au plus)").format(
            file=name, size=limits.FILE_BYTES))
    if b"\x00" in data[:4096]:
        raise SheetFileError(_("{file} : ce n’est pas un fichier CSV (contenu binaire)").format(file=name))
    text = _decoded(data)
    header: tuple[object, ...] = ()
    rows: list[tuple[int, tuple[object, ...]]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
        for number, record in enumerate(reader, start=1):
            values = tuple(_unprotected(v) for v in record)
            if number == 1:
                header = values
            elif any(v.strip() for v in values):
                if len(rows) >= limits.SHEET_ROWS:
                    raise SheetFileError(_("{file} : plus de {rows} lignes : ce n’est pas un plan d’action").format(
                        file=name, rows=limits.SHEET_ROWS))
                rows.append((number, values))
    except csv.Error as exc:
        raise SheetFileError(_("{file} : CSV illisible ({error})").format(file=name, error=exc)) from None
    return RawSheet(name, header, tuple(rows))
