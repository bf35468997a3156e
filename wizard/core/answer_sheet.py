"""The answers as a spreadsheet table: one row per question the assessment shows.

Question, answer, comment, evidence, justification, who answered and when; a question not
answered yet has its row, with the answer empty, so the table doubles as a to-do list before
the workshop. Hidden questions (skipped by an earlier answer) are left out, as on screen.
"""

from __future__ import annotations

from datetime import datetime

from wizard.core.evaluation import Evaluation
from wizard.core.model import ANSWER_LABELS
from wizard.core.numbering import question_numbers
from wizard.core.plan_sheet import about_lines
from wizard.core.sheet_table import ColumnSpec, SheetTable, Value, columns
from wizard.i18n import N_, _, language
from wizard.typography import for_language

ANSWER_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("number", N_("N°"), "id", 6),
    ColumnSpec("id", N_("Identifiant"), "id", 26),
    ColumnSpec("section", N_("Thème"), "text", 28),
    ColumnSpec("axis", N_("Article"), "text", 10),
    ColumnSpec("question", N_("Question"), "long", 60),
    ColumnSpec("answer", N_("Réponse"), "text", 16),
    ColumnSpec("note", N_("Commentaire"), "long", 40),
    ColumnSpec("evidence", N_("Preuves"), "long", 36),
    ColumnSpec("justification", N_("Justification"), "long", 36),
    ColumnSpec("by", N_("Répondu par"), "text", 20),
    ColumnSpec("at", N_("Répondu le"), "moment", 17),
    ColumnSpec("review", N_("À revoir"), "text", 10),
)


def local_moment(moment: str) -> datetime | None:
    """A stored moment (ISO 8601 with its offset) in the computer's time zone, without zone
    (spreadsheets have none); None when empty or unreadable."""
    if not moment:
        return None
    try:
        parsed = datetime.fromisoformat(moment)
    except ValueError:
        return None
    return (parsed.astimezone() if parsed.tzinfo else parsed).replace(tzinfo=None, microsecond=0)


def answers_table(evaluation: Evaluation, lang: str) -> SheetTable:
    """The visible questions of an evaluated assessment and their answers, in lang."""
    with language(lang):
        view = evaluation.questionnaire
        numbers = question_numbers(view)
        titles = {s.id: s.title.get(lang) for s in view.sections}
        rows = []
        for question in evaluation.visible:
            answer = evaluation.answers.get(question.id)
            try:
                axis = evaluation.framework.axis(question.axis).label.get(lang)
            except KeyError:
                axis = question.axis
            values: dict[str, Value] = {
                "number": numbers.get(question.id, ""),
                "id": question.id,
                "section": for_language(titles.get(question.section, question.section), lang),
                "axis": axis,
                "question": for_language(question.text.get(lang), lang),
                "answer": _(ANSWER_LABELS[answer.value]) if answer and answer.value in ANSWER_LABELS else "",
                "note": answer.note if answer else "",
                "evidence": answer.evidence if answer else "",
                "justification": answer.justification if answer else "",
                "by": answer.by if answer else "",
                "at": local_moment(answer.at) if answer else None,
                "review": _("Oui") if answer and answer.review else "",
            }
            rows.append(tuple(values[spec.key] for spec in ANSWER_COLUMNS))
        return SheetTable(_("Réponses"), columns(ANSWER_COLUMNS), tuple(rows),
                          about=about_lines(evaluation, lang, plan=False))
