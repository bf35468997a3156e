"""The machine-readable copy of the assessment, attached to the PDF.

The attachment is the answers file (wizard.core.answers_file) as UTF-8 JSON. Its SHA-256 is
printed in the report and recorded in the attachment's description; the signatures cover
both, so `vigie import PLAN.pdf` can restore exactly what was signed, and a copy altered
afterwards is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
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


def assessment_payload(assessment: Assessment) -> tuple[bytes, str]:
    """The attachment's bytes (answers-file JSON) and their SHA-256 in hexadecimal."""
    data = json.dumps(assessment_to_dict(assessment), ensure_ascii=False, indent=2, sort_keys=True)
    payload = data.encode("utf-8")
    return payload, hashlib.sha256(payload).hexdigest()


def attach_assessment(writer: BasePdfFileWriter, payload: bytes, digest: str) -> None:
    """Embed the payload as a document-level attachment whose description carries the digest."""
    stream = EmbeddedFileObject.from_file_data(
        writer, payload, compress=True, mime_type="application/json",
        params=EmbeddedFileParams(creation_date=datetime.now(UTC)))
    embed_file(writer, FileSpec(
        file_spec_string=ATTACHMENT_NAME, file_name=ATTACHMENT_NAME, embedded_data=stream,
        description=f"Évaluation Vigie (réponses) — SHA-256 : {digest}",
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


def _name_tree_items(node: generic.DictionaryObject) -> list[tuple[str, Any]]:
    items = []
    names = node.get("/Names")
    if names is not None:
        names = names.get_object()
        items += [(str(names[i]), names[i + 1].get_object()) for i in range(0, len(names) - 1, 2)]
    for kid in node.get("/Kids", ()):
        items += _name_tree_items(kid.get_object())
    return items


def check_embedded(reader: PdfFileReader) -> EmbeddedCheck | None:
    """The attached assessment of an open PDF, or None when there is none."""
    try:
        tree = reader.root["/Names"]["/EmbeddedFiles"]
    except KeyError:
        return None
    for name, spec in _name_tree_items(tree.get_object()):
        if name != ATTACHMENT_NAME:
            continue
        payload = spec["/EF"]["/F"].get_object().data
        match = _DIGEST_IN_DESCRIPTION.search(str(spec.get("/Desc", "")))
        return EmbeddedCheck(match.group(1) if match else None, hashlib.sha256(payload).hexdigest(),
                             payload)
    return None


def read_embedded_assessment(pdf_path: Path | str | BinaryIO) -> dict[str, Any]:
    """The answers-file dict attached to a Vigie report.

    Raises NoEmbeddedAssessment for a PDF without it (or not a PDF at all), and
    EmbeddedDigestMismatch when the attachment's bytes do not match the digest recorded
    with it. The dict is checked against the questionnaire by the caller
    (wizard.core.answers_file.assessment_from_dict).
    """
    name = str(pdf_path) if isinstance(pdf_path, str | Path) else _("le document")
    try:
        if isinstance(pdf_path, str | Path):
            with open(pdf_path, "rb") as handle:
                check = check_embedded(PdfFileReader(handle, strict=False))
        else:
            check = check_embedded(PdfFileReader(pdf_path, strict=False))
    except FileNotFoundError:
        raise NoEmbeddedAssessment(_("{file} : fichier introuvable.").format(file=name)) from None
    except (OSError, PdfError, KeyError, TypeError, ValueError) as exc:
        raise NoEmbeddedAssessment(
            _("{file} : ce n'est pas un PDF lisible ({error}).").format(file=name, error=exc)) from None
    if check is None:
        raise NoEmbeddedAssessment(_(
            "{file} : ce PDF ne contient pas de copie de l'évaluation ; seul un plan d'action produit "
            "par Vigie peut être importé.").format(file=name))
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
