"""Between a contract review and the questionnaire: the answers a review gives, and what the
answers say of a contract when no review was done.

Review → answers: each question takes the statuses of the elements that answer it
(contract_elements.yaml), in every review given (the laboratory's questions are about each of its
processors): all present → « Oui », all absent → « Non », a mix → « Partiellement ». While an
element is unknown the answer is given only when the others already decide it (one partial, or
one present beside one absent: « Partiellement » whatever the unknown); otherwise none — a review
never turns « not read yet » into an answer. The answer's evidence says which review, which
document and where each element is.

Answers → statuses: without a review, each element takes the worst answer of its questions
(« Non » before « Partiellement » before « Oui »); an element whose questions are unanswered, or
answered « Je ne sais pas » while none says « Non », is unknown, never present.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wizard.core.contract_elements import ContractElement, ContractElements
from wizard.core.contract_review import STATUS_LABELS, ContractReview
from wizard.core.model import Answer
from wizard.i18n import _

VALUE_OF = {"present": "yes", "partial": "partial", "absent": "no"}
STATUS_OF = {"yes": "present", "partial": "partial", "no": "absent", "unknown": "unknown"}
_WORST = ("absent", "partial", "present")


@dataclass(frozen=True)
class ReviewedContract:
    """A review with the words its evidence uses: whose contract it is."""

    review: ContractReview
    party: str  # the processor's name, or the organisation whose template it is


@dataclass(frozen=True)
class Proposal:
    """What the reviews say of one question: its value (None: they cannot say, an element is
    unknown), the elements behind it and the evidence to record with the answer."""

    question: str
    value: str | None
    elements: tuple[str, ...]
    unknown: tuple[str, ...]  # the elements still unknown (why value may be None)
    evidence: str
    excludes: str | None = None  # with value None: the answer the known elements already rule out

    def contradicts(self, answer: str | None) -> bool:
        """Whether an answer given before is impossible given what the review already found."""
        return self.value is None and answer is not None and answer == self.excludes


def combine(statuses: Sequence[str]) -> str | None:
    """The answer several element statuses give (None: the unknown ones could still change it, or
    there are none)."""
    known = set(statuses) - {"unknown"}
    if "partial" in known or {"present", "absent"} <= known:
        return "partial"  # whatever the unknown elements turn out to be
    if not statuses or "unknown" in statuses:
        return None
    if all(s == "present" for s in statuses):
        return "yes"
    if all(s == "absent" for s in statuses):
        return "no"
    return "partial"


def evidence_header(reviewed: ReviewedContract) -> str:
    """The first line of a review's evidence; also how an earlier application of it is recognised."""
    return _("Revue du contrat de {party}").format(party=reviewed.party)


def _evidence(reviewed: ReviewedContract, elements: Sequence[ContractElement], lang: str) -> str:
    review = reviewed.review
    head = evidence_header(reviewed)
    details = [x for x in (review.document, review.reviewed, review.reviewer) if x]
    if details:
        head += " (" + ", ".join(details) + ")"
    lines = [head + " :"]
    for element in elements:
        found = review.of(element.id)
        line = f"- {element.title.get(lang)} ({element.reference.get(lang)}) : {_(STATUS_LABELS[found.status])}"
        if found.where:
            line += f", {found.where}"
        if found.note.strip():
            line += f" — {' '.join(found.note.split())}"
        lines.append(line)
    return "\n".join(lines)


def proposals(content: ContractElements, reviewed: Sequence[ReviewedContract], questions: Sequence[str],
              lang: str, *, pending: int = 0) -> list[Proposal]:
    """What the reviews say of each of these questions (those no reviewed element answers are left out).

    pending: how many other contracts the questions are about that were not reviewed yet (the
    laboratory's questions are about each of its processors): every element of theirs is unknown,
    so a question can be answered only when the reviewed ones already make it « Partiellement »."""
    out = []
    for qid in questions:
        statuses: list[str] = []
        behind: dict[str, None] = {}
        unknown: dict[str, None] = {}
        blocks = []
        for item in reviewed:
            scope = content.for_contract(item.review.hosting)
            mine = [e for e in scope if qid in e.answers]
            if not mine:
                continue
            for e in mine:
                status = item.review.status(e.id)
                statuses.append(status)
                behind[e.id] = None
                if status == "unknown":
                    unknown[e.id] = None
            blocks.append(_evidence(item, mine, lang))
        if behind:
            known = set(statuses) - {"unknown"}
            statuses += ["unknown"] * pending
            excludes = "yes" if known == {"absent"} else "no" if known == {"present"} and not pending else None
            out.append(Proposal(qid, combine(statuses), tuple(behind), tuple(unknown), "\n\n".join(blocks),
                                excludes))
    return out


def merged_evidence(previous: str, new: str, headers: Sequence[str]) -> str:
    """The evidence after applying reviews: their blocks first, then what was there before except
    the blocks of an earlier application of the same reviews (recognised by their header)."""
    kept = [block for block in previous.split("\n\n")
            if block.strip() and not any(block.startswith(h) for h in headers)]
    return "\n\n".join([new, *kept]) if new else "\n\n".join(kept)


# -- without a review: the answers -------------------------------------------------------------------
@dataclass(frozen=True)
class AnsweredStatus:
    """An element's status as the answers give it, and the questions it comes from."""

    status: str
    questions: tuple[str, ...]


def statuses_from_answers(content: ContractElements, answers: Mapping[str, Answer], visible: Sequence[str],
                          ) -> tuple[dict[str, AnsweredStatus], bool | None]:
    """Each element's status from the answers of the visible questions, and whether the hosting
    elements apply (True: a question on them is answered other than « Non applicable »; False: all
    are « Non applicable »; None: the answers do not say)."""
    shown = set(visible)
    hosting_groups = {g.id for g in content.groups if g.hosting}
    hosting_answers = [answers[q].value for e in content.elements if e.group in hosting_groups
                       for q in e.answers if q in shown and q in answers]
    if any(v != "na" for v in hosting_answers):
        hosting: bool | None = True
    elif hosting_answers:
        hosting = False
    else:
        hosting = None
    out: dict[str, AnsweredStatus] = {}
    for e in content.for_contract(bool(hosting)):
        asked = tuple(q for q in e.answers if q in shown and (q not in answers or answers[q].value != "na"))
        statuses = [STATUS_OF[answers[q].value] if q in answers else "unknown" for q in asked]
        known = [s for s in statuses if s != "unknown"]
        worst = min(known, key=_WORST.index) if known else "unknown"
        if worst == "present" and len(known) < len(statuses):
            worst = "unknown"  # « Oui » beside an unanswered question or « Je ne sais pas » proves nothing
        out[e.id] = AnsweredStatus(worst, asked)
    return out, hosting
