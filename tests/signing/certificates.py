"""Signers' certificates with one flaw each, made on the fly: expired, not yet valid, signed with
SHA-1, without the signing key usage; self-signed or issued by a test authority (make_ca)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from tests.signing.helpers import write_p12, write_pem

Key = rsa.RSAPrivateKey
_KEY: list[Key] = []


def key() -> Key:
    """One RSA 2048 key for every test certificate of the session (generating one takes time)."""
    if not _KEY:
        _KEY.append(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    return _KEY[0]


def _name(cn: str, org: str = "Tests") -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)])


def certificate(cn: str, *, issuer: tuple[Key, x509.Certificate] | None = None, valid_from: int = -1,
                valid_until: int = 30, signing_usage: bool = True, org: str = "Tests",
                own_key: Key | None = None) -> x509.Certificate:
    """A signer's certificate for own_key (default: key()), self-signed unless issuer
    (helpers.make_ca()) is given; validity in days from now."""
    subject_key = own_key or key()
    now = datetime.now(UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(cn, org))
               .issuer_name(issuer[1].subject if issuer else _name(cn, org))
               .public_key(subject_key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now + timedelta(days=valid_from)).not_valid_after(now + timedelta(days=valid_until))
               .add_extension(x509.KeyUsage(digital_signature=signing_usage, content_commitment=signing_usage,
                                            key_encipherment=not signing_usage, data_encipherment=False,
                                            key_agreement=False, key_cert_sign=False, crl_sign=False,
                                            encipher_only=False, decipher_only=False), critical=True))
    return builder.sign(issuer[0] if issuer else subject_key, hashes.SHA256())


def signed_with_sha1(cert: x509.Certificate, issuer_key: Key) -> x509.Certificate:
    """cert signed again by issuer_key with SHA-1 (cryptography refuses to make such a certificate)."""
    parsed = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    tbs = parsed["tbs_certificate"]
    tbs["signature"] = asn1_x509.SignedDigestAlgorithm({"algorithm": "sha1_rsa"})
    tbs = asn1_x509.TbsCertificate.load(tbs.dump(force=True))
    signature = issuer_key.sign(tbs.dump(), padding.PKCS1v15(), hashes.SHA1())
    weak = asn1_x509.Certificate({"tbs_certificate": tbs, "signature_algorithm": {"algorithm": "sha1_rsa"},
                                  "signature_value": signature})
    return x509.load_der_x509_certificate(weak.dump())


def p12_of(folder: Path, name: str, cert: x509.Certificate, chain: list[x509.Certificate] = (),
           own_key: Key | None = None) -> Path:
    """A .p12 holding the key (default: key()) and cert (password: helpers.P12_PASSWORD), and
    cert as name.pem beside it."""
    write_pem(folder / f"{name}.pem", cert)
    return write_p12(folder / f"{name}.p12", own_key or key(), cert, list(chain))
