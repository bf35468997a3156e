"""Signing identities: the personal one Vigie creates, a PKCS#12 file, or a PKCS#11 token.

The personal identity is a self-signed certificate carrying the person's name and
organisation; its private key is stored encrypted with the person's passphrase in
<user data>/identities/ (scrypt and AES-256-GCM, as the data folder: key_file.py) and can
be exported as a .p12 file for backup (and restored from one). Passwords, passphrases and
PINs are never stored: they travel in IdentitySpec.secret for the time of one signature.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.sign.signers import Signer, SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from wizard import paths
from wizard.i18n import _

IdentityKind = Literal["personal", "p12", "pkcs11"]
CERT_FILE = "personal-cert.pem"
MIN_PASSPHRASE = 8
VALID_YEARS = 5


class SigningError(Exception):
    """A signature could not be made; the message is plain French for the user."""


@dataclass(frozen=True)
class IdentitySpec:
    """Which identity signs.

    kind "personal": the identity in <data_dir>/identities (data_dir None: the user data folder);
      secret is its passphrase.
    kind "p12": path is the .p12/.pfx file; secret is its password.
    kind "pkcs11": path is the PKCS#11 module (e.g. the CPS middleware's library), token_label
      and key_label name the token and the key (cert_label defaults to key_label); secret is the PIN.
    """

    kind: IdentityKind
    path: Path | None = None
    token_label: str = ""
    key_label: str = ""
    cert_label: str = ""
    secret: str | None = field(default=None, repr=False, compare=False)
    data_dir: Path | None = None


@dataclass(frozen=True)
class PersonalIdentity:
    name: str
    organisation: str
    email: str
    fingerprint: str  # SHA-256 of the certificate, hexadecimal
    not_after: datetime
    certificate_path: Path


def identities_dir(data_dir: Path | str | None = None) -> Path:
    return paths.user_data_dir(data_dir) / "identities"


def write_file(path: Path, data: bytes, *, private: bool = True) -> None:
    """Write a file of the identities or the trust list crash-safely; a full disk or a
    read-only folder is a SigningError saying where and why, never an OSError."""
    from wizard.atomic_files import atomic_write_bytes, write_error_message

    try:
        atomic_write_bytes(path, data, private=private)
    except OSError as exc:
        raise SigningError(write_error_message(path, exc)) from None


def _subject_value(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _describe(cert: x509.Certificate, path: Path) -> PersonalIdentity:
    return PersonalIdentity(
        name=_subject_value(cert, NameOID.COMMON_NAME),
        organisation=_subject_value(cert, NameOID.ORGANIZATION_NAME),
        email=_subject_value(cert, NameOID.EMAIL_ADDRESS),
        fingerprint=cert.fingerprint(hashes.SHA256()).hex(),
        not_after=cert.not_valid_after_utc,
        certificate_path=path)


def personal_identity(data_dir: Path | str | None = None) -> PersonalIdentity | None:
    """The personal identity's description, or None when none was created yet."""
    from wizard.signing.key_file import has_key

    cert_path = identities_dir(data_dir) / CERT_FILE
    if not cert_path.exists() or not has_key(identities_dir(data_dir)):
        return None
    return _describe(x509.load_pem_x509_certificate(cert_path.read_bytes()), cert_path)


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise SigningError(_("Le mot de passe doit compter au moins {n} caractères.")
                           .format(n=MIN_PASSPHRASE))


def self_signed_certificate(key: rsa.RSAPrivateKey, name: str, organisation: str, email: str = "",
                            years: int = VALID_YEARS) -> x509.Certificate:
    """A signing certificate for one person: digital signature and non-repudiation."""
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    if email:
        attributes.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    subject = x509.Name(attributes)
    now = datetime.now(UTC)
    return (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                     key_encipherment=False, data_encipherment=False, key_agreement=False,
                                     key_cert_sign=False, crl_sign=False, encipher_only=False,
                                     decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256()))


def create_personal_identity(name: str, organisation: str, passphrase: str, *, email: str = "",
                             data_dir: Path | str | None = None, replace: bool = False) -> PersonalIdentity:
    """Create the personal identity (RSA 3072 key, self-signed certificate valid five years)."""
    name, organisation = name.strip(), organisation.strip()
    if not name:
        raise SigningError(_("Indiquez le nom de la personne qui signera."))
    check_passphrase(passphrase)
    if personal_identity(data_dir) is not None and not replace:
        raise SigningError(_("Une identité personnelle existe déjà ; exportez-la avant de la remplacer."))
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    cert = self_signed_certificate(key, name, organisation, email)
    _store(key, cert, passphrase, data_dir)
    return _describe(cert, identities_dir(data_dir) / CERT_FILE)


