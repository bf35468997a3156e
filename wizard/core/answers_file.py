"""The answers file: the stable JSON exchange of an assessment's answers (CLI contract).

{"format": "vigie-answers", "version": 1, "profile": "lab", "organisation": {"name": "…"},
 "assessor": "…", "date": "YYYY-MM-DD",
 "answers": {"<question id>": {"value": "no", "note": "…", "justification": "…"}}}

Optional keys written by Vigie and read back: organisation.siret/address, participants,
answers[].evidence/by/at/review, action_edits, custom_actions.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.core.model import (
    ACTION_STATUSES,
    ANSWER_VALUES,
    PRIORITIES,
    ActionEdit,
    Answer,
    Assessment,
    CustomAction,
    Organisation,
    Participant,
)
from wizard.i18n import _

if TYPE_CHECKING:  # the questionnaire (YAML, JSON Schema) is not loaded to open a store
    from wizard.core.questionnaire import Questionnaire

FORMAT = "vigie-answers"
VERSION = 1
_ANSWER_KEYS = {"value", "note", "justification", "evidence", "by", "at", "review"}


class AnswersFileError(ValueError):
    """The answers file is not usable; the message says which entry is wrong."""


def _require(cond: bool, message: str) -> None:
    if not cond:
        raise AnswersFileError(message)


def _str(data: dict[str, Any], key: str, where: str, default: str = "") -> str:
    value = data.get(key, default)
    _require(isinstance(value, str), _("{where}.{key} : texte attendu, {type} trouvé").format(
        where=where, key=key, type=type(value).__name__))
    return value


def one_of(choices: tuple[str, ...]) -> str:
    """« lab ou vendor », « a, b ou c »: the possible values in a message."""
    if len(choices) < 2:
        return "".join(choices)
    return _("{first} ou {second}").format(first=", ".join(choices[:-1]), second=choices[-1])


def _got(value: Any) -> str:
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def assessment_from_dict(data: Any, questionnaire: Questionnaire) -> Assessment:
    """Check every entry against the questionnaire and build the assessment."""
    _require(isinstance(data, dict), _("le fichier ne contient pas un objet JSON"))
    _require(data.get("format") == FORMAT, _("format : « {expected} » attendu, {got} trouvé").format(
        expected=FORMAT, got=_got(data.get("format"))))
    _require(data.get("version") == VERSION,
             _("version : cette version de Vigie lit la version {version}, le fichier indique {got}").format(
                 version=VERSION, got=_got(data.get("version"))))
    profile = data.get("profile")
    profiles = questionnaire.framework.profile_ids
    _require(profile in profiles, _("profile : {choices} attendu, {got} trouvé").format(
        choices=one_of(profiles), got=_got(profile)))
    org = data.get("organisation")
    _require(isinstance(org, dict) and isinstance(org.get("name"), str) and org["name"].strip() != "",
             _("organisation.name : le nom de l'organisme est obligatoire"))
    raw_date = data.get("date")
    try:
        when = date.fromisoformat(raw_date)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise AnswersFileError(_("date : date au format AAAA-MM-JJ attendue, {got} trouvé").format(
            got=_got(raw_date))) from None

    view = questionnaire.for_profile(profile)  # type: ignore[arg-type]
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
        _require(isinstance(raw, dict), _("{where} : objet avec une réponse « value » attendu").format(where=where))
        extra = set(raw) - _ANSWER_KEYS
        _require(not extra, _("{where} : clé inconnue {keys}").format(where=where, keys=", ".join(sorted(extra))))
        value = raw.get("value")
        _require(value in ANSWER_VALUES, _("{where}.value : {choices} attendu, {got} trouvé").format(
            where=where, choices=", ".join(ANSWER_VALUES), got=_got(value)))
        review = raw.get("review", False)
        _require(isinstance(review, bool), _("{where}.review : true ou false attendu").format(where=where))
        answers[qid] = Answer(
            value=value, note=_str(raw, "note", where), justification=_str(raw, "justification", where),
            evidence=_str(raw, "evidence", where), by=_str(raw, "by", where), at=_str(raw, "at", where),
            review=review)

    participants = data.get("participants", [])
    _require(isinstance(participants, list) and all(
        isinstance(p, dict) and isinstance(p.get("name"), str) and isinstance(p.get("role", ""), str)
        for p in participants), _("participants : liste de personnes (name, role) attendue"))
    edits = data.get("action_edits", {})
    _require(isinstance(edits, dict), _("action_edits : objet attendu, avec une entrée par action"))
    action_edits = {}
    for aid, raw in edits.items():
        where = f"action_edits.{aid}"
        _require(isinstance(raw, dict), _("{where} : objet attendu").format(where=where))
        try:
            edit = ActionEdit(**raw)
        except TypeError:
            raise AnswersFileError(_("{where} : clé inconnue").format(where=where)) from None
        _require(edit.status in (None, *ACTION_STATUSES), _("{where}.status : statut inconnu").format(where=where))
        _require(edit.priority in (None, *PRIORITIES), _("{where}.priority : priorité inconnue").format(where=where))
        action_edits[aid] = edit
    raw_customs = data.get("custom_actions", [])
    _require(isinstance(raw_customs, list), _("custom_actions : liste attendue"))
    customs = []
    for i, raw in enumerate(raw_customs):
        try:
            customs.append(CustomAction(**raw))
        except TypeError:
            raise AnswersFileError(_("custom_actions[{i}] : action personnalisée mal formée").format(i=i)) from None
    return Assessment(
        profile=profile,  # type: ignore[arg-type]
        organisation=Organisation(org["name"].strip(), _str(org, "siret", "organisation"),
                                  _str(org, "address", "organisation")),
        date=when,
        assessor=_str(data, "assessor", "file"),
        participants=[Participant(p["name"], p.get("role", "")) for p in participants],
        answers=answers,
        action_edits=action_edits,
        custom_actions=customs,
        id=_str(data, "id", "file"),
        previous_id=_str(data, "previous_id", "file"),
    )


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """The answers-file form of an assessment (round-trips through assessment_from_dict)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "id": assessment.id,
        "previous_id": assessment.previous_id,
        "profile": assessment.profile,
        "organisation": asdict(assessment.organisation),
        "assessor": assessment.assessor,
        "date": assessment.date.isoformat(),
        "participants": [asdict(p) for p in assessment.participants],
        "answers": {qid: {k: v for k, v in asdict(a).items() if v not in ("", False) or k == "value"}
                    for qid, a in assessment.answers.items()},
        "action_edits": {aid: {k: v for k, v in asdict(e).items() if v not in (None, "")}
                         for aid, e in assessment.action_edits.items()},
        "custom_actions": [asdict(c) for c in assessment.custom_actions],
    }


def read_answers_file(path: Path, questionnaire: Questionnaire) -> Assessment:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnswersFileError(_("{path} : fichier introuvable").format(path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersFileError(_("{path} : lecture impossible ({error})").format(path=path, error=exc)) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise AnswersFileError(_("{path} : JSON invalide, ligne {line}, colonne {column} ({error})").format(
            path=path, line=exc.lineno, column=exc.colno, error=exc.msg)) from None
    try:
        return assessment_from_dict(data, questionnaire)
    except AnswersFileError as exc:
        raise AnswersFileError(f"{path} : {exc}") from None
