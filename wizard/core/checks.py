"""The rules every field of an assessment obeys, wherever it comes from.

The answers file, the .vigie exchange file, the store and the application's operations check
their values here before anything is kept, so that the plan, the report and the screens only
ever see well-formed data. Every refusal is a FieldError whose message names the field in the
answers-file form (« custom_actions[0].priority : P1, P2 ou P3 attendu, "P9" trouvé »).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from wizard.core import limits
from wizard.core.labels import ACTION_STATUSES, ANSWER_VALUES, PRIORITIES
from wizard.core.model import ActionEdit, Answer, Assessment, CustomAction, Organisation, Participant
from wizard.i18n import _, format_number

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHOWN = 60  # characters of a wrong value quoted in a message


class FieldError(ValueError):
    """One entry is wrong; the message says which and why."""


def got(value: Any) -> str:
    """A wrong value as the message quotes it: JSON, cut short; the type of a list or object."""
    if isinstance(value, dict):
        return _("un objet")
    if isinstance(value, list | tuple):
        return _("une liste")
    if isinstance(value, str) and len(value) > _SHOWN:
        return json.dumps(value[:_SHOWN], ensure_ascii=False)[:-1] + "…\""
    try:
        return "null" if value is None else json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return type(value).__name__


def one_of(choices: Iterable[str]) -> str:
    """« P1, P2 ou P3 »."""
    items = list(choices)
    if len(items) < 2:
        return "".join(items)
    return _("{first} ou {last}").format(first=", ".join(items[:-1]), last=items[-1])


def text(value: Any, where: str, limit: int, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise FieldError(_("{where} : texte attendu, {got} trouvé").format(where=where, got=got(value)))
    if required and not value.strip():
        raise FieldError(_("{where} : texte obligatoire").format(where=where))
    if len(value) > limit:
        raise FieldError(_("{where} : {limit} caractères au plus, {length} trouvés").format(
            where=where, limit=format_number(limit), length=format_number(len(value))))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: "\ud800" in JSON, undecodable bytes in argv
        raise FieldError(_("{where} : caractère invalide U+{code:04X} en position {position} (texte mal "
                           "encodé)").format(where=where, code=ord(value[exc.start]),
                                             position=exc.start + 1)) from None
    return value


def optional_text(value: Any, where: str, limit: int) -> str | None:
    return None if value is None else text(value, where, limit)


def flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise FieldError(_("{where} : true ou false attendu, {got} trouvé").format(where=where, got=got(value)))
    return value


def choice(value: Any, where: str, choices: Iterable[str]) -> str:
    options = tuple(choices)
    if not isinstance(value, str) or value not in options:
        raise FieldError(_("{where} : {choices} attendu, {got} trouvé").format(
            where=where, choices=one_of(options), got=got(value)))
    return value


def _in_range(day: date, where: str, value: Any) -> date:
    if not limits.FIRST_DAY <= day <= limits.LAST_DAY:
        raise FieldError(_("{where} : date du {first} au {last} attendue, {got} trouvé").format(
            where=where, first=limits.FIRST_DAY.isoformat(), last=limits.LAST_DAY.isoformat(), got=got(value)))
    return day


def day(value: Any, where: str) -> date:
    """A date written AAAA-MM-JJ, real and within limits.FIRST_DAY – LAST_DAY."""
    try:
        if not isinstance(value, str) or not _DAY.fullmatch(value):
            raise ValueError(value)
        parsed = date.fromisoformat(value)
    except ValueError:
        raise FieldError(_("{where} : date AAAA-MM-JJ attendue, {got} trouvé").format(
            where=where, got=got(value))) from None
    return _in_range(parsed, where, value)


def optional_day(value: Any, where: str) -> str | None:
    """A due date: none ("" or null) or a date; returned as written."""
    if value is None or value == "":
        return value
    day(value, where)
    return value


def moment(value: Any, where: str, *, required: bool = False) -> str:
    """A date and time ISO 8601 (2026-11-28T22:15:28+00:00) within the date limits; "" if not required."""
    if value == "" and not required:
        return value
    try:
        if not isinstance(value, str) or not _DAY.match(value):
            raise ValueError(value)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise FieldError(_("{where} : date et heure ISO 8601 attendues, {got} trouvé").format(
            where=where, got=got(value))) from None
    _in_range(parsed.date(), where, value)
    return value


def assessment_id(value: Any, where: str) -> str:
    """"" or a UUID as Vigie makes them."""
    if value != "" and not limits.is_assessment_id(value):
        raise FieldError(_("{where} : identifiant d’évaluation (UUID en minuscules) attendu, {got} trouvé")
                         .format(where=where, got=got(value)))
    return value


def action_id(value: Any, where: str) -> str:
    if not limits.is_action_id(value):
        raise FieldError(_("{where} : identifiant d’action attendu (lettres, chiffres, « . », « _ », « - », "
                           "100 au plus), {got} trouvé").format(where=where, got=got(value)))
    return value


# -- the parts of an assessment ------------------------------------------------------------------
def check_organisation(org: Organisation, where: str = "organisation") -> None:
    text(org.name, f"{where}.name", limits.ORGANISATION_NAME, required=True)
    text(org.siret, f"{where}.siret", limits.NAME)
    text(org.address, f"{where}.address", limits.ADDRESS)


def count(items: Any, where: str, limit: int) -> None:
    if len(items) > limit:
        raise FieldError(_("{where} : {limit} entrées au plus, {count} trouvées").format(
            where=where, limit=format_number(limit), count=format_number(len(items))))


def check_participants(people: list[Participant], where: str = "participants") -> None:
    count(people, where, limits.PARTICIPANTS)
    for i, p in enumerate(people):
        text(p.name, f"{where}[{i}].name", limits.NAME, required=True)
        text(p.role, f"{where}[{i}].role", limits.NAME)


def check_answer(answer: Answer, where: str) -> None:
    choice(answer.value, f"{where}.value", ANSWER_VALUES)
    for name in ("note", "justification", "evidence"):
        text(getattr(answer, name), f"{where}.{name}", limits.TEXT)
    text(answer.by, f"{where}.by", limits.NAME)
    moment(answer.at, f"{where}.at")
    flag(answer.review, f"{where}.review")


def check_edit(edit: ActionEdit, where: str) -> None:
    optional_text(edit.owner, f"{where}.owner", limits.NAME)
    optional_day(edit.due, f"{where}.due")
    if edit.status is not None:
        choice(edit.status, f"{where}.status", ACTION_STATUSES)
    if edit.priority is not None:
        choice(edit.priority, f"{where}.priority", PRIORITIES)
    text(edit.priority_reason, f"{where}.priority_reason", limits.TEXT)
    if edit.title is not None:  # the organisation's wording: never blank, as long as a catalogue title
        text(edit.title, f"{where}.title", limits.ACTION_TITLE, required=True)


def check_custom_action(action: CustomAction, where: str) -> None:
    action_id(action.id, f"{where}.id")
    text(action.title, f"{where}.title", limits.ACTION_TITLE, required=True)
    text(action.description, f"{where}.description", limits.TEXT)
    choice(action.priority, f"{where}.priority", PRIORITIES)
    text(action.owner, f"{where}.owner", limits.NAME)
    optional_day(action.due, f"{where}.due")
    choice(action.status, f"{where}.status", ACTION_STATUSES)


def check_custom_actions(actions: list[CustomAction], where: str = "custom_actions") -> None:
    count(actions, where, limits.CUSTOM_ACTIONS)
    seen: set[str] = set()
    for i, action in enumerate(actions):
        check_custom_action(action, f"{where}[{i}]")
        if action.id in seen:
            raise FieldError(_("{where}[{i}].id : identifiant déjà pris par une autre action, {got}").format(
                where=where, i=i, got=got(action.id)))
        seen.add(action.id)


def check_assessment(a: Assessment) -> None:
    """Every field of an assessment, except what needs the questionnaire (which questions exist)."""
    assessment_id(a.id, "id")
    assessment_id(a.previous_id, "previous_id")
    check_organisation(a.organisation)
    if not isinstance(a.date, date):
        raise FieldError(_("{where} : date AAAA-MM-JJ attendue, {got} trouvé").format(where="date", got=got(a.date)))
    _in_range(a.date, "date", a.date.isoformat())
    text(a.assessor, "assessor", limits.NAME)
    check_participants(a.participants)
    text(a.position, "position", limits.POSITION)
    for name in ("framework", "version", "digest"):
        text(getattr(a.content, name), f"content.{name}", limits.NAME)
    for qid, answer in a.answers.items():
        check_answer(answer, f"answers.{qid}")
    for aid, edit in a.action_edits.items():
        action_id(aid, "action_edits")
        check_edit(edit, f"action_edits.{aid}")
    check_custom_actions(a.custom_actions)
    check_action_notes(a.action_notes)


def check_action_notes(notes: dict[str, str], where: str = "action_notes") -> None:
    """Notes by action id: real action ids, texts within limits.TEXT (how many: the reader's bound)."""
    for aid, note in notes.items():
        action_id(aid, where)
        text(note, f"{where}.{aid}", limits.TEXT)
