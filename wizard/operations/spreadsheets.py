"""The plan and the answers where people work: spreadsheets and calendars, out and back in.

Exports lay out the table (wizard.core), turn it into bytes (wizard.exports) and put the file
in place atomically (wizard.atomic_files): an error leaves no half-written file, and an
existing file of that name untouched. Importing an edited plan reads the file, checks every
row (wizard.core.plan_sheet_reading), shows what would change, and stores it, on request, as
one named change of the session (one write, one entry in the plan's history).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.atomic_files import WriteFailed, write_document
from wizard.core.answer_sheet import answers_table
from wizard.core.checks import one_of
from wizard.core.evaluation import Evaluation
from wizard.core.plan_calendar import calendar_entries
from wizard.core.plan_changes import SHEET_IMPORT, FieldChange, change_text
from wizard.core.plan_sheet import (
    ASSESSMENT_ID,
    ORGANISATION,
    column_values,
    plan_table,
    recorded,
    with_origin_column,
)
from wizard.core.plan_sheet_reading import PlanSheetReading, SheetProblem, read_plan_rows
from wizard.exports import SheetFileError, delimited, ics, xlsx
from wizard.i18n import _, language, ngettext
from wizard.operations.errors import OperationError
from wizard.typography import for_language, french

if TYPE_CHECKING:
    from wizard.core.plan_changes import PlanChange
    from wizard.exports import RawSheet
    from wizard.operations.session import Session

PLAN_FORMATS = ("xlsx", "csv", "ics")
ANSWER_FORMATS = ("xlsx", "csv")
READ_FORMATS = ("xlsx", "csv")


class PlanSheetRefused(OperationError):
    """The edited plan has problems (listed with their rows): nothing was applied."""

    def __init__(self, message: str, problems: tuple[SheetProblem, ...]) -> None:
        super().__init__(message)
        self.problems = problems


def file_format(path: Path, fmt: str | None, allowed: tuple[str, ...]) -> str:
    """The format asked for, else the file's suffix; OperationError when neither is one of allowed."""
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen not in allowed:
        raise OperationError(french(_("{file} : format {choices} attendu (option --format ou extension du "
                                      "fichier)")).format(file=path, choices=one_of(allowed)))
    return chosen


def _write(out_path: Path, data: bytes) -> Path:
    try:
        write_document(Path(out_path), data)
    except WriteFailed as exc:
        raise OperationError(str(exc)) from None
    return Path(out_path)


def export_plan(evaluation: Evaluation, out_path: Path | str, *, fmt: str | None = None, lang: str = "fr") -> Path:
    """The action plan as .xlsx, .csv or .ics (format from fmt or the file's suffix)."""
    out = Path(out_path)
    chosen = file_format(out, fmt, PLAN_FORMATS)
    if chosen == "ics":
        with language(lang):
            name = for_language(_("Plan d’action — {organisation}"), lang).format(
                organisation=evaluation.assessment.organisation.name)
        data = ics.calendar_bytes(calendar_entries(evaluation, lang), name=name, stamp=datetime.now(UTC))
    else:
        table = plan_table(evaluation, lang)
        data = xlsx.table_bytes(table, title=_about_title(table.name, evaluation), table_name="PlanAction") \
            if chosen == "xlsx" else delimited.table_bytes(with_origin_column(table, evaluation, lang))
    return _write(out, data)


def export_answers(evaluation: Evaluation, out_path: Path | str, *, fmt: str | None = None,
                   lang: str = "fr") -> Path:
    """The answers (question, answer, comment, evidence, justification, who, when) as .xlsx or .csv."""
    out = Path(out_path)
    chosen = file_format(out, fmt, ANSWER_FORMATS)
    table = answers_table(evaluation, lang)
    data = xlsx.table_bytes(table, title=_about_title(table.name, evaluation), table_name="Reponses") \
        if chosen == "xlsx" else delimited.table_bytes(table)
    return _write(out, data)


def _about_title(name: str, evaluation: Evaluation) -> str:
    return f"{name} — {evaluation.assessment.organisation.name}"


