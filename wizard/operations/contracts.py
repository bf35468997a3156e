"""Contract reviews, as the screens and the commands use them (workspace.contracts).

Review a processor's contract (the laboratory's side) or the processor's own template, element by
element; report a review in an assessment's matching questions through its Session (one
operation, undone whole, each answer in the history, nothing changed without being listed); and
make the document « Points à compléter au contrat » (amendments.py). The rules are wizard.core's
(contract_review, contract_answers, amendment); the files wizard.storage's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.core import limits
from wizard.core.checks import FieldError
from wizard.core.contract_answers import ReviewedContract, evidence_header, merged_evidence, proposals
from wizard.core.contract_elements import ContractElements
from wizard.core.contract_review import ContractReview, check_review, element_from, review_from_dict
from wizard.core.model import ANSWER_LABELS
from wizard.i18n import _, current_language
from wizard.operations.errors import OperationError
from wizard.operations.processors import relations_of
from wizard.typography import typeset

if TYPE_CHECKING:
    from wizard.operations.session import Session
    from wizard.operations.workspace import Workspace
    from wizard.storage.contract_reviews import ContractReviews

REVIEW_KEYS = ("document", "reviewed", "reviewer", "hosting", "elements")


@dataclass(frozen=True)
class Target:
    """Whose contract: a processor of the register (its entry id), or "" for the processor's own
    template; the names the documents use, and the profile whose questions the review answers."""

    processor: str
    party: str
    controller: str
    profile: str
    hosting: bool  # a new review's default: the processor hosts health data (its services say so)


@dataclass(frozen=True)
class AppliedChange:
    question: str
    number: str  # « 3.2 », as on screen and on paper
    text: str
    before: str | None
    after: str
    evidence_changed: bool


@dataclass(frozen=True)
class Unanswered:
    """A question the review cannot answer yet: its elements still unknown, and whether the answer
    given before is already impossible (« Oui » while an element is absent)."""

    question: str
    number: str
    unknown: tuple[str, ...]  # titles of the elements still unknown
    contradicted: str | None = None  # the answer given before, when the review rules it out


@dataclass(frozen=True)
class Applied:
    """What applying a review changed (or would change), and what it could not answer, and why."""

    changes: tuple[AppliedChange, ...]
    unanswerable: tuple[Unanswered, ...]
    hidden: tuple[str, ...]  # questions the assessment does not show
    combined: tuple[str, ...]  # the other processors whose reviews the answers take in
    unreviewed: tuple[str, ...]  # processors of the register whose contract has no review
    written: bool


class Contracts:
    def __init__(self, workspace: Workspace, reviews: ContractReviews) -> None:
        self.workspace = workspace
        self.reviews = reviews

    @property
    def elements(self) -> ContractElements:
        content = self.workspace.registry.default.contract_elements
        if content is None:
            raise OperationError(typeset(_("le contenu de ce Vigie ne décrit pas les éléments d’un contrat de "
                                          "sous-traitance (contract_elements.yaml absent)")))
        return content

    # -- whose contract ----------------------------------------------------------------------------
    def target(self, ref: str | None) -> Target:
        """A processor by its id or name (workspace.processors.find), or None: the processor's own template."""
        relations = relations_of(self.workspace)
        if ref is None:
            vendor = self.workspace.clients.register().vendor.name.strip()
            if not vendor:
                vendor = next((s.organisation for s in self.workspace.summaries() if s.profile == relations.processor),
                              "")
            return Target("", vendor or _("votre organisation"), _("les laboratoires clients"), relations.processor,
                          False)
        processor = self.workspace.processors.find(ref)
        lab = self.workspace.processors.lab().name.strip() or _("le laboratoire")
        return Target(processor.id, processor.name, lab, relations.controller,
                      relations.hosts_health_data(processor.services))

    # -- reading -------------------------------------------------------------------------------------
    def stored(self, ref: str | None) -> ContractReview | None:
        return self.reviews.get(self.target(ref).processor)

    def review(self, ref: str | None) -> ContractReview:
        """The review as stored, or a new one (every element unknown)."""
        target = self.target(ref)
        return self.reviews.get(target.processor) or ContractReview(processor=target.processor, hosting=target.hosting)

    def reviewed_processors(self) -> list[str]:
        """The entry ids of the register's processors whose contract has a review."""
        known = {p.id for p in self.workspace.processors.register().processors}
        return [p for p in self.reviews.processors() if p in known]

    # -- changing a review ---------------------------------------------------------------------------
    def change(self, ref: str | None, *, elements: dict[str, dict[str, str]] | None = None,
               document: str | None = None, reviewer: str | None = None, hosting: bool | None = None,
               reviewed: str | None = None) -> ContractReview:
        """Change a review (created on first change): element id -> its fields (status, article, page,
        note; those not given keep their value), and the review's own fields. Everything is checked
        before anything is written; the review is dated today unless reviewed says otherwise."""
        target = self.target(ref)
        known = self.elements.ids
        for key in elements or {}:
            if key not in known:
                raise OperationError(typeset(_("élément inconnu « {id} » ; les éléments sont : {ids}")).format(
                    id=key, ids=", ".join(known)))

        def edit(review: ContractReview) -> ContractReview:
            new = review
            for key, fields in (elements or {}).items():
                merged = {**_fields(new.of(key)), **fields}
                try:
                    new = replace(new, elements={**new.elements, key: element_from(merged, f"elements.{key}")})
                except FieldError as exc:
                    raise OperationError(typeset(_("{error} ; rien n’a été enregistré.")).format(error=exc)) from None
            new = replace(new, document=new.document if document is None else document,
                          reviewer=new.reviewer if reviewer is None else reviewer,
                          hosting=new.hosting if hosting is None else hosting,
                          reviewed=date.today().isoformat() if reviewed is None else reviewed)
            try:
                check_review(new, known)
            except FieldError as exc:
                raise OperationError(typeset(_("{error} ; rien n’a été enregistré.")).format(error=exc)) from None
            return new

        blank = ContractReview(processor=target.processor, hosting=target.hosting)
        return self.reviews.update(target.processor, edit, blank=blank)

    def read_changes(self, data: Any, source: str) -> dict[str, Any]:
        """The changes a file's content asks for (the JSON form of a review, without "processor"),
        checked, as keyword arguments of change(): the elements it names with the fields it gives,
        and the review's fields it gives. Nothing is written."""
        if not isinstance(data, dict) or set(data) - set(REVIEW_KEYS):
            wrong = sorted(set(data) - set(REVIEW_KEYS)) if isinstance(data, dict) else []
            raise OperationError(typeset(_("{file} : un objet avec les clés {keys} est attendu{extra}")).format(
                file=source, keys=", ".join(REVIEW_KEYS),
                extra=_(" (clé inconnue : {keys})").format(keys=", ".join(wrong)) if wrong else ""))
        try:
            checked = review_from_dict(data, source, self.elements.ids)
        except FieldError as exc:
            raise OperationError(typeset(_("{error} ; rien n’a été enregistré.")).format(error=exc)) from None
        changes: dict[str, Any] = {name: getattr(checked, name) for name in ("document", "reviewer", "hosting",
                                                                              "reviewed") if name in data}
        if "elements" in data:
            changes["elements"] = {k: {name: v for name, v in _fields(e).items() if name in data["elements"][k]}
                                   for k, e in checked.elements.items()}
        return changes

    def read_file(self, path: Path) -> dict[str, Any]:
        """read_changes() of a JSON (.json) or YAML file; a message naming the file when it cannot be read."""
        path = Path(path)
        try:
            if path.stat().st_size > limits.FILE_BYTES:
                raise OperationError(typeset(_("{file} : fichier trop gros")).format(file=path))
            raw = path.read_bytes()
        except OSError as exc:
            raise OperationError(f"{path} : {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8-sig")
            if path.suffix.lower() == ".json":
                import json

                data = json.loads(text)
            else:
                import yaml

                data = yaml.safe_load(text)
        except Exception as exc:  # noqa: BLE001 - bad UTF-8, JSON or YAML, nesting: a message, never a traceback
            raise OperationError(typeset(_("{file} : illisible ({error})")).format(
                file=path, error=" ".join(str(exc).split())[:300] or type(exc).__name__)) from None
        return self.read_changes(data, path.name)

    def remove(self, ref: str | None) -> bool:
        return self.reviews.remove(self.target(ref).processor)

    # -- the review as answers of an assessment -------------------------------------------------------
    def apply(self, ref: str | None, session: Session, *, by: str = "", write: bool = True) -> Applied:
        """Report the review in the session's assessment: its matching questions take the review's
        answers, its evidence joining theirs, as one operation of the session (undone whole). For a
        processor the answers take in the reviews of the register's other processors too (the
        laboratory's questions are about each of them). write=False only says what would change."""
        target = self.target(ref)
        assessment = session.assessment
        if assessment.profile != target.profile:
            raise OperationError(typeset(_("la revue du contrat de « {party} » répond aux questions du profil "
                                          "« {want} » ; cette évaluation est du profil « {got} »")).format(
                party=target.party, want=target.profile, got=assessment.profile))
        if target.processor and not self.workspace.processors.applies(assessment):
            raise OperationError(typeset(_("cette évaluation n’est pas celle du laboratoire qui tient le registre "
                                          "des prestataires ({lab})")).format(lab=target.controller))
        review = self.reviews.get(target.processor)
        if review is None:
            raise OperationError(typeset(_("le contrat de « {party} » n’a pas encore été revu")).format(
                party=target.party))
        reviewed = [ReviewedContract(review, target.party)]
        others: list[str] = []
        unreviewed: list[str] = []
        if target.processor:
            for p in self.workspace.processors.register().processors:
                other = self.reviews.get(p.id) if p.id != target.processor else None
                if other is not None:
                    reviewed.append(ReviewedContract(other, p.name))
                    others.append(p.name)
                elif p.id != target.processor:
                    unreviewed.append(p.name)
        view = session.questionnaire
        shown = {q.id for q in session.evaluation().visible}
        wanted = [q for q in self.elements.questions() if q in {x.id for x in view.questions}]
        lang = current_language()
        found = proposals(self.elements, reviewed, wanted, lang, pending=len(unreviewed))
        headers = [evidence_header(r) for r in reviewed]
        changes: list[AppliedChange] = []
        plan: list[tuple[str, str, str]] = []
        unanswerable: list[Unanswered] = []
        hidden: list[str] = []
        for proposal in found:
            number, question = session.number(proposal.question), view.question(proposal.question)
            if proposal.question not in shown:
                hidden.append(proposal.question)
                continue
            current = assessment.answers.get(proposal.question)
            if proposal.value is None:
                titles = tuple(self.elements.element(e).title.get(lang) for e in proposal.unknown)
                titles += tuple(_("le contrat de « {party} », pas encore revu").format(party=name)
                                for name in unreviewed)
                before_value = current.value if current else None
                unanswerable.append(Unanswered(proposal.question, number, titles,
                                               before_value if proposal.contradicts(before_value) else None))
                continue
            evidence = merged_evidence(current.evidence if current else "", proposal.evidence, headers)
            if len(evidence) > limits.TEXT:  # an evidence text grown too long keeps the review's part
                evidence = proposal.evidence[:limits.TEXT]
            before = current.value if current else None
            if before == proposal.value and current is not None and current.evidence == evidence:
                continue
            changes.append(AppliedChange(proposal.question, number, question.text.get(lang), before,
                                         proposal.value, current is None or current.evidence != evidence))
            plan.append((proposal.question, proposal.value, evidence))
        changes.sort(key=lambda c: c.number)
        unanswerable.sort(key=lambda u: u.number)
        if write and plan:
            name = _("revue du contrat de {party}").format(party=target.party)
            session.answer_all(plan, name=name, by=by or review.reviewer)
        return Applied(tuple(changes), tuple(unanswerable), tuple(hidden), tuple(others), tuple(unreviewed),
                       write and bool(plan))

    # -- the document « Points à compléter au contrat » (amendments.py) --------------------------------
    def amendment(self, ref: str | None = None, *, assessment_id: str | None = None, lang: str = "fr",
                  evaluation: Any = None):  # noqa: ANN201 - wizard.core.amendment.Amendment
        from wizard.operations.amendments import amendment

        return amendment(self, ref, assessment_id=assessment_id, evaluation=evaluation, lang=lang)

    def export_amendment(self, document: Any, out: Path, identity: Any = None, **options: Any) -> Path:
        from wizard.operations.amendments import export_amendment

        return export_amendment(document, Path(out), identity, **options)


def _fields(element: Any) -> dict[str, str]:
    return {"status": element.status, "article": element.article, "page": element.page, "note": element.note}


def describe_unanswered(item: Unanswered) -> str:
    """« question 16 : inchangée ; « Oui » contredit par la revue ; à vérifier : … »."""
    line = _("question {n} : inchangée").format(n=item.number)
    if item.contradicted:
        line += " ; " + _("la réponse « {answer} » est contredite par la revue : revoyez-la").format(
            answer=_(ANSWER_LABELS[item.contradicted]))
    line += " ; " + _("éléments encore à vérifier : {titles}").format(titles="; ".join(item.unknown))
    return typeset(line)


def describe_change(change: AppliedChange) -> str:
    """« question 12 : Non → Partiellement (preuve mise à jour) » in plain words."""
    before = _(ANSWER_LABELS[change.before]) if change.before else _("sans réponse")
    line = _("question {n} : {before} → {after}").format(n=change.number, before=before,
                                                        after=_(ANSWER_LABELS[change.after]))
    if change.evidence_changed:
        line += " " + _("(preuve mise à jour)")
    return typeset(line)
