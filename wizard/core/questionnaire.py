"""Load, validate and index the questionnaire files.

Each YAML file is checked against questionnaires/schema.json, then across files: unique ids,
actions that exist, conditions that point at real questions and values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from wizard import paths
from wizard.core import content_cache
from wizard.core.model import (
    Action,
    ActionRef,
    Condition,
    Help,
    Question,
    Section,
    Text,
)
from wizard.core.yaml_source import ContentError, describe, line_of, read_yaml

__all__ = ["ContentError", "Questionnaire", "load_questionnaire", "default_questionnaire"]

_SCHEMA = paths.bundle_root() / "questionnaires" / "schema.json"


@dataclass(frozen=True)
class Questionnaire:
    sections: tuple[Section, ...]
    actions: dict[str, Action]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)

    def for_profile(self, profile: str) -> Questionnaire:
        """The sections and questions that apply to one profile, in file order."""
        sections = []
        for s in self.sections:
            qs = tuple(q for q in s.questions if profile in q.profiles)
            if profile in s.profiles and qs:
                sections.append(Section(s.id, s.article, s.profiles, s.title, qs, s.intro))
        return Questionnaire(tuple(sections), self.actions)


def _text(raw: dict[str, str] | None) -> Text | None:
    return Text(raw["fr"], raw.get("en")) if raw else None


def _action_ref(raw: str | dict[str, str]) -> ActionRef:
    if isinstance(raw, str):
        return ActionRef(raw)
    return ActionRef(raw["action"], raw.get("priority"))


def _build_section(raw: dict[str, Any]) -> Section:
    questions = []
    for q in raw["questions"]:
        questions.append(
            Question(
                id=q["id"],
                section=raw["id"],
                article=raw["article"],
                refs=tuple(q["refs"]),
                profiles=tuple(q.get("profiles", raw["profiles"])),
                weight=q["weight"],
                text=Text(q["text"]["fr"], q["text"].get("en")),
                help=Help(
                    why=_text(q["help"]["why"]),  # type: ignore[arg-type]
                    evidence=_text(q["help"]["evidence"]),  # type: ignore[arg-type]
                    good=_text(q["help"].get("good")),
                    na=_text(q["help"].get("na")),
                ),
                depends_on=tuple(
                    Condition(c["question"], tuple(c["in"]), _text(c.get("reason")))
                    for c in q.get("depends_on", ())
                ),
                actions={k: tuple(_action_ref(r) for r in v) for k, v in q["actions"].items()},
                scored=q.get("scored", True),
            )
        )
    return Section(
        id=raw["id"],
        article=raw["article"],
        profiles=tuple(raw["profiles"]),
        title=Text(raw["title"]["fr"], raw["title"].get("en")),
        questions=tuple(questions),
        intro=_text(raw.get("intro")),
    )


def _build_action(raw: dict[str, Any]) -> Action:
    return Action(
        id=raw["id"],
        title=Text(raw["title"]["fr"], raw["title"].get("en")),
        description=Text(raw["description"]["fr"], raw["description"].get("en")),
        priority=raw["priority"],
        owner=raw["owner"],
        delay_days=raw["delay_days"],
        done_when=_text(raw.get("done_when")),
    )


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema  # imported on first load, not at start-up

    schema = json.loads(_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _check_schema(file: Path, data: Any, lines: dict[tuple[Any, ...], int]) -> None:
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    # The deepest error is the most useful one; oneOf failures give vague parents.
    error = max(errors, key=lambda e: len(e.absolute_path))
    if error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    where = tuple(error.absolute_path)
    line = line_of(lines, where)
    place = f"line {line}, " if line else ""
    raise ContentError(f"{file}, {place}at {describe(where)}: {error.message}")


def _check_cross_refs(found: list[tuple[Path, dict[tuple[Any, ...], int], dict[str, Any]]],
                      sections: list[Section], actions: dict[str, Action]) -> None:
    seen: dict[str, str] = {}
    for file, _lines, data in found:
        for kind, items in (("section", data.get("sections", [])), ("action", data.get("actions", []))):
            for item in items:
                ids = [item["id"]] + [q["id"] for q in item.get("questions", [])]
                for ident in ids:
                    if ident in seen:
                        raise ContentError(f"{file}: duplicate id {ident!r} (first in {seen[ident]})")
                    seen[ident] = f"{file.name} ({kind})"
    questions = {q.id: q for s in sections for q in s.questions}
    for file, lines, data in found:
        for si, s in enumerate(data.get("sections", [])):
            for qi, q in enumerate(s["questions"]):
                where = ("sections", si, "questions", qi)
                line = line_of(lines, where)
                for answer, refs in q["actions"].items():
                    for ref in refs:
                        aid = ref if isinstance(ref, str) else ref["action"]
                        if aid not in actions:
                            raise ContentError(
                                f"{file}, line {line}: question {q['id']!r}, answer {answer!r}: "
                                f"unknown action {aid!r}")
                for cond in q.get("depends_on", []):
                    target = questions.get(cond["question"])
                    if target is None:
                        raise ContentError(
                            f"{file}, line {line}: question {q['id']!r} depends on unknown "
                            f"question {cond['question']!r}")
                    if target.id == q["id"]:
                        raise ContentError(f"{file}, line {line}: question {q['id']!r} depends on itself")


def load_questionnaire(folder: Path | None = None) -> Questionnaire:
    """Load every *.yaml file of the folder, in name order; raise ContentError when malformed.

    Content already checked, byte for byte, comes from the cache (content_cache.py)."""
    folder = folder or paths.questionnaires_dir()
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise ContentError(f"{folder}: no questionnaire file (*.yaml) found")
    key = content_cache.key_of(files, _SCHEMA)
    cached = content_cache.read(folder, key) if key else None
    if cached is not None:
        try:
            return _build(cached)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a cache written by hand or damaged: check the files again
    found = []
    for file in files:
        data, lines = read_yaml(file)
        _check_schema(file, data, lines)
        found.append((file, lines, data))
    questionnaire = _build([data for _file, _lines, data in found])
    sections = list(questionnaire.sections)
    _check_cross_refs(found, sections, questionnaire.actions)
    if key:
        content_cache.write(folder, key, [data for _file, _lines, data in found])
    return questionnaire


def _build(files: list[dict[str, Any]]) -> Questionnaire:
    sections: list[Section] = []
    actions: dict[str, Action] = {}
    for data in files:
        sections.extend(_build_section(s) for s in data.get("sections", []))
        actions.update((a["id"], _build_action(a)) for a in data.get("actions", []))
    return Questionnaire(tuple(sections), actions)


@lru_cache(maxsize=1)
def default_questionnaire() -> Questionnaire:
    """The bundled questionnaire, loaded once per process."""
    return load_questionnaire()
