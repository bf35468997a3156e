"""Test identities: a personal identity made once per session, .p12 files from a small test CA,
and poppler/qpdf wrappers used by the report, signing and CLI tests."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSPHRASE = "phrase-de-passe-1"
P12_PASSWORD = "mot-de-passe-p12"


def _name(cn: str, org: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)])


def make_ca(cn: str = "Autorité de test Vigie") -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(_name(cn, "Tests")).issuer_name(_name(cn, "Tests"))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_leaf(ca: tuple[rsa.RSAPrivateKey, x509.Certificate], cn: str,
              org: str = "Cabinet Conseil Santé") -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    ca_key, ca_cert = ca
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(_name(cn, org)).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return key, cert


def write_p12(path: Path, key: rsa.RSAPrivateKey, cert: x509.Certificate, chain: list[x509.Certificate],
              password: str = P12_PASSWORD) -> Path:
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"test", key, cert, chain, serialization.BestAvailableEncryption(password.encode())))
    return path


def write_pem(path: Path, cert: x509.Certificate) -> Path:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def install_identity(source: Path, data_dir: Path) -> None:
    """Copy a ready-made personal identity (RSA 3072 keys are slow to generate) into data_dir."""
    shutil.copytree(source / "identities", data_dir / "identities", dirs_exist_ok=True)


# --- poppler and qpdf ---------------------------------------------------------------------------

def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    """Run a PDF checker; the test is skipped where it is not installed. A run that must have it
    names it in VIGIE_REQUIRE_TOOLS (tests/conftest.py stops at once when one is missing)."""
    if shutil.which(cmd[0]) is None:
        pytest.skip(f"{cmd[0]} is not installed (poppler-utils, qpdf)")
    return subprocess.run(list(cmd), capture_output=True, text=True, errors="replace", timeout=120)


def pdfsig_verdicts(pdf: Path) -> list[str]:
    """One integrity line per signed field, e.g. 'Signature is Valid.' or 'Digest Mismatch.'."""
    out = run("pdfsig", str(pdf)).stdout
    return re.findall(r"Signature Validation: (.+)", out)


def pdffonts_rows(pdf: Path) -> list[str]:
    return run("pdffonts", str(pdf)).stdout.splitlines()[2:]


def pdftext(pdf: Path) -> str:
    return run("pdftotext", str(pdf), "-").stdout


def flat(text: str) -> str:
    """Text with every run of white space (line ends, no-break spaces) as one plain space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def nss_database(folder: Path, trusted: list[tuple[Path, bool]]) -> str:
    """An NSS database for pdfsig -nssdir trusting the given PEM certificates, each as an
    authority (True) or as a signer trusted directly (False)."""
    folder.mkdir(parents=True, exist_ok=True)
    database = f"sql:{folder}"
    assert run("certutil", "-N", "-d", database, "--empty-password").returncode == 0
    for i, (pem, authority) in enumerate(trusted):
        result = run("certutil", "-A", "-d", database, "-n", f"trusted-{i}", "-t", "CT,C,C" if authority else "P,P,P",
                     "-i", str(pem))
        assert result.returncode == 0, result.stderr
    return database


def pdfsig_verdict(pdf: Path, database: str) -> str:
    """pdfsig's reading of a file, in verify's words: "unsigned", "invalid" (a signature broken,
    or the last one does not cover the whole file), "untrusted" (a certificate not trusted:
    issuer, expired…) or "valid"."""
    blocks = [b for b in re.split(r"Signature #\d+:", run("pdfsig", "-nssdir", database, str(pdf)).stdout)[1:]
              if "Signature Validation:" in b]
    if not blocks:
        return "unsigned"

    def range_end(block: str) -> int:
        return max(int(n) for n in re.findall(r"(\d+)\]", block.split("Signed Ranges:")[1].splitlines()[0]))

    last = max(blocks, key=range_end)
    if any("Signature Validation: Signature is Valid." not in b for b in blocks) or "Total document signed" not in last:
        return "invalid"
    trusted = all("Certificate Validation: Certificate is Trusted." in b for b in blocks)
    return "valid" if trusted else "untrusted"
