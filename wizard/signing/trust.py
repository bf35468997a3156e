"""The user's trust list: certificates whose signatures `verify` reports as trusted.

One PEM file per certificate in <user data>/trust/, named by its SHA-256 fingerprint. Nothing
is trusted by default: Vigie works offline and fetches no authority list; a lab adds the
certificates of the people and authorities it knows (its own personal identity, the
consultant's, the CPS authority certificates).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509

from wizard import paths
from wizard.i18n import _
from wizard.signing.identities import SigningError, write_file


@dataclass(frozen=True)
class TrustedCertificate:
    subject: str
    fingerprint: str
    path: Path


def trust_dir(data_dir: Path | str | None = None) -> Path:
    return paths.user_data_dir(data_dir) / "trust"


def load_certificate(data: bytes, where: str) -> asn1_x509.Certificate:
    try:
        if pem.detect(data):
            _type, _headers, data = pem.unarmor(data)
        cert = asn1_x509.Certificate.load(data)
        cert.native  # noqa: B018 — forces a full parse, so garbage fails here
        return cert
    except (ValueError, TypeError, OSError):
        raise SigningError(_("{file} n'est pas un certificat X.509 (PEM ou DER).").format(file=where)) from None


def _describe(cert: asn1_x509.Certificate, path: Path) -> TrustedCertificate:
    return TrustedCertificate(cert.subject.human_friendly, cert.sha256.hex(), path)


def list_trusted(data_dir: Path | str | None = None) -> list[TrustedCertificate]:
    folder = trust_dir(data_dir)
    found = []
    for path in sorted(folder.glob("*.pem")) if folder.is_dir() else ():
        try:
            found.append(_describe(load_certificate(path.read_bytes(), str(path)), path))
        except (SigningError, OSError):
            continue  # a damaged entry trusts nothing
    return found


def trusted_roots(data_dir: Path | str | None = None) -> list[asn1_x509.Certificate]:
    return [load_certificate(t.path.read_bytes(), str(t.path)) for t in list_trusted(data_dir)]


def add_trusted(cert_file: Path, data_dir: Path | str | None = None) -> TrustedCertificate:
    """Trust the certificate in cert_file (PEM or DER)."""
    try:
        data = Path(cert_file).read_bytes()
    except OSError as exc:
        raise SigningError(_("Impossible de lire {file} : {error}").format(
            file=cert_file, error=exc.strerror or exc)) from None
    cert = load_certificate(data, str(cert_file))
    target = trust_dir(data_dir) / f"{cert.sha256.hex()}.pem"
    write_file(target, pem.armor("CERTIFICATE", cert.dump()), private=False)
    return _describe(cert, target)


def remove_trusted(fingerprint: str, data_dir: Path | str | None = None) -> TrustedCertificate:
    """Stop trusting the certificate whose fingerprint starts with the given hexadecimal digits."""
    prefix = fingerprint.lower().replace(":", "")
    matches = [t for t in list_trusted(data_dir) if prefix and t.fingerprint.startswith(prefix)]
    if len(matches) != 1:
        raise SigningError(_("Aucun certificat de confiance ne correspond à « {fp} ».").format(fp=fingerprint)
                           if not matches else
                           _("Plusieurs certificats correspondent à « {fp} » ; donnez plus de chiffres.")
                           .format(fp=fingerprint))
    try:
        matches[0].path.unlink()
    except OSError as exc:  # a read-only data folder
        raise SigningError(_("Impossible de retirer {file} : {error}").format(
            file=matches[0].path, error=exc.strerror or exc)) from None
    return matches[0]
