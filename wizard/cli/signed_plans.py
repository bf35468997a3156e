"""Commands that make signed plans: report and sign (verify: verification.py; the
identity and the trust list: identity.py).

vigie report ANSWERS.json -o OUT.pdf [identity] [--signer-name N] [--signer-role R] [--no-sign] [--certify]
vigie sign PLAN.pdf [identity] [--field NAME] [-o OUT.pdf]

identity: --sign-p12 FILE | --pkcs11-module PATH --pkcs11-token LABEL --pkcs11-key LABEL |
default: the personal identity (created on first use). Secrets come from VIGIE_P12_PASSWORD,
VIGIE_PKCS11_PIN, VIGIE_IDENTITY_PASSPHRASE, or are asked on the terminal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.cli.common import CliError, Context, secret, user_errors
from wizard.cli.identity import P12_ENV, PASSPHRASE_ENV, new_passphrase
from wizard.cli.questionnaire import load_answers
from wizard.i18n import _
from wizard.operations import identities
from wizard.operations.identities import IdentitySpec, SigningError
from wizard.operations.plans import ExportError, SignatureRequest, export_signed_plan, sign_plan

PIN_ENV = "VIGIE_PKCS11_PIN"


def warn(message: str) -> None:
    print(f"vigie: {message}", file=sys.stderr)


def identity_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(_("identité de signature (par défaut : l'identité personnelle)"))
    g.add_argument("--sign-p12", type=Path, metavar=_("FICHIER"), help=_("fichier .p12/.pfx (mot de passe : VIGIE_P12_PASSWORD)"))
    g.add_argument("--pkcs11-module", type=Path, metavar=_("CHEMIN"), help=_("module PKCS#11 (carte CPS, clé USB…)"))
    g.add_argument("--pkcs11-token", metavar=_("NOM"), help=_("nom (label) du support"))
    g.add_argument("--pkcs11-key", metavar=_("NOM"), help=_("nom (label) de la clé ; PIN : VIGIE_PKCS11_PIN"))
    g.add_argument("--pkcs11-cert", metavar=_("NOM"), help=_("nom du certificat, s'il diffère de celui de la clé"))
    p.add_argument("--signer-name", metavar=_("NOM"),
                   help=_("nom affiché dans la signature (par défaut : celui du certificat)"))
    p.add_argument("--signer-role", metavar=_("FONCTION"), default="", help=_("fonction affichée dans la signature"))
    p.add_argument("--certify", action="store_true",
                   help=_("certifier le document (seules signatures et champs restent permis ensuite)"))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help=_("plan d'action PDF signé à partir d'un fichier de réponses"))
    p.add_argument("answers", type=Path, help=_("fichier de réponses (JSON)"))
    p.add_argument("-o", "--output", type=Path, required=True, metavar=_("PDF"), help=_("PDF à écrire"))
    p.add_argument("--no-sign", action="store_true", help=_("ne pas signer (cadres de signature vides)"))
    identity_options(p)
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("sign", help=_("signer (ou contresigner) un plan d'action PDF"))
    p.add_argument("pdf", type=Path)
    p.add_argument("--field", metavar=_("NOM"), help=_("champ de signature (par défaut : le premier cadre libre)"))
    p.add_argument("-o", "--output", type=Path, metavar=_("PDF"),
                   help=_("PDF signé à écrire (par défaut : remplace le fichier)"))
    p.add_argument("--reason", metavar=_("MOTIF"), default="", help=_("motif de la signature"))
    identity_options(p)
    p.set_defaults(handler=cmd_sign)


def signing_identity(args: argparse.Namespace, ctx: Context, *, name: str, organisation: str) -> IdentitySpec:
    """The identity the options name, with its secret; creates the personal one on first use."""
    pkcs11 = (args.pkcs11_module, args.pkcs11_token, args.pkcs11_key)
    if args.sign_p12 and any(pkcs11):
        raise CliError(_("choisissez --sign-p12 ou les options --pkcs11-*, pas les deux"))
    if args.sign_p12:
        if not args.sign_p12.is_file():
            raise CliError(_("fichier .p12 introuvable : {file}").format(file=args.sign_p12))
        return IdentitySpec("p12", path=args.sign_p12, secret=secret(P12_ENV, _("Mot de passe du fichier .p12")))
    if any(pkcs11):
        if not all(pkcs11):
            raise CliError(_("--pkcs11-module, --pkcs11-token et --pkcs11-key vont ensemble"))
        return IdentitySpec("pkcs11", path=args.pkcs11_module, token_label=args.pkcs11_token,
                            key_label=args.pkcs11_key, cert_label=args.pkcs11_cert or "",
                            secret=secret(PIN_ENV, _("Code PIN du support")))
    data_dir = ctx.data_dir
    if identities.personal_identity(data_dir) is None:
        if not name:
            raise CliError(_("aucune identité personnelle : indiquez --signer-name pour la créer"))
        passphrase = new_passphrase()
        with user_errors(SigningError):
            made = identities.create_personal_identity(name, organisation, passphrase, data_dir=data_dir)
        print(_("Identité personnelle créée pour {name} (empreinte {fp}…).").format(
            name=made.name, fp=made.fingerprint[:16]), file=sys.stderr)
    else:
        passphrase = secret(PASSPHRASE_ENV, _("Mot de passe de l'identité personnelle"))
    return IdentitySpec("personal", secret=passphrase, data_dir=data_dir)


def cmd_report(args: argparse.Namespace, ctx: Context) -> int:
    view, assessment = load_answers(args.answers, ctx)
    name = args.signer_name or assessment.assessor
    identity = None if args.no_sign else signing_identity(args, ctx, name=name,
                                                   organisation=assessment.organisation.name)
    with user_errors(ExportError):
        # The stamp names the certificate's holder unless --signer-name says otherwise: the
        # assessor of the answers file may not be the person signing.
        export_signed_plan(assessment, view, args.output, identity, signer_name=args.signer_name or "",
                           signer_role=args.signer_role, lang=ctx.lang, certify=args.certify, warn=warn)
    print(args.output)
    return 0


def cmd_sign(args: argparse.Namespace, ctx: Context) -> int:
    if not args.pdf.is_file():
        raise CliError(_("fichier introuvable : {file}").format(file=args.pdf))
    identity = signing_identity(args, ctx, name=args.signer_name or "", organisation="")
    out = args.output or args.pdf
    request = SignatureRequest(signer_name=args.signer_name or "", signer_role=args.signer_role,
                               reason=args.reason, field=args.field, certify=args.certify, lang=ctx.lang)
    with user_errors(SigningError):
        sign_plan(args.pdf, identity, request, out_path=out, warn=warn)
    print(out)
    return 0
