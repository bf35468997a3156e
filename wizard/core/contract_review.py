"""The review of one contract, element by element, and its JSON form.

A review reads one processor's contract (the laboratory's side: an entry of its register of
processors) or the processor's own contract template (the processor's side), and says for each
element of contract_elements.yaml whether the contract has it: present, partial, absent or
unknown (not read yet, or not found), where it is (article, page: what an auditor asks for) and
a note. An element the review does not mention is unknown: nothing is ever taken as present by
default. The JSON form is read strictly (unknown keys, wrong types, values beyond
wizard.core.limits are refused with a FieldError naming the field), whoever wrote it: the store,
a file given to the command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from wizard.core import checks, limits
from wizard.core.checks import FieldError, got
from wizard.core.parties import entry_id, obj, optional_day
from wizard.i18n import N_, _

STATUSES = ("present", "partial", "absent", "unknown")
STATUS_LABELS = {"present": N_("Présent"), "partial": N_("Partiel"), "absent": N_("Absent"),
                 "unknown": N_("Je ne sais pas")}
ELEMENT_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
ELEMENTS = 200  # elements one review may hold (the content has a few dozen)


@dataclass(frozen=True)
class ElementReview:
    status: str = "unknown"
    article: str = ""  # where the contract says it: its article or clause
    page: str = ""
    note: str = ""

    @property
    def where(self) -> str:
        """« art. 4, p. 2 » as written by the reviewer (empty when not said)."""
        parts = [self.article.strip()]
        if self.page.strip():
            parts.append(_("p. {page}").format(page=self.page.strip()))
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class ContractReview:
    """processor: the entry id of the laboratory's register ("" for the processor's own template)."""

    processor: str = ""
    document: str = ""  # the contract read: its title, reference, version
    reviewed: str = ""  # AAAA-MM-JJ, the day of the last change
    reviewer: str = ""
    hosting: bool = False  # the processor hosts health data under this contract (CSP L. 1111-8)
    elements: dict[str, ElementReview] = field(default_factory=dict)

    @property
    def is_template(self) -> bool:
        return not self.processor

    def of(self, element_id: str) -> ElementReview:
        return self.elements.get(element_id, ElementReview())

    def status(self, element_id: str) -> str:
        return self.of(element_id).status

    def with_element(self, element_id: str, **changes: str) -> ContractReview:
        """The review with one element's status, article, page or note changed."""
        current = self.of(element_id)
        return replace(self, elements={**self.elements, element_id: replace(current, **changes)})


# -- JSON form -------------------------------------------------------------------------------------
def element_id(value: Any, where: str) -> str:
    if not isinstance(value, str) or ELEMENT_ID.fullmatch(value) is None:
        raise FieldError(_("{where} : identifiant d’élément du contrat attendu (par exemple 28-3-a), {got} "
                           "trouvé").format(where=where, got=got(value)))
    return value


def element_from(raw: Any, where: str) -> ElementReview:
    data = obj(raw, where, ("status", "article", "page", "note"), ("status",))
    return ElementReview(
        status=checks.choice(data["status"], f"{where}.status", STATUSES),
        article=checks.text(data.get("article", ""), f"{where}.article", limits.NAME),
        page=checks.text(data.get("page", ""), f"{where}.page", limits.NAME),
        note=checks.text(data.get("note", ""), f"{where}.note", limits.TEXT))


def review_from_dict(raw: Any, where: str = "review", known: tuple[str, ...] | None = None) -> ContractReview:
    """A review, checked; known: the content's element ids (an element it lacks is refused)."""
    data = obj(raw, where, ("processor", "document", "reviewed", "reviewer", "hosting", "elements"))
    processor = data.get("processor", "")
    if processor:
        entry_id(processor, f"{where}.processor")
    elements_raw = data.get("elements", {})
    if not isinstance(elements_raw, dict):
        raise FieldError(_("{where} : objet attendu, {got} trouvé").format(where=f"{where}.elements",
                                                                           got=got(elements_raw)))
    if len(elements_raw) > ELEMENTS:
        raise FieldError(_("{where} : {limit} éléments au plus").format(where=f"{where}.elements", limit=ELEMENTS))
    elements: dict[str, ElementReview] = {}
    for key, value in elements_raw.items():
        element_id(key, f"{where}.elements")
        if known is not None and key not in known:
            raise FieldError(_("{where} : élément inconnu « {id} » ; ce contenu connaît : {ids}").format(
                where=f"{where}.elements", id=key, ids=", ".join(known)))
        elements[key] = element_from(value, f"{where}.elements.{key}")
    return ContractReview(
        processor=processor,
        document=checks.text(data.get("document", ""), f"{where}.document", limits.NAME),
        reviewed=optional_day(data.get("reviewed", ""), f"{where}.reviewed"),
        reviewer=checks.text(data.get("reviewer", ""), f"{where}.reviewer", limits.NAME),
        hosting=checks.flag(data.get("hosting", False), f"{where}.hosting"),
        elements=elements)


def review_to_dict(review: ContractReview) -> dict[str, Any]:
    return {"processor": review.processor, "document": review.document, "reviewed": review.reviewed,
            "reviewer": review.reviewer, "hosting": review.hosting,
            "elements": {k: {"status": e.status, "article": e.article, "page": e.page, "note": e.note}
                         for k, e in review.elements.items()}}


def check_review(review: ContractReview, known: tuple[str, ...] | None = None) -> None:
    """Every field within the limits and the content's elements (FieldError otherwise)."""
    review_from_dict(review_to_dict(review), "review", known)
