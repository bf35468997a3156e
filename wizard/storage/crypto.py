"""Encryption at rest: AES-256-GCM with a key derived from the folder's passphrase (scrypt).

The data folder's storage.json holds the scrypt parameters, a random salt, a key id and a
check value (a known text encrypted with the key) that tells a wrong passphrase apart from a
damaged file. Every file is encrypted with a fresh random nonce; its header is
authenticated with it, so changing any byte of an encrypted file is detected.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from typing import Any

from wizard.i18n import _
from wizard.storage.errors import StorageError
from wizard.typography import french

CIPHER = "AES-256-GCM"
KDF = "scrypt"
# N = 2^16, r = 8, p = 2: the same work for a guesser as N = 2^17, p = 1 (OWASP's two
# equivalent settings), in half the memory, since the two passes run one after the other:
# about 0.35 s and 64 MiB, paid once when a folder is opened or a signing key unlocked.
# Files written with other parameters keep them: they are read from the file.
DEFAULT_COST = 2**16
DEFAULT_PARALLEL = 2
MAX_COST = 2**20
_CHECK_TEXT = b"vigie-key-check"
_CHECK_AAD = b"vigie-store-key"


class CryptoError(StorageError):
    """Base of the errors below; the message is meant for the user."""


class PassphraseRequired(CryptoError):
    pass


class WrongPassphrase(CryptoError):
    pass


class DecryptionFailed(CryptoError):
    """The data was changed after it was encrypted (or never was what it claims)."""


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: Any) -> bytes:
    """Strict base64: a changed character is an error, even in the padding bits."""
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    try:
        data = base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError(str(exc)) from None
    if b64encode(data) != text:
        raise ValueError("non-canonical base64")
    return data


def _positive(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


@dataclass(frozen=True)
class KeyParams:
    salt: bytes
    n: int
    r: int
    p: int
    key_id: str
    check: bytes  # nonce + AES-GCM(key, _CHECK_TEXT)

    def to_json(self) -> dict[str, Any]:
        return {"kdf": KDF, "cipher": CIPHER, "salt": b64encode(self.salt), "n": self.n, "r": self.r,
                "p": self.p, "key_id": self.key_id, "check": b64encode(self.check)}

    @classmethod
    def from_json(cls, data: Any) -> KeyParams:
        if not isinstance(data, dict) or data.get("kdf") != KDF or data.get("cipher") != CIPHER:
            raise ValueError("unsupported encryption settings")
        n, r, p = data.get("n"), data.get("r"), data.get("p")
        if not (_positive(n) and _positive(r) and _positive(p)) or not isinstance(data.get("key_id"), str):
            raise ValueError("bad key parameters")
        assert isinstance(n, int) and isinstance(r, int) and isinstance(p, int)
        # What scrypt accepts, within the memory a desktop has (the default needs 64 MiB).
        if n < 2 or n & (n - 1) or n > MAX_COST or r > 64 or p > 16 or 128 * n * r > 2**30:
            raise ValueError(f"key parameters out of range (n={n}, r={r}, p={p})")
        return cls(b64decode(data["salt"]), n, r, p, data["key_id"], b64decode(data["check"]))


class StoreKey:
    """The derived key of a data folder, and the operations that use it."""

    def __init__(self, key: bytes, key_id: str) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # only for encrypted folders

        self._aead = AESGCM(key)
        self.key_id = key_id

    @classmethod
    def create(cls, passphrase: str, *, cost: int = DEFAULT_COST) -> tuple[StoreKey, KeyParams]:
        if not passphrase:
            raise CryptoError(_("La phrase de passe ne peut pas être vide."))
        salt = os.urandom(16)
        key = _derive(passphrase, salt, cost, 8, DEFAULT_PARALLEL)
        store_key = cls(key, os.urandom(8).hex())
        check = store_key.encrypt(_CHECK_TEXT, _CHECK_AAD)
        return store_key, KeyParams(salt, cost, 8, DEFAULT_PARALLEL, store_key.key_id, check)

    @classmethod
    def unlock(cls, passphrase: str, params: KeyParams) -> StoreKey:
        store_key = cls(_derive(passphrase, params.salt, params.n, params.r, params.p), params.key_id)
        try:
            ok = store_key.decrypt(params.check, _CHECK_AAD) == _CHECK_TEXT
        except DecryptionFailed:
            ok = False
        if not ok:
            raise WrongPassphrase(french(_("Phrase de passe incorrecte ; rien n’a été modifié.")))
        return store_key

    def encrypt(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(12)  # random per write: never reused under one key in practice
        return nonce + self._aead.encrypt(nonce, plaintext, aad)

    def decrypt(self, sealed: bytes, aad: bytes) -> bytes:
        if len(sealed) < 12 + 16:
            raise DecryptionFailed("encrypted data too short")
        from cryptography.exceptions import InvalidTag

        try:
            return self._aead.decrypt(sealed[:12], sealed[12:], aad)
        except InvalidTag:
            raise DecryptionFailed("authentication failed: the data was changed") from None


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def canonical(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
