"""Contract reviews and the document « Points à compléter au contrat », from the command line.

vigie contract elements [--json]
vigie contract review PROCESSOR|--template [--set ID=STATUS]… [--where ID=TEXT]… [--page ID=TEXT]…
                      [--note ID=TEXT]… [--from FILE.json|FILE.yaml] [--document TEXT] [--reviewer NAME]
                      [--hosting yes|no] [--date AAAA-MM-JJ] [--json]
vigie contract show PROCESSOR|--template [--json]
vigie contract apply PROCESSOR ASSESSMENT | --template ASSESSMENT [--by NAME] [--dry-run] [--json]
vigie contract amendment PROCESSOR|--template | --assessment ID [PROCESSOR] -o FILE.pdf|FILE.docx
                         [--lang fr|en] [--no-sign] [identity options]

STATUS is present, partial, absent or unknown. A file given with --from has the review's JSON form
({"document": …, "elements": {"28-3-a": {"status": "present", "article": "art. 4", "page": "2"}}});
the flags apply after it. A wrong element, status or file exits with code 2 and changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wizard import i18n
from wizard.cli.common import CliError, Context, opened_workspace, print_json
from wizard.cli.output import one_line
from wizard.cli.signed_plans import identity_options, signing_identity, warn
from wizard.core.contract_review import STATUS_LABELS, STATUSES, review_to_dict
from wizard.i18n import _
from wizard.typography import typeset


def _target(p: argparse.ArgumentParser) -> None:
    p.add_argument("processor", nargs="?", help=_("identifiant ou nom du prestataire (côté laboratoire)"))
    p.add_argument("--template", action="store_true", help=_("votre propre modèle de contrat (côté prestataire)"))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("contract", help=_("revoir un contrat de sous-traitance et produire les points à compléter"))
    actions = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    a = actions.add_parser("elements", help=_("les éléments qu’un contrat doit contenir"))
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_elements)
    a = actions.add_parser("review", help=_("noter ce que le contrat contient, élément par élément"))
    _target(a)
    a.add_argument("--set", action="append", default=[], metavar=_("ID=ÉTAT"),
                   help=_("état d’un élément : {states}").format(states=", ".join(STATUSES)))
    a.add_argument("--where", action="append", default=[], metavar=_("ID=TEXTE"),
                   help=_("où le contrat le dit (article, clause)"))
    a.add_argument("--page", action="append", default=[], metavar=_("ID=TEXTE"), help=_("page du contrat"))
    a.add_argument("--note", action="append", default=[], metavar=_("ID=TEXTE"), help=_("note sur un élément"))
    a.add_argument("--from", dest="source", type=Path, metavar=_("FICHIER"),
                   help=_("revue au format JSON ou YAML (appliquée avant les options)"))
    a.add_argument("--document", help=_("le document relu (titre, référence, version)"))
    a.add_argument("--reviewer", metavar=_("NOM"), help=_("qui a relu le contrat"))
    a.add_argument("--hosting", choices=("yes", "no"),
                   help=_("le prestataire héberge des données de santé (clauses de l’article R. 1111-11)"))
    a.add_argument("--date", metavar=_("DATE"), help=_("date de la revue (AAAA-MM-JJ ; par défaut : aujourd’hui)"))
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_review)
    a = actions.add_parser("show", help=_("la revue d’un contrat"))
    _target(a)
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_show)
    a = actions.add_parser("apply", help=_("reporter la revue dans les questions correspondantes d’une évaluation"))
    a.add_argument("ids", nargs="+", metavar=_("PRESTATAIRE ÉVALUATION"),
                   help=_("le prestataire puis l’évaluation (avec --template : l’évaluation seule)"))
    a.add_argument("--template", action="store_true", help=_("la revue de votre propre modèle de contrat"))
    a.add_argument("--by", metavar=_("NOM"), help=_("qui donne ces réponses (par défaut : qui a relu le contrat)"))
    a.add_argument("--dry-run", action="store_true", help=_("dire ce qui changerait, sans rien enregistrer"))
    a.add_argument("--json", action="store_true", help=_("sortie JSON"))
    a.set_defaults(handler=cmd_apply)
    a = actions.add_parser("amendment", help=_("le document « Points à compléter au contrat » (.pdf ou .docx)"))
    _target(a)
    a.add_argument("--assessment", metavar=_("ID"), help=_("partir des réponses de cette évaluation plutôt que "
                                                           "d’une revue"))
    a.add_argument("-o", "--output", type=Path, required=True, metavar=_("FICHIER"), help=_("fichier .pdf ou .docx"))
    a.add_argument("--lang", dest="document_lang", choices=tuple(i18n.LANGUAGES),
                   help=_("langue du document (par défaut : celle de Vigie)"))
    a.add_argument("--no-sign", action="store_true", help=_("ne pas signer le PDF (cadre de signature vide)"))
    identity_options(a)
    a.set_defaults(handler=cmd_amendment)


def _ref(args: argparse.Namespace) -> str | None:
    """The processor named, or None for --template; exactly one of them."""
    if args.template == bool(args.processor):
        raise CliError(_("donnez un prestataire ou --template (l’un des deux)"))
    return None if args.template else args.processor


def _pairs(values: list[str], option: str) -> list[tuple[str, str]]:
    out = []
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise CliError(_("{option} {value} : ID=VALEUR attendu (par exemple 28-3-a=present)").format(
                option=option, value=value))
        out.append((key.strip(), text))
    return out


def _element_changes(args: argparse.Namespace) -> dict[str, dict[str, str]]:
    elements: dict[str, dict[str, str]] = {}
    for option, field, values in (("--set", "status", args.set), ("--where", "article", args.where),
                                  ("--page", "page", args.page), ("--note", "note", args.note)):
        for key, text in _pairs(values, option):
            if field == "status" and text not in STATUSES:
                raise CliError(_("{option} {key}={value} : état inconnu ; {states} attendu").format(
                    option=option, key=key, value=text, states=", ".join(STATUSES)))
            elements.setdefault(key, {})[field] = text
    return elements


def _summary(workspace: Any, ref: str | None) -> dict[str, Any]:
    contracts = workspace.contracts
    target = contracts.target(ref)
    review = contracts.review(ref)
    lang = i18n.current_language()
    elements = []
    for e in contracts.elements.for_contract(review.hosting):
        found = review.of(e.id)
        elements.append({"id": e.id, "title": e.title.get(lang), "reference": e.reference.get(lang),
                         "status": found.status, "article": found.article, "page": found.page, "note": found.note})
    return {"party": target.party, "stored": contracts.stored(ref) is not None,
            **{k: v for k, v in review_to_dict(review).items() if k != "elements"}, "elements": elements}


def _print_summary(data: dict[str, Any]) -> None:
    print(one_line(data["party"]) + (f" — {one_line(data['document'])}" if data["document"] else ""))
    for e in data["elements"]:
        where = ", ".join(x for x in (e["article"], e["page"] and _("p. {page}").format(page=e["page"])) if x)
        print(f"  {e['id']:<16} {_(STATUS_LABELS[e['status']]):<16} {one_line(where)}")
    counts = {s: sum(1 for e in data["elements"] if e["status"] == s) for s in STATUSES}
    print(typeset("  ".join(f"{_(STATUS_LABELS[s])} : {n}" for s, n in counts.items())), file=sys.stderr)


def cmd_elements(args: argparse.Namespace, ctx: Context) -> int:
    content = ctx.registry.default.contract_elements
    if content is None:
        raise CliError(_("le contenu de ce Vigie ne décrit pas les éléments d’un contrat de sous-traitance"))
    lang = ctx.lang
    rows = [{"id": e.id, "group": e.group, "title": e.title.get(lang), "reference": e.reference.get(lang),
             "hosting_only": content.group(e.group).hosting, "answers": list(e.answers)} for e in content.elements]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['id']:<16} {one_line(typeset(row['title']))} — {one_line(typeset(row['reference']))}")
    return 0


def cmd_review(args: argparse.Namespace, ctx: Context) -> int:
    ref = _ref(args)
    elements = _element_changes(args)
    if not elements and args.source is None and all(
            getattr(args, name) is None for name in ("document", "reviewer", "hosting", "date")):
        raise CliError(_("rien à enregistrer : donnez --set, --where, --page, --note, --from, --document, --reviewer, "
                         "--hosting ou --date (« vigie contract show » affiche la revue)"))
    with opened_workspace(ctx) as workspace:
        contracts = workspace.contracts
        changes = contracts.read_file(args.source) if args.source is not None else {}
        merged = dict(changes.get("elements", {}))
        for key, fields in elements.items():
            merged[key] = {**merged.get(key, {}), **fields}
        for name, value in (("document", args.document), ("reviewer", args.reviewer), ("reviewed", args.date),
                            ("hosting", None if args.hosting is None else args.hosting == "yes")):
            if value is not None:
                changes[name] = value
        changes["elements"] = merged
        contracts.change(ref, **changes)
        data = _summary(workspace, ref)
    print_json(data) if args.json else _print_summary(data)
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    ref = _ref(args)
    with opened_workspace(ctx) as workspace:
        data = _summary(workspace, ref)
    print_json(data) if args.json else _print_summary(data)
    return 0


def cmd_apply(args: argparse.Namespace, ctx: Context) -> int:
    want = 1 if args.template else 2
    if len(args.ids) != want:
        raise CliError(_("donnez le prestataire puis l’évaluation, ou --template puis l’évaluation"))
    ref, assessment_id = (None, args.ids[0]) if args.template else (args.ids[0], args.ids[1])
    from wizard.operations.contracts import describe_change, describe_unanswered
    from wizard.operations.session import SessionError

    with opened_workspace(ctx) as workspace:
        if assessment_id not in {s.id for s in workspace.summaries()}:
            raise CliError(_("aucune évaluation « {id} » dans ce dossier").format(id=assessment_id))
        with workspace.open_session(assessment_id, read_only=args.dry_run) as session:
            if session.read_only and not args.dry_run:
                raise CliError(session.read_only_reason)
            try:
                applied = workspace.contracts.apply(ref, session, by=args.by or "", write=not args.dry_run)
            except SessionError as exc:
                raise CliError(str(exc)) from None
    if args.json:
        print_json({"written": applied.written,
                    "changes": [{"question": c.question, "number": c.number, "before": c.before, "after": c.after,
                                 "evidence_changed": c.evidence_changed} for c in applied.changes],
                    "unanswerable": [{"question": u.question, "number": u.number, "unknown": list(u.unknown),
                                      "contradicted": u.contradicted} for u in applied.unanswerable],
                    "hidden": list(applied.hidden), "combined": list(applied.combined),
                    "unreviewed": list(applied.unreviewed)})
        return 0
    for change in applied.changes:
        print(f"{describe_change(change)} — {one_line(change.text)}")
    for item in applied.unanswerable:
        print(describe_unanswered(item))
    if applied.combined:
        print(typeset(_("avec les revues de : {names}").format(names=", ".join(applied.combined))), file=sys.stderr)
    if applied.unreviewed:
        print(typeset(_("contrats pas encore revus : {names}").format(names=", ".join(applied.unreviewed))),
              file=sys.stderr)
    if not applied.changes:
        print(typeset(_("rien à changer")), file=sys.stderr)
    elif args.dry_run:
        print(typeset(_("rien n’a été enregistré (--dry-run)")), file=sys.stderr)
    return 0


def cmd_amendment(args: argparse.Namespace, ctx: Context) -> int:
    if args.template and args.processor:
        raise CliError(_("donnez un prestataire ou --template (l’un des deux)"))
    if args.assessment is None and not args.template and not args.processor:
        raise CliError(_("donnez un prestataire, --template ou --assessment"))
    if args.output.suffix.lower() not in (".pdf", ".docx"):
        raise CliError(_("{file} : un fichier .pdf ou .docx est attendu").format(file=args.output))
    lang = args.document_lang or ctx.lang
    with opened_workspace(ctx) as workspace:
        contracts = workspace.contracts
        document = contracts.amendment(None if args.template else args.processor, assessment_id=args.assessment,
                                       lang=lang)
        pdf = args.output.suffix.lower() == ".pdf"
        identity = None if args.no_sign or not pdf else signing_identity(
            args, ctx, name=args.signer_name or "", organisation=document.author)
        out = contracts.export_amendment(document, args.output, identity, signer_name=args.signer_name or "",
                                         signer_role=args.signer_role, certify=args.certify, warn=warn)
    print(out)
    return 0
