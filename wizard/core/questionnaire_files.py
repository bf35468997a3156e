"""Read and check the files of a questionnaire folder.

A folder holds one framework.yaml (framework.schema.json), questionnaire files with sections,
questions and actions (questionnaire.schema.json), and optionally versions.yaml
(versions.schema.json). Each file is checked against its schema, then across files: unique
ids, actions that exist, conditions that point at real questions, and the profiles, axes and
owner roles that the framework declares. Content already checked, byte for byte, comes from
the cache (questionnaire_cache.py).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from wizard import paths
from wizard.core import questionnaire_cache
from wizard.core.contract_elements import CONTRACT_ELEMENTS_FORMAT, check_contract_elements
from wizard.core.questionnaire import (
    FRAMEWORK_FORMAT,
    QUESTIONNAIRE_FORMAT,
    VERSIONS_FORMAT,
    Questionnaire,
    build_questionnaire,
)
from wizard.core.relations import RELATIONS_FORMAT, check_relations
from wizard.core.yaml_source import ContentError, describe, line_of, read_yaml

_SCHEMA_DIR = paths.bundle_root() / "questionnaires"
SCHEMAS = {QUESTIONNAIRE_FORMAT: _SCHEMA_DIR / "questionnaire.schema.json",
           FRAMEWORK_FORMAT: _SCHEMA_DIR / "framework.schema.json",
           VERSIONS_FORMAT: _SCHEMA_DIR / "versions.schema.json",
           RELATIONS_FORMAT: _SCHEMA_DIR / "relations.schema.json",
           CONTRACT_ELEMENTS_FORMAT: _SCHEMA_DIR / "contract_elements.schema.json"}
FRAMEWORK_FILE = "framework.yaml"

Found = list[tuple[Path, dict[tuple[Any, ...], int], dict[str, Any]]]


@cache
def _validator(kind: str) -> Any:
    import jsonschema  # imported on first load, not at start-up

    schema = json.loads(SCHEMAS[kind].read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _kind(file: Path, data: Any) -> str:
    kind = data.get("format") if isinstance(data, dict) else None
    if kind not in SCHEMAS:
        raise ContentError(f"{file}: not a Vigie content file (format: {', '.join(sorted(SCHEMAS))} expected)")
    if kind == QUESTIONNAIRE_FORMAT and data.get("version") == 1:
        raise ContentError(f"{file}: questionnaire format 1; this Vigie reads format 2 (each section names its "
                           f"'axis' instead of its 'article', and the folder holds a {FRAMEWORK_FILE})")
    return kind


def _check_schema(file: Path, data: Any, lines: dict[tuple[Any, ...], int]) -> None:
    errors = sorted(_validator(_kind(file, data)).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
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


def _check_unique_ids(found: Found) -> None:
    seen: dict[str, str] = {}
    for file, _lines, data in found:
        for kind, items in (("section", data.get("sections", [])), ("action", data.get("actions", [])),
                            ("contradiction", data.get("contradictions", []))):
            for item in items:
                for ident in [item["id"]] + [q["id"] for q in item.get("questions", [])]:
                    if ident in seen:
                        raise ContentError(f"{file}: duplicate id {ident!r} (first in {seen[ident]})")
                    seen[ident] = f"{file.name} ({kind})"


def _check_cross_refs(found: Found, questionnaire: Questionnaire) -> None:
    """What the schemas cannot see: references between files, and to the framework's lists."""
    _check_unique_ids(found)
    framework = questionnaire.framework
    profiles, axes = set(framework.profile_ids), set(framework.axis_ids)
    owners = {r.id for r in framework.owner_roles}
    questions = {q.id: q for q in questionnaire.questions}
    for file, lines, data in found:
        for si, s in enumerate(data.get("sections", [])):
            line = line_of(lines, ("sections", si))
            if str(s["axis"]) not in axes:
                raise ContentError(f"{file}, line {line}: section {s['id']!r}: axis {s['axis']!r} is not one of "
                                   f"the framework's ({', '.join(framework.axis_ids)})")
            for qi, q in enumerate(s["questions"]):
                line = line_of(lines, ("sections", si, "questions", qi))
                for profile in (*s["profiles"], *q.get("profiles", ())):
                    if profile not in profiles:
                        raise ContentError(f"{file}, line {line}: profile {profile!r} is not one of the "
                                           f"framework's ({', '.join(framework.profile_ids)})")
                for answer, refs in q["actions"].items():
                    for ref in refs:
                        aid = ref if isinstance(ref, str) else ref["action"]
                        if aid not in questionnaire.actions:
                            raise ContentError(f"{file}, line {line}: question {q['id']!r}, answer {answer!r}: "
                                               f"unknown action {aid!r}")
                for cond in q.get("depends_on", []):
                    target = questions.get(cond["question"])
                    if target is None:
                        raise ContentError(f"{file}, line {line}: question {q['id']!r} depends on unknown "
                                           f"question {cond['question']!r}")
                    if target.id == q["id"]:
                        raise ContentError(f"{file}, line {line}: question {q['id']!r} depends on itself")
        for ai, a in enumerate(data.get("actions", [])):
            if a["owner"] not in owners:
                line = line_of(lines, ("actions", ai))
                raise ContentError(f"{file}, line {line}: action {a['id']!r}: owner {a['owner']!r} is not one of "
                                   f"the framework's roles ({', '.join(sorted(owners))})")
    _check_owner_profiles(questionnaire)
    _check_critical(questionnaire)
    _check_contradictions(found, questionnaire)
    _check_versions(questionnaire)
    if questionnaire.relations is not None:
        try:
            check_relations(questionnaire.relations, framework.profile_ids,
                            {r.id: r.profiles for r in framework.owner_roles},
                            {q.id: q.profiles for q in questionnaire.questions})
        except ValueError as exc:
            raise ContentError(str(exc)) from None
    if questionnaire.contract_elements is not None:
        try:
            check_contract_elements(questionnaire.contract_elements, {q.id for q in questionnaire.questions})
        except ValueError as exc:
            raise ContentError(str(exc)) from None


