"""The request file a laboratory sends to a processor: who asks, for what, on which content, by when.

{"format": "vigie-request", "version": 1, "app": "0.1.0", "sha256": "<SHA-256 of the canonical JSON of request>",
 "request": {"id": "<UUID>", "created": "AAAA-MM-JJ", "due": "AAAA-MM-JJ",
             "lab": {"name", "siret", "address", "contact", "email", "phone", "dpo", "dpo_email"},
             "processor": {"name", "siret", "contact"}, "services": [...], "data": [...],
             "content": {"framework": "…", "version": "…"}, "protection": "none" | "password",
             "message": "…"}}

Reading checks everything before anything is stored: the format and its version, the checksum
(a file changed on the way), every field against wizard.core.limits and the content's words,
and that the content it was made on is this Vigie's framework, in a version this Vigie knows.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from wizard import __version__
from wizard.core import checks, limits
from wizard.core.answers_file import AnswersFileError, load_json
from wizard.core.checks import FieldError, got
from wizard.core.parties import Party, obj, party_from, request_id, terms
from wizard.core.processors import PROTECTIONS
from wizard.core.questionnaire import Questionnaire
from wizard.i18n import _

FORMAT = "vigie-request"
VERSION = 1


class RequestFileError(FieldError):
    """The file is not a request this Vigie can take; the message says what is wrong."""


@dataclass(frozen=True)
class Request:
    id: str
    created: str
    due: str
    lab: Party
    processor: Party
    services: tuple[str, ...]
    data: tuple[str, ...]
    framework: str
    content_version: str
    protection: str = "none"
    message: str = ""


def canonical(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def request_body(request: Request) -> dict[str, Any]:
    body = asdict(request)
    body["content"] = {"framework": body.pop("framework"), "version": body.pop("content_version")}
    body["processor"] = {k: body["processor"][k] for k in ("name", "siret", "contact")}
    return body


def request_bytes(request: Request) -> bytes:
    body = request_body(request)
    doc = {"format": FORMAT, "version": VERSION, "app": __version__,
           "sha256": hashlib.sha256(canonical(body)).hexdigest(), "request": body}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def known_versions(questionnaire: Questionnaire) -> tuple[str, ...]:
    """The content versions this Vigie knows: every published one (versions.yaml) and its own."""
    listed = tuple(questionnaire.versions or ())
    current = questionnaire.framework.content_version
    return listed if current in listed else (*listed, current)


def request_from_body(body: Any, questionnaire: Questionnaire, where: str = "request") -> Request:
    """The request part, checked against the limits and the content (RequestFileError)."""
    relations = questionnaire.relations
    try:
        data = obj(body, where, ("id", "created", "due", "lab", "processor", "services", "data", "content",
                                 "protection", "message"),
                   ("id", "created", "due", "lab", "processor", "content"))
        content = obj(data["content"], f"{where}.content", ("framework", "version"), ("framework", "version"))
        framework = checks.text(content["framework"], f"{where}.content.framework", limits.NAME, required=True)
        version = checks.text(content["version"], f"{where}.content.version", limits.NAME, required=True)
        ours = questionnaire.framework
        if framework != ours.id:
            raise RequestFileError(_("demande établie pour le référentiel « {framework} », que ce Vigie ne connaît "
                                     "pas (il connaît « {ours} »)").format(framework=framework, ours=ours.id))
        if version not in known_versions(questionnaire):
            raise RequestFileError(_("demande établie avec la version {version} du contenu, plus récente que celle de "
                                     "ce Vigie ({current}) : installez un Vigie à jour pour y répondre").format(
                version=version, current=ours.content_version))
        created = checks.day(data["created"], f"{where}.created")
        due = checks.day(data["due"], f"{where}.due")
        if due < created:
            raise RequestFileError(_("{where}.due : l’échéance {due} précède la date de la demande {created}").format(
                where=where, due=due.isoformat(), created=created.isoformat()))
        processor = obj(data["processor"], f"{where}.processor", ("name", "siret", "contact"), ("name",))
        return Request(
            id=request_id(data["id"], f"{where}.id"), created=created.isoformat(), due=due.isoformat(),
            lab=party_from(data["lab"], f"{where}.lab"),
            processor=party_from(processor, f"{where}.processor"),
            services=terms(data.get("services", []), f"{where}.services", relations.service_ids if relations else None),
            data=terms(data.get("data", []), f"{where}.data", relations.data_ids if relations else None),
            framework=framework, content_version=version,
            protection=checks.choice(data.get("protection", "none"), f"{where}.protection", PROTECTIONS),
            message=checks.text(data.get("message", ""), f"{where}.message", limits.TEXT))
    except RequestFileError:
        raise
    except FieldError as exc:
        raise RequestFileError(str(exc)) from None


def read_request(raw: bytes, questionnaire: Questionnaire) -> Request:
    """A request file's request, fully checked; RequestFileError names what is wrong."""
    try:
        doc = load_json(raw)
    except AnswersFileError as exc:
        raise RequestFileError(str(exc)) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else None
        raise RequestFileError(_("ce n’est pas une demande Vigie (format « {expected} » attendu, {got} trouvé)").format(
            expected=FORMAT, got=got(found)))
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise RequestFileError(_("version de format absente ou invalide"))
    if version > VERSION:
        raise RequestFileError(_("demande écrite par Vigie {app} (format {version}) ; cette version de Vigie lit "
                                 "jusqu’au format {current} : installez un Vigie à jour").format(
            app=doc.get("app", "?"), version=version, current=VERSION))
    extra = sorted(set(doc) - {"format", "version", "app", "sha256", "request"})
    if extra:
        raise RequestFileError(_("{where} : clé inconnue {keys}").format(where="/", keys=", ".join(extra)))
    body, digest = doc.get("request"), doc.get("sha256")
    if not isinstance(body, dict) or not isinstance(digest, str):
        raise RequestFileError(_("contenu ou somme de contrôle absent"))
    if hashlib.sha256(canonical(body)).hexdigest() != digest:
        raise RequestFileError(_("la somme de contrôle ne correspond pas : la demande a été modifiée ou abîmée "
                                 "depuis sa création"))
    return request_from_body(body, questionnaire)


def overdue(request: Request, today: date) -> bool:
    return date.fromisoformat(request.due) < today
