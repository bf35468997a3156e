"""The .vigie exchange file: one assessment, self-contained, to move between computers.

{"format": "vigie-exchange", "version": 1, "app": "0.1.0", "exported": "<ISO time>",
 "sha256": "<hex digest of the canonical JSON of content>",
 "content": {"assessment": <answers-file form: answers, notes, participants, action edits,
                            custom actions>, "position": "…", "history": [<audit entries>]}}

Reading checks everything (format, version, checksum, every entry against the questionnaire)
before anything is stored, and raises ExchangeError with a message saying what is wrong.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from wizard import __version__
from wizard.core.answers_file import AnswersFileError, assessment_from_dict, assessment_to_dict
from wizard.core.model import ActionEdit, Assessment, CustomAction
from wizard.core.typography import french
from wizard.i18n import _
from wizard.storage.crypto import canonical
from wizard.storage.documents import AUDITED
from wizard.storage.errors import StorageError

if TYPE_CHECKING:  # the questionnaire (YAML, JSON Schema) is not loaded to open a store
    from wizard.core.questionnaire import Questionnaire

FORMAT = "vigie-exchange"
VERSION = 1
SUFFIX = ".vigie"
MAX_BYTES = 50 * 1024 * 1024  # far above any real assessment; refuses absurd files early


class ExchangeError(StorageError):
    """The file cannot be imported; nothing was stored."""


def export_bytes(assessment: Assessment, history: list[dict[str, Any]]) -> bytes:
    content = {"assessment": assessment_to_dict(assessment), "position": assessment.position,
               "history": history}
    doc = {"format": FORMAT, "version": VERSION, "app": __version__,
           "exported": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
           "sha256": hashlib.sha256(canonical(content)).hexdigest(), "content": content}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def _fail(message: str) -> ExchangeError:
    return ExchangeError(french(_("Fichier d’échange invalide : {detail}. Rien n’a été importé.")).format(
        detail=message))


def read_exchange(raw: bytes, questionnaire: Questionnaire) -> tuple[Assessment, list[dict[str, Any]]]:
    """The assessment and audit trail of a .vigie file, fully checked; raises ExchangeError."""
    if len(raw) > MAX_BYTES:
        raise _fail(_("fichier trop volumineux ({size} octets)").format(size=len(raw)))
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _fail(_("ce n’est pas un fichier Vigie (contenu binaire ou encodage inconnu)")) from None
    except ValueError as exc:
        raise _fail(_("JSON illisible ou fichier tronqué ({detail})").format(detail=exc)) from None
    except RecursionError:
        raise _fail(_("structure trop imbriquée")) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _fail(_("ce n’est pas un fichier d’échange Vigie (.vigie)"))
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _fail(_("version de format absente"))
    if version > VERSION:
        raise ExchangeError(french(_("Ce fichier a été exporté par Vigie {app} (format {version}) ; cette "
                                     "version lit jusqu’au format {current}. Installez Vigie {app} ou plus "
                                     "récent. Rien n’a été importé.")).format(
            app=doc.get("app", "?"), version=version, current=VERSION))
    if version < 1:
        raise _fail(_("version de format invalide"))
    content, digest = doc.get("content"), doc.get("sha256")
    if not isinstance(content, dict) or not isinstance(digest, str):
        raise _fail(_("contenu ou somme de contrôle absent"))
    if hashlib.sha256(canonical(content)).hexdigest() != digest:
        raise _fail(french(_("la somme de contrôle ne correspond pas : le fichier a été modifié ou abîmé")))
    try:
        assessment = assessment_from_dict(content.get("assessment"), questionnaire)
    except AnswersFileError as exc:
        raise _fail(str(exc)) from None
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise _fail(_("évaluation mal formée ({detail})").format(detail=exc)) from None
    _check_types(assessment)
    position = content.get("position", "")
    if not isinstance(position, str):
        raise _fail("position")
    assessment.position = position
    return assessment, _history(content.get("history", []), assessment)


def _check_types(a: Assessment) -> None:
    """What answers_file leaves unchecked: the types of participants, edits and custom actions."""
    def text(value: Any, where: str, optional: bool = False) -> None:
        if not (isinstance(value, str) or (optional and value is None)):
            raise _fail(french(_("{where} : texte attendu")).format(where=where))

    for i, p in enumerate(a.participants):
        text(p.role, f"participants[{i}].role")
    for aid, edit in a.action_edits.items():
        for f in fields(ActionEdit):
            text(getattr(edit, f.name), f"action_edits.{aid}.{f.name}", optional=f.name != "priority_reason")
    for i, custom in enumerate(a.custom_actions):
        for f in fields(CustomAction):
            text(getattr(custom, f.name), f"custom_actions[{i}].{f.name}")


def _history(raw: Any, a: Assessment) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise _fail(french(_("history : liste attendue")))
    out = []
    for i, entry in enumerate(raw):
        where = f"history[{i}]"
        if not isinstance(entry, dict) or set(entry) != {"question", "at", "by", "old", "new"}:
            raise _fail(french(_("{where} : entrée mal formée")).format(where=where))
        if not all(isinstance(entry[k], str) for k in ("question", "at", "by")):
            raise _fail(french(_("{where} : texte attendu")).format(where=where))
        for side in ("old", "new"):
            value = entry[side]
            if value is not None and not (isinstance(value, dict) and set(value) <= set(AUDITED)
                                          and all(isinstance(v, str | bool) for v in value.values())):
                raise _fail(french(_("{where}.{side} : valeur mal formée")).format(where=where, side=side))
        out.append({k: entry[k] for k in ("question", "at", "by", "old", "new")})
    return out
