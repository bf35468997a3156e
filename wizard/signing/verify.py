"""Verification of every signature of a PDF, offline, against the user's trust list.

For each signature: who signed and when, whether the signed bytes are intact, how much of
the file it covers and what changed after it, and how far its certificate is trusted. The
attached assessment is checked against the digest recorded with it.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from wizard.i18n import _
from wizard.report.embedded import check_embedded
from wizard.signing.trust import trusted_roots

# pyHanko logs a full traceback for every untrusted chain (the normal case offline, with a
# self-signed identity); the verdict is reported through SignatureCheck instead.
logging.getLogger("pyhanko.sign.validation.generic_cms").setLevel(logging.ERROR)


class VerifyError(Exception):
    """The file cannot be examined at all (missing, not a PDF); plain French message."""


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
    changes_after: str  # "none" | "signatures" | "forms" | "annotations" | "other" | "unknown"
    changes_allowed: bool  # the later changes are signatures or form filling only
    trust: str  # "trusted" | "self-signed" | "unknown-issuer"
    certified: bool
    fingerprint: str  # SHA-256 of the signer's certificate
    assessment: str  # attached assessment: "match" | "mismatch" | "absent"
    problem: str = ""  # plain French when something is wrong

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["signing_time"] = self.signing_time.isoformat() if self.signing_time else None
        return data


_CHANGES = {
    ModificationLevel.NONE: "none",
    ModificationLevel.LTA_UPDATES: "signatures",
    ModificationLevel.FORM_FILLING: "forms",
    ModificationLevel.ANNOTATIONS: "annotations",
    ModificationLevel.OTHER: "other",
}
_KEY_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"},
                                 match_all_key_usages=False)


def _trust(status: Any) -> str:
    if status.trusted:
        return "trusted"
    cert = status.signing_cert
    return "self-signed" if cert.self_signed in ("yes", "maybe") else "unknown-issuer"


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


def verify_pdf(path: Path | str, *, data_dir: Path | str | None = None) -> list[SignatureCheck]:
    """Check every signature of the PDF at path (empty list: the PDF is not signed).

    Raises VerifyError when the file is missing or is not a readable PDF.
    """
    data = _open(path)
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
        embedded = check_embedded(reader)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise VerifyError(_("{file} : PDF illisible ({error}).").format(file=path, error=exc)) from None
    assessment = "absent" if embedded is None else ("match" if embedded.matches else "mismatch")
    roots = trusted_roots(data_dir)
    results = []
    for sig in signatures:
        results.append(_check_one(sig, roots, assessment))
    return results


def _check_one(sig: Any, roots: list[Any], assessment: str) -> SignatureCheck:
    field = sig.field_name
    try:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(sig, context, key_usage_settings=_KEY_USAGE)
    except Exception as exc:  # a damaged signature must be reported, not crash the verification
        return SignatureCheck(field, "", "", None, False, False, "partial", "unknown", False,
                              "unknown-issuer", False, "", assessment,
                              _("signature illisible ou endommagée ({error})").format(error=exc))
    cert = status.signing_cert
    subject = cert.subject.native
    level = status.modification_level
    changes = _CHANGES.get(level, "unknown") if level is not None else "unknown"
    allowed = changes in ("none", "signatures", "forms")
    intact = bool(status.intact and status.valid)
    coverage = _coverage(status.coverage)
    problem = ""
    if not intact:
        problem = _("le document a été modifié après cette signature : elle n'est plus valable")
    elif not allowed:
        problem = _("des modifications autres que des signatures ont été faites après cette signature")
    return SignatureCheck(
        field=field, signer=subject.get("common_name", cert.subject.human_friendly),
        organisation=subject.get("organization_name", ""),
        signing_time=status.signer_reported_dt, intact=intact,
        covers_whole_document=coverage == "whole", coverage=coverage, changes_after=changes,
        changes_allowed=allowed, trust=_trust(status), certified=sig.docmdp_level is not None,
        fingerprint=cert.sha256.hex(), assessment=assessment, problem=problem)


def document_ok(checks: list[SignatureCheck]) -> bool:
    """True when there is at least one signature, all are intact, only signatures or form
    filling came after each, and the last one covers the whole file."""
    return bool(checks) and all(c.intact and c.changes_allowed for c in checks) and \
        checks[-1].covers_whole_document
