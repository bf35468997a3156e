"""The laboratory's commands of the loop: its register of processors, its requests, the responses.

vigie processors add NAME [fields] | list | show PROCESSOR | edit PROCESSOR [fields] | lab [fields] | facts
vigie processors plan ASSESSMENT | report ASSESSMENT -o OUT.pdf [identity options]   (a stored lab assessment)
vigie request create PROCESSOR -o FILE [--letter PDF] [--due DATE] [--protect] [--message TEXT]
vigie request import FILE                 (the vendor's side: clients.py shares the group)
vigie response import FILE.pdf [--accept-new-key]

PROCESSOR is an entry's id, the start of it, or its exact name. A response protected by a password
opens with VIGIE_RESPONSE_PASSWORD (or a prompt). Bad input exits with code 2 and changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from wizard.cli.common import CliError, Context, opened_workspace, print_json, secret
from wizard.cli.output import one_line
from wizard.cli.signed_plans import identity_options
from wizard.core import checks
from wizard.core.model import ANSWER_LABELS
from wizard.core.parties import Party
from wizard.core.processor_attention import describe
from wizard.i18n import _, format_percent
from wizard.typography import french

RESPONSE_PASSWORD_ENV = "VIGIE_RESPONSE_PASSWORD"
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

    p = sub.add_parser("request", help=_("les demandes d’auto-évaluation entre un laboratoire et un prestataire"))
    actions = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    a = actions.add_parser("create", help=_("créer une demande à un prestataire et sa lettre d’accompagnement"))
    a.add_argument("processor", help=_("identifiant ou nom du prestataire"))
    a.add_argument("-o", "--output", type=Path, required=True, metavar=_("FICHIER"), help=_("fichier de demande à écrire"))
    a.add_argument("--letter", type=Path, metavar=_("PDF"), help=_("lettre à écrire (par défaut : FICHIER-lettre.pdf)"))
    a.add_argument("--due", metavar=_("DATE"), help=_("réponse attendue pour le (AAAA-MM-JJ ; par défaut dans 30 jours)"))
    a.add_argument("--protect", action="store_true", help=_("demander une réponse protégée par un mot de passe"))
    a.add_argument("--message", default="", help=_("quelques mots au prestataire, repris dans la lettre"))
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_request_create)
    a = actions.add_parser("import", help=_("importer la demande d’un laboratoire (côté prestataire)"))
    a.add_argument("file", type=Path)
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_request_import)

    p = sub.add_parser("response", help=_("les réponses signées des prestataires"))
    actions = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    a = actions.add_parser("import", help=_("vérifier et importer la réponse signée d’un prestataire"))
    a.add_argument("file", type=Path)
    a.add_argument("--accept-new-key", action="store_true",
                   help=_("accepter une réponse signée avec une autre clé que les précédentes (après avoir vérifié "
                          "son empreinte auprès du prestataire)"))
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_response_import)


# -- options to fields -------------------------------------------------------------------------------
def _day(value: str | None, option: str) -> str | None:
    if value is None or value == "":
        return value
    try:
        return checks.day(value, option).isoformat()
    except checks.FieldError as exc:
        raise CliError(str(exc)) from None


def _list(value: str | None) -> list[str] | None:
    return None if value is None else [x.strip() for x in value.split(",") if x.strip()]


def processor_fields(args: argparse.Namespace, current: dict[str, Any] | None = None) -> dict[str, Any]:
    """The fields the options give (an option left out keeps its value)."""
    given = {"name": getattr(args, "name", None), "siret": args.siret, "contact": args.contact,
             "services": _list(args.services), "data": _list(args.data), "location": args.location,
             "countries": args.countries, "foreign_laws": args.foreign_laws, "contract_reference": args.contract_ref,
             "contract_date": _day(args.contract_date, "--contract-date"),
             "processing_annex": None if args.annex is None else args.annex == "yes",
             "subprocessors": _list(args.subprocessors), "last_review": _day(args.last_review, "--last-review"),
             "next_review": _day(args.next_review, "--next-review"), "notes": args.notes}
    fields = {k: v for k, v in given.items() if v is not None}
    hds = {"number": args.hds_number, "activities": args.hds_activities,
           "expires": _day(args.hds_expires, "--hds-expires")}
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


def response_json(found: Any, view: Any, lab_view: Any, lang: str) -> dict[str, Any]:
    r = found.received
    return {"processor": {"id": found.processor.id, "name": found.processor.name},
            "request_id": r.request_id, "vendor": r.vendor, "signer": r.signer, "fingerprint": r.fingerprint,
            "pinned_now": found.pinned_now, "new_signer": found.new_signer, "assessment_date": r.assessment_date,
            "scores": {"overall": r.overall, "articles": r.axes},
            "coverage": {"answered": r.answered, "visible": r.visible},
            "critical_gaps": [{"question": g.question, "answer": g.answer, "article": g.axis,
                               "text": _question_text(view, g.question, lang)} for g in r.critical_gaps],
            "p1_actions": [{"id": a.id, "title": a.title.get(lang), "due": a.due} for a in r.p1_actions],
            "revisit": [{"question": s.question, "kind": s.kind, "answer": s.current,
                         "text": _question_text(lab_view, s.question, lang),
                         "vendor_answers": [{"question": q, "answer": v} for q, v in s.vendor_answers]}
                        for s in found.suggestions]}


def _question_text(view: Any, qid: str, lang: str) -> str:
    try:
        return view.question(qid).text.get(lang)
    except KeyError:
        return qid


def print_response(data: dict[str, Any], framework: Any, lang: str) -> None:
    out = sys.stdout
    scores = data["scores"]
    overall = "—" if scores["overall"] is None else format_percent(scores["overall"])
    out.write(_("Indice de maturité global du prestataire : {score}").format(score=overall) + "\n")
    for axis, value in scores["articles"].items():
        label = framework.axis(axis).label.get(lang) if axis in framework.axis_ids else axis
        out.write("  " + _("{axis} : {score}").format(axis=label, score="—" if value is None else format_percent(value))
                  + "\n")
    out.write(_("Points critiques ({count})").format(count=len(data["critical_gaps"])) + "\n")
    for g in data["critical_gaps"]:
        out.write(f"  [{g['question']}] {one_line(g['text'])} — {_(ANSWER_LABELS.get(g['answer'], g['answer']))}\n")
    out.write(_("Actions P1 du prestataire ({count})").format(count=len(data["p1_actions"])) + "\n")
    for a in data["p1_actions"]:
        out.write(f"  {a['due']}  {one_line(a['title'])}\n")
    if data["revisit"]:
        out.write(_("Vos réponses à revoir ({count}) — rien n’a été modifié :").format(count=len(data["revisit"])) + "\n")
        for s in data["revisit"]:
            why = _("le prestataire signale un manque") if s["kind"] == "contradicted" else \
                _("la réponse du prestataire peut vous permettre de répondre")
            out.write(f"  [{s['question']}] {one_line(s['text'])} — {why}\n")


# -- commands ----------------------------------------------------------------------------------
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
        print(f"{s.processor.id}  {mark:<2}  {one_line(s.processor.name)}  — {one_line(french(concerns))}")
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
        print("  ! " + french(describe(c)))
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
        print(f"[{qid}] {one_line(_question_text(view, qid, ctx.lang))}")
        for f in facts:
            print(f"  {one_line(f.processor)} : {one_line(french(f.text))}")
    return 0


def cmd_request_create(args: argparse.Namespace, ctx: Context) -> int:
    due = _day(args.due, "--due")
    with opened_workspace(ctx) as workspace:
        made = workspace.processors.create_request(
            args.processor, args.output, due=date.fromisoformat(due) if due else None,
            protection="password" if args.protect else "none", message=args.message, letter=args.letter, lang=ctx.lang)
    if args.json:
        print_json({"id": made.request.id, "file": str(made.file), "letter": str(made.letter), "due": made.request.due,
                    "protection": made.request.protection})
    else:
        print(made.request.id)
        print(_("Demande : {file} ; lettre : {letter}").format(file=made.file, letter=made.letter), file=sys.stderr)
    return 0


def cmd_request_import(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        found = workspace.clients.import_request(args.file)
    if args.json:
        print_json({"request": found.request.id, "client": {"id": found.client.id, "name": found.client.lab.name},
                    "new_client": found.new_client, "assessment": found.assessment.id,
                    "assessment_started": found.started, "already_imported": found.again,
                    "due": found.request.due, "protection": found.request.protection})
        return 0
    print(found.request.id)
    print(french(_("Demande de « {lab} » importée ; réponse attendue pour le {due}. Évaluation à compléter : {id}."))
          .format(lab=found.client.lab.name, due=found.request.due, id=found.assessment.id), file=sys.stderr)
    return 0


def cmd_response_import(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.operations.requests import PasswordNeeded

    with opened_workspace(ctx) as workspace:
        processors = workspace.processors
        try:
            found = processors.import_response(args.file, accept_new_signer=args.accept_new_key)
        except PasswordNeeded:
            password = secret(RESPONSE_PASSWORD_ENV, _("Mot de passe de la réponse"))
            found = processors.import_response(args.file, password=password, accept_new_signer=args.accept_new_key)
        questionnaire = workspace.registry.default
    relations = questionnaire.relations
    assert relations is not None  # the import needs it
    data = response_json(found, questionnaire.for_profile(relations.processor),
                         questionnaire.for_profile(relations.controller), ctx.lang)
    if found.new_signer:
        print("vigie: " + french(_("ATTENTION : réponse signée avec une autre clé que les précédentes de « {name} », "
                                   "acceptée à votre demande ; la nouvelle empreinte {fp} est désormais retenue.")).format(
            name=found.processor.name, fp=found.received.fingerprint), file=sys.stderr)
    elif found.pinned_now:
        print("vigie: " + french(_("Première réponse signée de « {name} » : l’empreinte de sa clé, {fp}, est retenue ; "
                                   "une réponse signée avec une autre clé sera signalée.")).format(
            name=found.processor.name, fp=found.received.fingerprint), file=sys.stderr)
    if args.json:
        print_json(data)
        return 0
    print(french(_("Réponse de « {vendor} » à la demande {id}, signée par {signer} : importée.")).format(
        vendor=data["vendor"], id=data["request_id"], signer=data["signer"]))
    print_response(data, questionnaire.framework, ctx.lang)
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