def _check_owner_profiles(questionnaire: Questionnaire) -> None:
    """An action owned by a role of one profile (a vendor's legal team) is not called for another's gaps."""
    roles = {r.id: r for r in questionnaire.framework.owner_roles}
    for q in questionnaire.questions:
        for answer, refs in q.actions.items():
            for ref in refs:
                role = roles[questionnaire.actions[ref.action].owner]
                wrong = [p for p in q.profiles if not role.serves(p)]
                if wrong:
                    raise ContentError(f"question {q.id!r}, answer {answer!r}: action {ref.action!r} is owned by "
                                       f"{role.id!r}, a role the framework does not give to profile {wrong[0]!r}")


def _check_critical(questionnaire: Questionnaire) -> None:
    """A critical gap is urgent: each gap answer of a critical question calls a P1 action."""
    for q in questionnaire.questions:
        if not q.critical:
            continue
        for answer, refs in q.actions.items():
            priorities = [ref.priority or questionnaire.actions[ref.action].priority for ref in refs]
            if "P1" not in priorities:
                raise ContentError(f"question {q.id!r} is critical: its answer {answer!r} must call at least one "
                                   f"P1 action (it calls {', '.join(r.action for r in refs)} at "
                                   f"{', '.join(priorities)})")


def _check_contradictions(found: Found, questionnaire: Questionnaire) -> None:
    questions = {q.id for q in questionnaire.questions}
    for file, lines, data in found:
        for ci, c in enumerate(data.get("contradictions", [])):
            for cond in (c["when"], *c["conflicts"]):
                if cond["question"] not in questions:
                    line = line_of(lines, ("contradictions", ci))
                    raise ContentError(f"{file}, line {line}: contradiction {c['id']!r} names unknown question "
                                       f"{cond['question']!r}")


def _check_versions(questionnaire: Questionnaire) -> None:
    """versions.yaml, when present, lists the current content version with exactly its questions."""
    if questionnaire.versions is None:
        return
    version = questionnaire.framework.content_version
    listed = questionnaire.versions.get(version)
    if listed is None:
        raise ContentError(f"versions.yaml: content version {version!r} of {FRAMEWORK_FILE} is not listed; "
                           f"add it with the ids of its questions")
    current = [q.id for q in questionnaire.questions]
    if sorted(listed) != sorted(current):
        added, gone = sorted(set(current) - set(listed)), sorted(set(listed) - set(current))
        raise ContentError(f"versions.yaml: the questions of content version {version!r} differ from the files "
                           f"(not listed: {added or '-'}; listed but absent: {gone or '-'}); raise "
                           f"content_version in {FRAMEWORK_FILE} and list the new version's questions")


def content_digest(files: list[Path]) -> str:
    """SHA-256 of the folder's content files: what an assessment records of the content it was answered on."""
    digest = hashlib.sha256()
    for file in files:
        data = file.read_bytes()
        digest.update(f"{file.name} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def load(folder: Path | None = None) -> Questionnaire:
    """Load every *.yaml file of the folder, in name order; raise ContentError when malformed."""
    folder = folder or paths.questionnaires_dir()
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise ContentError(f"{folder}: no questionnaire file (*.yaml) found")
    if not (folder / FRAMEWORK_FILE).is_file():
        raise ContentError(f"{folder}: no {FRAMEWORK_FILE} (the framework the questionnaire files belong to)")
    key = questionnaire_cache.key_of(files, list(SCHEMAS.values()))
    cached = questionnaire_cache.read(folder, key) if key else None
    if cached is not None:
        try:
            return build_questionnaire(cached["files"], cached["digest"])
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a cache written by hand or damaged: check the files again
    found: Found = []
    for file in files:
        data, lines = read_yaml(file)
        _check_schema(file, data, lines)
        found.append((file, lines, data))
    if sum(1 for _f, _l, d in found if d["format"] == FRAMEWORK_FORMAT) != 1:
        raise ContentError(f"{folder}: exactly one framework file expected ({FRAMEWORK_FILE})")
    for kind in (RELATIONS_FORMAT, CONTRACT_ELEMENTS_FORMAT, VERSIONS_FORMAT):
        files_of_kind = [f.name for f, _l, d in found if d["format"] == kind]
        if len(files_of_kind) > 1:
            raise ContentError(f"{folder}: {kind} is declared twice ({', '.join(files_of_kind)}); one file expected")
    try:
        digest = content_digest(files)
    except OSError as exc:
        raise ContentError(f"{folder}: cannot be read: {exc}") from exc
    questionnaire = build_questionnaire([data for _file, _lines, data in found], digest)
    _check_cross_refs(found, questionnaire)
    if key:
        questionnaire_cache.write(folder, key, {"digest": digest, "files": [data for _f, _l, data in found]})
    return questionnaire
