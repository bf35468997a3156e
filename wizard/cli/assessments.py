"""Commands on stored assessments: new, list, show, answer, history, export, import
(backups, restore and passphrase: safekeeping.py).

Every command opens the data folder's store (asking for the passphrase of an encrypted
folder: VIGIE_STORE_PASSPHRASE or a prompt). Bad input exits with code 2 and changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wizard.cli.common import CliError, Context, opened_workspace, print_json
from wizard.cli.output import one_line
from wizard.core import limits
from wizard.core.answers_file import assessment_to_dict
from wizard.core.model import ANSWER_VALUES, Organisation
from wizard.i18n import _
from wizard.typography import french


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help=_("créer une évaluation (affiche son identifiant)"))
    p.add_argument("--profile", required=True, help=_("profil du référentiel (lab, vendor…)"))
    p.add_argument("--org", required=True, help=_("nom de l'organisme évalué"))
    p.add_argument("--assessor", default="", help=_("nom de l'évaluateur"))
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("list", help=_("les évaluations enregistrées"))
    p.add_argument("--deleted", action="store_true",
                   help=_("les évaluations supprimées que leurs sauvegardes peuvent rétablir (vigie undelete ID)"))
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help=_("une évaluation (format du fichier de réponses, plus ses métadonnées)"))
    p.add_argument("id")
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("answer", help=_("enregistrer une réponse"))
    p.add_argument("id")
    p.add_argument("question_id")
    p.add_argument("value", help=" | ".join(ANSWER_VALUES))
    p.add_argument("--note")
    p.add_argument("--justification")
    p.add_argument("--by", default="", help=_("qui a répondu (participant ; par défaut l'évaluateur)"))
    p.set_defaults(handler=cmd_answer)

    p = sub.add_parser("history", help=_("l'historique des réponses à une question"))
    p.add_argument("id")
    p.add_argument("question_id")
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser("export", help=_("exporter une évaluation dans un fichier .vigie"))
    p.add_argument("id")
    p.add_argument("-o", "--output", type=Path, required=True, help=_("fichier .vigie à écrire"))
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", help=_("importer un fichier .vigie (ou le PDF d'un plan d'action Vigie)"))
    p.add_argument("file", type=Path)
    p.add_argument("--replace", action="store_true",
                   help=_("remplacer l'évaluation de même identifiant (sinon : une nouvelle copie)"))
    p.add_argument("--accept-unsigned", action="store_true",
                   help=_("importer aussi le PDF d'un plan qui ne porte aucune signature (rien ne garantit alors "
                          "son contenu)"))
    p.set_defaults(handler=cmd_import)


# -- shared ----------------------------------------------------------------------------------
def _questionnaire(ctx: Context):  # noqa: ANN202 - the content module owns the error handling
    from wizard.cli.questionnaire import questionnaire

    return questionnaire(ctx)


# -- commands --------------------------------------------------------------------------------
def _bounded(*options: tuple[str, str | None, int]) -> None:
    """Text options within the limits of wizard.core.limits, checked before anything is opened."""
    from wizard.core import checks

    for option, value, limit in options:
        if value is not None:
            try:
                checks.text(value, option, limit)
            except checks.FieldError as exc:
                raise CliError(french(_("{error} ; rien n’a été enregistré.")).format(error=exc)) from None


def cmd_new(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.cli.questionnaire import profile_view

    _bounded(("--org", args.org, limits.ORGANISATION_NAME), ("--assessor", args.assessor, limits.NAME))
    profile_view(ctx, args.profile)  # a profile the content has, or exit 2
    with opened_workspace(ctx) as workspace:
        a = workspace.create(args.profile, Organisation(args.org.strip()), assessor=args.assessor.strip())
    if args.json:
        print_json({"id": a.id, "profile": a.profile, "organisation": a.organisation.name,
                    "date": a.date.isoformat()})
    else:
        print(a.id)
    return 0


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    if args.deleted:
        return _list_deleted(args, ctx)
    with opened_workspace(ctx) as workspace:
        summaries = workspace.summaries()
        for aid, problem in workspace.problems:
            print(f"vigie: {aid}: {problem}", file=sys.stderr)
    if args.json:
        print_json([{"id": s.id, "organisation": s.organisation, "profile": s.profile,
                     "date": s.date.isoformat(), "answered": s.answered, "modified": s.modified}
                    for s in summaries])
        return 0
    for s in summaries:
        print(f"{one_line(s.id)}  {s.date.isoformat()}  {one_line(s.profile):<6}  {s.answered:>3}  "
              f"{one_line(s.organisation)}")
    return 0


def _list_deleted(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        deleted = workspace.deleted()
    if args.json:
        print_json([{"id": d.id, "organisation": d.organisation, "profile": d.profile,
                     "date": None if d.date is None else d.date.isoformat(), "answered": d.answered,
                     "last_version": d.last_version.astimezone().isoformat(timespec="seconds"),
                     "backup": d.backup or None} for d in deleted])
        return 0
    if not deleted:
        print(_("aucune évaluation supprimée"), file=sys.stderr)
    for d in deleted:
        last = d.last_version.astimezone().isoformat(timespec="seconds")
        if d.organisation is None:
            print(f"{one_line(d.id)}  {last}  " + _("(aucune sauvegarde lisible)"))
            continue
        print(f"{one_line(d.id)}  {last}  {d.date.isoformat() if d.date else '':10}  {one_line(d.profile or ''):<6}  "
              f"{d.answered or 0:>3}  {one_line(d.organisation)}")
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        a = workspace.load(args.id)
        summary = workspace.summary(a.id)
        holder = workspace.holder(a.id)
        backups = workspace.backups(a.id)
    data: dict[str, Any] = assessment_to_dict(a)
    data["meta"] = {
        "modified": summary.modified, "position": a.position,
        "answered": len(a.answers), "backups": len(backups),
        "locked_by": None if holder is None else vars(holder),
    }
    if args.json:
        print_json(data)
        return 0
    print(f"{one_line(a.organisation.name)} — {one_line(a.profile)} — {a.date.isoformat()} — {one_line(a.id)}")
    for qid, answer in a.answers.items():
        print(f"  {one_line(qid)}: {one_line(answer.value)}" + (f"  ({one_line(answer.note)})" if answer.note else ""))
    return 0


def cmd_answer(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.operations.session import SessionError

    _bounded(("--note", args.note, limits.TEXT), ("--justification", args.justification, limits.TEXT),
             ("--by", args.by, limits.NAME))
    _questionnaire(ctx)  # a broken questionnaire is said before the folder is opened
    with opened_workspace(ctx) as workspace:
        session = workspace.open_session(args.id)
        try:
            if session.read_only:
                raise CliError(session.read_only_reason)
            session.answer(args.question_id, args.value, note=args.note,
                           justification=args.justification, by=args.by.strip())
        except SessionError as exc:
            raise CliError(french(_("{id} : {error} ; rien n’a été enregistré.")).format(
                id=args.id, error=exc)) from None
        finally:
            session.close()
    return 0


def cmd_history(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        a = workspace.load(args.id)
        entries = workspace.history(args.id, args.question_id)
    known = {q.id for q in _questionnaire(ctx).for_profile(a.profile).questions}
    if not entries and args.question_id not in known:  # a retired question keeps its history
        raise CliError(french(_("{id} : question inconnue « {question} »")).format(
            id=args.id, question=args.question_id))
    if args.json:  # a merge decision adds what was kept and what was set aside
        print_json([{"at": e.at, "by": e.by, "old": e.old, "new": e.new, **({"merge": e.merge} if e.merge else {})}
                    for e in entries])
        return 0
    for e in entries:
        decided = "" if not e.merge else "  " + french(_("(fusion avec {file})")).format(file=one_line(e.merge["copy"]))
        print(f"{one_line(e.at)}  {one_line(e.by) or '—'}  {one_line(e.old_value or '—')} → "
              f"{one_line(e.new_value or '—')}{decided}")
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.operations.workspace import EXCHANGE_SUFFIX

    out: Path = args.output
    if out.suffix != EXCHANGE_SUFFIX:
        raise CliError(french(_("{file} : le fichier d’échange doit finir par {suffix}")).format(
            file=out, suffix=EXCHANGE_SUFFIX))
    with opened_workspace(ctx) as workspace:
        workspace.export_exchange(args.id, out)
    print(out)
    return 0


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.operations.errors import StorageError
    from wizard.operations.plan_import import PlanImportError, UnsignedPlan

    path: Path = args.file
    _questionnaire(ctx)  # a broken questionnaire is said before the folder is opened
    with opened_workspace(ctx) as workspace:
        try:
            imported = workspace.import_file(path, replace=args.replace, accept_unsigned=args.accept_unsigned)
        except UnsignedPlan as exc:
            raise CliError(french(_("{error} Pour l’importer quand même, relancez la commande avec "
                                    "--accept-unsigned.")).format(error=exc)) from None
        except PlanImportError as exc:
            raise CliError(str(exc)) from None
        except StorageError as exc:  # a .vigie file refused: say which
            raise CliError(f"{path}: {exc}") from None
    if path.suffix.lower() == ".pdf":
        print("vigie: " + french(_vouched_by(imported.signature)), file=sys.stderr)
    messages = {
        "new": _("importée : {id}"),
        "copy": _("une évaluation de même identifiant existe déjà : importée comme nouvelle copie {id} "
                  "(--replace pour la remplacer)"),
        "replaced": _("évaluation {id} remplacée (l’ancienne version reste dans ses sauvegardes)"),
    }
    stored = imported.assessment
    print(stored.id)
    print("vigie: " + french(messages[imported.mode]).format(id=stored.id), file=sys.stderr)
    return 0


def _vouched_by(check) -> str:  # noqa: ANN001 - a SignatureCheck, or None for an unsigned plan accepted
    """What vouches for an imported plan's copy of the assessment."""
    if check is None:
        return _("attention : plan non signé, importé à votre demande (--accept-unsigned) ; rien ne garantit "
                 "son contenu")
    if check.trust == "trusted":
        return _("copie de l’évaluation couverte par la signature de {who} (certificat de confiance)").format(
            who=one_line(check.signer))
    return _("attention : la copie est couverte par la signature de {who}, mais ce signataire n’est pas "
             "reconnu : {reason}").format(who=one_line(check.signer), reason=check.trust_detail)
