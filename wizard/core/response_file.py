"""What a processor's response says of itself: the attachment a signed response carries.

A response is the processor's signed action plan (with its assessment attached, as every plan)
plus this second attachment, covered by the same signature:

{"format": "vigie-response", "version": 1, "app": "0.1.0",
 "request": {"id": "<UUID>", "lab": {"name", "siret"}, "created": "AAAA-MM-JJ", "due": "AAAA-MM-JJ"},
 "vendor": {"name", "siret", "address", "contact", "email", "phone", "dpo", "dpo_email"},
 "assessment": {"id": "<UUID>", "sha256": "<SHA-256 of the attached assessment>", "date": "AAAA-MM-JJ"},
 "scope": {"services": [...], "data": [...]}, "differences": ["<question id>", ...],
 "content": {"framework": "…", "version": "…"}, "produced": "AAAA-MM-JJ"}

Reading checks it as strictly as the request (wizard.core.request_file).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from wizard import __version__
from wizard.core import checks, limits
from wizard.core.answers_file import AnswersFileError, load_json
from wizard.core.checks import FieldError, got
from wizard.core.parties import Party, fingerprint, obj, party_from, request_id, terms
from wizard.core.questionnaire import Questionnaire
from wizard.core.request_file import known_versions
from wizard.i18n import _

FORMAT = "vigie-response"
VERSION = 1
ATTACHMENT_NAME = "reponse-vigie.json"


class ResponseFileError(FieldError):
    """The response's own description is missing or wrong; the message says what."""


@dataclass(frozen=True)
class ResponseInfo:
    request_id: str
    lab: Party  # name and SIRET of the laboratory that asked
    request_created: str
    request_due: str
    vendor: Party
    assessment_id: str
    assessment_sha256: str
    assessment_date: str
    services: tuple[str, ...]
    data: tuple[str, ...]
    differences: tuple[str, ...]  # questions answered otherwise for this laboratory
    framework: str
    content_version: str
    produced: str


def response_bytes(info: ResponseInfo) -> bytes:
    doc = {"format": FORMAT, "version": VERSION, "app": __version__,
           "request": {"id": info.request_id, "lab": {"name": info.lab.name, "siret": info.lab.siret},
                       "created": info.request_created, "due": info.request_due},
           "vendor": vars(info.vendor),
           "assessment": {"id": info.assessment_id, "sha256": info.assessment_sha256, "date": info.assessment_date},
           "scope": {"services": list(info.services), "data": list(info.data)},
           "differences": list(info.differences),
           "content": {"framework": info.framework, "version": info.content_version},
           "produced": info.produced}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def read_response_info(raw: bytes, questionnaire: Questionnaire) -> ResponseInfo:
    """The response's description, fully checked; ResponseFileError names what is wrong."""
    try:
        doc = load_json(raw)
    except AnswersFileError as exc:
        raise ResponseFileError(str(exc)) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else None
        raise ResponseFileError(_("ce n’est pas une réponse Vigie (format « {expected} » attendu, {got} trouvé)")
                                .format(expected=FORMAT, got=got(found)))
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ResponseFileError(_("version de format absente ou invalide"))
    if version > VERSION:
        raise ResponseFileError(_("réponse écrite par Vigie {app} (format {version}) ; cette version de Vigie lit "
                                  "jusqu’au format {current} : installez un Vigie à jour").format(
            app=doc.get("app", "?"), version=version, current=VERSION))
    try:
        return _info(doc, questionnaire)
    except ResponseFileError:
        raise
    except FieldError as exc:
        raise ResponseFileError(str(exc)) from None


def _info(doc: dict[str, Any], questionnaire: Questionnaire) -> ResponseInfo:
    data = obj(doc, "/", ("format", "version", "app", "request", "vendor", "assessment", "scope", "differences",
                          "content", "produced"),
               ("request", "vendor", "assessment", "content", "produced"))
    request = obj(data["request"], "request", ("id", "lab", "created", "due"), ("id", "lab", "created", "due"))
    lab = obj(request["lab"], "request.lab", ("name", "siret"), ("name",))
    assessment = obj(data["assessment"], "assessment", ("id", "sha256", "date"), ("id", "sha256", "date"))
    scope = obj(data.get("scope", {}), "scope", ("services", "data"))
    content = obj(data["content"], "content", ("framework", "version"), ("framework", "version"))
    ours = questionnaire.framework
    framework = checks.text(content["framework"], "content.framework", limits.NAME, required=True)
    version = checks.text(content["version"], "content.version", limits.NAME, required=True)
    if framework != ours.id:
        raise ResponseFileError(_("réponse établie sur le référentiel « {framework} », que ce Vigie ne connaît pas")
                                .format(framework=framework))
    if version not in known_versions(questionnaire):
        raise ResponseFileError(_("réponse établie avec la version {version} du contenu, plus récente que celle de ce "
                                  "Vigie ({current}) : installez un Vigie à jour pour la lire").format(
            version=version, current=ours.content_version))
    relations = questionnaire.relations
    differences = data.get("differences", [])
    if not isinstance(differences, list):
        raise ResponseFileError(_("{where} : liste attendue, {got} trouvé").format(where="differences",
                                                                                  got=got(differences)))
    checks.count(differences, "differences", len(questionnaire.questions))
    return ResponseInfo(
        request_id=request_id(request["id"], "request.id"),
        lab=party_from({"name": lab["name"], "siret": lab.get("siret", "")}, "request.lab"),
        request_created=checks.day(request["created"], "request.created").isoformat(),
        request_due=checks.day(request["due"], "request.due").isoformat(),
        vendor=party_from(data["vendor"], "vendor"),
        assessment_id=checks.assessment_id(assessment["id"], "assessment.id"),
        assessment_sha256=fingerprint(assessment["sha256"], "assessment.sha256", required=True),
        assessment_date=checks.day(assessment["date"], "assessment.date").isoformat(),
        services=terms(scope.get("services", []), "scope.services", relations.service_ids if relations else None),
        data=terms(scope.get("data", []), "scope.data", relations.data_ids if relations else None),
        differences=tuple(checks.text(q, f"differences[{i}]", limits.NAME, required=True)
                          for i, q in enumerate(differences)),
        framework=framework, content_version=version,
        produced=checks.day(data["produced"], "produced").isoformat())
