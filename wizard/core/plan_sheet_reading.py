"""An edited plan spreadsheet read back: the changes it asks for, and what is wrong where.

The id column matches each row to an action of the plan; the columns the lab may edit are
read (owner, due date, status, notes), whatever the language of the export and in any order;
the others are left alone. Every value is checked as Vigie's own fields are (lengths of
wizard.core.limits, dates within its range, statuses from the list); what is wrong is said
with its row number and column, and the caller applies nothing while there is any.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from wizard.core import limits
from wizard.core.action_plan import PlannedAction
from wizard.core.checks import one_of
from wizard.core.evaluation import Evaluation
from wizard.core.model import ACTION_STATUSES
from wizard.core.plan_changes import UNSET, PlanChange, note_text
from wizard.core.plan_sheet import PLAN_COLUMNS
from wizard.core.sheet_table import column_letter, in_all_languages, normalised
from wizard.i18n import LANGUAGES, _, format_number
from wizard.typography import french

EDITABLE = tuple(spec.key for spec in PLAN_COLUMNS if spec.editable)
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class SheetProblem:
    """What is wrong, where: row 0 is the file as a whole, row 1 its header; column is the header
    as written."""

    row: int
    message: str
    column: str = ""
    letter: str = ""

    @property
    def whole_file(self) -> bool:
        """A problem of the file or of its header: no row of it can be trusted, none is skipped."""
        return self.row <= 1

    def __str__(self) -> str:
        if not self.row:
            return self.message
        if not self.column:
            return french(_("ligne {row} : {message}")).format(row=self.row, message=self.message)
        return french(_("ligne {row}, colonne « {column} » ({letter}) : {message}")).format(
            row=self.row, column=self.column, letter=self.letter, message=self.message)


@dataclass(frozen=True)
class PlanSheetReading:
    changes: tuple[PlanChange, ...]
    problems: tuple[SheetProblem, ...]
    rows: int  # rows that name an action (blank rows are not counted)
    columns: tuple[str, ...] = field(default=())  # the editable columns found, by key


class _Refused(ValueError):
    """One cell's value is refused; the message says why."""


def _header_keys() -> dict[str, str]:
    names: dict[str, str] = {}
    for spec in PLAN_COLUMNS:
        for name in in_all_languages(spec.header) | {spec.key}:
            names[name] = spec.key
    return names


def _statuses() -> dict[str, str]:
    found = {key: key for key in ACTION_STATUSES}
    for key, label in ACTION_STATUSES.items():
        for name in in_all_languages(label):
            found[name] = key
    return found


def _owners(evaluation: Evaluation) -> dict[str, str]:
    found = {}
    for role in evaluation.framework.owner_roles:
        found[normalised(role.id)] = role.id
        for code in LANGUAGES:
            found[normalised(role.label.get(code))] = role.id
    return found


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _text(value: object, limit: int) -> str:
    text = _cell_text(value)
    if len(text) > limit:
        raise _Refused(_("{limit} caractères au plus, {length} trouvés").format(
            limit=format_number(limit), length=format_number(len(text))))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _Refused(_("caractère invalide U+{code:04X} (texte mal encodé)").format(code=ord(text[exc.start]))) \
            from None
    return text


def _day(value: object) -> date:
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    else:
        text = _cell_text(value).strip()
        try:
            if match := _DAY_FIRST.fullmatch(text):
                parsed = date(int(match[3]), int(match[2]), int(match[1]))
            elif match := _ISO.fullmatch(text):
                parsed = date(int(match[1]), int(match[2]), int(match[3]))
            else:
                raise ValueError(text)
        except ValueError:
            shown = text if len(text) <= 40 else text[:40] + "…"
            raise _Refused(french(_("date illisible « {value} » : JJ/MM/AAAA attendue")).format(value=shown)) \
                from None
    if not limits.FIRST_DAY <= parsed <= limits.LAST_DAY:
        raise _Refused(_("date du {first} au {last} attendue, {day} trouvée").format(
            first=limits.FIRST_DAY.strftime("%d/%m/%Y"), last=limits.LAST_DAY.strftime("%d/%m/%Y"),
            day=parsed.strftime("%d/%m/%Y")))
    return parsed


