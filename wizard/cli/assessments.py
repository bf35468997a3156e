"""Commands on stored assessments: new, list, show, answer, history, export, import
(backups, restore and passphrase: safekeeping.py).

Every command opens the data folder's store (asking for the passphrase of an encrypted
folder: VIGIE_STORE_PASSPHRASE or a prompt). Bad input exits with code 2 and changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from wizard.cli.common import CliError, Context, print_json, secret
from wizard.cli.output import one_line
from wizard.core import limits
from wizard.core.answers_file import assessment_to_dict
from wizard.core.model import ANSWER_VALUES, Organisation
from wizard.core.typography import french
from wizard.i18n import _
from wizard.storage import StorageError, Store
from wizard.storage.atomic import atomic_write_bytes
from wizard.storage.exchange import SUFFIX as EXCHANGE_SUFFIX

PASSPHRASE_ENV = "VIGIE_STORE_PASSPHRASE"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help=_("créer une évaluation (affiche son identifiant)"))
    p.add_argument("--profile", required=True, help=_("profil du référentiel (lab, vendor…)"))
    p.add_argument("--org", required=True, help=_("nom de l'organisme évalué"))
    p.add_argument("--assessor", default="", help=_("nom de l'évaluateur"))
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("list", help=_("les évaluations enregistrées"))
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
def _error(exc: Exception) -> CliError:
    return CliError(str(exc))


@contextmanager
def opened_store(ctx: Context) -> Iterator[Store]:
    """The data folder's store; its notices (a file repaired, a lock taken over) go to stderr."""
    data_dir = ctx.data_dir
    try:
        passphrase = secret(PASSPHRASE_ENV, _("Phrase de passe du dossier")) \
            if Store.is_encrypted(data_dir) else None
        store = Store(data_dir, passphrase=passphrase)
    except StorageError as exc:
        raise _error(exc) from None
    try:
        yield store
    except StorageError as exc:
        raise _error(exc) from None
    finally:
        for notice in store.notices:
            print(f"vigie: {notice}", file=sys.stderr)
        store.close()


def _questionnaire(ctx: Context):  # noqa: ANN202 - the content module owns the error handling
    from wizard.cli.content import questionnaire

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
    from wizard.cli.content import profile_view

    _bounded(("--org", args.org, limits.ORGANISATION_NAME), ("--assessor", args.assessor, limits.NAME))
    profile_view(ctx, args.profile)  # a profile the content has, or exit 2
    with opened_store(ctx) as store:
        a = store.create(args.profile, Organisation(args.org.strip()), assessor=args.assessor.strip())
    if args.json:
        print_json({"id": a.id, "profile": a.profile, "organisation": a.organisation.name,
                    "date": a.date.isoformat()})
    else:
        print(a.id)
    return 0


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    with opened_store(ctx) as store:
        summaries = store.list()
        for aid, problem in store.problems:
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


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    with opened_store(ctx) as store:
        a = store.load(args.id)
        summary = store.summary(a.id)
        holder = store.holder(a.id)
        backups = store.list_backups(a.id)
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
    from wizard.service import Session, SessionError

    _bounded(("--note", args.note, limits.TEXT), ("--justification", args.justification, limits.TEXT),
             ("--by", args.by, limits.NAME))
    questionnaire = _questionnaire(ctx)
    with opened_store(ctx) as store:
        session = Session(store, args.id, questionnaire)
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
    with opened_store(ctx) as store:
        a = store.load(args.id)
        entries = store.history(args.id, args.question_id)
    known = {q.id for q in _questionnaire(ctx).for_profile(a.profile).questions}
    if not entries and args.question_id not in known:  # a retired question keeps its history
        raise CliError(french(_("{id} : question inconnue « {question} »")).format(
            id=args.id, question=args.question_id))
    if args.json:
        print_json([{"at": e.at, "by": e.by, "old": e.old, "new": e.new} for e in entries])
        return 0
    for e in entries:
        print(f"{one_line(e.at)}  {one_line(e.by) or '—'}  {one_line(e.old_value or '—')} → "
              f"{one_line(e.new_value or '—')}")
    return 0


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    out: Path = args.output
    if out.suffix != EXCHANGE_SUFFIX:
        raise CliError(french(_("{file} : le fichier d’échange doit finir par {suffix}")).format(
            file=out, suffix=EXCHANGE_SUFFIX))
    with opened_store(ctx) as store:
        data = store.export_exchange(args.id)
    try:
        atomic_write_bytes(out, data)
    except OSError as exc:
        raise CliError(f"{out}: {exc.strerror or exc}") from None
    print(out)
    return 0


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    path: Path = args.file
    questionnaire = _questionnaire(ctx)
    if path.suffix.lower() == ".pdf":
        assessment = _from_pdf(path, questionnaire, ctx, args.accept_unsigned)
        with opened_store(ctx) as store:
            stored, mode = store.import_assessment(assessment, [], replace=args.replace)
    else:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CliError(f"{path}: {exc.strerror or exc}") from None
        with opened_store(ctx) as store:
            try:
                stored, mode = store.import_exchange(raw, questionnaire, replace=args.replace)
            except StorageError as exc:
                raise CliError(f"{path}: {exc}") from None
    messages = {
        "new": _("importée : {id}"),
        "copy": _("une évaluation de même identifiant existe déjà : importée comme nouvelle copie {id} "
                  "(--replace pour la remplacer)"),
        "replaced": _("évaluation {id} remplacée (l’ancienne version reste dans ses sauvegardes)"),
    }
    print(stored.id)
    print("vigie: " + french(messages[mode]).format(id=stored.id), file=sys.stderr)
    return 0


def _from_pdf(path: Path, questionnaire, ctx: Context, accept_unsigned: bool):  # noqa: ANN001, ANN202
    """The assessment a signature covers in the plan at path; what vouches for it goes to stderr."""
    from wizard.plan_import import PlanImportError, UnsignedPlan, assessment_from_plan

    try:
        found = assessment_from_plan(path, questionnaire, data_dir=ctx.data_dir, accept_unsigned=accept_unsigned)
    except UnsignedPlan as exc:
        raise CliError(french(_("{error} Pour l’importer quand même, relancez la commande avec "
                                "--accept-unsigned.")).format(error=exc)) from None
    except PlanImportError as exc:
        raise CliError(str(exc)) from None
    check = found.signature
    if check is None:
        note = _("attention : plan non signé, importé à votre demande (--accept-unsigned) ; rien ne garantit "
                 "son contenu")
    elif check.trust == "trusted":
        note = _("copie de l’évaluation couverte par la signature de {who} (certificat de confiance)").format(
            who=check.signer)
    else:
        note = _("attention : la copie est couverte par la signature de {who}, mais ce signataire n’est pas "
                 "reconnu : {reason}").format(who=check.signer, reason=check.trust_detail)
    print("vigie: " + french(note), file=sys.stderr)
    return found.assessment
