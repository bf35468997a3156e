"""The envelope around every file the store writes: format, version, integrity, encryption.

Plain: {"format", "version", "id", "app", "sha256", "data": {...}} — the checksum covers data.
Encrypted: {"format", "version", "id", "app", "cipher", "key_id", "data": "<base64>"} — data
is nonce + AES-256-GCM ciphertext, and every other field is authenticated with it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard import __version__
from wizard.i18n import _
from wizard.storage.crypto import (
    CIPHER,
    DecryptionFailed,
    PassphraseRequired,
    StoreKey,
    b64decode,
    b64encode,
    canonical,
)
from wizard.storage.errors import CorruptFile, NewerVersion, StorageError
from wizard.storage.migrations import ASSESSMENT_FORMAT, is_version_1
from wizard.typography import french


class OtherKey(StorageError):
    """Encrypted with another passphrase than the folder's: not damage, never quarantined."""


@dataclass
class Opened:
    version: int
    ident: str
    app: str
    encrypted: bool
    payload: dict[str, Any]


def seal(fmt: str, version: int, ident: str, payload: dict[str, Any], key: StoreKey | None) -> bytes:
    body = canonical(payload)
    header: dict[str, Any] = {"format": fmt, "version": version, "id": ident, "app": __version__}
    if key is None:
        header["sha256"] = hashlib.sha256(body).hexdigest()
        # The payload is embedded as parsed JSON so that a plain file stays readable.
        return canonical(header)[:-1] + b',"data":' + body + b"}"
    header.update(cipher=CIPHER, key_id=key.key_id)
    sealed = key.encrypt(body, canonical(header))
    return canonical({**header, "data": b64encode(sealed)})


def open_sealed(raw: bytes, key: StoreKey | None, *, fmt: str, current: int,
                path: Path | None = None) -> Opened:
    """Check and decode one file; raise CorruptFile, NewerVersion, PassphraseRequired or OtherKey.

    With a key (an encrypted folder) only an encrypted file is accepted: a plain one, whose
    checksum anyone can compute, is refused as not authenticated (CorruptFile)."""
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise CorruptFile(path, french(_("ce n’est pas du JSON valide"))) from None
    if key is not None and not (isinstance(doc, dict) and "cipher" in doc):
        raise CorruptFile(path, french(_("fichier non chiffré dans un dossier chiffré : son contenu n’est pas "
                                         "authentifié et n’a pas été lu")))
    if fmt == ASSESSMENT_FORMAT and is_version_1(doc):
        meta = next(iter(doc["meta"].values()))
        return Opened(1, str(meta.get("id", "")), "", False, doc)
    if not isinstance(doc, dict) or doc.get("format") != fmt:
        raise CorruptFile(path, french(_("ce n’est pas un fichier « {format} »")).format(format=fmt))
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CorruptFile(path, _("version de format absente ou invalide"))
    app = str(doc.get("app", "?"))
    if version > current:
        raise NewerVersion(
            french(_("{path} : ce fichier a été écrit par Vigie {app} (format {version}) ; cette version de "
              "Vigie lit jusqu’au format {current}. Installez Vigie {app} ou plus récent pour "
              "l’ouvrir. Le fichier n’a pas été modifié.")).format(
                path=path or fmt, app=app, version=version, current=current),
            version, app)
    ident = doc.get("id")
    if not isinstance(ident, str):
        raise CorruptFile(path, _("identifiant absent"))
    if "cipher" in doc:
        payload = _decrypt(doc, key, path)
        encrypted = True
    else:
        data = doc.get("data")
        if not isinstance(data, dict) or not isinstance(doc.get("sha256"), str):
            raise CorruptFile(path, _("contenu absent ou incomplet"))
        payload = data
        if not _digest_matches(raw, payload, doc["sha256"]):
            raise CorruptFile(path, french(_("la somme de contrôle ne correspond pas : le fichier a été altéré")))
        encrypted = False
    return Opened(version, ident, app, encrypted, payload)


def _digest_matches(raw: bytes, payload: dict[str, Any], recorded: str) -> bool:
    """Whether the payload's canonical bytes hash to the recorded digest.

    seal() writes those bytes last, after ',"data":', so they are hashed in place without
    serialising the payload again (a saving on every change); a file laid out otherwise is
    re-serialised.
    """
    start = raw.find(b',"data":')
    if start > 0 and raw.endswith(b"}") and hashlib.sha256(raw[start + 8:-1]).hexdigest() == recorded:
        return True
    return hashlib.sha256(canonical(payload)).hexdigest() == recorded


def _decrypt(doc: dict[str, Any], key: StoreKey | None, path: Path | None) -> dict[str, Any]:
    if doc.get("cipher") != CIPHER or not isinstance(doc.get("key_id"), str):
        raise CorruptFile(path, _("chiffrement inconnu"))
    if key is None:
        raise PassphraseRequired(french(_("{path} : ce fichier est chiffré ; la phrase de passe du dossier est "
                                   "nécessaire.")).format(path=path or ""))
    if doc["key_id"] != key.key_id:
        raise OtherKey(french(_("{path} : ce fichier est chiffré avec une autre phrase de passe que celle du "
                         "dossier.")).format(path=path or ""))
    header = {k: v for k, v in doc.items() if k != "data"}
    try:
        sealed = b64decode(doc.get("data"))
        plaintext = key.decrypt(sealed, canonical(header))
    except (ValueError, DecryptionFailed):
        raise CorruptFile(path, _("le contenu chiffré a été altéré (vérification d’intégrité échouée)")) from None
    try:
        payload = json.loads(plaintext)
    except ValueError:
        raise CorruptFile(path, _("contenu déchiffré illisible")) from None
    if not isinstance(payload, dict):
        raise CorruptFile(path, _("contenu absent ou incomplet"))
    return payload