class _Reader:
    def __init__(self, evaluation: Evaluation, header: Sequence[object]) -> None:
        self.plan: dict[str, PlannedAction] = {a.id: a for a in evaluation.plan}
        self.statuses = _statuses()
        self.owners = _owners(evaluation)
        self.problems: list[SheetProblem] = []
        self.positions: dict[str, int] = {}
        self.headers: dict[str, str] = {}
        names = _header_keys()
        for index, cell in enumerate(header):
            key = names.get(normalised(cell))
            if key is None:
                continue  # a column the lab added: left alone
            if key in self.positions:
                self.problems.append(SheetProblem(1, french(_("colonne en double (déjà en {letter})")).format(
                    letter=column_letter(self.positions[key])), _cell_text(cell), column_letter(index)))
                continue
            self.positions[key] = index
            self.headers[key] = _cell_text(cell)
        if "id" not in self.positions:
            self.problems.append(SheetProblem(0, french(_(
                "aucune colonne « {column} » en première ligne : ce tableau ne vient pas d’un export du plan "
                "d’action de Vigie")).format(column=_("Identifiant"))))
        elif not any(key in self.positions for key in EDITABLE):
            self.problems.append(SheetProblem(0, french(_(
                "aucune colonne à importer en première ligne ({columns} attendue)")).format(
                columns=one_of([_(s.header) for s in PLAN_COLUMNS if s.editable]))))

    def cell(self, values: Sequence[object], key: str) -> object:
        index = self.positions[key]
        return values[index] if index < len(values) else None

    def refuse(self, row: int, key: str, message: str) -> None:
        self.problems.append(SheetProblem(row, message, self.headers[key], column_letter(self.positions[key])))

    def read(self, row: int, values: Sequence[object], seen: dict[str, int]) -> PlanChange | None:
        action_id = _cell_text(self.cell(values, "id")).strip()
        action = self.plan.get(action_id)
        if not action_id:
            self.refuse(row, "id", french(_("identifiant vide : la ligne ne correspond à aucune action du plan "
                                           "(une nouvelle action s’ajoute dans Vigie)")))
            return None
        if action is None:
            shown = action_id if len(action_id) <= 60 else action_id[:60] + "…"
            self.refuse(row, "id", french(_("aucune action « {id} » dans ce plan")).format(id=shown))
            return None
        if action_id in seen:
            self.refuse(row, "id", french(_("action déjà lue à la ligne {row}")).format(row=seen[action_id]))
            return None
        seen[action_id] = row
        fields: dict[str, object] = {}
        for key in EDITABLE:
            if key not in self.positions:
                continue
            try:
                value = self._value(key, self.cell(values, key), action)
            except _Refused as exc:
                self.refuse(row, key, str(exc))
                continue
            if value is not UNSET:
                fields[key] = value
        return PlanChange(action_id, row, **fields) if fields else None

    def _value(self, key: str, raw: object, action: PlannedAction) -> object:
        """The new value of one field, or UNSET when the sheet shows what the plan holds."""
        if key == "status":
            status = self.statuses.get(normalised(_cell_text(raw)))
            if status is None:
                raise _Refused(french(_("statut inconnu « {value} » : {choices} attendu")).format(
                    value=_cell_text(raw).strip()[:40], choices=one_of(_(label) for label in ACTION_STATUSES.values())))
            return UNSET if status == action.status else status
        if key == "due":
            if _cell_text(raw).strip() == "":
                raise _Refused(french(_("échéance vide : JJ/MM/AAAA attendue")))
            day = _day(raw)
            return UNSET if day == action.due else day
        if key == "owner":
            typed = _text(raw, limits.NAME).strip()
            owner = self.owners.get(normalised(typed), typed)
            return UNSET if owner == action.owner else owner
        note = note_text(_text(raw, limits.TEXT))
        return UNSET if note == action.note else note


def read_plan_rows(evaluation: Evaluation, header: Sequence[object],
                   rows: Iterable[tuple[int, Sequence[object]]]) -> PlanSheetReading:
    """The changes an edited plan asks for, and every problem found (row number, column, why).

    header: the first row's cells; rows: (row number as the spreadsheet shows it, cells).
    Blank rows are skipped. The changes hold only what differs from the plan as it stands.
    """
    reader = _Reader(evaluation, header)
    if any(p.whole_file for p in reader.problems):
        return PlanSheetReading((), tuple(reader.problems), 0)
    changes: list[PlanChange] = []
    seen: dict[str, int] = {}
    for row, values in rows:
        if all(_cell_text(v).strip() == "" for v in values):
            continue
        change = reader.read(row, values, seen)
        if change is not None:
            changes.append(change)
    found = tuple(key for key in EDITABLE if key in reader.positions)
    return PlanSheetReading(tuple(changes), tuple(reader.problems), len(seen), found)
