"""The action plan as a spreadsheet table: one row per action, the columns the lab follows it by.

Status, owner, due date and notes are the columns the lab may change and import back
(plan_sheet_reading.py); the id column matches each row to its action. Labels come from the
framework (owner roles, axes, sections) and from wizard.core.labels (priorities, statuses),
in the export's language. A workbook also says which assessment it comes from (about_lines(),
written beside the table); recorded() reads it back, so that a plan is imported only into its
own assessment. A CSV holds the table alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from wizard.core.action_plan import PlannedAction
from wizard.core.evaluation import Evaluation
from wizard.core.model import ACTION_STATUSES, PRIORITY_LABELS
from wizard.core.sheet_table import (
    Column,
    ColumnSpec,
    SheetTable,
    Value,
    columns,
    in_all_languages,
    normalised,
)
from wizard.i18n import N_, _, format_day, language
from wizard.typography import for_language

# Lines of about_lines() read back by recorded().
ORGANISATION = N_("Organisme")
ASSESSMENT_ID = N_("Identifiant de l’évaluation")

PLAN_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("id", N_("Identifiant"), "id", 24),
    ColumnSpec("priority", N_("Priorité"), "priority", 10),
    ColumnSpec("title", N_("Action"), "long", 48),
    ColumnSpec("owner", N_("Responsable"), "text", 24, editable=True),
    ColumnSpec("due", N_("Échéance"), "date", 12, editable=True),
    ColumnSpec("status", N_("Statut"), "status", 13, editable=True),
    ColumnSpec("note", N_("Notes"), "long", 40, editable=True),
    ColumnSpec("section", N_("Thème"), "text", 30),
    ColumnSpec("axis", N_("Article"), "text", 10),
    ColumnSpec("description", N_("Description"), "long", 60),
    ColumnSpec("questions", N_("Questions"), "text", 28),
    ColumnSpec("refs", N_("Références"), "text", 22),
)


def _origin(evaluation: Evaluation, action: PlannedAction, lang: str) -> tuple[str, str]:
    """The section and axis of the first question that called for the action."""
    if action.custom or not action.question_ids:
        return _("Action ajoutée"), ""
    question = evaluation.questionnaire.question(action.question_ids[0])
    titles = {s.id: s.title.get(lang) for s in evaluation.questionnaire.sections}
    try:
        axis = evaluation.framework.axis(question.axis).label.get(lang)
    except KeyError:
        axis = question.axis
    return titles.get(question.section, question.section), axis


def plan_row(evaluation: Evaluation, action: PlannedAction, lang: str) -> tuple[Value, ...]:
    section, axis = _origin(evaluation, action, lang)
    values: dict[str, Value] = {
        "id": action.id,
        "priority": action.priority,
        "title": action.title.get(lang),
        "owner": evaluation.framework.owner_label(action.owner, lang),
        "due": action.due,
        "status": _(ACTION_STATUSES.get(action.status, action.status)),
        "note": action.note,
        "section": section,
        "axis": axis,
        "description": action.description.get(lang) if action.description.get(lang) != action.title.get(lang) else "",
        "questions": ", ".join(action.question_ids),
        "refs": ", ".join(action.refs),
    }
    return tuple(_typo(values[spec.key], spec.key, lang) for spec in PLAN_COLUMNS)


def _typo(value: Value, key: str, lang: str) -> Value:
    """Content and labels with the language's typography; what the user typed, as typed."""
    if isinstance(value, str) and key not in ("id", "note", "questions", "refs"):
        return for_language(value, lang)
    return value


def plan_table(evaluation: Evaluation, lang: str) -> SheetTable:
    """The plan of an evaluated assessment, in lang (labels and content)."""
    with language(lang):
        cols: tuple[Column, ...] = columns(PLAN_COLUMNS)
        rows = tuple(plan_row(evaluation, action, lang) for action in evaluation.plan)
        statuses = tuple(_(label) for label in ACTION_STATUSES.values())
        return SheetTable(_("Plan d’action"), cols, rows, about=about_lines(evaluation, lang, plan=True),
                          choices=(("status", statuses),))


def with_origin_column(table: SheetTable, evaluation: Evaluation, lang: str) -> SheetTable:
    """The table with the assessment's id as its last column, on every row: a CSV has no sheet
    beside the table to say whose plan it is, and without it an edited CSV of one assessment would
    be taken into another of the same profile, whose actions bear the same ids."""
    with language(lang):
        column = Column("assessment", for_language(_(ASSESSMENT_ID), lang), "id", 38, False)
    aid = evaluation.assessment.id
    return replace(table, columns=(*table.columns, column), rows=tuple((*row, aid) for row in table.rows))


def column_values(header: Sequence[object], rows: Iterable[Sequence[object]], label: str) -> set[str]:
    """The distinct values under the column headed label (in any language), blanks left out."""
    names = in_all_languages(label)
    positions = [i for i, cell in enumerate(header) if normalised(cell) in names]
    return {str(cells[i]).strip() for cells in rows for i in positions
            if i < len(cells) and cells[i] is not None and str(cells[i]).strip()}


def about_lines(evaluation: Evaluation, lang: str, *, plan: bool) -> tuple[tuple[str, str], ...]:
    """What the export is (written beside the table), in the current language; the names the
    user typed as typed, Vigie's own words with the language's typography."""
    assessment = evaluation.assessment
    typed = [
        (_(ORGANISATION), assessment.organisation.name),
        (_("Profil"), evaluation.framework.profile_label(assessment.profile, lang)),
        (_("Date de l’évaluation"), format_day(assessment.date, "short")),
        (_("Évaluateur ou évaluatrice"), assessment.assessor),
        (_(ASSESSMENT_ID), assessment.id),
    ]
    ours = []
    if plan:
        ours.append((_("Priorités"), " ; ".join(_(PRIORITY_LABELS[p]) for p in PRIORITY_LABELS)))
        ours.append((_("Pour mettre à jour le plan"), _(
            "modifiez le responsable, l’échéance, le statut ou les notes, sans toucher à la colonne "
            "Identifiant, puis importez le fichier dans Vigie (page des résultats, menu Tableur et "
            "calendrier, ou commande « vigie import-plan »). Vigie montre ce qui changera avant de "
            "l’enregistrer.")))
    return tuple((for_language(k, lang), v) for k, v in typed) + tuple(
        (for_language(k, lang), for_language(v, lang)) for k, v in ours)


def recorded(rows: Iterable[Sequence[object]], label: str) -> str | None:
    """The value an export wrote beside its table under label (ORGANISATION, ASSESSMENT_ID), in
    whatever language it was exported; None when no row holds it (a CSV, a sheet the lab made)."""
    names = in_all_languages(label)
    for cells in rows:
        if len(cells) >= 2 and normalised(cells[0]) in names:
            return str(cells[1] if cells[1] is not None else "").strip()
    return None
