"""A table as an Excel workbook, and a workbook read back (openpyxl).

The table is a real Excel table: a styled header with filter buttons, the first row frozen,
columns as wide as their content needs, dates stored as dates (shown JJ/MM/AAAA), priorities
coloured as in the signed plan, the cells the lab may edit tinted, a list of statuses to pick
from, and a second sheet saying what the export is. Texts are always stored as text: a note
that starts with « = » is never turned into a formula.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from io import BytesIO

from wizard.core import limits
from wizard.core.sheet_table import SheetTable, column_letter
from wizard.exports import RawSheet, SheetFileError
from wizard.i18n import _

HEADER_FILL = "1F4E79"  # the report's accent colour
EDITABLE_FILL = "FFF8E1"  # a pale yellow: « write here »
PRIORITY_FILLS = {"P1": "B3261E", "P2": "C77700", "P3": "2E7D32"}  # as in the signed plan
DATE_FORMAT = "DD/MM/YYYY"
MOMENT_FORMAT = "DD/MM/YYYY HH:MM"
MAX_COLUMNS = 200  # cells read per row; a plan has a dozen columns


def _clean(text: str) -> str:
    """Text a workbook can hold: control characters (other than tab and line ends) removed."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _sheet_title(name: str) -> str:
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name.strip()[:31] or "Vigie"


def table_bytes(table: SheetTable, *, title: str = "", table_name: str = "Vigie") -> bytes:
    """The workbook of a table; title: the document's title (its properties)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.table import Table, TableStyleInfo

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(table.name)
    header_font, header_fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor=HEADER_FILL)
    for col, column in enumerate(table.columns, start=1):
        cell = sheet.cell(1, col, _clean(column.header))
        cell.data_type = "s"
        cell.font, cell.fill = header_font, header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[column_letter(col - 1)].width = column.width
    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    editable_fill = PatternFill("solid", fgColor=EDITABLE_FILL)
    for row, values in enumerate(table.rows, start=2):
        for col, (column, value) in enumerate(zip(table.columns, values, strict=True), start=1):
            cell = sheet.cell(row, col)
            if isinstance(value, datetime):
                cell.value, cell.number_format = value, MOMENT_FORMAT
            elif isinstance(value, date):
                cell.value, cell.number_format = value, DATE_FORMAT
            elif value is not None and value != "":
                cell.value = _clean(str(value))
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.alignment = wrap if column.kind == "long" else top
            if column.kind == "priority" and value in PRIORITY_FILLS:
                cell.fill = PatternFill("solid", fgColor=PRIORITY_FILLS[str(value)])
                cell.font = Font(bold=True, color="FFFFFF")
            elif column.editable:
                cell.fill = editable_fill
    last = column_letter(len(table.columns) - 1)
    end = max(2, len(table.rows) + 1)
    if table.rows:
        excel_table = Table(displayName=table_name, ref=f"A1:{last}{end}")
        excel_table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        sheet.add_table(excel_table)
    else:  # Excel wants a table to have a row: filters alone on an empty one
        sheet.auto_filter.ref = f"A1:{last}1"
    sheet.freeze_panes = "A2"
    for key, values in table.choices:
        if not table.rows or not values:
            continue
        letter = column_letter([c.key for c in table.columns].index(key))
        check = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=False,
                               showErrorMessage=True, errorStyle="warning")
        check.error = _("Choisissez une valeur de la liste : {choices}.").format(choices=", ".join(values))
        sheet.add_data_validation(check)
        check.add(f"{letter}2:{letter}{end}")
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    if table.about:
        _about_sheet(book, table)
    book.properties.creator = "Vigie"
    book.properties.title = _clean(title or table.name)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _about_sheet(book, table: SheetTable) -> None:  # noqa: ANN001 - an openpyxl Workbook
    from openpyxl.styles import Alignment, Font

    about = book.create_sheet(_sheet_title(_("À propos")))
    about.column_dimensions["A"].width, about.column_dimensions["B"].width = 30, 100
    for row, (label, value) in enumerate(table.about, start=1):
        for col, text in ((1, label), (2, value)):
            cell = about.cell(row, col, _clean(text))
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        about.cell(row, 1).font = Font(bold=True)


def read_workbook(data: bytes, name: str) -> list[RawSheet]:
    """The sheets of a workbook, their cells as values (dates as dates); SheetFileError for a file
    that is not a readable .xlsx. name: the file's, for messages."""
    if len(data) > limits.FILE_BYTES:
        raise SheetFileError(_("{file} : fichier trop volumineux ({size} octets au plus)").format(
            file=name, size=limits.FILE_BYTES))
    from openpyxl import load_workbook

    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
        try:
            return [RawSheet(sheet.title, *_cells(sheet.iter_rows(values_only=True), name))
                    for sheet in book.worksheets]
        finally:
            book.close()
    except SheetFileError:
        raise
    except Exception:  # noqa: BLE001 - a foreign or damaged file fails in countless ways: say it plainly
        hint = _(" (un classeur .xls ou .ods s’enregistre au format .xlsx depuis le tableur)") \
            if not data.startswith(b"PK") else ""
        raise SheetFileError(_("{file} : ce n’est pas un classeur Excel (.xlsx) lisible{hint}").format(
            file=name, hint=hint)) from None


def _cells(rows: Iterator[tuple[object, ...]], name: str
           ) -> tuple[tuple[object, ...], tuple[tuple[int, tuple[object, ...]], ...]]:
    header: tuple[object, ...] = ()
    out: list[tuple[int, tuple[object, ...]]] = []
    for number, values in enumerate(rows, start=1):
        values = tuple(values[:MAX_COLUMNS])
        if number == 1:
            header = values
            continue
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue  # formatting left on empty rows, or a blank line between groups
        if len(out) >= limits.SHEET_ROWS:
            raise SheetFileError(_("{file} : plus de {rows} lignes : ce n’est pas un plan d’action").format(
                file=name, rows=limits.SHEET_ROWS))
        out.append((number, values))
    return header, tuple(out)
