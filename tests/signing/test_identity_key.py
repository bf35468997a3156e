"""The personal identity's key is protected as the data folder is (scrypt 2^16, p=2, AES-256-GCM);
a key written the old way (PBKDF2, 2,048 iterations) is rewritten at its first unlock."""

from __future__ import annotations

import json
import shutil

import pytest
from asn1crypto import keys, pem

from tests.conftest import FIXTURES

OLD_PASSPHRASE = "phrase-de-passe-v1"


@pytest.fixture
def old_identity(data_dir):
    """The version-1 fixture installed as this data folder's personal identity."""
    shutil.copytree(FIXTURES / "identity-v1", data_dir / "identities", ignore=shutil.ignore_patterns("*.md"))
    return data_dir / "identities"


def _pbkdf2_iterations(path) -> int:
    _type, _headers, der = pem.unarmor(path.read_bytes())
    kdf = keys.EncryptedPrivateKeyInfo.load(der)["encryption_algorithm"]["parameters"]["key_derivation_func"]
    assert kdf["algorithm"].native == "pbkdf2"
    return kdf["parameters"]["iteration_count"].native


def test_an_old_key_is_migrated_at_its_first_unlock(old_identity, data_dir, tmp_path):
    from wizard.signing import (
        IdentitySpec,
        SignatureRequest,
        SigningError,
        personal_identity,
        sign_pdf,
        verify_pdf,
    )
    from wizard.storage.crypto import DEFAULT_COST

    assert _pbkdf2_iterations(old_identity / "personal-key.pem") == 2048  # why it is migrated
    before = personal_identity(data_dir)
    assert before is not None and before.name == "Zoé Martin"
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "lettre.pdf"))
    canvas.drawString(100, 700, "Lettre")
    canvas.save()
    request = SignatureRequest(field="Visa")
    with pytest.raises(SigningError, match="Mot de passe incorrect pour l.identité"):
        sign_pdf(tmp_path / "lettre.pdf", IdentitySpec("personal", secret="pas-la-bonne", data_dir=data_dir), request)
    assert sorted(p.name for p in old_identity.iterdir()) == ["personal-cert.pem", "personal-key.pem"]

    identity = IdentitySpec("personal", secret=OLD_PASSPHRASE, data_dir=data_dir)
    sign_pdf(tmp_path / "lettre.pdf", identity, request, out_path=tmp_path / "signée.pdf")
    assert sorted(p.name for p in old_identity.iterdir()) == ["personal-cert.pem", "personal-key.json"]
    stored = json.loads((old_identity / "personal-key.json").read_bytes())
    assert (stored["format"], stored["version"]) == ("vigie-identity-key", 2)
    assert (stored["key"]["kdf"], stored["key"]["n"], stored["key"]["cipher"]) == ("scrypt", DEFAULT_COST, "AES-256-GCM")
    assert b"PRIVATE KEY" not in (old_identity / "personal-key.json").read_bytes()
    # The same key, now read from the new file, signs as before.
    assert personal_identity(data_dir).fingerprint == before.fingerprint
    sign_pdf(tmp_path / "lettre.pdf", identity, request, out_path=tmp_path / "encore.pdf")
    assert [c.fingerprint for c in verify_pdf(tmp_path / "encore.pdf")] == [before.fingerprint]
    with pytest.raises(SigningError, match="Mot de passe incorrect pour l.identité"):
        sign_pdf(tmp_path / "lettre.pdf", IdentitySpec("personal", secret="pas-la-bonne", data_dir=data_dir), request)


def test_a_damaged_key_file_is_named_not_a_wrong_passphrase(personal, data_dir, tmp_path):
    from tests.signing.helpers import PASSPHRASE
    from wizard.signing import export_personal_identity
    from wizard.signing.identities import SigningError

    path = data_dir / "identities" / "personal-key.json"
    stored = json.loads(path.read_bytes())
    data = bytearray(stored["data"].encode())
    data[20] = ord("A") if data[20] != ord("A") else ord("B")
    stored["data"] = data.decode()
    path.write_text(json.dumps(stored))
    with pytest.raises(SigningError, match="endommagé"):
        export_personal_identity(tmp_path / "x.p12", PASSPHRASE, "export-secret-9", data_dir=data_dir)
    assert not (tmp_path / "x.p12").exists()


def test_an_old_key_in_a_read_only_folder_still_signs_and_is_migrated_later(old_identity, data_dir, tmp_path,
                                                                             read_only):
    from reportlab.pdfgen.canvas import Canvas

    from wizard.signing import IdentitySpec, SignatureRequest, personal_identity, sign_pdf, verify_pdf

    canvas = Canvas(str(tmp_path / "lettre.pdf"))
    canvas.drawString(100, 700, "Lettre")
    canvas.save()
    identity = IdentitySpec("personal", secret=OLD_PASSPHRASE, data_dir=data_dir)
    read_only(old_identity)  # a folder on a read-only share, or a full disk: the migration cannot be written
    sign_pdf(tmp_path / "lettre.pdf", identity, SignatureRequest(field="Visa"), out_path=tmp_path / "signée.pdf")
    [check] = verify_pdf(tmp_path / "signée.pdf")
    assert check.intact and check.fingerprint == personal_identity(data_dir).fingerprint
    assert sorted(p.name for p in old_identity.iterdir()) == ["personal-cert.pem", "personal-key.pem"]


def test_a_full_disk_while_creating_an_identity_or_trusting_a_certificate_is_a_message(data_dir, tmp_path,
                                                                                        monkeypatch):
    import errno
    import os

    from wizard import atomic_files
    from wizard.signing import SigningError, create_personal_identity
    from wizard.signing.trust import add_trusted, list_trusted

    def full(path, data, **_options):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic_files, "atomic_write_bytes", full)
    with pytest.raises(SigningError, match="Impossible d.écrire .*personal-key.json.*No space left"):
        create_personal_identity("Zoé Martin", "", "une phrase solide", data_dir=data_dir)
    certificate = tmp_path / "ca.pem"
    certificate.write_bytes((FIXTURES / "identity-v1" / "personal-cert.pem").read_bytes())
    with pytest.raises(SigningError, match="Impossible d.écrire"):
        add_trusted(certificate, data_dir)
    assert list_trusted(data_dir) == []
