"""The questionnaire of one framework: its sections and questions, the actions they call for.

Built from the checked data of a folder's files (questionnaire_files.py reads and checks them);
nothing here reads a file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from wizard.core.contract_elements import CONTRACT_ELEMENTS_FORMAT, ContractElements, build_contract_elements
from wizard.core.framework import Axis, Framework, build_framework
from wizard.core.model import Action, ActionRef, Condition, Contradiction, Help, Question, Section, Text
from wizard.core.relations import RELATIONS_FORMAT, Relations, build_relations
from wizard.core.yaml_source import ContentError

__all__ = ["ContentError", "Questionnaire", "load_questionnaire"]

QUESTIONNAIRE_FORMAT = "vigie-questionnaire"
FRAMEWORK_FORMAT = "vigie-framework"
VERSIONS_FORMAT = "vigie-content-versions"


@dataclass(frozen=True)
class Questionnaire:
    sections: tuple[Section, ...]
    actions: dict[str, Action]
    framework: Framework
    # Question ids of every published content version (versions.yaml), to tell an assessment
    # answered on an older version which questions are new and which are gone.
    versions: dict[str, tuple[str, ...]] | None = None
    contradictions: tuple[Contradiction, ...] = ()
    relations: Relations | None = None  # relations.yaml: controller and processors (None: no such file)
    # contract_elements.yaml: what a processor contract must contain (None: no such file)
    contract_elements: ContractElements | None = None

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)

    @property
    def axes(self) -> tuple[Axis, ...]:
        """The framework's axes this questionnaire's sections assess, in the framework's order."""
        present = {s.axis for s in self.sections}
        return tuple(a for a in self.framework.axes if a.id in present)

    def for_profile(self, profile: str) -> Questionnaire:
        """The sections and questions that apply to one profile, in file order, with the owner
        roles that serve it."""
        sections = []
        for s in self.sections:
            qs = tuple(q for q in s.questions if profile in q.profiles)
            if profile in s.profiles and qs:
                sections.append(Section(s.id, s.axis, s.profiles, s.title, qs, s.intro))
        view = self.with_sections(tuple(sections))
        return replace(view, framework=self.framework.for_profile(profile))

    def with_sections(self, sections: tuple[Section, ...]) -> Questionnaire:
        """The same content restricted to these sections (and the contradictions within them)."""
        ids = {q.id for s in sections for q in s.questions}
        kept = tuple(c for c in self.contradictions
                     if c.when.question in ids and all(x.question in ids for x in c.conflicts))
        return Questionnaire(sections, self.actions, self.framework, self.versions, kept, self.relations,
                             self.contract_elements)


def load_questionnaire(folder: Path | None = None) -> Questionnaire:
    """The questionnaire of a folder (default: the bundled one), checked; ContentError when malformed."""
    from wizard.core.questionnaire_files import load

    return load(folder)


# -- building from checked data ------------------------------------------------------------------
def _text(raw: dict[str, str] | None) -> Text | None:
    return Text(raw["fr"], raw.get("en")) if raw else None


def _required_text(raw: dict[str, str]) -> Text:
    return Text(raw["fr"], raw.get("en"))


def _action_ref(raw: str | dict[str, str]) -> ActionRef:
    if isinstance(raw, str):
        return ActionRef(raw)
    return ActionRef(raw["action"], raw.get("priority"))


def _build_question(q: dict[str, Any], section: dict[str, Any]) -> Question:
    return Question(
        id=q["id"],
        section=section["id"],
        axis=str(section["axis"]),
        refs=tuple(q["refs"]),
        profiles=tuple(q.get("profiles", section["profiles"])),
        weight=q["weight"],
        text=_required_text(q["text"]),
        help=Help(
            why=_required_text(q["help"]["why"]),
            evidence=_required_text(q["help"]["evidence"]),
            good=_text(q["help"].get("good")),
            na=_text(q["help"].get("na")),
        ),
        depends_on=tuple(
            Condition(c["question"], tuple(c["in"]), _text(c.get("reason"))) for c in q.get("depends_on", ())),
        actions={k: tuple(_action_ref(r) for r in v) for k, v in q["actions"].items()},
        scored=q.get("scored", True),
        critical=q.get("critical", q["weight"] == 3),
    )


def _build_section(raw: dict[str, Any]) -> Section:
    return Section(
        id=raw["id"],
        axis=str(raw["axis"]),
        profiles=tuple(raw["profiles"]),
        title=_required_text(raw["title"]),
        questions=tuple(_build_question(q, raw) for q in raw["questions"]),
        intro=_text(raw.get("intro")),
    )


def _build_action(raw: dict[str, Any]) -> Action:
    return Action(
        id=raw["id"],
        title=_required_text(raw["title"]),
        description=_required_text(raw["description"]),
        priority=raw["priority"],
        owner=raw["owner"],
        delay_days=raw["delay_days"],
        done_when=_text(raw.get("done_when")),
    )


def build_questionnaire(files: list[dict[str, Any]], digest: str = "") -> Questionnaire:
    """The questionnaire of a folder's checked files (any order of framework, versions and
    questionnaire files; questionnaire files in name order). KeyError when the framework is missing."""
    sections: list[Section] = []
    actions: dict[str, Action] = {}
    framework: Framework | None = None
    versions: dict[str, tuple[str, ...]] | None = None
    contradictions: list[Contradiction] = []
    relations: Relations | None = None
    contract_elements: ContractElements | None = None
    for data in files:
        kind = data.get("format")
        if kind == FRAMEWORK_FORMAT:
            framework = build_framework(data, digest)
        elif kind == VERSIONS_FORMAT:
            versions = {str(v): tuple(ids) for v, ids in data["versions"].items()}
        elif kind == RELATIONS_FORMAT:
            relations = build_relations(data)
        elif kind == CONTRACT_ELEMENTS_FORMAT:
            contract_elements = build_contract_elements(data)
        else:
            sections.extend(_build_section(s) for s in data.get("sections", []))
            actions.update((a["id"], _build_action(a)) for a in data.get("actions", []))
            contradictions.extend(_build_contradiction(c) for c in data.get("contradictions", []))
    if framework is None:
        raise KeyError("framework")
    return Questionnaire(tuple(sections), actions, framework, versions, tuple(contradictions), relations,
                         contract_elements)


def _build_contradiction(raw: dict[str, Any]) -> Contradiction:
    def condition(c: dict[str, Any]) -> Condition:
        return Condition(c["question"], tuple(c["in"]))

    return Contradiction(raw["id"], condition(raw["when"]), tuple(condition(c) for c in raw["conflicts"]),
                         _required_text(raw["text"]))