def _store(key: rsa.RSAPrivateKey, cert: x509.Certificate, passphrase: str,
           data_dir: Path | str | None) -> None:
    from wizard.signing.key_file import write_key

    folder = identities_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_key(folder, key, passphrase)
    write_file(folder / CERT_FILE, cert.public_bytes(serialization.Encoding.PEM))


def _load_personal(passphrase: str, data_dir: Path | str | None) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    if personal_identity(data_dir) is None:
        raise SigningError(_("Aucune identité personnelle n'a encore été créée."))
    from wizard.signing.key_file import load_key

    folder = identities_dir(data_dir)
    key = load_key(folder, passphrase)
    cert = x509.load_pem_x509_certificate((folder / CERT_FILE).read_bytes())
    return key, cert


def export_personal_identity(out_path: Path, passphrase: str, export_password: str, *,
                             data_dir: Path | str | None = None) -> Path:
    """Write key and certificate as a password-protected .p12 file (backup, other software)."""
    check_passphrase(export_password)
    key, cert = _load_personal(passphrase, data_dir)
    data = pkcs12.serialize_key_and_certificates(
        _subject_value(cert, NameOID.COMMON_NAME).encode("utf-8"), key, cert, None,
        serialization.BestAvailableEncryption(export_password.encode("utf-8")))
    write_file(Path(out_path), data)
    return Path(out_path)


def restore_personal_identity(p12_path: Path, p12_password: str, passphrase: str, *,
                              data_dir: Path | str | None = None, replace: bool = False) -> PersonalIdentity:
    """Make a backed-up .p12 the personal identity again, protected by a (new) passphrase."""
    check_passphrase(passphrase)
    if personal_identity(data_dir) is not None and not replace:
        raise SigningError(_("Une identité personnelle existe déjà ; elle n'est pas remplacée."))
    key, cert, _chain = _read_p12(Path(p12_path), p12_password)
    _store(key, cert, passphrase, data_dir)  # type: ignore[arg-type]
    return _describe(cert, identities_dir(data_dir) / CERT_FILE)


def _read_p12(path: Path, password: str) -> tuple[object, x509.Certificate, list[x509.Certificate]]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SigningError(_("Fichier de certificat introuvable : {file}").format(file=path)) from None
    except OSError as exc:
        raise SigningError(_("Impossible de lire {file} : {error}").format(file=path, error=exc.strerror)) from None
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, password.encode("utf-8"))
    except ValueError:
        raise SigningError(_("Mot de passe incorrect pour {file}, ou fichier .p12 endommagé.")
                           .format(file=path.name)) from None
    if key is None or cert is None:
        raise SigningError(_("{file} ne contient pas de clé privée avec son certificat.").format(file=path.name))
    return key, cert, list(chain)


class _LoadedKeySigner(SimpleSigner):
    """pyHanko's SimpleSigner re-parses the private key at every signature (twice per PDF:
    a dry run sizes the signature first), which costs ~0.1 s each for an RSA 3072 key. This
    keeps the key object already loaded for the common RSA PKCS#1 v1.5 case."""

    def __init__(self, key: object, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._loaded_key = key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        if isinstance(self._loaded_key, rsa.RSAPrivateKey) and mechanism.signature_algo == "rsassa_pkcs1v15":
            return self._loaded_key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        return super().sign_raw(data, digest_algorithm)


def _simple_signer(key: object, cert: x509.Certificate, chain: list[x509.Certificate]) -> SimpleSigner:
    der_key = key.private_bytes(serialization.Encoding.DER,  # type: ignore[attr-defined]
                                serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    signing_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    others = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in chain]
    return _LoadedKeySigner(key, signing_cert=signing_cert, signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
                            cert_registry=SimpleCertificateStore.from_certs([signing_cert, *others]))


@contextmanager
def open_signer(spec: IdentitySpec) -> Iterator[Signer]:
    """A pyHanko signer for the identity, closed (token session included) on exit."""
    secret = spec.secret if spec.secret is not None else ""
    if spec.kind == "personal":
        personal_key, cert = _load_personal(secret, spec.data_dir)
        yield _simple_signer(personal_key, cert, [])
    elif spec.kind == "p12":
        if spec.path is None:
            raise SigningError(_("Indiquez le fichier .p12 ou .pfx à utiliser."))
        p12_key, p12_cert, chain = _read_p12(Path(spec.path), secret)
        yield _simple_signer(p12_key, p12_cert, chain)
    elif spec.kind == "pkcs11":
        from wizard.signing.token import pkcs11_signer

        with pkcs11_signer(spec) as signer:
            yield signer
    else:
        raise SigningError(_("Type d'identité inconnu : {kind}").format(kind=spec.kind))


def certificate_fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()
