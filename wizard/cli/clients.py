"""The processor's commands of the loop: its clients register, its responses.

vigie respond ASSESSMENT --request ID -o FILE.pdf [identity options] [--protect]
vigie clients list [--json] | show CLIENT | edit CLIENT [fields] | differ CLIENT QUESTION VALUE|same
vigie clients vendor [fields] [--security TEXT] [--transfers TEXT]
vigie clients export -o FILE.pdf|FILE.xlsx [identity options] [--no-sign]

A request imports with `vigie request import FILE` (processors.py holds the request group). The
password of a protected response comes from VIGIE_RESPONSE_PASSWORD, or a prompt (asked twice).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from wizard.cli.common import CliError, Context, opened_workspace, print_json, secret
from wizard.cli.output import one_line
from wizard.cli.requests import RESPONSE_PASSWORD_ENV
from wizard.cli.signed_plans import identity_options, signing_identity, warn
from wizard.core.client_rules import REQUEST_STATES, request_state
from wizard.core.clients import client_to_dict
from wizard.core.model import ANSWER_VALUES
from wizard.core.parties import Party
from wizard.i18n import _

_PARTY = ("name", "siret", "address", "contact", "email", "phone", "dpo", "dpo_email")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("respond", help=_("produire la réponse signée à la demande d’un client"))
    p.add_argument("assessment", help=_("identifiant de l’évaluation du prestataire"))
    p.add_argument("--request", required=True, metavar=_("ID"), help=_("identifiant de la demande"))
    p.add_argument("-o", "--output", type=Path, required=True, metavar=_("PDF"), help=_("réponse à écrire"))
    p.add_argument("--protect", action="store_true",
                   help=_("protéger la réponse par un mot de passe (VIGIE_RESPONSE_PASSWORD), même si la demande ne "
                          "l’exige pas"))
    identity_options(p)
    p.set_defaults(handler=cmd_respond)

    p = sub.add_parser("clients", help=_("le registre des clients du prestataire (registre de l’article 30.2)"))
    actions = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    a = actions.add_parser("list", help=_("les clients et leurs demandes (en attente, en retard, répondues)"))
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_list)
    a = actions.add_parser("show", help=_("un client, ses demandes et ce qui diffère pour lui"))
    a.add_argument("client", help=_("identifiant ou nom du client"))
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_show)
    a = actions.add_parser("edit", help=_("modifier la fiche d’un client"))
    a.add_argument("client", help=_("identifiant ou nom du client"))
    for name in _PARTY:
        a.add_argument("--" + name.replace("_", "-"))
    a.add_argument("--services", metavar=_("LISTE"), help=_("prestations faites pour ce client, séparées par des "
                                                              "virgules"))
    a.add_argument("--data", metavar=_("LISTE"), help=_("catégories de données, séparées par des virgules"))
    a.add_argument("--transfers", help=_("transferts propres à ce client"))
    a.add_argument("--notes")
    a.set_defaults(handler=cmd_edit)
    a = actions.add_parser("differ", help=_("ce qui diffère pour un client : sa réponse à une question"))
    a.add_argument("client", help=_("identifiant ou nom du client"))
    a.add_argument("question", help=_("identifiant de la question"))
    a.add_argument("value", help=" | ".join((*ANSWER_VALUES, "same")))
    a.add_argument("--note", default="")
    a.add_argument("--justification", default="")
    a.set_defaults(handler=cmd_differ)
    a = actions.add_parser("vendor", help=_("qui est le prestataire, ses mesures de sécurité et ses transferts"))
    for name in _PARTY:
        a.add_argument("--" + name.replace("_", "-"))
    a.add_argument("--security", help=_("description générale des mesures de sécurité (article 30.2.d)"))
    a.add_argument("--transfers", help=_("transferts hors de l’Union européenne (article 30.2.c)"))
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_vendor)
    a = actions.add_parser("export", help=_("le registre en PDF signé (.pdf) ou en tableur (.xlsx)"))
    a.add_argument("-o", "--output", type=Path, required=True, metavar=_("FICHIER"))
    a.add_argument("--no-sign", action="store_true", help=_("ne pas signer le PDF"))
    identity_options(a)
    a.set_defaults(handler=cmd_export)


def _new_password() -> str:
    import os

    first = secret(RESPONSE_PASSWORD_ENV, _("Mot de passe de la réponse (convenu avec le laboratoire)"))
    if RESPONSE_PASSWORD_ENV not in os.environ:
        import getpass

        if getpass.getpass(_("Répétez le mot de passe : ")) != first:
            raise CliError(_("les deux mots de passe diffèrent ; rien n'a été écrit"))
    return first


def cmd_respond(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        found = workspace.clients.register().request(args.request)
        if found is None:
            raise CliError(_("aucune demande « {id} » reçue : importez d’abord le fichier de demande").format(
                id=args.request))
        assessment = workspace.load(args.assessment)
        password = _new_password() if args.protect or found[1].protection == "password" else None
        identity = signing_identity(args, ctx, name=args.signer_name or assessment.assessor,
                             organisation=assessment.organisation.name)
        out = workspace.clients.respond(assessment.id, args.request, args.output, identity,
                                        signer_name=args.signer_name or "", signer_role=args.signer_role,
                                        password=password, lang=ctx.lang, warn=warn)
    print(out)
    return 0


def client_json(client: Any, today: Any) -> dict[str, Any]:
    return {**client_to_dict(client), "requests": [{**asdict(r), "state": request_state(r, today)} for r in client.requests]}


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    from datetime import date

    today = date.today()
    with opened_workspace(ctx) as workspace:
        clients = workspace.clients.clients()
        counts = workspace.clients.counts(today)
    if args.json:
        print_json({"counts": counts, "clients": [client_json(c, today) for c in clients]})
        return 0
    for c in clients:
        states = [request_state(r, today) for r in c.requests]
        shown = ", ".join(f"{_(REQUEST_STATES[s])} {states.count(s)}" for s in REQUEST_STATES if s in states)
        print(f"{c.id}  {one_line(c.lab.name)}  {one_line(c.lab.siret)}  {shown}")
    print("  ".join(f"{_(REQUEST_STATES[s])} : {n}" for s, n in counts.items()), file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    from datetime import date

    with opened_workspace(ctx) as workspace:
        client = workspace.clients.find(args.client)
    data = client_json(client, date.today())
    if args.json:
        print_json(data)
        return 0
    print(one_line(client.lab.name))
    for r in data["requests"]:
        print(f"  {r['id']}  {r['due']}  {_(REQUEST_STATES[r['state']])}")
    for qid, answer in client.differences.items():
        print(f"  [{qid}] {answer.value}")
    return 0


def _list(value: str | None) -> list[str] | None:
    return None if value is None else [x.strip() for x in value.split(",") if x.strip()]


def cmd_edit(args: argparse.Namespace, ctx: Context) -> int:
    fields: dict[str, Any] = {k: v for k, v in (("services", _list(args.services)), ("data", _list(args.data)),
                                                ("transfers", args.transfers), ("notes", args.notes)) if v is not None}
    lab = {name: getattr(args, name) for name in _PARTY if getattr(args, name) is not None}
    if lab:
        fields["lab"] = lab
    with opened_workspace(ctx) as workspace:
        changed = workspace.clients.edit(args.client, fields)
    print(changed.id)
    return 0


def cmd_differ(args: argparse.Namespace, ctx: Context) -> int:
    value = None if args.value == "same" else args.value
    with opened_workspace(ctx) as workspace:
        changed = workspace.clients.set_difference(args.client, args.question, value, note=args.note,
                                                   justification=args.justification)
    print(changed.id)
    return 0


def cmd_vendor(args: argparse.Namespace, ctx: Context) -> int:
    given = {name: getattr(args, name) for name in _PARTY if getattr(args, name) is not None}
    with opened_workspace(ctx) as workspace:
        register = workspace.clients.register()
        if given or args.security is not None or args.transfers is not None:
            workspace.clients.set_vendor(Party(**{**asdict(register.vendor), **given}), security=args.security,
                                         transfers=args.transfers)
            register = workspace.clients.register()
    data = {**asdict(register.vendor), "security": register.security, "transfers": register.transfers,
            "assessment_id": register.assessment_id}
    print_json(data) if args.json else print("\n".join(f"{k}: {one_line(str(v))}" for k, v in data.items()))
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        register = workspace.clients.register()
        pdf = args.output.suffix.lower() == ".pdf"
        identity = None if args.no_sign or not pdf else signing_identity(
            args, ctx, name=args.signer_name or register.vendor.contact, organisation=register.vendor.name)
        out = workspace.clients.export(args.output, identity, signer_name=args.signer_name or "",
                                       signer_role=args.signer_role, lang=ctx.lang, warn=warn)
    print(out)
    return 0
