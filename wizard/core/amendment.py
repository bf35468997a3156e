"""The content of « Points à compléter au contrat »: what a contract lacks, in words counsel can use.

From a review (what the contract says, element by element) or, without one, from an assessment's
answers: for each element absent or partial, what the law requires, what the clause must say,
the questions to ask the counterparty and a draft clause to adapt. Unknown elements are listed
apart, « à vérifier », never counted as present. Every sentence the PDF and the .docx print is
decided here, in the document's language; they only lay it out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from wizard.core.contract_answers import AnsweredStatus
from wizard.core.contract_elements import ContractElement, ContractElements
from wizard.core.contract_review import ContractReview
from wizard.core.model import ANSWER_LABELS, Answer
from wizard.i18n import _, language, ngettext


@dataclass(frozen=True)
class AmendmentItem:
    element: ContractElement
    status: str  # present, partial, absent, unknown
    where: str = ""  # where the contract says it (a review's article and page)
    note: str = ""  # the reviewer's note
    basis: str = ""  # without a review: the answers the status comes from


@dataclass(frozen=True)
class Amendment:
    lang: str
    title: str
    subtitle: str
    controller: str  # the laboratory (or « the client laboratories », for a template)
    processor: str
    author: str  # whose working document it is: the laboratory, or the processor for its template
    source: str  # what the document is drawn from, in a sentence
    verify_intro: str  # why the elements to verify are not known
    scope: str  # which elements were looked at, in a sentence
    disclaimer: str
    to_complete: tuple[AmendmentItem, ...]  # absent and partial, in the content's order
    to_verify: tuple[AmendmentItem, ...]  # unknown
    present: tuple[AmendmentItem, ...]
    summary: str
    day: date

    @property
    def complete(self) -> bool:
        """Nothing to add to the contract (unknowns may remain: they are listed)."""
        return not self.to_complete


@dataclass(frozen=True)
class Labels:
    """The fixed words of the document, in its language."""

    requires: str
    clause: str
    ask: str
    draft: str
    to_complete: str
    to_verify: str
    present: str
    nothing_missing: str
    status: str
    where: str
    note: str
    element: str
    reference: str
    signature: str
    signature_intro: str
    absent: str
    partial: str
    unknown: str
    present_status: str
    colon: str = "{label} :"  # « Note : » in French, "Note:" in English

    def labelled(self, label: str) -> str:
        return self.colon.format(label=label)

    def status_label(self, status: str) -> str:
        return {"absent": self.absent, "partial": self.partial, "unknown": self.unknown,
                "present": self.present_status}[status]


def labels(lang: str) -> Labels:
    with language(lang):
        return Labels(
            requires=_("Ce que la loi exige"), clause=_("Ce que la clause doit dire"),
            ask=_("Questions à poser à l’autre partie"), draft=_("Projet de clause à adapter"),
            to_complete=_("Points à compléter"), to_verify=_("Points à vérifier"), present=_("Points présents dans le contrat"),
            nothing_missing=_("Aucun point ne manque : chaque élément relu est présent dans le contrat."),
            status=_("État"), where=_("Où dans le contrat"), note=_("Note"), element=_("Élément"),
            reference=_("Référence"), signature=_("Signature"),
            signature_intro=_("Signature de la personne qui a établi ce document de travail (facultative)."),
            absent=_("Absent du contrat"), partial=_("Présent en partie"), unknown=_("À vérifier"),
            present_status=_("Présent"), colon=_("{label} :"))


def _disclaimer() -> str:
    return _("Document de travail destiné aux conseils des parties. Il ne constitue pas un avis juridique : les "
             "projets de clauses sont des exemples à adapter au contrat et à la situation de chacun, et à faire "
             "relire par un juriste avant toute signature.")


def _summary(to_complete: int, to_verify: int, present: int) -> str:
    parts = [ngettext("{n} point à compléter", "{n} points à compléter", to_complete).format(n=to_complete),
             ngettext("{n} à vérifier", "{n} à vérifier", to_verify).format(n=to_verify),
             ngettext("{n} présent", "{n} présents", present).format(n=present)]
    return ", ".join(parts) + "."


def _split(items: Sequence[AmendmentItem]) -> tuple[tuple[AmendmentItem, ...], ...]:
    return (tuple(i for i in items if i.status in ("absent", "partial")),
            tuple(i for i in items if i.status == "unknown"),
            tuple(i for i in items if i.status == "present"))


def _scope(hosting: bool | None, count: int) -> str:
    base = ngettext("{n} élément examiné", "{n} éléments examinés", count).format(n=count)
    if hosting is None:
        return base + " — " + _("les réponses ne disent pas si le prestataire héberge des données de santé : les "
                                "clauses de l’article R. 1111-11 du code de la santé publique ne sont pas traitées.")
    if hosting:
        return base + " — " + _("le prestataire héberge des données de santé : les clauses de l’article R. 1111-11 "
                                "du code de la santé publique sont comprises.")
    return base + " — " + _("sans hébergement de données de santé.")


def from_review(content: ContractElements, review: ContractReview, *, controller: str, processor: str,
                lang: str, today: date | None = None) -> Amendment:
    """The document drawn from a review of the contract."""
    with language(lang):
        items = [AmendmentItem(e, review.status(e.id), review.of(e.id).where, review.of(e.id).note)
                 for e in content.for_contract(review.hosting)]
        to_complete, to_verify, present = _split(items)
        details = [x for x in (review.document and _("« {document} »").format(document=review.document),
                               review.reviewed and _("relu le {day}").format(day=_day(review.reviewed, lang)),
                               review.reviewer and _("par {name}").format(name=review.reviewer)) if x]
        source = _("D’après la relecture du contrat") + (" " + ", ".join(details) if details else "") + "."
        subtitle = (_("Modèle de contrat de {processor}").format(processor=processor) if review.is_template
                    else _("Contrat entre {controller} et {processor}").format(controller=controller,
                                                                             processor=processor))
        verify = _("La relecture n’a pas permis de dire si le contrat contient ces points. Ils ne sont pas considérés "
                   "comme présents : vérifiez-les dans le contrat, ou posez les questions ci-dessous.")
        return Amendment(lang, _("Points à compléter au contrat"), subtitle, controller, processor,
                         processor if review.is_template else controller, source, verify,
                         _scope(review.hosting, len(items)), _disclaimer(), to_complete, to_verify, present,
                         _summary(len(to_complete), len(to_verify), len(present)), today or date.today())


def from_answers(content: ContractElements, statuses: Mapping[str, AnsweredStatus], hosting: bool | None,
                 answers: Mapping[str, Answer], numbers: Mapping[str, str], *, controller: str, processor: str,
                 author: str, assessment_day: date, lang: str, today: date | None = None) -> Amendment:
    """The document drawn from an assessment's answers (statuses: contract_answers.statuses_from_answers);
    author: the organisation assessed."""
    with language(lang):
        items = []
        for e in content.for_contract(bool(hosting)):
            found = statuses[e.id]
            given = "; ".join(
                _("question {n} : {answer}").format(n=numbers.get(q, "?"), answer=_(ANSWER_LABELS[answers[q].value])
                                                    if q in answers else _("sans réponse"))
                for q in found.questions)
            basis = _("D’après les réponses de l’évaluation : {answers}").format(answers=given) if given else \
                _("Aucune question de l’évaluation ne porte sur ce point.")
            items.append(AmendmentItem(e, found.status, basis=basis))
        to_complete, to_verify, present = _split(items)
        source = _("D’après les réponses de l’évaluation du {day}, et non d’une relecture du contrat : chaque point "
                   "est à confirmer sur le contrat signé.").format(day=_day(assessment_day.isoformat(), lang))
        subtitle = _("Contrat entre {controller} et {processor}").format(controller=controller, processor=processor)
        verify = _("Les réponses ne permettent pas de dire si le contrat contient ces points (question sans réponse, "
                   "ou « Je ne sais pas »). Ils ne sont pas considérés comme présents : vérifiez-les dans le contrat, "
                   "ou posez les questions ci-dessous.")
        return Amendment(lang, _("Points à compléter au contrat"), subtitle, controller, processor, author, source,
                         verify, _scope(hosting, len(items)), _disclaimer(), to_complete, to_verify, present,
                         _summary(len(to_complete), len(to_verify), len(present)), today or date.today())


def _day(text: str, lang: str) -> str:
    from babel.dates import format_date

    from wizard.i18n import babel_locale

    return format_date(date.fromisoformat(text), format="long", locale=babel_locale(lang))
