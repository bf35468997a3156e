"""How results values read on screen: content in the current language, dates, priorities.

Pure functions with no Qt, so the table model, the editor and the tests agree on every label.
"""

from __future__ import annotations

from datetime import date

from wizard.core.framework import Framework
from wizard.core.model import ACTION_STATUSES, ANSWER_LABELS, PRIORITY_LABELS, Text
from wizard.i18n import _, current_language, format_day, format_index
from wizard.typography import for_language


def typo(text: str) -> str:
    """A user-visible text with the typography of the current language."""
    return for_language(text, current_language())


def content(text: Text | None) -> str:
    """Questionnaire content (bilingual in the files) in the current language."""
    return typo(text.get(current_language())) if text else ""


def axis_label(framework: Framework, axis_id: str) -> str:
    """« Article 28 — Sous-traitant »: the axis' name, then its subject."""
    axis = framework.axis(axis_id)
    name = content(axis.name)
    return typo(_("{name} — {title}").format(name=name[:1].upper() + name[1:], title=content(axis.title)))


def axis_short(framework: Framework, axis_id: str) -> str:
    """« Art. 28 », for a narrow table column."""
    return content(framework.axis(axis_id).label)


def score_text(score: int | None) -> str:
    return format_index(score) if score is not None else _("non évalué")


def priority_label(priority: str) -> str:
    return _(PRIORITY_LABELS[priority]) if priority in PRIORITY_LABELS else priority


def status_label(status: str) -> str:
    return _(ACTION_STATUSES[status]) if status in ACTION_STATUSES else status


def answer_label(value: str) -> str:
    return _(ANSWER_LABELS[value]) if value in ANSWER_LABELS else value


def owner_text(owner: str, framework: Framework | None) -> str:
    """The owner role's label (or the name typed in its place); « à désigner » when none."""
    if not owner:
        return _("à désigner")
    return typo(framework.owner_label(owner, current_language()) if framework else owner)


def date_text(day: date) -> str:
    """Compact and numeric, as a table wants it, in the active language (28/11/2026)."""
    return format_day(day, "short")


def refs_text(refs: tuple[str, ...]) -> str:
    """GDPR paragraphs read "art. 28.3"; other references (CNIL guide, HDS…) stay as written."""
    return ", ".join(typo(_("art. {ref}").format(ref=r) if r[:1].isdigit() else r) for r in refs)
