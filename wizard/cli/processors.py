"""The laboratory's commands of the loop: its register of processors.

vigie processors add NAME [fields] | list | show PROCESSOR | edit PROCESSOR [fields] | lab [fields] | facts
vigie processors plan ASSESSMENT | report ASSESSMENT -o OUT.pdf [identity options]   (a stored lab assessment)
(requests and responses: requests.py)

PROCESSOR is an entry's id, the start of it, or its exact name. Bad input exits with code 2 and
changes nothing.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from wizard.cli.common import CliError, Context, opened_workspace, print_json
from wizard.cli.output import one_line
from wizard.cli.requests import day_option, print_response, question_text, response_json
from wizard.cli.signed_plans import identity_options
from wizard.core.parties import Party
from wizard.core.processor_attention import describe
from wizard.i18n import _
from wizard.typography import typeset

_LAB_FIELDS = ("name", "siret", "address", "contact", "email", "phone", "dpo", "dpo_email")


def _processor_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(_("fiche du prestataire"))
    g.add_argument("--siret")
    g.add_argument("--contact", help=_("à qui écrire chez le prestataire"))
    g.add_argument("--services", metavar=_("LISTE"), help=_("prestations, séparées par des virgules (voir « vigie "
                                                              "processors list --json »)"))
    g.add_argument("--data", metavar=_("LISTE"), help=_("catégories de données, séparées par des virgules"))
    g.add_argument("--location", choices=("eea", "third_country"), help=_("où sont les données"))
    g.add_argument("--countries", help=_("pays où les données sont gardées ou d’où elles sont consultées"))
    g.add_argument("--foreign-laws", help=_("lois étrangères qui pourraient imposer un accès aux données"))
    g.add_argument("--hds-number", help=_("numéro du certificat HDS"))
    g.add_argument("--hds-activities", help=_("activités certifiées HDS"))
    g.add_argument("--hds-expires", metavar=_("DATE"), help=_("fin de validité du certificat HDS (AAAA-MM-JJ)"))
    g.add_argument("--contract-ref", help=_("référence du contrat"))
    g.add_argument("--contract-date", metavar=_("DATE"), help=_("date du contrat (AAAA-MM-JJ)"))
    g.add_argument("--annex", choices=("yes", "no"), help=_("une annexe de sous-traitance (article 28.3) existe"))
    g.add_argument("--subprocessors", metavar=_("LISTE"), help=_("sous-traitants ultérieurs déclarés, séparés par "
                                                                   "des virgules"))
    g.add_argument("--last-review", metavar=_("DATE"), help=_("date de la dernière revue (AAAA-MM-JJ)"))
    g.add_argument("--next-review", metavar=_("DATE"), help=_("date de la prochaine revue (AAAA-MM-JJ)"))
    g.add_argument("--notes")
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("processors", help=_("le registre des prestataires du laboratoire"))
    actions = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    a = actions.add_parser("add", help=_("ajouter un prestataire"))
    a.add_argument("name", help=_("nom du prestataire"))
    _processor_options(a)
    a.set_defaults(handler=cmd_add)
    a = actions.add_parser("edit", help=_("modifier la fiche d’un prestataire"))
    a.add_argument("processor", help=_("identifiant ou nom du prestataire"))
    a.add_argument("--name")
    _processor_options(a)
    a.set_defaults(handler=cmd_edit)
    a = actions.add_parser("list", help=_("les prestataires et ce qui demande votre attention"))
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_list)
    a = actions.add_parser("show", help=_("la fiche d’un prestataire, ses demandes et ses réponses"))
    a.add_argument("processor", help=_("identifiant ou nom du prestataire"))
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_show)
    a = actions.add_parser("lab", help=_("qui est le laboratoire (ce que ses demandes disent) : afficher ou modifier"))
    for name in _LAB_FIELDS:
        a.add_argument("--" + name.replace("_", "-"))
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_lab)
    a = actions.add_parser("facts", help=_("ce que le registre dit de vos questions sur les prestataires"))
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_facts)
    a = actions.add_parser("plan", help=_("le plan d’une évaluation enregistrée du laboratoire, avec les actions du "
                                          "registre (JSON de « vigie plan »)"))
    a.add_argument("assessment", help=_("identifiant de l’évaluation"))
    a.set_defaults(handler=cmd_plan)
    a = actions.add_parser("report", help=_("le plan d’action PDF d’une évaluation enregistrée, avec l’annexe « Vos "
                                            "prestataires »"))
    a.add_argument("assessment", help=_("identifiant de l’évaluation"))
    a.add_argument("-o", "--output", type=Path, required=True, metavar=_("PDF"), help=_("PDF à écrire"))
    a.add_argument("--no-sign", action="store_true", help=_("ne pas signer (cadres de signature vides)"))
    identity_options(a)
    a.set_defaults(handler=cmd_report)


# -- options to fields -------------------------------------------------------------------------------
def _list(value: str | None) -> list[str] | None:
    return None if value is None else [x.strip() for x in value.split(",") if x.strip()]


def processor_fields(args: argparse.Namespace, current: dict[str, Any] | None = None) -> dict[str, Any]:
    """The fields the options give (an option left out keeps its value)."""
    given = {"name": getattr(args, "name", None), "siret": args.siret, "contact": args.contact,
             "services": _list(args.services), "data": _list(args.data), "location": args.location,
             "countries": args.countries, "foreign_laws": args.foreign_laws, "contract_reference": args.contract_ref,
             "contract_date": day_option(args.contract_date, "--contract-date"),
             "processing_annex": None if args.annex is None else args.annex == "yes",
             "subprocessors": _list(args.subprocessors), "last_review": day_option(args.last_review, "--last-review"),
             "next_review": day_option(args.next_review, "--next-review"), "notes": args.notes}
    fields = {k: v for k, v in given.items() if v is not None}
    hds = {"number": args.hds_number, "activities": args.hds_activities,
           "expires": day_option(args.hds_expires, "--hds-expires")}
    if any(v is not None for v in hds.values()):
        before = (current or {}).get("hds") or {}
        fields["hds"] = {**{"number": "", "activities": "", "expires": ""}, **before,
                         **{k: v for k, v in hds.items() if v is not None}}
    return fields


# -- what is printed ------------------------------------------------------------------------------
def state_json(state: Any, relations: Any) -> dict[str, Any]:
    p = state.processor
    latest = p.latest
    return {"id": p.id, "name": p.name, "siret": p.siret, "services": list(p.services), "data": list(p.data),
            "needs_attention": state.needs_attention, "priority": state.priority if state.needs_attention else None,
            "concerns": [{"kind": c.kind, "date": c.day.isoformat() if c.day else None, "text": describe(c)}
                         for c in state.concerns],
            "hds_expires": p.hds.expires if p.hds else "", "contract": p.has_contract,
            "next_review": p.next_review, "pinned": p.pinned,
            "latest_assessment": None if latest is None else {
                "request_id": latest.request_id, "received": latest.received, "date": latest.assessment_date,
                "overall": latest.overall, "critical_gaps": len(latest.critical_gaps),
                "p1_actions": len(latest.p1_actions)},
            "requests": [asdict(r) for r in p.requests]}


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        added = workspace.processors.add({"name": args.name.strip(), **processor_fields(args)})
    print_json({"id": added.id, "name": added.name}) if args.json else print(added.id)
    return 0


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        current = workspace.processors.find(args.processor)
        changed = workspace.processors.edit(current.id, processor_fields(args, asdict(current)))
    print_json({"id": changed.id, "name": changed.name}) if args.json else print(changed.id)
    return 0


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        states = workspace.processors.states()
        relations = workspace.registry.default.relations
    if args.json:
        print_json([state_json(s, relations) for s in states])
        return 0
    for s in states:
        mark = s.priority if s.needs_attention else "ok"
        concerns = "; ".join(describe(c) for c in s.concerns) or _("rien à signaler")
        print(f"{s.processor.id}  {mark:<2}  {one_line(s.processor.name)}  — {one_line(typeset(concerns))}")
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        processor = workspace.processors.find(args.processor)
        state = next(s for s in workspace.processors.states() if s.processor.id == processor.id)
        latest = processor.latest
        found = workspace.processors.response_of(latest.request_id) if latest else None
        questionnaire = workspace.registry.default
    relations = questionnaire.relations
    data = {**asdict(processor), "state": state_json(state, relations)}
    if found is not None and relations is not None:
        data["latest_response"] = response_json(found, questionnaire.for_profile(relations.processor),
                                                questionnaire.for_profile(relations.controller), ctx.lang)
    if args.json:
        print_json(data)
        return 0
    print(one_line(processor.name) + (f" ({one_line(processor.siret)})" if processor.siret else ""))
    for c in state.concerns:
        print("  ! " + typeset(describe(c)))
    if "latest_response" in data:
        print_response(data["latest_response"], questionnaire.framework, ctx.lang)
    return 0


def cmd_lab(args: argparse.Namespace, ctx: Context) -> int:
    given = {name: getattr(args, name) for name in _LAB_FIELDS if getattr(args, name) is not None}
    with opened_workspace(ctx) as workspace:
        lab = workspace.processors.lab()
        if given:
            lab = Party(**{**asdict(lab), **given})
            workspace.processors.set_lab(lab)
    if args.json or not given:
        print_json(asdict(lab)) if args.json else print("\n".join(f"{k}: {one_line(v)}" for k, v in asdict(lab).items()))
    return 0


def cmd_facts(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        found = workspace.processors.questions_with_facts()
        view = workspace.registry.default
    if args.json:
        print_json([{"question": qid, "facts": [{"processor": f.processor, "text": f.text} for f in facts]}
                    for qid, facts in found])
        return 0
    for qid, facts in found:
        print(f"[{qid}] {one_line(question_text(view, qid, ctx.lang))}")
        for f in facts:
            print(f"  {one_line(f.processor)} : {one_line(typeset(f.text))}")
    return 0


def cmd_plan(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.cli.questionnaire import evaluation_json

    with opened_workspace(ctx) as workspace:
        evaluation = workspace.evaluation(args.assessment)
    print_json(evaluation_json(evaluation, evaluation.questionnaire, ctx.lang))
    return 0


def cmd_report(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.cli.signed_plans import signing_identity, warn
    from wizard.operations.plans import ExportError, export_signed_plan

    with opened_workspace(ctx) as workspace:
        session = workspace.open_session(args.assessment, read_only=True)
        try:
            a = session.assessment
            identity = None if args.no_sign else signing_identity(args, ctx, name=args.signer_name or a.assessor,
                                                                  organisation=a.organisation.name)
            try:
                export_signed_plan(session, None, args.output, identity, signer_name=args.signer_name or "",
                                   signer_role=args.signer_role, lang=ctx.lang, certify=args.certify, warn=warn)
            except ExportError as exc:
                raise CliError(str(exc)) from None
        finally:
            session.close()
    print(args.output)
    return 0
