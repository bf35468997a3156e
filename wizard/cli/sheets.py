"""Commands for the plan where people work: spreadsheets, calendars and paper.

vigie export-plan ID [--format xlsx|csv|ics] -o FILE
vigie export-answers ID [--format xlsx|csv] -o FILE
vigie import-plan ID FILE.xlsx|FILE.csv [--dry-run] [--skip-invalid] [--by NAME]
vigie plan-history ID [--json]
vigie questionnaire-pdf [--profile PROFILE] [--lang fr|en] [--prefill ID] -o FILE.pdf

The format comes from --format, else from the file's extension. An edited plan with problems
(a row matching no action, an unknown status, an unreadable date) is listed row by row on
stderr and exits with code 2, nothing applied; --skip-invalid applies the other rows. A
workbook exported from another assessment exits with code 2, nothing applied.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard import i18n
from wizard.cli.common import CliError, Context, opened_workspace, print_json, user_errors
from wizard.cli.output import one_line
from wizard.i18n import _, ngettext
from wizard.typography import french


def register(sub: argparse._SubParsersAction) -> None:
    from wizard.operations.spreadsheets import ANSWER_FORMATS, PLAN_FORMATS

    p = sub.add_parser("export-plan", help=_("le plan d'action en tableur (XLSX, CSV) ou en calendrier (.ics)"))
    p.add_argument("id")
    p.add_argument("--format", choices=PLAN_FORMATS, help=_("format (par défaut : l'extension du fichier)"))
    p.add_argument("-o", "--output", type=Path, required=True, metavar=_("FICHIER"), help=_("fichier à écrire"))
    p.set_defaults(handler=cmd_export_plan)

    p = sub.add_parser("export-answers", help=_("les réponses en tableur (XLSX ou CSV)"))
    p.add_argument("id")
    p.add_argument("--format", choices=ANSWER_FORMATS, help=_("format (par défaut : l'extension du fichier)"))
    p.add_argument("-o", "--output", type=Path, required=True, metavar=_("FICHIER"), help=_("fichier à écrire"))
    p.set_defaults(handler=cmd_export_answers)

    p = sub.add_parser("import-plan", help=_("reprendre le plan d'action modifié dans un tableur (statut, "
                                             "responsable, échéance, notes)"))
    p.add_argument("id")
    p.add_argument("file", type=Path, help=_("le tableur modifié (.xlsx ou .csv)"))
    p.add_argument("--dry-run", action="store_true", help=_("montrer ce qui changerait, sans rien enregistrer"))
    p.add_argument("--skip-invalid", action="store_true",
                   help=_("laisser de côté les lignes en erreur et appliquer les autres"))
    p.add_argument("--by", default="", help=_("qui importe (par défaut : l'évaluateur)"))
    p.set_defaults(handler=cmd_import_plan)

    p = sub.add_parser("plan-history", help=_("l'historique des modifications du plan d'action"))
    p.add_argument("id")
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))
    p.set_defaults(handler=cmd_plan_history)

    p = sub.add_parser("questionnaire-pdf", help=_("le questionnaire à imprimer (vierge, ou prérempli avec une "
                                                   "évaluation en cours)"))
    p.add_argument("--profile", default="", help=_("profil (par défaut : le premier du référentiel)"))
    p.add_argument("--lang", dest="content_lang", choices=tuple(i18n.LANGUAGES),
                   help=_("langue du questionnaire (par défaut : celle de l'interface)"))
    p.add_argument("--prefill", metavar="ID", help=_("préremplir avec les réponses de cette évaluation"))
    p.add_argument("-o", "--output", type=Path, required=True, metavar=_("PDF"), help=_("PDF à écrire"))
    p.set_defaults(handler=cmd_questionnaire_pdf)


def _questionnaire(ctx: Context):  # noqa: ANN202 - the content module owns the error handling
    from wizard.cli.questionnaire import questionnaire

    return questionnaire(ctx)


def _exported(args: argparse.Namespace, ctx: Context, export) -> int:  # noqa: ANN001 - an operation
    _questionnaire(ctx)  # a broken questionnaire is said before the folder is opened
    with opened_workspace(ctx) as workspace:
        export(workspace.evaluation(args.id), args.output, fmt=args.format, lang=ctx.lang)
    print(args.output)
    return 0


def cmd_export_plan(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.operations.spreadsheets import export_plan

    return _exported(args, ctx, export_plan)


def cmd_export_answers(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.operations.spreadsheets import export_answers

    return _exported(args, ctx, export_answers)


def cmd_import_plan(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.operations.session import SessionError
    from wizard.operations.spreadsheets import PlanSheetRefused, apply_plan_sheet, read_plan_sheet

    _questionnaire(ctx)
    with opened_workspace(ctx) as workspace:
        session = workspace.open_session(args.id, read_only=args.dry_run)
        try:
            if session.read_only and not args.dry_run:
                raise CliError(session.read_only_reason)
            with user_errors(SessionError):
                found = read_plan_sheet(session, args.file)
            whole_file = any(p.whole_file for p in found.problems)
            if whole_file:  # no row can be trusted: the file's problems alone, each said once
                *first, last = (p for p in found.problems if p.whole_file)
                for problem in first:
                    print(f"vigie: {_file_problem(args.file, problem)}", file=sys.stderr)
                raise CliError(_file_problem(args.file, last))
            for problem in found.problems:
                print(f"vigie: {_file_problem(args.file, problem)}", file=sys.stderr)
            if found.problems and not args.skip_invalid:
                raise CliError(french(ngettext(
                    "{file} : {count} problème ; rien n’a été importé (corrigez la ligne, ou relancez avec "
                    "--skip-invalid pour la laisser de côté).",
                    "{file} : {count} problèmes ; rien n’a été importé (corrigez les lignes, ou relancez avec "
                    "--skip-invalid pour les laisser de côté).", len(found.problems))).format(
                    file=args.file, count=len(found.problems)))
            for line in found.lines(session.evaluation(), ctx.lang):
                print(line)
            count = len(found.preview)
            if args.dry_run:
                print("vigie: " + french(ngettext("{count} modification ; rien n’a été enregistré (--dry-run).",
                                                  "{count} modifications ; rien n’a été enregistré (--dry-run).",
                                                  count)).format(count=count), file=sys.stderr)
                return 0
            with user_errors(PlanSheetRefused, SessionError):
                changed = apply_plan_sheet(session, found, by=args.by.strip(), skip_invalid=args.skip_invalid)
        finally:
            session.close()
    print("vigie: " + french(ngettext(
        "{count} modification enregistrée (historique : vigie plan-history {id}).",
        "{count} modifications enregistrées (historique : vigie plan-history {id}).", len(changed))).format(
        count=len(changed), id=args.id), file=sys.stderr)
    return 0


def _file_problem(path: Path, problem: object) -> str:
    """« plan.xlsx : ligne 3, colonne … »."""
    return french(_("{file} : {problem}")).format(file=path.name, problem=problem)


def cmd_plan_history(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.core.model import Text
    from wizard.core.plan_changes import FieldChange, change_text, operation_text

    with opened_workspace(ctx) as workspace:
        entries = workspace.plan_history(args.id)
        evaluation = workspace.evaluation(args.id)
    if args.json:
        print_json([{"at": e.at, "by": e.by, "operation": e.operation, "source": e.source,
                     "changes": list(e.changes)} for e in entries])
        return 0
    if not entries:
        print("vigie: " + french(_("aucune modification du plan n’est enregistrée pour l’évaluation {id} "
                                   "(l’historique garde les imports de tableur et les fusions)")).format(id=args.id),
              file=sys.stderr)
        return 0
    titles = {a.id: a.title for a in evaluation.plan}
    framework = evaluation.framework
    for e in entries:
        print(f"{one_line(e.at)}  {one_line(e.by) or '—'}  {one_line(operation_text(e.operation, e.source, ctx.lang))}")
        for c in e.changes:
            change = FieldChange(c["action"], titles.get(c["action"], Text(c["action"])), c["field"], c["old"], c["new"])
            print("    " + one_line(change_text(change, framework, ctx.lang)))
    return 0


def cmd_questionnaire_pdf(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.cli.questionnaire import profile_view
    from wizard.operations.paper import export_questionnaire

    lang = args.content_lang or ctx.lang
    full = _questionnaire(ctx)
    if not args.prefill:
        profile_view(ctx, args.profile)  # a profile the content has, or exit 2 naming them
        from wizard.operations.errors import OperationError

        with user_errors(OperationError):
            export_questionnaire(full, args.output, profile=args.profile, lang=lang)
        print(args.output)
        return 0
    with opened_workspace(ctx) as workspace:
        evaluation = workspace.evaluation(args.prefill)
        if args.profile and args.profile != evaluation.assessment.profile:
            raise CliError(french(_("--profile {profile} : l’évaluation {id} porte sur le profil « {other} »")).format(
                profile=args.profile, id=args.prefill, other=evaluation.assessment.profile))
        export_questionnaire(full, args.output, lang=lang, prefill=evaluation)
    print(args.output)
    return 0
