"""Commands on documents: report, sign, verify, and the signing identity and trust list.

vigie report ANSWERS.json -o OUT.pdf [identity] [--signer-name N] [--signer-role R] [--no-sign] [--certify]
vigie sign PLAN.pdf [identity] [--field NAME] [-o OUT.pdf]
vigie verify FILE.pdf [--json]      exit 0: all signatures intact, the last covers the whole file;
                                    1: otherwise (or unsigned); 2: unusable input
vigie identity create|show|export|restore
vigie trust list|add|remove

identity: --sign-p12 FILE | --pkcs11-module PATH --pkcs11-token LABEL --pkcs11-key LABEL |
default: the personal identity (created on first use). Secrets come from VIGIE_P12_PASSWORD,
VIGIE_PKCS11_PIN, VIGIE_IDENTITY_PASSPHRASE, or are asked on the terminal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.dates import format_datetime

from wizard.cli.common import CliError, Context, print_json, secret, user_errors
from wizard.cli.content import load_answers
from wizard.cli.output import one_line
from wizard.export import ExportError, export_signed_plan
from wizard.i18n import N_, _
from wizard.signing import identities, trust
from wizard.signing.identities import IdentitySpec, SigningError
from wizard.signing.sign import SignatureRequest, sign_pdf
from wizard.signing.verify import SignatureCheck, VerifyError, document_ok, verify_pdf

P12_ENV, PIN_ENV, PASSPHRASE_ENV = "VIGIE_P12_PASSWORD", "VIGIE_PKCS11_PIN", "VIGIE_IDENTITY_PASSPHRASE"


def _identity_options(p: argparse.ArgumentParser) -> None:
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
    _identity_options(p)
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("sign", help=_("signer (ou contresigner) un plan d'action PDF"))
    p.add_argument("pdf", type=Path)
    p.add_argument("--field", metavar=_("NOM"), help=_("champ de signature (par défaut : le premier cadre libre)"))
    p.add_argument("-o", "--output", type=Path, metavar=_("PDF"),
                   help=_("PDF signé à écrire (par défaut : remplace le fichier)"))
    p.add_argument("--reason", metavar=_("MOTIF"), default="", help=_("motif de la signature"))
    _identity_options(p)
    p.set_defaults(handler=cmd_sign)

    p = sub.add_parser("verify", help=_("vérifier les signatures d'un PDF"))
    p.add_argument("pdf", type=Path)
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser("identity", help=_("l'identité personnelle de signature"))
    isub = p.add_subparsers(dest="identity_command", metavar=_("ACTION"), required=True)
    q = isub.add_parser("create", help=_("créer l'identité (phrase de passe : VIGIE_IDENTITY_PASSPHRASE)"))
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


def _new_passphrase() -> str:
    """The passphrase of an identity being created: asked twice on a terminal (a typo would lock
    the key away for good), taken as is from VIGIE_IDENTITY_PASSPHRASE."""
    import os

    first = secret(PASSPHRASE_ENV, _("Phrase de passe de la nouvelle identité (8 caractères au moins)"))
    if PASSPHRASE_ENV not in os.environ:
        import getpass

        if getpass.getpass(_("Répétez la phrase de passe : ")) != first:
            raise CliError(_("les deux phrases de passe diffèrent ; rien n'a été créé"))
    return first


def _identity(args: argparse.Namespace, ctx: Context, *, name: str, organisation: str) -> IdentitySpec:
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
        passphrase = _new_passphrase()
        with user_errors(SigningError):
            made = identities.create_personal_identity(name, organisation, passphrase, data_dir=data_dir)
        print(_("Identité personnelle créée pour {name} (empreinte {fp}…).").format(
            name=made.name, fp=made.fingerprint[:16]), file=sys.stderr)
    else:
        passphrase = secret(PASSPHRASE_ENV, _("Phrase de passe de l'identité personnelle"))
    return IdentitySpec("personal", secret=passphrase, data_dir=data_dir)


def cmd_report(args: argparse.Namespace, ctx: Context) -> int:
    view, assessment = load_answers(args.answers)
    name = args.signer_name or assessment.assessor
    identity = None if args.no_sign else _identity(args, ctx, name=name,
                                                   organisation=assessment.organisation.name)
    with user_errors(ExportError):
        # The stamp names the certificate's holder unless --signer-name says otherwise: the
        # assessor of the answers file may not be the person signing.
        export_signed_plan(assessment, view, args.output, identity, signer_name=args.signer_name or "",
                           signer_role=args.signer_role, lang=ctx.lang, certify=args.certify)
    print(args.output)
    return 0


def cmd_sign(args: argparse.Namespace, ctx: Context) -> int:
    if not args.pdf.is_file():
        raise CliError(_("fichier introuvable : {file}").format(file=args.pdf))
    identity = _identity(args, ctx, name=args.signer_name or "", organisation="")
    out = args.output or args.pdf
    request = SignatureRequest(signer_name=args.signer_name or "", signer_role=args.signer_role,
                               reason=args.reason, field=args.field, certify=args.certify, lang=ctx.lang)
    with user_errors(SigningError):
        sign_pdf(args.pdf, identity, request, out_path=out)
    print(out)
    return 0


_TRUST = {"trusted": N_("certificat de confiance"), "self-signed": N_("certificat auto-signé, absent de la liste de confiance"),
          "unknown-issuer": N_("émetteur inconnu (absent de la liste de confiance)")}
_COVERAGE = {"whole": N_("tout le document"), "revision": N_("le document tel qu'il était à cette signature"),
             "partial": N_("une partie seulement du document")}
_CHANGES = {"none": N_("aucune"), "signatures": N_("signatures"), "forms": N_("signatures ou champs de formulaire"),
            "annotations": N_("annotations"), "other": N_("modifications du contenu"), "unknown": N_("indéterminées")}
_ASSESSMENT = {"match": N_("présente, conforme à son empreinte"), "mismatch": N_("MODIFIÉE (empreinte différente)"),
               "absent": N_("absente")}


def _print_check(index: int, total: int, c: SignatureCheck, lang: str) -> None:
    out = sys.stdout
    out.write(_("Signature {i} sur {n} (champ {field})").format(i=index, n=total, field=c.field) + "\n")
    who = one_line(f"{c.signer} ({c.organisation})" if c.organisation else c.signer or "")
    out.write("  " + _("Signataire : {who}").format(who=who or "—") + "\n")
    when = format_datetime(c.signing_time, "d MMMM y, HH:mm:ss ZZZZ", locale="fr_FR" if lang == "fr" else "en_GB") \
        if c.signing_time else "—"
    out.write("  " + _("Date : {when}").format(when=when) + "\n")
    out.write("  " + _("Intégrité : {state}").format(state=_("intacte") if c.intact else _("MODIFIÉE")) + "\n")
    out.write("  " + _("Couvre : {what}").format(what=_(_COVERAGE[c.coverage])) + "\n")
    if c.coverage != "whole":
        out.write("  " + _("Ajouts après elle : {what}").format(what=_(_CHANGES[c.changes_after])) + "\n")
    out.write("  " + _("Confiance : {trust}").format(trust=_(_TRUST[c.trust])) + "\n")
    if c.certified:
        out.write("  " + _("Signature de certification") + "\n")
    if c.problem:
        out.write("  " + _("Problème : {problem}").format(problem=one_line(c.problem)) + "\n")


def cmd_verify(args: argparse.Namespace, ctx: Context) -> int:
    with user_errors(VerifyError):
        checks = verify_pdf(args.pdf, data_dir=ctx.data_dir)
    ok = document_ok(checks)
    assessment = checks[0].assessment if checks else None
    if args.json:
        print_json({"file": str(args.pdf), "ok": ok, "signatures": [c.as_dict() for c in checks]})
        return 0 if ok else 1
    if not checks:
        print(_("{file} : aucune signature.").format(file=args.pdf))
        return 1
    for i, c in enumerate(checks, start=1):
        _print_check(i, len(checks), c, ctx.lang)
    if assessment:
        print(_("Copie de l'évaluation jointe : {state}").format(state=_(_ASSESSMENT[assessment])))
    if ok:
        print(_("Verdict : toutes les signatures sont valables et la dernière couvre tout le document."))
    else:
        bad = [c.field for c in checks if not (c.intact and c.changes_allowed)]
        if bad:
            print(_("Verdict : signature(s) non valable(s) : {fields}.").format(fields=", ".join(bad)))
        else:
            print(_("Verdict : le document a été modifié après la dernière signature."))
    return 0 if ok else 1


def cmd_identity_create(args: argparse.Namespace, ctx: Context) -> int:
    passphrase = _new_passphrase()
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
            from wizard.signing.sign import write_output

            write_output(args.output, found.certificate_path.read_bytes())
        else:
            passphrase = secret(PASSPHRASE_ENV, _("Phrase de passe de l'identité personnelle"))
            password = secret(P12_ENV, _("Mot de passe du fichier .p12 à créer"))
            identities.export_personal_identity(args.output, passphrase, password, data_dir=ctx.data_dir)
    print(args.output)
    return 0


def cmd_identity_restore(args: argparse.Namespace, ctx: Context) -> int:
    password = secret(P12_ENV, _("Mot de passe du fichier .p12"))
    passphrase = _new_passphrase()
    with user_errors(SigningError):
        made = identities.restore_personal_identity(args.p12, password, passphrase, data_dir=ctx.data_dir,
                                                    replace=args.replace)
    print(_("Identité reprise : {name} — empreinte SHA-256 {fp}").format(name=made.name, fp=made.fingerprint))
    return 0


def cmd_identity_tokens(args: argparse.Namespace, ctx: Context) -> int:
    from wizard.signing import list_token_certificates

    with user_errors(SigningError):
        found = list_token_certificates(args.module)
    if not found:
        print(_("Aucun certificat trouvé (carte insérée ?)."))
    for cert in found:
        print(f"--pkcs11-token {cert.token_label!r} --pkcs11-key {cert.label!r}  # {cert.subject}")
    return 0


def cmd_trust_list(args: argparse.Namespace, ctx: Context) -> int:
    for t in trust.list_trusted(ctx.data_dir):
        print(f"{t.fingerprint}  {one_line(t.subject)}")
    return 0


def cmd_trust_add(args: argparse.Namespace, ctx: Context) -> int:
    with user_errors(SigningError):
        added = trust.add_trusted(args.certificate, ctx.data_dir)
    print(_("Certificat de confiance ajouté : {subject} ({fp})").format(subject=added.subject, fp=added.fingerprint))
    return 0


def cmd_trust_remove(args: argparse.Namespace, ctx: Context) -> int:
    with user_errors(SigningError):
        removed = trust.remove_trusted(args.fingerprint, ctx.data_dir)
    print(_("Certificat retiré : {subject}").format(subject=removed.subject))
    return 0
