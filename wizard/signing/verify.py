"""Verification of every signature of a PDF, offline, against the user's trust list.

For each signature: who signed and when, whether the signed bytes are intact, how much of
the file it covers and what changed after it (pyHanko's difference analysis, made strict,
plus the frames rule of frames.py), and how far its certificate is trusted (chain.py). For
the document: whether a signature covers the attached assessment (attachment.py), and one
verdict — "valid" (intact, the last covers the file, every signer trusted), "untrusted"
(intact, but a signer is not trusted), "invalid" or "unsigned".
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from wizard.i18n import _
from wizard.report.embedded import DamagedAttachments
from wizard.signing.attachment import AttachmentStatus, attachment_status
from wizard.signing.chain import TRUSTED, trust_verdict
from wizard.signing.frames import STRICT_DIFF_POLICY, field_states, late_appearances
from wizard.signing.trust import trusted_roots

# pyHanko logs a full traceback for an untrusted chain (the normal case offline, with a
# self-signed identity) and for every revision its difference analysis refuses (a tampered
# file): the verdicts are reported through SignatureCheck, never as tracebacks on stderr.
for _name in ("pyhanko.sign.validation", "pyhanko.sign.diff_analysis", "pyhanko_certvalidator", "pyhanko.pdf_utils"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


class VerifyError(Exception):
    """The file cannot be examined at all (missing, not a PDF, damaged); plain French message."""


@dataclass(frozen=True)
class SignatureCheck:
    """The verdict on one signature, in signing order."""

    field: str
    signer: str
    organisation: str
    signing_time: datetime | None
    intact: bool  # the signed bytes are unchanged and the signature value is correct
    covers_whole_document: bool
    coverage: str  # "whole" | "revision" (later updates exist) | "partial"
    changes_after: str  # "none" | "signatures" | "forms" | "annotations" | "appearance" | "other" | "unknown"
    changes_allowed: bool  # only signatures came after, in the report's frames or invisible
    trust: str  # "trusted" | "expired" | "not-yet-valid" | "weak" | "self-signed" | "unknown-issuer" | "invalid-chain"
    trust_detail: str  # the reason in plain words
    weaknesses: tuple[str, ...]  # "sha1-signature" | "sha1-certificate" | "key-usage"
    certified: bool
    fingerprint: str  # SHA-256 of the signer's certificate
    appearance_ok: bool = True  # False: this signature is drawn outside the report's frames
    problem: str = ""  # plain French when something is wrong

    @property
    def acceptable(self) -> bool:
        """Intact, and nothing but signatures in the frames came after it."""
        return self.intact and self.changes_allowed and self.appearance_ok

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["signing_time"] = self.signing_time.isoformat() if self.signing_time else None
        data["weaknesses"] = list(self.weaknesses)
        return data


@dataclass(frozen=True)
class Verification:
    """Every signature of one file, the attached assessment, and the verdict on the whole."""

    file: str
    signatures: tuple[SignatureCheck, ...]
    attachment: AttachmentStatus
    others: dict[str, AttachmentStatus] = field(default_factory=dict)  # the attachments asked for by name

    @property
    def verdict(self) -> str:
        return verdict(self.signatures)

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "verdict": self.verdict, "ok": self.verdict == "valid",
                "signatures": [c.as_dict() for c in self.signatures], "attachment": self.attachment.as_dict()}


_CHANGES = {
    ModificationLevel.NONE: "none",
    ModificationLevel.LTA_UPDATES: "signatures",
    ModificationLevel.FORM_FILLING: "forms",
    ModificationLevel.ANNOTATIONS: "annotations",
    ModificationLevel.OTHER: "other",
}
_KEY_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"},
                                 match_all_key_usages=False)


def _coverage(level: SignatureCoverageLevel | None) -> str:
    if level == SignatureCoverageLevel.ENTIRE_FILE:
        return "whole"
    if level == SignatureCoverageLevel.ENTIRE_REVISION:
        return "revision"
    return "partial"


def _open(path: Path | str) -> bytes:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise VerifyError(_("{file} : fichier introuvable.").format(file=path)) from None
    except OSError as exc:
        raise VerifyError(_("{file} : lecture impossible ({error}).").format(file=path, error=exc.strerror)) from None
    if not data.startswith(b"%PDF-"):
        raise VerifyError(_("{file} : ce n'est pas un fichier PDF.").format(file=path))
    return data


def verify_document(path: Path | str, *, data_dir: Path | str | None = None, password: str | None = None,
                    also: tuple[str, ...] = ()) -> Verification:
    """Check every signature of the PDF at path, and what covers its attached assessment (and the
    attachments named in also, in Verification.others).

    password opens a PDF protected by one (PasswordRequired when it is missing, WrongPassword when
    it does not open it). Raises VerifyError when the file is missing, is not a readable PDF, is
    encrypted and no password is given, or its list of attachments is damaged.
    """
    data = _open(path)
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        if reader.encrypted:
            _decrypt(reader, password, path)
        signatures = reader.embedded_signatures
        roots = trusted_roots(data_dir)
        checks = _with_frames(reader, signatures, [_check_one(sig, roots) for sig in signatures])
        attachment = attachment_status(reader, signatures, checks)
        others = {name: attachment_status(reader, signatures, checks, name=name) for name in also}
    except VerifyError:
        raise
    except DamagedAttachments as exc:
        raise VerifyError(_("{file} : {error}.").format(file=path, error=exc)) from None
    except Exception as exc:  # a damaged file makes the parser raise about anything
        raise VerifyError(_("{file} : PDF illisible ({error}).").format(
            file=path, error=str(exc) or type(exc).__name__)) from None
    return Verification(str(path), tuple(checks), attachment, others)


class PasswordRequired(VerifyError):
    """The PDF is protected by a password and none was given."""


class WrongPassword(VerifyError):
    """The password given does not open the PDF."""


class AlteredPdf(VerifyError):
    """A PDF protected by a password whose integrity code (PDF MAC) no longer matches: changed since."""


def _decrypt(reader: PdfFileReader, password: str | None, path: Path | str) -> None:
    from pyhanko.pdf_utils.crypt import AuthStatus

    if password is None:
        raise PasswordRequired(_("{file} : ce PDF est chiffré (protégé par un mot de passe) ; indiquez son mot de "
                                 "passe pour le vérifier.").format(file=path))
    try:
        result = reader.decrypt(password)
    except Exception:  # a damaged encryption dictionary
        result = None
    # pyHanko 0.26 and later check the integrity code (ISO 32004 PDF MAC) of the files it encrypts.
    if result is not None and getattr(getattr(result, "mac_status", None), "name", "") == "FAILED":
        raise AlteredPdf(_("{file} : le document a été modifié depuis son chiffrement (son code d'intégrité ne "
                           "correspond plus).").format(file=path))
    if result is None or result.status == AuthStatus.FAILED:
        raise WrongPassword(_("{file} : le mot de passe ne permet pas d'ouvrir ce PDF.").format(file=path))


def verify_pdf(path: Path | str, *, data_dir: Path | str | None = None) -> list[SignatureCheck]:
    """The signatures of verify_document, in signing order (empty: the PDF is not signed)."""
    return list(verify_document(path, data_dir=data_dir).signatures)


def _damaged(field: str, error: Exception) -> SignatureCheck:
    return SignatureCheck(field, "", "", None, False, False, "partial", "unknown", False, "unknown-issuer",
                          "", (), False, "", problem=_("signature illisible ou endommagée ({error})").format(
                              error=str(error) or type(error).__name__))


def _check_one(sig: Any, roots: list[Any]) -> SignatureCheck:
    field = str(sig.field_name)
    try:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(sig, context, diff_policy=STRICT_DIFF_POLICY, key_usage_settings=_KEY_USAGE)
        trust = trust_verdict(status.signing_cert, list(sig.other_embedded_certs), roots,
                              digest_algorithm=status.md_algorithm, validated=bool(status.trusted))
    except Exception as exc:  # a damaged signature must be reported, not crash the verification
        return _damaged(field, exc)
    cert = status.signing_cert
    subject = cert.subject.native
    level = status.modification_level
    changes = _CHANGES.get(level, "unknown") if level is not None else "unknown"
    allowed = changes in ("none", "signatures", "forms")
    intact = bool(status.intact and status.valid)
    problem = ""
    if not intact:
        problem = _("le document a été modifié après cette signature : elle n'est plus valable")
    elif not allowed:
        problem = _("des modifications autres que des signatures ont été faites après cette signature")
    coverage = _coverage(status.coverage)
    return SignatureCheck(
        field=field, signer=subject.get("common_name", cert.subject.human_friendly),
        organisation=subject.get("organization_name", ""), signing_time=status.signer_reported_dt,
        intact=intact, covers_whole_document=coverage == "whole", coverage=coverage, changes_after=changes,
        changes_allowed=allowed, trust=trust.state, trust_detail=trust.detail, weaknesses=trust.weaknesses,
        certified=sig.docmdp_level is not None, fingerprint=cert.sha256.hex(), problem=problem)


def _with_frames(reader: PdfFileReader, signatures: list[Any], checks: list[SignatureCheck]) -> list[SignatureCheck]:
    """checks, where a visible signature appeared after a signature outside the frames: that
    signature is changed after in a way not allowed, the one drawn outside is not acceptable."""
    if not signatures:
        return checks
    now = field_states(reader)
    late = late_appearances(field_states(reader.get_historical_resolver(signatures[0].signed_revision)), now)
    if not late:
        return checks
    names = ", ".join(a.field for a in late)
    result = []
    for sig, check in zip(signatures, checks, strict=True):
        then = field_states(reader.get_historical_resolver(sig.signed_revision))
        if any(a.field == check.field for a in late):
            check = replace(check, appearance_ok=False, problem=_(
                "son apparence est dessinée hors des cadres de signature du document : elle peut masquer le "
                "contenu signé"))
        elif any(then.get(a.field) != now[a.field] for a in late):
            check = replace(check, changes_after="appearance", changes_allowed=False, problem=_(
                "une signature visible a été ajoutée ensuite hors des cadres prévus ({fields}) : elle peut "
                "masquer le contenu signé").format(fields=names))
        result.append(check)
    return result


def integrity_ok(checks: list[SignatureCheck] | tuple[SignatureCheck, ...]) -> bool:
    """At least one signature, all intact, only signatures in the frames after each, and the
    last one covers the whole file (trust aside)."""
    return bool(checks) and all(c.acceptable for c in checks) and checks[-1].covers_whole_document


def verdict(checks: list[SignatureCheck] | tuple[SignatureCheck, ...]) -> str:
    """"unsigned", "invalid" (integrity_ok fails), "untrusted" (a signer is not trusted) or "valid"."""
    if not checks:
        return "unsigned"
    if not integrity_ok(checks):
        return "invalid"
    return "valid" if all(c.trust == TRUSTED for c in checks) else "untrusted"


def document_ok(checks: list[SignatureCheck] | tuple[SignatureCheck, ...]) -> bool:
    """The document is valid: intact, the last signature covers it, and every signer is trusted."""
    return verdict(checks) == "valid"