# -- the edited plan, back in --------------------------------------------------------------------
@dataclass(frozen=True)
class PlanSheetImport:
    """An edited plan read and checked: what it would change (preview), what is wrong (problems)."""

    source: str  # the file's name, recorded in the plan's history
    reading: PlanSheetReading
    preview: tuple[FieldChange, ...]

    @property
    def problems(self) -> tuple[SheetProblem, ...]:
        return self.reading.problems

    def rows_of(self, change: FieldChange) -> int:
        for planned in self.reading.changes:
            if planned.action_id == change.action_id:
                return planned.row
        return 0

    def lines(self, evaluation: Evaluation, lang: str) -> list[str]:
        """The preview, one line per field: « ligne 4 — Former l’équipe — Statut : À lancer → Fait »."""
        with language(lang):
            template = for_language(_("ligne {row} — {change}"), lang)
            return [template.format(row=self.rows_of(c), change=change_text(c, evaluation.framework, lang))
                    for c in self.preview]


def _sheets(path: Path) -> list[RawSheet]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise OperationError(_("{file} : fichier introuvable").format(file=path)) from None
    except OSError as exc:
        raise OperationError(_("{file} : lecture impossible ({error})").format(
            file=path, error=exc.strerror or exc)) from None
    fmt = file_format(path, None, READ_FORMATS)
    try:
        return xlsx.read_workbook(data, str(path)) if fmt == "xlsx" else [delimited.read_table(data, str(path))]
    except SheetFileError as exc:
        raise OperationError(str(exc)) from None


def _check_origin(path: Path, sheets: list[RawSheet], evaluation: Evaluation) -> None:
    """OperationError when the file says it is the plan of another assessment: a workbook in its
    « À propos » sheet, a CSV in its last column. A file that says nothing (that sheet or column
    removed, a CSV of an earlier Vigie) has its rows matched to this plan's actions as they are."""
    rows = [cells for sheet in sheets for cells in (sheet.header, *(r for _n, r in sheet.rows))]
    assessment = evaluation.assessment
    named = {v for sheet in sheets for v in column_values(sheet.header, (r for _n, r in sheet.rows), ASSESSMENT_ID)}
    other = recorded(rows, ASSESSMENT_ID) or next(iter(sorted(named - {assessment.id})), None)
    if not other or other == assessment.id:
        return
    organisation = recorded(rows, ORGANISATION)  # a CSV does not carry it
    whose = _("{organisation}, identifiant {other}") if organisation else _("identifiant {other}")
    raise OperationError(french(_(
        "{file} est le plan d’action d’une autre évaluation ({whose}) ; il ne s’importe que dans celle-ci, "
        "pas dans l’évaluation {id} ({mine}). Rien n’a été importé.")).format(
        file=path.name, whose=whose.format(organisation=organisation, other=other[:60]), id=assessment.id,
        mine=assessment.organisation.name))


def read_plan_sheet(session: Session, path: Path | str) -> PlanSheetImport:
    """Read an edited plan (.xlsx or .csv) against the session's plan: the changes it asks for,
    previewed, and its problems. Nothing is stored. OperationError for a file that cannot be read,
    or one exported from another assessment."""
    path = Path(path)
    evaluation = session.evaluation()
    sheets = _sheets(path)
    _check_origin(path, sheets, evaluation)
    reading = None
    for sheet in sheets:  # the first sheet that is a plan (the lab may have added others)
        found = read_plan_rows(evaluation, sheet.header, sheet.rows)
        if reading is None or not any(p.whole_file for p in found.problems):
            reading = found
        if not any(p.whole_file for p in found.problems):
            break
    if reading is None:
        raise OperationError(_("{file} : le classeur ne contient aucune feuille").format(file=path))
    return PlanSheetImport(path.name, reading, tuple(session.preview_plan_changes(_valid(reading))))


def _valid(reading: PlanSheetReading) -> list[PlanChange]:
    """The changes of the rows without problems; none when the file as a whole is refused."""
    if any(p.whole_file for p in reading.problems):
        return []
    refused = {p.row for p in reading.problems}
    return [c for c in reading.changes if c.row not in refused]


def apply_plan_sheet(session: Session, found: PlanSheetImport, *, by: str = "",
                     skip_invalid: bool = False) -> list[FieldChange]:
    """Store what an edited plan changes, as one entry of the plan's history. While it has
    problems nothing is stored (PlanSheetRefused), unless skip_invalid: then the rows without
    problems are applied and the others left out. A file-wide problem is never skipped."""
    problems = found.problems
    if problems and (not skip_invalid or any(p.whole_file for p in problems)):
        raise PlanSheetRefused(french(ngettext("{file} : {count} problème ; rien n’a été importé.",
                                               "{file} : {count} problèmes ; rien n’a été importé.",
                                               len(problems))).format(file=found.source, count=len(problems)),
                               problems)
    return session.apply_plan_changes(_valid(found.reading), operation=SHEET_IMPORT, source=found.source, by=by)
