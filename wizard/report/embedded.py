"""The machine-readable copy of the assessment, attached to the PDF.

The attachment is the answers file (wizard.core.answers_file) as UTF-8 JSON. Its SHA-256 is
printed in the report and recorded in the attachment's description. The digest only says
that the bytes were not damaged: whether a signature covers them is for wizard.signing to
tell (wizard.operations.plan_import restores only an attachment an intact signature covers).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
from pyhanko.pdf_utils.rw_common import PdfHandler
from pyhanko.pdf_utils.writer import BasePdfFileWriter

from wizard.core.answers_file import AnswersFileError, assessment_to_dict, load_json
from wizard.core.model import Assessment
from wizard.i18n import _

ATTACHMENT_NAME = "evaluation-vigie.json"
_DIGEST_IN_DESCRIPTION = re.compile(r"SHA-256\s*:?\s*([0-9a-f]{64})")


class EmbeddedAssessmentError(ValueError):
    """The PDF holds no usable copy of the assessment; the message says why, in plain words."""


class NoEmbeddedAssessment(EmbeddedAssessmentError):
    pass


class EmbeddedDigestMismatch(EmbeddedAssessmentError):
    pass


class DamagedAttachments(EmbeddedAssessmentError):
    """The PDF's list of attachments is malformed (wrong types, a loop in its name tree)."""


def assessment_payload(assessment: Assessment) -> tuple[bytes, str]:
    """The attachment's bytes (answers-file JSON) and their SHA-256 in hexadecimal."""
    data = json.dumps(assessment_to_dict(assessment), ensure_ascii=False, indent=2, sort_keys=True)
    payload = data.encode("utf-8")
    return payload, hashlib.sha256(payload).hexdigest()


def attach_assessment(writer: BasePdfFileWriter, payload: bytes, digest: str, *, name: str = ATTACHMENT_NAME,
                      title: str = "Évaluation Vigie (réponses)") -> None:
    """Embed the payload as a document-level attachment whose description carries the digest."""
    stream = EmbeddedFileObject.from_file_data(
        writer, payload, compress=True, mime_type="application/json",
        params=EmbeddedFileParams(creation_date=datetime.now(UTC)))
    embed_file(writer, FileSpec(
        file_spec_string=name, file_name=name, embedded_data=stream,
        description=f"{title} — SHA-256 : {digest}",
        af_relationship=None))


@dataclass(frozen=True)
class EmbeddedCheck:
    """What the attachment says: its recorded digest, the digest of its bytes, and its data."""

    recorded: str | None
    actual: str
    payload: bytes

    @property
    def matches(self) -> bool:
        return self.recorded == self.actual


_MAX_NODES = 10_000  # a name tree that large is not a report's: refused rather than walked


def _damaged(detail: str) -> DamagedAttachments:
    return DamagedAttachments(_("la liste des pièces jointes du PDF est endommagée ({detail})").format(
        detail=detail))


def _resolved(value: Any, kind: type | tuple[type, ...], seen: set[tuple[int, int]]) -> Any:
    """value dereferenced and of the expected kind; an indirect object met twice is a loop."""
    if isinstance(value, generic.IndirectObject):
        key = (value.idnum, value.generation)
        if key in seen:
            raise _damaged(_("boucle dans /Kids"))
        seen.add(key)
        if len(seen) > _MAX_NODES:
            raise _damaged(_("trop d'entrées"))
        value = value.get_object()
    if not isinstance(value, kind):
        raise _damaged(_("type inattendu : {kind}").format(kind=type(value).__name__))
    return value


def _name_tree_items(root: Any) -> Iterator[tuple[str, Any]]:
    """The (name, value) pairs of a PDF name tree, in order, walked without recursion.

    Raises DamagedAttachments on a malformed tree: wrong types, an odd /Names array, a loop.
    """
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        node = _resolved(stack.pop(), generic.DictionaryObject, seen)
        if "/Names" in node:
            names = _resolved(node.raw_get("/Names"), generic.ArrayObject, seen)
            if len(names) % 2:
                raise _damaged(_("tableau /Names de longueur impaire"))
            for i in range(0, len(names), 2):
                key = _resolved(names.raw_get(i), (generic.TextStringObject, generic.ByteStringObject), seen)
                yield (key if isinstance(key, str) else bytes(key).decode("latin-1")), names.raw_get(i + 1)
        if "/Kids" in node:
            kids = _resolved(node.raw_get("/Kids"), generic.ArrayObject, seen)
            stack.extend(kids.raw_get(i) for i in reversed(range(len(kids))))


def check_embedded(handler: PdfHandler, name: str = ATTACHMENT_NAME) -> EmbeddedCheck | None:
    """The attached assessment (or the attachment of that name) of an open PDF or of one of its
    revisions, or None when there is none. Raises DamagedAttachments when the attachment list
    cannot be read."""
    try:
        root = handler.root
        if "/Names" not in root:
            return None
        names = root["/Names"]
        if not isinstance(names, generic.DictionaryObject):
            raise _damaged("/Names")
        if "/EmbeddedFiles" not in names:
            return None
        for found, spec in _name_tree_items(names.raw_get("/EmbeddedFiles")):
            if found != name:
                continue
            spec = _resolved(spec, generic.DictionaryObject, set())
            stream = _resolved(_resolved(spec.raw_get("/EF"), generic.DictionaryObject, set()).raw_get("/F"),
                               generic.StreamObject, set())
            payload = stream.data
            description = spec.get("/Desc", "")
            if isinstance(description, generic.DecryptedObjectProxy):  # a PDF protected by a password
                description = description.decrypted
            match = _DIGEST_IN_DESCRIPTION.search(str(description))
            return EmbeddedCheck(match.group(1) if match else None, hashlib.sha256(payload).hexdigest(), payload)
    except DamagedAttachments:
        raise
    except Exception as exc:  # a damaged file makes the parser raise about anything (zlib, struct…)
        raise _damaged(str(exc) or type(exc).__name__) from None
    return None


def decode_assessment(check: EmbeddedCheck, name: str) -> dict[str, Any]:
    """The answers-file dict in an attachment whose digest matches the one recorded with it.

    name (the file) goes into the messages. Raises EmbeddedDigestMismatch when the bytes do
    not match the recorded digest, EmbeddedAssessmentError when they are not an answers file.
    The dict is checked against the questionnaire by the caller
    (wizard.core.answers_file.assessment_from_dict).
    """
    if not check.matches:
        raise EmbeddedDigestMismatch(_(
            "{file} : la copie de l'évaluation jointe a été modifiée (son empreinte ne correspond plus "
            "à celle du rapport) ; elle n'est pas importée.").format(file=name))
    try:
        data = load_json(check.payload)  # bounded in size and depth, every text encodable
    except AnswersFileError as exc:
        raise EmbeddedAssessmentError(
            _("{file} : la copie de l'évaluation jointe est illisible ({error}).").format(
                file=name, error=exc)) from None
    if not isinstance(data, dict):
        raise EmbeddedAssessmentError(_("{file} : la copie de l'évaluation jointe est illisible.")
                                      .format(file=name))
    return data
