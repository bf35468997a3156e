"""The register's facts as the laboratory's questions show them (relations.yaml says which).

« Vos prestataires hébergeurs ont-ils un certificat HDS ? » is easier to answer, and to check,
next to what the register holds: each processor's certificate, its expiry. fact_lines() gives
one line per processor for one kind of fact; facts_for() gathers the kinds a question shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wizard.core.processor_attention import ProcessorState, describe
from wizard.core.processors import Processor
from wizard.core.relations import Relations
from wizard.i18n import _, format_day, format_index


@dataclass(frozen=True)
class Fact:
    processor: str  # the processor's name
    text: str


def _day(text: str) -> str:
    return format_day(date.fromisoformat(text), "short") if text else ""


def fact_line(kind: str, state: ProcessorState, relations: Relations | None) -> str:
    """One processor's fact of one kind, in the current language."""
    p: Processor = state.processor
    if kind == "attention":
        if not state.concerns:
            return _("rien à signaler")
        return "; ".join(describe(c) for c in state.concerns)
    if kind == "assessments":
        latest = p.latest
        if latest is None:
            return _("aucune évaluation reçue")
        overall = "—" if latest.overall is None else format_index(latest.overall)
        return _("évaluation du {date} reçue le {received}, indice global {overall}, signée par {signer}").format(
            date=_day(latest.assessment_date), received=_day(latest.received), overall=overall, signer=latest.signer)
    if kind == "hds":
        cert = p.hds
        if cert is None or not cert.number.strip():
            return _("aucun certificat HDS enregistré")
        line = _("certificat HDS n° {number}").format(number=cert.number)
        if cert.activities:
            line += " (" + cert.activities + ")"
        if cert.expires:
            line += ", " + _("valable jusqu’au {date}").format(date=_day(cert.expires))
        return line
    if kind == "contract":
        if not p.has_contract:
            return _("aucun contrat enregistré")
        if p.contract_date:
            return _("contrat {reference} du {date}").format(reference=p.contract_reference or "—",
                                                            date=_day(p.contract_date))
        return _("contrat {reference}").format(reference=p.contract_reference)
    if kind == "annex":
        return _("annexe de sous-traitance (article 28.3) : présente") if p.processing_annex else \
            _("annexe de sous-traitance (article 28.3) : absente")
    if kind == "location":
        where = {"": _("lieu des données non renseigné"), "eea": _("données dans l’Espace économique européen"),
                 "third_country": _("données hors de l’Espace économique européen")}[p.location]
        if p.countries:
            where += " (" + p.countries + ")"
        if p.foreign_laws:
            where += "; " + _("lois étrangères : {laws}").format(laws=p.foreign_laws)
        return where
    if kind == "review":
        if not p.last_review and not p.next_review:
            return _("aucune revue enregistrée")
        parts = []
        if p.last_review:
            parts.append(_("dernière revue le {date}").format(date=_day(p.last_review)))
        if p.next_review:
            parts.append(_("prochaine revue le {date}").format(date=_day(p.next_review)))
        return ", ".join(parts)
    if kind == "subprocessors":
        if not p.subprocessors:
            return _("aucun sous-traitant ultérieur déclaré")
        return _("sous-traitants ultérieurs déclarés : {names}").format(names=", ".join(p.subprocessors))
    raise KeyError(kind)


def facts_for(question_id: str, states: list[ProcessorState], relations: Relations | None) -> list[Fact]:
    """What the register says about one question: a line per processor and kind of fact (none
    when the content links no fact to the question)."""
    if relations is None:
        return []
    kinds = relations.facts.get(question_id, ())
    return [Fact(s.processor.name, fact_line(kind, s, relations)) for kind in kinds for s in states]
