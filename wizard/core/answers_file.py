"""The answers file: the stable JSON exchange of an assessment's answers (CLI contract).

{"format": "vigie-answers", "version": 1, "profile": "lab", "organisation": {"name": "…"},
 "assessor": "…", "date": "YYYY-MM-DD",
 "answers": {"<question id>": {"value": "no", "note": "…", "justification": "…"}}}

Optional keys written by Vigie and read back: id, previous_id, organisation.siret/address,
participants, answers[].evidence/by/at/review, action_edits, custom_actions, action_notes
({"<action id>": "note"}). Every value is
checked (wizard.core.checks, limits in wizard.core.limits) before an assessment is built.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.core import checks, limits
from wizard.core.answer_rules import na_refusal
from wizard.core.assessment_codec import compact, plain
from wizard.core.checks import FieldError, got
from wizard.core.model import (
    ActionEdit,
    Answer,
    Assessment,
    ContentStamp,
    CustomAction,
    Organisation,
    Participant,
)
from wizard.i18n import _, format_number

if TYPE_CHECKING:  # the questionnaire (YAML, JSON Schema) is not loaded to open a store
    from wizard.core.questionnaire import Questionnaire

FORMAT = "vigie-answers"
VERSION = 1

# The one error of a file's content; FieldError under the name its readers know.
AnswersFileError = FieldError


def _require(cond: bool, message: str) -> None:
    if not cond:
        raise AnswersFileError(message)


def load_json(raw: bytes | str) -> Any:
    """Parse JSON read from outside: bounded in size and depth, every text encodable.

    Raises AnswersFileError naming the problem (and where, for a text that is not valid UTF-8).
    """
    _require(len(raw) <= limits.FILE_BYTES, _("fichier trop volumineux ({size} octets ; {limit} au plus)").format(
        size=format_number(len(raw)), limit=format_number(limits.FILE_BYTES)))
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        data = json.loads(text)
    except UnicodeDecodeError:
        raise AnswersFileError(_("ce n’est pas du texte UTF-8 (contenu binaire ou autre encodage)")) from None
    except json.JSONDecodeError as exc:
        raise AnswersFileError(_("JSON invalide, ligne {line}, colonne {column} ({error})").format(
            line=exc.lineno, column=exc.colno, error=exc.msg)) from None
    except RecursionError:
        raise AnswersFileError(_("structure trop imbriquée")) from None
    check_tree(data)
    return data


def check_tree(data: Any) -> None:
    """No deeper than limits.JSON_DEPTH, and no text (key or value) that cannot be written back."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        node, where, depth = stack.pop()
        if depth > limits.JSON_DEPTH:
            raise AnswersFileError(_("structure trop imbriquée ({limit} niveaux au plus)").format(
                limit=limits.JSON_DEPTH))
        if isinstance(node, dict):
            for key, value in node.items():
                path = f"{where}.{key}" if where else key
                checks.text(key, where or "/", len(key))
                stack.append((value, path, depth + 1))
        elif isinstance(node, list):
            stack.extend((value, f"{where}[{i}]", depth + 1) for i, value in enumerate(node))
        elif isinstance(node, str):
            checks.text(node, where or "/", len(node))


def _record(cls: type, raw: Any, where: str) -> Any:
    """A dataclass from an object whose keys are the dataclass's fields; values checked later."""
    _require(isinstance(raw, dict), _("{where} : objet attendu, {got} trouvé").format(where=where, got=got(raw)))
    names = {f.name for f in fields(cls)}
    extra = set(raw) - names
    _require(not extra, _("{where} : clé inconnue {keys}").format(where=where, keys=", ".join(sorted(extra))))
    try:
        return cls(**raw)
    except TypeError:
        missing = sorted(names - set(raw))
        raise AnswersFileError(_("{where} : clé manquante {keys}").format(where=where, keys=", ".join(missing))) \
            from None


def _list(raw: Any, where: str) -> list[Any]:
    _require(isinstance(raw, list), _("{where} : liste attendue, {got} trouvé").format(where=where, got=got(raw)))
    return raw


def _object(raw: Any, where: str) -> dict[str, Any]:
    _require(isinstance(raw, dict), _("{where} : objet attendu, {got} trouvé").format(where=where, got=got(raw)))
    return raw


