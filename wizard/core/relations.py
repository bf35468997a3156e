"""The content of the relation between a controller and its processors (relations.yaml).

Declared in the content folder (see questionnaires/relations.schema.json): which profile keeps a
register of processors and which answers its requests, the services and data categories the two
registers speak of, the action a processor needing attention adds to the controller's plan, the
register's facts each controller question shows, and which controller answers a processor's gaps
call to revisit. The Python code holds none of these lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wizard.core.model import Text

RELATIONS_FORMAT = "vigie-relations"
FACT_KINDS = ("attention", "assessments", "hds", "contract", "annex", "location", "review", "subprocessors")


@dataclass(frozen=True)
class Term:
    """One word of a vocabulary: a service or a data category."""

    id: str
    label: Text
    health_data_host: bool = False


@dataclass(frozen=True)
class RevisitRule:
    """A processor's gap on one of `when` calls the controller to revisit its « Oui » to `revisit`."""

    when: tuple[str, ...]
    revisit: tuple[str, ...]


@dataclass(frozen=True)
class Relations:
    controller: str  # the profile that keeps a register of processors
    processor: str  # the profile that answers its clients' requests
    services: tuple[Term, ...]
    data: tuple[Term, ...]
    action_owner: str
    action_refs: tuple[str, ...]
    facts: dict[str, tuple[str, ...]]  # controller question id -> kinds of fact it shows
    revisit: tuple[RevisitRule, ...] = ()

    @property
    def service_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.services)

    @property
    def data_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.data)

    def service_label(self, service_id: str, lang: str) -> str:
        return _label(self.services, service_id, lang)

    def data_label(self, data_id: str, lang: str) -> str:
        return _label(self.data, data_id, lang)

    def hosts_health_data(self, service_ids: tuple[str, ...] | list[str]) -> bool:
        """Whether one of these services keeps health data (an HDS certificate is then required)."""
        return any(t.health_data_host for t in self.services if t.id in service_ids)


def _label(terms: tuple[Term, ...], ident: str, lang: str) -> str:
    """A term's label; an unknown id (a file from another content) as it is written."""
    for term in terms:
        if term.id == ident:
            return term.label.get(lang)
    return ident


def _text(raw: dict[str, str]) -> Text:
    return Text(raw["fr"], raw.get("en"))


def build_relations(raw: dict[str, Any]) -> Relations:
    """The relations of a relations.yaml already checked against its schema."""
    def terms(items: list[dict[str, Any]]) -> tuple[Term, ...]:
        return tuple(Term(t["id"], _text(t["label"]), bool(t.get("health_data_host", False))) for t in items)

    return Relations(
        controller=raw["controller"], processor=raw["processor"],
        services=terms(raw["services"]), data=terms(raw["data"]),
        action_owner=raw["action"]["owner"], action_refs=tuple(raw["action"]["refs"]),
        facts={f["question"]: tuple(f["show"]) for f in raw["facts"]},
        revisit=tuple(RevisitRule(tuple(r["when"]), tuple(r["revisit"])) for r in raw["revisit"]),
    )


def check_relations(relations: Relations, profiles: tuple[str, ...], owners: dict[str, tuple[str, ...]],
                    questions: dict[str, tuple[str, ...]]) -> None:
    """What the schema cannot see: the profiles, owner role and questions it names exist.

    owners: role id -> the profiles it serves (empty: every one); questions: id -> its profiles.
    Raises ValueError with a message naming the wrong entry."""
    for side, profile in (("controller", relations.controller), ("processor", relations.processor)):
        if profile not in profiles:
            raise ValueError(f"relations.yaml: {side} {profile!r} is not one of the framework's profiles "
                             f"({', '.join(profiles)})")
    served = owners.get(relations.action_owner)
    if served is None or (served and relations.controller not in served):
        raise ValueError(f"relations.yaml: action owner {relations.action_owner!r} is not a role of profile "
                         f"{relations.controller!r}")
    for vocabulary in (relations.services, relations.data):
        ids = [t.id for t in vocabulary]
        if len(set(ids)) != len(ids):
            raise ValueError(f"relations.yaml: duplicate id in {', '.join(ids)}")

    def need(qid: str, profile: str, where: str) -> None:
        if profile not in questions.get(qid, ()):
            raise ValueError(f"relations.yaml: {where}: {qid!r} is not a question of profile {profile!r}")

    for qid in relations.facts:
        need(qid, relations.controller, "facts")
    for rule in relations.revisit:
        for qid in rule.when:
            need(qid, relations.processor, "revisit.when")
        for qid in rule.revisit:
            need(qid, relations.controller, "revisit.revisit")
