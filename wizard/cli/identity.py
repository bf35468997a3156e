"""Commands on the signing identity and the trust list.

vigie identity create|show|export|restore|tokens
vigie trust list|add|remove

Secrets come from VIGIE_IDENTITY_PASSPHRASE and VIGIE_P12_PASSWORD, or are asked on the terminal.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.cli.common import CliError, Context, secret, user_errors
from wizard.cli.output import one_line
from wizard.i18n import _
from wizard.operations import identities
from wizard.operations.identities import SigningError

P12_ENV, PASSPHRASE_ENV = "VIGIE_P12_PASSWORD", "VIGIE_IDENTITY_PASSPHRASE"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("identity", help=_("l'identité personnelle de signature"))
    isub = p.add_subparsers(dest="identity_command", metavar=_("ACTION"), required=True)
    q = isub.add_parser("create", help=_("créer l'identité (mot de passe : VIGIE_IDENTITY_PASSPHRASE)"))
    q.add_argument("--name", required=True, help=_("nom et prénom"))
    q.add_argument("--organisation", default="", help=_("organisation"))
    q.add_argument("--email", default="")
    q.add_argument("--replace", action="store_true", help=_("remplacer l'identité existante"))
    q.set_defaults(handler=cmd_identity_create)
    q = isub.add_parser("show", help=_("afficher l'identité"))
    q.set_defaults(handler=cmd_identity_show)
    q = isub.add_parser("export", help=_("sauvegarder l'identité en .p12 (mot de passe : VIGIE_P12_PASSWORD)"))
    q.add_argument("output", type=Path)
    q.add_argument("--certificate-only", action="store_true", help=_("exporter seulement le certificat (PEM)"))
    q.set_defaults(handler=cmd_identity_export)
    q = isub.add_parser("restore", help=_("reprendre une identité sauvegardée (.p12)"))
    q.add_argument("p12", type=Path)
    q.add_argument("--replace", action="store_true")
    q.set_defaults(handler=cmd_identity_restore)
    q = isub.add_parser("tokens", help=_("certificats présents sur les supports d'un module PKCS#11"))
    q.add_argument("module", type=Path, help=_("module PKCS#11 (bibliothèque du logiciel de la carte)"))
    q.set_defaults(handler=cmd_identity_tokens)

    p = sub.add_parser("trust", help=_("certificats de confiance pour la vérification"))
    tsub = p.add_subparsers(dest="trust_command", metavar=_("ACTION"), required=True)
    q = tsub.add_parser("list", help=_("lister les certificats de confiance"))
    q.set_defaults(handler=cmd_trust_list)
    q = tsub.add_parser("add", help=_("faire confiance à un certificat (PEM ou DER)"))
    q.add_argument("certificate", type=Path)
    q.set_defaults(handler=cmd_trust_add)
    q = tsub.add_parser("remove", help=_("retirer un certificat (début de son empreinte)"))
    q.add_argument("fingerprint")
    q.set_defaults(handler=cmd_trust_remove)


def new_passphrase() -> str:
    """The passphrase of an identity being created: asked twice on a terminal (a typo would lock
    the key away for good), taken as is from VIGIE_IDENTITY_PASSPHRASE."""
    import os

    first = secret(PASSPHRASE_ENV, _("Mot de passe de la nouvelle identité (8 caractères au moins)"))
    if PASSPHRASE_ENV not in os.environ:
        import getpass

        if getpass.getpass(_("Répétez le mot de passe : ")) != first:
            raise CliError(_("les deux phrases de passe diffèrent ; rien n'a été créé"))
    return first


def cmd_identity_create(args: argparse.Namespace, ctx: Context) -> int:
    passphrase = new_passphrase()
    with user_errors(SigningError):
        made = identities.create_personal_identity(args.name, args.organisation, passphrase, email=args.email,
                                                   data_dir=ctx.data_dir, replace=args.replace)
    print(_("Identité créée : {name} — empreinte SHA-256 {fp}").format(name=made.name, fp=made.fingerprint))
    return 0


def cmd_identity_show(args: argparse.Namespace, ctx: Context) -> int:
    found = identities.personal_identity(ctx.data_dir)
    if found is None:
        raise CliError(_("aucune identité personnelle ; créez-la avec « vigie identity create »"))
    print(_("Nom : {v}").format(v=one_line(found.name)))
    print(_("Organisation : {v}").format(v=one_line(found.organisation) or "—"))
    print(_("Valable jusqu'au : {v}").format(v=found.not_after.date().isoformat()))
    print(_("Empreinte SHA-256 : {v}").format(v=found.fingerprint))
    return 0


def cmd_identity_export(args: argparse.Namespace, ctx: Context) -> int:
    found = identities.personal_identity(ctx.data_dir)
    if found is None:
        raise CliError(_("aucune identité personnelle à exporter"))
    with user_errors(SigningError):
        if args.certificate_only:
            identities.export_certificate(found, args.output)
        else:
            passphrase = secret(PASSPHRASE_ENV, _("Mot de passe de l'identité personnelle"))
            password = secret(P12_ENV, _("Mot de passe du fichier .p12 à créer"))
            identities.export_personal_identity(args.output, passphrase, password, data_dir=ctx.data_dir)
    print(args.output)
    return 0


def cmd_identity_restore(args: argparse.Namespace, ctx: Context) -> int:
    password = secret(P12_ENV, _("Mot de passe du fichier .p12"))
    passphrase = new_passphrase()
    with user_errors(SigningError):
        made = identities.restore_personal_identity(args.p12, password, passphrase, data_dir=ctx.data_dir,
                                                    replace=args.replace)
    print(_("Identité reprise : {name} — empreinte SHA-256 {fp}").format(name=made.name, fp=made.fingerprint))
    return 0


def cmd_identity_tokens(args: argparse.Namespace, ctx: Context) -> int:
    with user_errors(SigningError):
        found = identities.list_token_certificates(args.module)
    if not found:
        print(_("Aucun certificat trouvé (carte insérée ?)."))
    for cert in found:
        print(f"--pkcs11-token {cert.token_label!r} --pkcs11-key {cert.label!r}  # {one_line(cert.subject)}")
    return 0


def cmd_trust_list(args: argparse.Namespace, ctx: Context) -> int:
    for t in identities.list_trusted(ctx.data_dir):
        print(f"{t.fingerprint}  {one_line(t.subject)}")
    return 0


def cmd_trust_add(args: argparse.Namespace, ctx: Context) -> int:
    with user_errors(SigningError):
        added = identities.add_trusted(args.certificate, ctx.data_dir)
    print(_("Certificat de confiance ajouté : {subject} ({fp})").format(subject=one_line(added.subject), fp=added.fingerprint))
    return 0


def cmd_trust_remove(args: argparse.Namespace, ctx: Context) -> int:
    with user_errors(SigningError):
        removed = identities.remove_trusted(args.fingerprint, ctx.data_dir)
    print(_("Certificat retiré : {subject}").format(subject=one_line(removed.subject)))
    return 0
