"""The commands that carry the loop's files: a request out and in, a signed response in.

vigie request create PROCESSOR -o FILE [--letter PDF] [--due DATE] [--protect] [--message TEXT]
vigie request import FILE                 (the vendor's side)
vigie response import FILE.pdf [--accept-new-key]

A response protected by a password opens with VIGIE_RESPONSE_PASSWORD (or a prompt). A response
signed with another key than the pinned one is refused (exit 2) unless --accept-new-key, and then
said loudly. Bad input exits with code 2 and changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from wizard.cli.common import Context, opened_workspace, print_json, secret
from wizard.cli.output import one_line
from wizard.core import checks
from wizard.core.model import ANSWER_LABELS
from wizard.i18n import _, format_index
from wizard.typography import typeset

RESPONSE_PASSWORD_ENV = "VIGIE_RESPONSE_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:
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


def day_option(value: str | None, option: str) -> str | None:
    """A date option, checked (exit 2 naming it)."""
    from wizard.cli.common import CliError

    if value is None or value == "":
        return value
    try:
        return checks.day(value, option).isoformat()
    except checks.FieldError as exc:
        raise CliError(str(exc)) from None


def response_json(found: Any, view: Any, lab_view: Any, lang: str) -> dict[str, Any]:
    r = found.received
    return {"processor": {"id": found.processor.id, "name": found.processor.name},
            "request_id": r.request_id, "vendor": r.vendor, "signer": r.signer, "fingerprint": r.fingerprint,
            "pinned_now": found.pinned_now, "new_signer": found.new_signer, "unprotected": found.unprotected,
            "assessment_date": r.assessment_date,
            "scores": {"overall": r.overall, "articles": r.axes},
            "coverage": {"answered": r.answered, "visible": r.visible},
            "critical_gaps": [{"question": g.question, "answer": g.answer, "article": g.axis,
                               "text": question_text(view, g.question, lang)} for g in r.critical_gaps],
            "p1_actions": [{"id": a.id, "title": a.title.get(lang), "due": a.due} for a in r.p1_actions],
            "revisit": [{"question": s.question, "kind": s.kind, "answer": s.current,
                         "text": question_text(lab_view, s.question, lang),
                         "vendor_answers": [{"question": q, "answer": v} for q, v in s.vendor_answers]}
                        for s in found.suggestions]}


def question_text(view: Any, qid: str, lang: str) -> str:
    try:
        return view.question(qid).text.get(lang)
    except KeyError:
        return qid


def print_response(data: dict[str, Any], framework: Any, lang: str) -> None:
    out = sys.stdout
    scores = data["scores"]
    overall = "—" if scores["overall"] is None else format_index(scores["overall"])
    out.write(_("Indice de maturité global du prestataire : {score}").format(score=overall) + "\n")
    for axis, value in scores["articles"].items():
        label = framework.axis(axis).label.get(lang) if axis in framework.axis_ids else axis
        out.write("  " + _("{axis} : {score}").format(axis=label, score="—" if value is None else format_index(value))
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
def cmd_request_create(args: argparse.Namespace, ctx: Context) -> int:
    due = day_option(args.due, "--due")
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
    print(typeset(_("Demande de « {lab} » importée ; réponse attendue pour le {due}. Évaluation à compléter : {id}."))
          .format(lab=found.client.lab.name, due=found.request.due, id=found.assessment.id), file=sys.stderr)
    return 0


def cmd_response_import(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.operations.requests import PasswordNeeded, unprotected_warning

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
        print("vigie: " + typeset(_("ATTENTION : réponse signée avec une autre clé que les précédentes de « {name} », "
                                   "acceptée à votre demande ; la nouvelle empreinte {fp} est désormais retenue.")).format(
            name=found.processor.name, fp=found.received.fingerprint), file=sys.stderr)
    elif found.pinned_now:
        print("vigie: " + typeset(_("Première réponse signée de « {name} » : l’empreinte de sa clé, {fp}, est retenue ; "
                                   "une réponse signée avec une autre clé sera signalée.")).format(
            name=found.processor.name, fp=found.received.fingerprint), file=sys.stderr)
    if found.unprotected:
        print("vigie: " + unprotected_warning(found.processor.name), file=sys.stderr)
    if args.json:
        print_json(data)
        return 0
    print(typeset(_("Réponse de « {vendor} » à la demande {id}, signée par {signer} : importée.")).format(
        vendor=data["vendor"], id=data["request_id"], signer=data["signer"]))
    print_response(data, questionnaire.framework, ctx.lang)
    return 0
