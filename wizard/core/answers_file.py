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
    PROFILES,
    ActionEdit,
    Answer,
    Assessment,
    CustomAction,
    Organisation,
    Participant,
)

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
    _require(isinstance(value, str), f"{where}.{key}: expected text, got {type(value).__name__}")
    return value


def assessment_from_dict(data: Any, questionnaire: Questionnaire) -> Assessment:
    """Check every entry against the questionnaire and build the assessment."""
    _require(isinstance(data, dict), "the file does not hold a JSON object")
    _require(data.get("format") == FORMAT, f"format: expected {FORMAT!r}, got {data.get('format')!r}")
    _require(data.get("version") == VERSION,
             f"version: this Vigie reads version {VERSION}, the file has {data.get('version')!r}")
    profile = data.get("profile")
    _require(profile in PROFILES, f"profile: expected one of {', '.join(PROFILES)}, got {profile!r}")
    org = data.get("organisation")
    _require(isinstance(org, dict) and isinstance(org.get("name"), str) and org["name"].strip() != "",
             "organisation.name: a non-empty name is required")
    raw_date = data.get("date")
    try:
        when = date.fromisoformat(raw_date)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise AnswersFileError(f"date: expected YYYY-MM-DD, got {raw_date!r}") from None

    view = questionnaire.for_profile(profile)  # type: ignore[arg-type]
    known = {q.id for q in view.questions}
    other = {q.id for q in questionnaire.questions} - known
    raw_answers = data.get("answers", {})
    _require(isinstance(raw_answers, dict), "answers: expected an object keyed by question id")
    answers: dict[str, Answer] = {}
    for qid, raw in raw_answers.items():
        where = f"answers.{qid}"
        if qid in other:
            raise AnswersFileError(f"{where}: question not asked of profile {profile!r}")
        _require(qid in known, f"{where}: unknown question id")
        _require(isinstance(raw, dict), f"{where}: expected an object with a 'value'")
        extra = set(raw) - _ANSWER_KEYS
        _require(not extra, f"{where}: unknown key(s) {', '.join(sorted(extra))}")
        value = raw.get("value")
        _require(value in ANSWER_VALUES,
                 f"{where}.value: expected one of {', '.join(ANSWER_VALUES)}, got {value!r}")
        review = raw.get("review", False)
        _require(isinstance(review, bool), f"{where}.review: expected true or false")
        answers[qid] = Answer(
            value=value, note=_str(raw, "note", where), justification=_str(raw, "justification", where),
            evidence=_str(raw, "evidence", where), by=_str(raw, "by", where), at=_str(raw, "at", where),
            review=review)

    participants = data.get("participants", [])
    _require(isinstance(participants, list) and all(isinstance(p, dict) and isinstance(p.get("name"), str)
                                                    for p in participants),
             "participants: expected a list of {\"name\": …, \"role\": …}")
    edits = data.get("action_edits", {})
    _require(isinstance(edits, dict), "action_edits: expected an object keyed by action id")
    action_edits = {}
    for aid, raw in edits.items():
        _require(isinstance(raw, dict), f"action_edits.{aid}: expected an object")
        try:
            edit = ActionEdit(**raw)
        except TypeError as exc:
            raise AnswersFileError(f"action_edits.{aid}: {exc}") from None
        _require(edit.status in (None, *ACTION_STATUSES), f"action_edits.{aid}.status: unknown status")
        _require(edit.priority in (None, *PRIORITIES), f"action_edits.{aid}.priority: unknown priority")
        action_edits[aid] = edit
    customs = []
    for i, raw in enumerate(data.get("custom_actions", [])):
        try:
            customs.append(CustomAction(**raw))
        except TypeError as exc:
            raise AnswersFileError(f"custom_actions[{i}]: {exc}") from None
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
        raise AnswersFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersFileError(f"{path}: cannot be read: {exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise AnswersFileError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from None
    try:
        return assessment_from_dict(data, questionnaire)
    except AnswersFileError as exc:
        raise AnswersFileError(f"{path}: {exc}") from None