def assessment_from_dict(data: Any, questionnaire: Questionnaire, *, strict_na: bool = False) -> Assessment:
    """Check every entry against the questionnaire and the limits, and build the assessment.

    strict_na (answers files, written by people and scripts): « Non applicable » where the
    question's content does not allow it, or without a justification, is refused, naming the
    question (wizard.core.answer_rules). Vigie's own stored data (.vigie files, the copy attached
    to a plan) is read leniently: an older « Non applicable » keeps its value, and the scores
    count it as « Je ne sais pas »."""
    _require(isinstance(data, dict), _("le fichier ne contient pas un objet JSON"))
    _require(data.get("format") == FORMAT, _("format : « {expected} » attendu, {got} trouvé").format(
        expected=FORMAT, got=got(data.get("format"))))
    version = data.get("version")
    _require(type(version) is int and version == VERSION,
             _("version : cette version de Vigie lit la version {version}, le fichier indique {got}").format(
                 version=VERSION, got=got(version)))
    profile = checks.choice(data.get("profile"), "profile", questionnaire.framework.profile_ids)
    org = _object(data.get("organisation"), "organisation")
    raw_date = data.get("date")
    when = checks.day(raw_date, "date")

    view = questionnaire.for_profile(profile)
    known = {q.id for q in view.questions}
    other = {q.id for q in questionnaire.questions} - known
    raw_answers = data.get("answers", {})
    _require(isinstance(raw_answers, dict), _("answers : objet attendu, avec une entrée par question"))
    answers: dict[str, Answer] = {}
    for qid, raw in raw_answers.items():
        where = f"answers.{qid}"
        _require(qid not in other, _("{where} : cette question ne concerne pas le profil « {profile} »").format(
            where=where, profile=profile))
        _require(qid in known, _("{where} : identifiant de question inconnu").format(where=where))
        _require(isinstance(raw, dict) and "value" in raw,
                 _("{where} : objet avec une réponse « value » attendu").format(where=where))
        answers[qid] = _record(Answer, raw, where)

    edits = _object(data.get("action_edits", {}), "action_edits")
    customs = _list(data.get("custom_actions", []), "custom_actions")
    participants = _list(data.get("participants", []), "participants")
    checks.count(participants, "participants", limits.PARTICIPANTS)
    checks.count(customs, "custom_actions", limits.CUSTOM_ACTIONS)
    checks.count(edits, "action_edits", len(questionnaire.actions) + limits.CUSTOM_ACTIONS)
    notes = _object(data.get("action_notes", {}), "action_notes")
    checks.count(notes, "action_notes", len(questionnaire.actions) + limits.CUSTOM_ACTIONS)
    assessment = Assessment(
        profile=profile,
        organisation=_record(Organisation, org, "organisation"),
        date=when,
        assessor=data.get("assessor", ""),
        participants=[_record(Participant, p, f"participants[{i}]") for i, p in enumerate(participants)],
        answers=answers,
        action_edits={aid: _record(ActionEdit, raw, f"action_edits.{aid}") for aid, raw in edits.items()},
        custom_actions=[_record(CustomAction, raw, f"custom_actions[{i}]") for i, raw in enumerate(customs)],
        action_notes=dict(notes),
        id=data.get("id", ""),
        previous_id=data.get("previous_id", ""),
        content=_record(ContentStamp, data.get("content", {}), "content"),
    )
    checks.check_assessment(assessment)
    if strict_na:
        for qid, answer in answers.items():
            reason = na_refusal(view.question(qid), answer.justification) if answer.value == "na" else None
            _require(reason is None, reason or "")  # the reason names the question
    assessment.organisation.name = assessment.organisation.name.strip()
    return assessment


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """The answers-file form of an assessment (round-trips through assessment_from_dict)."""
    data = compact(plain(assessment))
    data.pop("position")  # where the assessor left off: the exchange file carries it beside
    return {"format": FORMAT, "version": VERSION, **data}


def read_answers_file(path: Path, questionnaire: Questionnaire) -> Assessment:
    """An answers file (the input of `vigie plan` and `vigie report`), read with strict_na."""
    try:
        if path.stat().st_size > limits.FILE_BYTES:
            raise AnswersFileError(_("{path} : fichier trop volumineux ({size} octets ; {limit} au plus)").format(
                path=path, size=format_number(path.stat().st_size), limit=format_number(limits.FILE_BYTES)))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise AnswersFileError(_("{path} : fichier introuvable").format(path=path)) from None
    except OSError as exc:
        raise AnswersFileError(_("{path} : lecture impossible ({error})").format(
            path=path, error=exc.strerror or exc)) from None
    try:
        return assessment_from_dict(load_json(raw), questionnaire, strict_na=True)
    except AnswersFileError as exc:
        raise AnswersFileError(f"{path} : {exc}") from None
