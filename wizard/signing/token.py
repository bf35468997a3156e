"""PKCS#11 tokens (a CPS card through its middleware, a USB key, SoftHSM in tests).

The token is chosen by module path, token label and key label; errors from the module are
turned into plain French messages, and the session is always closed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pyhanko.sign.signers import Signer

from wizard.i18n import _
from wizard.signing.identities import IdentitySpec, SigningError


@contextmanager
def pkcs11_signer(spec: IdentitySpec) -> Iterator[Signer]:
    import pkcs11.exceptions as p11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    module = Path(spec.path) if spec.path else None
    if module is None or not module.is_file():
        raise SigningError(_("Module PKCS#11 introuvable : {module}. Vérifiez que le logiciel de la "
                             "carte (middleware) est installé.").format(module=module or "—"))
    if not spec.token_label or not spec.key_label:
        raise SigningError(_("Indiquez le nom du support (token) et celui de la clé à utiliser."))
    try:
        session = open_pkcs11_session(str(module), token_criteria=TokenCriteria(label=spec.token_label),
                                      user_pin=spec.secret)
    except (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange):
        raise SigningError(_("Code PIN incorrect pour le support « {token} ».")
                           .format(token=spec.token_label)) from None
    except p11.PinLocked:
        raise SigningError(_("Le support « {token} » est bloqué : trop de codes PIN erronés.")
                           .format(token=spec.token_label)) from None
    except (p11.NoSuchToken, p11.TokenNotPresent):
        raise SigningError(_("Aucun support nommé « {token} » n'est présent (carte insérée ?).")
                           .format(token=spec.token_label)) from None
    except (OSError, RuntimeError, p11.PKCS11Error) as exc:
        raise SigningError(_("Le module PKCS#11 {module} n'a pas pu être utilisé : {error}")
                           .format(module=module.name, error=str(exc) or type(exc).__name__)) from None
    except Exception as exc:  # pyHanko wraps some module failures in its own error types
        raise SigningError(_("Le support « {token} » n'a pas pu être ouvert : {error}")
                           .format(token=spec.token_label, error=exc)) from None
    try:
        signer = PKCS11Signer(session, cert_label=spec.cert_label or spec.key_label,
                              key_label=spec.key_label)
        yield signer
    finally:
        try:
            session.close()
        except Exception:  # noqa: BLE001, S110 — closing a session that failed must not hide the cause
            pass


@dataclass(frozen=True)
class TokenCertificate:
    """A certificate found on a token: what the user picks instead of typing labels."""

    token_label: str
    label: str
    subject: str


def list_token_certificates(module: Path) -> list[TokenCertificate]:
    """Certificates on every token the module sees; no PIN needed (certificates are public).

    Raises SigningError when the module cannot be loaded.
    """
    import pkcs11
    import pkcs11.exceptions
    from asn1crypto import x509 as asn1_x509

    if not Path(module).is_file():
        raise SigningError(_("Module PKCS#11 introuvable : {module}. Vérifiez que le logiciel de la "
                             "carte (middleware) est installé.").format(module=module))
    try:
        lib = pkcs11.lib(str(module))
        found = []
        for slot in lib.get_slots(token_present=True):
            try:
                token = slot.get_token()
            except (pkcs11.exceptions.TokenNotRecognised, pkcs11.exceptions.TokenNotPresent):
                continue  # an empty or blank slot (SoftHSM always offers one)
            if not token.flags & pkcs11.TokenFlag.TOKEN_INITIALIZED:
                continue
            with token.open() as session:
                for obj in session.get_objects({pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE}):
                    cert = asn1_x509.Certificate.load(obj[pkcs11.Attribute.VALUE])
                    found.append(TokenCertificate(token.label.strip(), str(obj[pkcs11.Attribute.LABEL]),
                                                  cert.subject.human_friendly))
        return found
    except (OSError, RuntimeError, pkcs11.PKCS11Error) as exc:
        raise SigningError(_("Le module PKCS#11 {module} n'a pas pu être utilisé : {error}")
                           .format(module=Path(module).name, error=str(exc) or type(exc).__name__)) from None
