"""Signing identities and the trust list, as the screens and commands use them.

The personal identity (made and kept by Vigie), a .p12 file or a PKCS#11 token (a CPS card)
sign; the trust list names whose signatures `verify` calls trusted. The work is done by
wizard.signing; this is its door for the UI and the command line.
"""

from __future__ import annotations

from pathlib import Path

from wizard.atomic_files import WriteFailed, write_document
from wizard.signing.identities import (
    IdentitySpec,
    PersonalIdentity,
    SigningError,
    create_personal_identity,
    export_personal_identity,
    personal_identity,
    restore_personal_identity,
)
from wizard.signing.sign import SignatureRequest
from wizard.signing.token import TokenCertificate, list_token_certificates
from wizard.signing.trust import TrustedCertificate, add_trusted, list_trusted, remove_trusted

__all__ = [
    "IdentitySpec", "PersonalIdentity", "SignatureRequest", "SigningError", "TokenCertificate", "TrustedCertificate",
    "add_trusted", "create_personal_identity", "export_certificate", "export_personal_identity",
    "list_token_certificates", "list_trusted", "personal_identity", "remove_trusted", "restore_personal_identity",
]


def export_certificate(identity: PersonalIdentity, out_path: Path) -> Path:
    """The personal identity's certificate (PEM), to give to those who will verify its signatures."""
    try:
        write_document(Path(out_path), identity.certificate_path.read_bytes())
    except (WriteFailed, OSError) as exc:
        raise SigningError(str(exc)) from None
    return Path(out_path)
