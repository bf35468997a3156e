"""PAdES signing and verification: identities (personal, .p12, PKCS#11 token), sign, verify.

No Qt here: the UI runs these functions in a worker thread.
"""

from wizard.signing.identities import (
    IdentitySpec,
    PersonalIdentity,
    SigningError,
    create_personal_identity,
    export_personal_identity,
    personal_identity,
    restore_personal_identity,
)
from wizard.signing.sign import SignatureRequest, sign_pdf
from wizard.signing.token import TokenCertificate, list_token_certificates
from wizard.signing.trust import add_trusted, list_trusted, remove_trusted
from wizard.signing.verify import (
    SignatureCheck,
    Verification,
    VerifyError,
    document_ok,
    integrity_ok,
    verify_document,
    verify_pdf,
)

__all__ = [
    "IdentitySpec", "PersonalIdentity", "SignatureCheck", "SignatureRequest", "SigningError", "TokenCertificate",
    "Verification", "VerifyError", "list_token_certificates",
    "add_trusted", "create_personal_identity", "document_ok", "export_personal_identity", "integrity_ok",
    "list_trusted", "personal_identity", "remove_trusted", "restore_personal_identity", "sign_pdf",
    "verify_document", "verify_pdf",
]
