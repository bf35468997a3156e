"""The personal identity's private key on disk, protected as the data folder is.

Version 2 (personal-key.json): the key in PKCS#8 DER, encrypted with AES-256-GCM under a key
derived from the passphrase by scrypt at the data store's cost (wizard.storage.crypto: 2^16, p=2,
64 MiB), with the store's check value telling a wrong passphrase from a damaged file:

    {"format": "vigie-identity-key", "version": 2, "key": {scrypt parameters, salt, check},
     "data": base64(nonce + ciphertext)}

Version 1 (personal-key.pem) was a PKCS#8 PEM encrypted by cryptography's
BestAvailableEncryption: PBKDF2 at 2,048 iterations, cheap to attack. It is still read, and
rewritten as version 2 at the first unlock with the right passphrase.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization

from wizard.i18n import _
from wizard.signing.identities import SigningError
from wizard.storage.crypto import (
    DEFAULT_COST,
    CryptoError,
    KeyParams,
    StoreKey,
    WrongPassphrase,
    b64decode,
    b64encode,
)

KEY_FILE = "personal-key.json"
LEGACY_KEY_FILE = "personal-key.pem"
FORMAT, VERSION = "vigie-identity-key", 2
_AAD = b"vigie-identity-key-v2"


def wrong_passphrase() -> SigningError:
    return SigningError(_("Mot de passe incorrect pour l'identité personnelle."))


def seal(key: Any, passphrase: str, *, cost: int = DEFAULT_COST) -> bytes:
    """The version-2 file for key (a cryptography private key) under passphrase."""
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    store_key, params = StoreKey.create(passphrase, cost=cost)
    document = {"format": FORMAT, "version": VERSION, "key": params.to_json(),
                "data": b64encode(store_key.encrypt(der, _AAD))}
    return json.dumps(document, indent=2).encode("utf-8")


def unseal(data: bytes, passphrase: str) -> Any:
    """The private key of a version-2 file; SigningError for a wrong passphrase or a damaged file."""
    try:
        document = json.loads(data.decode("utf-8"))
        if document.get("format") != FORMAT or document.get("version") != VERSION:
            raise ValueError("unknown format")
        params = KeyParams.from_json(document["key"])
        sealed = b64decode(document["data"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SigningError(_("Le fichier de la clé de l'identité personnelle est endommagé.")) from None
    try:
        der = StoreKey.unlock(passphrase, params).decrypt(sealed, _AAD)
    except WrongPassphrase:
        raise wrong_passphrase() from None
    except CryptoError:
        raise SigningError(_("Le fichier de la clé de l'identité personnelle est endommagé.")) from None
    # The AES-GCM tag authenticates these bytes, written by Vigie from a key it had checked:
    # checking an RSA 3072 key again would add ~0.1 s to every signature.
    return serialization.load_der_private_key(der, password=None, unsafe_skip_rsa_key_validation=True)


def has_key(folder: Path) -> bool:
    return (folder / KEY_FILE).exists() or (folder / LEGACY_KEY_FILE).exists()


def write_key(folder: Path, key: Any, passphrase: str) -> None:
    """Store key under passphrase (version 2) and remove any version-1 file."""
    from wizard.signing.identities import write_file

    write_file(folder / KEY_FILE, seal(key, passphrase))
    (folder / LEGACY_KEY_FILE).unlink(missing_ok=True)


def load_key(folder: Path, passphrase: str) -> Any:
    """The private key in folder, unlocked with passphrase. A version-1 key is rewritten as
    version 2 on the way (the old file is removed only once the new one is in place)."""
    current = folder / KEY_FILE
    if current.exists():
        return unseal(current.read_bytes(), passphrase)
    try:
        key = serialization.load_pem_private_key((folder / LEGACY_KEY_FILE).read_bytes(),
                                                 password=passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        raise wrong_passphrase() from None
    try:
        write_key(folder, key, passphrase)
    except SigningError:
        pass  # a folder that cannot be written (read-only, full): sign anyway, migrate next time
    return key
