"""A framework: what a set of questionnaire files assesses, for whom, and in which words.

Declared in the folder's framework.yaml (see questionnaires/framework.schema.json): its id and
content version, the regulation's name, its axes (the GDPR articles today), its profiles (label,
explanation, who countersigns, the references each must cover), its owner roles, and the
method and references printed in the report. The application holds none of these lists: a third
profile or a second framework is a content change, not a code change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from wizard.core.model import ContentStamp, Text


@dataclass(frozen=True)
class Axis:
    """One axis of the framework (a GDPR article): the unit of the per-axis indices."""

    id: str
    label: Text  # short, for charts and table cells: « Art. 28 »
    name: Text  # in a heading or a list: « article 28 »
    in_sentence: Text  # in a running sentence: « l’article 28 »
    title: Text  # the axis' subject: « Sous-traitant »
    topic: Text  # a word or two that fits a narrow chart label: « sous-traitance »


@dataclass(frozen=True)
class Profile:
    id: str
    label: Text
    explanation: Text  # one sentence that lets a newcomer pick the right profile
    countersigner: Text  # who countersigns the plan under the assessor
    covers: tuple[str, ...] = ()  # references at least one question of the profile must check


@dataclass(frozen=True)
class OwnerRole:
    id: str
    label: Text
    profiles: tuple[str, ...] = ()  # the profiles whose actions it may own; empty: every profile

    def serves(self, profile: str) -> bool:
        return not self.profiles or profile in self.profiles


@dataclass(frozen=True)
class Framework:
    id: str
    content_version: str
    title: Text
    regulation: Text
    report_title: Text
    scope: Text
    axes_one: Text  # « de l’article {axes} du RGPD »
    axes_other: Text  # « des articles {axes} du RGPD »
    axes: tuple[Axis, ...]
    profiles: tuple[Profile, ...]
    owner_roles: tuple[OwnerRole, ...]
    method: Text
    references: tuple[Text, ...] = ()
    digest: str = ""  # SHA-256 of the folder's content files, set by the loader

    @property
    def stamp(self) -> ContentStamp:
        """What an assessment answered on this content records of it."""
        return ContentStamp(self.id, self.content_version, self.digest)

    # -- look-ups ----------------------------------------------------------------------------
    @property
    def profile_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.profiles)

    @property
    def axis_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.axes)

    def profile(self, profile_id: str) -> Profile:
        for p in self.profiles:
            if p.id == profile_id:
                return p
        raise KeyError(profile_id)

    def axis(self, axis_id: str) -> Axis:
        for a in self.axes:
            if a.id == axis_id:
                return a
        raise KeyError(axis_id)

    def for_profile(self, profile_id: str) -> Framework:
        """The same framework with only the owner roles that serve this profile (a laboratory is
        offered its own roles, a vendor the vendor's)."""
        return replace(self, owner_roles=tuple(r for r in self.owner_roles if r.serves(profile_id)))

    def profile_label(self, profile_id: str, lang: str) -> str:
        """The profile's label; an unknown id (a file from another framework) as it is written."""
        try:
            return self.profile(profile_id).label.get(lang)
        except KeyError:
            return profile_id

    def owner_label(self, owner: str, lang: str) -> str:
        """A role's label, or the name the user typed in place of a role."""
        for role in self.owner_roles:
            if role.id == owner:
                return role.label.get(lang)
        return owner

    def axes_phrase(self, axis_ids: list[str], lang: str, *, conjunction: str) -> str:
        """« de l’article 28 du RGPD », « des articles 28, 29 et 32 du RGPD »: the axes in a sentence.

        conjunction joins the last two (« {first} et {last} », translated by the caller)."""
        ordered = [a for a in self.axis_ids if a in axis_ids]
        if len(ordered) < 2:
            listed = "".join(ordered)
        else:
            listed = conjunction.format(first=", ".join(ordered[:-1]), last=ordered[-1])
        template = self.axes_one if len(ordered) < 2 else self.axes_other
        return template.get(lang).format(axes=listed)


def _text(raw: dict[str, str]) -> Text:
    return Text(raw["fr"], raw.get("en"))


def build_framework(raw: dict[str, Any], digest: str = "") -> Framework:
    """The framework of a framework.yaml already checked against its schema."""
    return Framework(
        id=raw["id"], content_version=str(raw["content_version"]), title=_text(raw["title"]),
        regulation=_text(raw["regulation"]), report_title=_text(raw["report_title"]),
        scope=_text(raw["scope"]),
        axes_one=_text(raw["axes_phrase"]["one"]), axes_other=_text(raw["axes_phrase"]["other"]),
        axes=tuple(Axis(str(a["id"]), _text(a["label"]), _text(a["name"]), _text(a["in_sentence"]),
                        _text(a["title"]), _text(a["topic"])) for a in raw["axes"]),
        profiles=tuple(Profile(p["id"], _text(p["label"]), _text(p["explanation"]), _text(p["countersigner"]),
                               tuple(p.get("covers", ()))) for p in raw["profiles"]),
        owner_roles=tuple(OwnerRole(r["id"], _text(r["label"]), tuple(r.get("profiles", ())))
                          for r in raw["owner_roles"]),
        method=_text(raw["method"]),
        references=tuple(_text(r) for r in raw.get("references", ())),
        digest=digest,
    )
