"""The files people work with outside Vigie: spreadsheets (XLSX, CSV), calendars (.ics) and
editable documents (.docx).

xlsx       a table as an Excel workbook (openpyxl): header, filters, frozen first row, widths,
           dates as dates, priorities coloured; and a workbook read back, cell by cell
delimited  a table as CSV for Excel in French (« ; », UTF-8 with BOM, JJ/MM/AAAA), and read back
ics        calendar entries as an iCalendar file (the icalendar library)
docx       « Points à compléter au contrat » as a Word document counsel can edit (python-docx)

What goes in the files (rows, labels, entries) is decided by wizard.core; these modules only
write and read bytes, and never touch the disk: wizard.operations puts the bytes in place.
"""

from __future__ import annotations

from dataclasses import dataclass


class SheetFileError(ValueError):
    """A file that cannot be read as a spreadsheet; the message says why, in plain words."""


@dataclass(frozen=True)
class RawSheet:
    """The cells of one sheet as read: the first row, then (row number, cells) for the others."""

    name: str
    header: tuple[object, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]
