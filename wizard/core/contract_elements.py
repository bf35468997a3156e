"""What a processor contract must contain (contract_elements.yaml), element by element.

Declared in the content folder (see questionnaires/contract_elements.schema.json): the groups of
elements in review order (one of them only for a contract under which the processor hosts
health data), and for each element its reference, what the law requires, what the clause must
say, the questions to ask the counterparty, a draft clause to adapt and the questionnaire
questions a review of it answers. The Python code holds none of these texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wizard.core.model import Text

CONTRACT_ELEMENTS_FORMAT = "vigie-contract-elements"


@dataclass(frozen=True)
class ElementGroup:
    id: str
    title: Text
    hosting: bool = False  # only for a contract under which the processor hosts health data


@dataclass(frozen=True)
class ContractElement:
    id: str
    group: str
    reference: Text  # the exact legal reference, as the documents print it
    title: Text
    requires: Text  # what the law requires, in Vigie's words
    clause: Text  # what the clause must say to satisfy it
    ask: tuple[Text, ...]  # questions to ask the counterparty
    draft: Text  # a draft clause to adapt
    answers: tuple[str, ...]  # the questionnaire questions a review of this element answers


@dataclass(frozen=True)
class ContractElements:
    groups: tuple[ElementGroup, ...]
    elements: tuple[ContractElement, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.elements)

    def element(self, element_id: str) -> ContractElement:
        for e in self.elements:
            if e.id == element_id:
                return e
        raise KeyError(element_id)

    def group(self, group_id: str) -> ElementGroup:
        for g in self.groups:
            if g.id == group_id:
                return g
        raise KeyError(group_id)

    def for_contract(self, hosting: bool) -> tuple[ContractElement, ...]:
        """The elements a contract must contain: the hosting group's only when it hosts health data."""
        hosted = {g.id for g in self.groups if g.hosting}
        return tuple(e for e in self.elements if hosting or e.group not in hosted)

    def answering(self, question_id: str, elements: tuple[ContractElement, ...] | None = None) -> tuple[str, ...]:
        """The ids of the elements (among these; default: all) whose review answers this question."""
        return tuple(e.id for e in (self.elements if elements is None else elements) if question_id in e.answers)

    def questions(self) -> tuple[str, ...]:
        """Every question some element answers, each once, in the elements' order."""
        seen: dict[str, None] = {}
        for e in self.elements:
            seen.update((q, None) for q in e.answers)
        return tuple(seen)


def _text(raw: dict[str, str]) -> Text:
    return Text(raw["fr"], raw.get("en"))


def build_contract_elements(raw: dict[str, Any]) -> ContractElements:
    """The elements of a contract_elements.yaml already checked against its schema."""
    groups = tuple(ElementGroup(g["id"], _text(g["title"]), bool(g.get("hosting", False))) for g in raw["groups"])
    elements = tuple(ContractElement(
        id=e["id"], group=e["group"], reference=_text(e["reference"]), title=_text(e["title"]),
        requires=_text(e["requires"]), clause=_text(e["clause"]), ask=tuple(_text(a) for a in e["ask"]),
        draft=_text(e["draft"]), answers=tuple(e["answers"])) for e in raw["elements"])
    return ContractElements(groups, elements)


def check_contract_elements(content: ContractElements, questions: set[str]) -> None:
    """What the schema cannot see: unique ids, groups that exist and hold elements, each group's
    elements together, and questions that exist (questions: every question id of the content).

    Raises ValueError with a message naming the wrong entry."""
    where = "contract_elements.yaml"
    for kind, ids in (("group", [g.id for g in content.groups]), ("element", list(content.ids))):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"{where}: duplicate {kind} id {', '.join(twice)}")
    known = [g.id for g in content.groups]
    order: list[str] = []
    for e in content.elements:
        if e.group not in known:
            raise ValueError(f"{where}: element {e.id!r}: unknown group {e.group!r} ({', '.join(known)})")
        if order and e.group != order[-1] and e.group in order:
            raise ValueError(f"{where}: element {e.id!r}: the elements of group {e.group!r} must follow one another")
        if not order or order[-1] != e.group:
            order.append(e.group)
        for qid in e.answers:
            if qid not in questions:
                raise ValueError(f"{where}: element {e.id!r} answers unknown question {qid!r}")
    empty = [g for g in known if g not in order]
    if empty:
        raise ValueError(f"{where}: group {empty[0]!r} holds no element")
