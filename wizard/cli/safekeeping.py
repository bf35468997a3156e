"""Commands that keep the data safe: backups, restore, undelete, passphrase.

They open the data folder's workspace like every other command (common.opened_workspace);
bad input exits with code 2 and changes nothing.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from wizard.cli.common import (
    PASSPHRASE_ENV,
    CliError,
    Context,
    opened_workspace,
    print_json,
    secret,
    user_errors,
)
from wizard.cli.output import one_line
from wizard.i18n import _, ngettext
from wizard.typography import french

NEW_PASSPHRASE_ENV = "VIGIE_STORE_NEW_PASSPHRASE"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backups", help=_("les sauvegardes d'une évaluation"))
    p.add_argument("id")
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))
    p.set_defaults(handler=cmd_backups)

    p = sub.add_parser("restore", help=_("revenir à une sauvegarde (la version actuelle reste sauvegardée)"))
    p.add_argument("id")
    p.add_argument("backup", help=_("nom de la sauvegarde (voir « vigie backups ID »)"))
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("undelete", help=_("rétablir une évaluation supprimée depuis sa sauvegarde la plus récente "
                                          "(voir « vigie list --deleted »)"))
    p.add_argument("id")
    p.set_defaults(handler=cmd_undelete)

    p = sub.add_parser("passphrase", help=_("chiffrer le dossier de données ou changer sa phrase de passe"))
    p.add_argument("action", choices=("set", "change"))
    p.set_defaults(handler=cmd_passphrase)


def cmd_backups(args: argparse.Namespace, ctx: Context) -> int:
    rows = []
    with opened_workspace(ctx) as workspace:
        for info in workspace.backups(args.id):
            answered = workspace.answers_in_backup(args.id, info.name)
            rows.append({"name": info.name, "created": info.created.astimezone().isoformat(timespec="seconds"),
                         "reason": info.reason, "size": info.size, "answered": answered})
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(_("aucune sauvegarde"), file=sys.stderr)
    for r in rows:
        count = "?" if r["answered"] is None else r["answered"]
        print(f"{one_line(r['name'])}  {r['created']}  {one_line(r['reason']):<9}  {count:>3}")
    return 0


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        restored = workspace.restore(args.id, args.backup)
    count = len(restored.answers)
    print("vigie: " + french(ngettext("{id} : sauvegarde {backup} restaurée ({count} réponse)",
                                      "{id} : sauvegarde {backup} restaurée ({count} réponses)", count)).format(
        id=restored.id, backup=args.backup, count=count), file=sys.stderr)
    return 0


def cmd_undelete(args: argparse.Namespace, ctx: Context) -> int:
    with opened_workspace(ctx) as workspace:
        back = workspace.undelete(args.id)
    count = len(back.answers)
    print("vigie: " + french(ngettext("{id} : évaluation de « {org} » rétablie ({count} réponse)",
                                      "{id} : évaluation de « {org} » rétablie ({count} réponses)", count)).format(
        id=back.id, org=one_line(back.organisation.name), count=count), file=sys.stderr)
    return 0


def _new_passphrase(*, also_env: str | None = None) -> str:
    """VIGIE_STORE_NEW_PASSPHRASE (or also_env), else asked twice on the terminal."""
    for name in (NEW_PASSPHRASE_ENV, also_env):
        if name and os.environ.get(name) is not None:
            return os.environ[name]
    first = secret(NEW_PASSPHRASE_ENV, _("Nouvelle phrase de passe"))
    if getpass.getpass(_("Confirmez la phrase de passe") + " : ") != first:
        raise CliError(french(_("les deux saisies diffèrent ; rien n’a été modifié")))
    return first


def cmd_passphrase(args: argparse.Namespace, ctx: Context) -> int:
    """set: encrypt a plain folder; change: re-encrypt with a new passphrase (the old one first)."""
    from wizard.operations.errors import StorageError
    from wizard.operations.workspace import Workspace

    with user_errors(StorageError):
        encrypted = Workspace.is_encrypted(ctx.data_dir)
    if args.action == "set" and encrypted:
        raise CliError(french(_("ce dossier est déjà chiffré : utilisez « vigie passphrase change »")))
    if args.action == "change" and not encrypted:
        raise CliError(french(_("ce dossier n’est pas chiffré : utilisez « vigie passphrase set »")))
    with opened_workspace(ctx) as workspace:
        if workspace.read_only:  # said before the new passphrase is asked for
            raise CliError(workspace.read_only_reason)
        new = _new_passphrase(also_env=None if encrypted else PASSPHRASE_ENV)
        if len(new) < 8:
            raise CliError(french(_("phrase de passe trop courte (8 caractères au moins) ; rien n’a été modifié")))
        workspace.change_passphrase(new)
    print("vigie: " + _("dossier chiffré avec la nouvelle phrase de passe"), file=sys.stderr)
    return 0
