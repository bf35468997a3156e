"""vigie verify FILE.pdf [--json]: every signature, the attached assessment, one verdict.

Exit 0: every signature intact, the last covers the whole file, every signer trusted;
3: all that, but at least one signer is not trusted (the reason is named); 1: a signature
is broken, something other than a signature in its frame came after one, or the file is
not signed; 2: unusable input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.dates import format_datetime

from wizard.cli.common import Context, print_json, user_errors
from wizard.cli.output import one_line
from wizard.i18n import N_, _, babel_locale
from wizard.operations.plans import SignatureCheck, Verification, VerifyError, verify_plan

EXIT_CODES = {"valid": 0, "untrusted": 3, "invalid": 1, "unsigned": 1}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("verify", help=_("vérifier les signatures d'un PDF (0 : valable et de confiance, "
                                        "3 : intact mais signataire non reconnu, 1 : non valable)"))
    p.add_argument("pdf", type=Path)
    p.add_argument("--json", action="store_true", help=_("sortie JSON"))
    p.set_defaults(handler=cmd_verify)


TRUST = {
    "trusted": N_("de confiance"),
    "expired": N_("NON : certificat expiré"),
    "not-yet-valid": N_("NON : certificat pas encore valable"),
    "weak": N_("NON : signature faible"),
    "self-signed": N_("NON : certificat auto-signé, absent de votre liste de confiance"),
    "unknown-issuer": N_("NON : émetteur inconnu (absent de votre liste de confiance)"),
    "invalid-chain": N_("NON : chaîne de certificats refusée"),
}
_COVERAGE = {"whole": N_("tout le document"), "revision": N_("le document tel qu'il était à cette signature"),
             "partial": N_("une partie seulement du document")}
_CHANGES = {"none": N_("aucune"), "signatures": N_("signatures"), "forms": N_("signatures ou champs de formulaire"),
            "annotations": N_("annotations"), "appearance": N_("une signature visible hors des cadres prévus"),
            "other": N_("modifications du contenu"), "unknown": N_("indéterminées")}
_DIGEST = {"match": N_("présente, conforme à son empreinte"), "mismatch": N_("MODIFIÉE (empreinte différente)")}


def _print_check(index: int, total: int, c: SignatureCheck, lang: str) -> None:
    out = sys.stdout
    out.write(_("Signature {i} sur {n} (champ {field})").format(i=index, n=total, field=c.field) + "\n")
    who = one_line(f"{c.signer} ({c.organisation})" if c.organisation else c.signer or "")
    out.write("  " + _("Signataire : {who}").format(who=who or "—") + "\n")
    when = format_datetime(c.signing_time, "d MMMM y, HH:mm:ss ZZZZ", locale=babel_locale(lang)) \
        if c.signing_time else "—"
    out.write("  " + _("Date : {when}").format(when=when) + "\n")
    out.write("  " + _("Intégrité : {state}").format(state=_("intacte") if c.intact else _("MODIFIÉE")) + "\n")
    out.write("  " + _("Couvre : {what}").format(what=_(_COVERAGE[c.coverage])) + "\n")
    if c.coverage != "whole":
        out.write("  " + _("Ajouts après elle : {what}").format(what=_(_CHANGES[c.changes_after])) + "\n")
    trust = _(TRUST.get(c.trust, c.trust))
    out.write("  " + _("Confiance : {trust}").format(trust=f"{trust} — {c.trust_detail}" if c.trust_detail else trust)
              + "\n")
    if c.certified:
        out.write("  " + _("Signature de certification") + "\n")
    if c.problem:
        out.write("  " + _("Problème : {problem}").format(problem=one_line(c.problem)) + "\n")


def attachment_line(result: Verification) -> str:
    att = result.attachment
    if att.state == "absent":
        return _("Copie de l'évaluation jointe : absente")
    digest = _(_DIGEST[att.state])
    if att.covered:
        number = next(i for i, c in enumerate(result.signatures, start=1) if c.field == att.covered_by)
        cover = _("couverte par la signature {i} (champ {field})").format(i=number, field=att.covered_by)
    elif not result.signatures:
        cover = _("couverte par aucune signature : le document n'est pas signé")
    elif att.signed_as_is:
        cover = _("couverte par AUCUNE signature valable : signée telle quelle, mais le document a été modifié "
                  "après la signature")
    else:
        cover = _("couverte par AUCUNE signature valable : elle a été ajoutée ou remplacée après la signature, "
                  "ou la signature n'est plus valable")
    return _("Copie de l'évaluation jointe : {digest} ; {cover}").format(digest=digest, cover=cover)


def verdict_line(result: Verification) -> str:
    checks, verdict = result.signatures, result.verdict
    if verdict == "valid":
        return _("Verdict : VALABLE — toutes les signatures sont intactes, de confiance, et la dernière couvre "
                 "tout le document.")
    if verdict == "untrusted":
        who = ", ".join(f"{one_line(c.signer)} ({_(TRUST.get(c.trust, c.trust))})" for c in checks
                        if c.trust != "trusted")
        return _("Verdict : NON RECONNU — le document est intact, mais rien ne garantit l'identité de : {who}. "
                 "Vérifiez l'empreinte du certificat auprès du signataire, puis « vigie trust add ».").format(who=who)
    bad = [c.field for c in checks if not c.acceptable]
    if bad:
        return _("Verdict : NON VALABLE — signature(s) non valable(s) : {fields}.").format(fields=", ".join(bad))
    return _("Verdict : NON VALABLE — le document a été modifié après la dernière signature.")


def cmd_verify(args: argparse.Namespace, ctx: Context) -> int:
    with user_errors(VerifyError):
        result = verify_plan(args.pdf, data_dir=ctx.data_dir)
    code = EXIT_CODES[result.verdict]
    if args.json:
        print_json(result.as_dict())
        return code
    if not result.signatures:
        print(_("{file} : aucune signature.").format(file=args.pdf))
        if result.attachment.state != "absent":
            print(attachment_line(result))
        return code
    for i, c in enumerate(result.signatures, start=1):
        _print_check(i, len(result.signatures), c, ctx.lang)
    print(attachment_line(result))
    print(verdict_line(result))
    return code
