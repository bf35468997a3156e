"""The processor's signed response to a request, and the exports of its register of clients.

A response is the processor's action plan made from its one assessment with the client's
differences applied, plus a page saying which request it answers, with the assessment and the
response's description attached and both covered by the signature. When the request asks for
it, the file is protected by a password agreed through another channel (AES-256 PDF encryption,
the signature made inside it). Everything is built and signed in memory; the file is written
only once all succeeded, and only then is the request marked answered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.atomic_files import WriteFailed, write_document
from wizard.core.client_rules import assessment_for_client
from wizard.core.evaluation import evaluate
from wizard.core.response_file import ResponseInfo, response_bytes
from wizard.i18n import _
from wizard.operations.errors import OperationError
from wizard.operations.processors import relations_of
from wizard.report import build_report
from wizard.report.clients_register import build_clients_register
from wizard.report.clients_sheet import build_clients_sheet
from wizard.report.embedded import assessment_payload
from wizard.report.response_page import attach_response, protect, response_page
from wizard.signing.identities import IdentitySpec, SigningError
from wizard.signing.sign import SignatureRequest, sign_pdf
from wizard.typography import typeset

if TYPE_CHECKING:
    from wizard.operations.clients import Clients

MIN_PASSWORD = 8
MAX_PASSWORD_BYTES = 32  # poppler (pdfsig) reads no more of a password, whatever PDF 2.0 allows


def respond(clients: Clients, assessment_id: str, request_id: str, out: Path, identity: IdentitySpec, *,
            signer_name: str = "", signer_role: str = "", password: str | None = None, lang: str = "fr",
            today: date | None = None, warn: Callable[[str], None] | None = None) -> Path:
    """Write the signed response to the request into out and mark the request answered."""
    today = today or date.today()
    workspace = clients.workspace
    relations = relations_of(workspace)
    register = clients.register()
    found = register.request(request_id)
    if found is None:
        raise OperationError(typeset(_("aucune demande « {id} » reçue : importez d’abord le fichier de demande")).format(
            id=request_id))
    client, request = found
    assessment = workspace.load(assessment_id)
    if assessment.profile != relations.processor:
        raise OperationError(typeset(_("l’évaluation {id} n’est pas celle d’un éditeur ou prestataire : une réponse "
                                      "se fait depuis l’évaluation du prestataire")).format(id=assessment_id))
    if request.protection == "password" and not password:
        raise OperationError(typeset(_("la demande attend une réponse protégée par un mot de passe : indiquez celui "
                                      "convenu avec le laboratoire (par un autre moyen que le courrier)")))
    if password is not None and len(password) < MIN_PASSWORD:
        raise OperationError(typeset(_("le mot de passe de la réponse doit compter au moins {n} caractères")).format(
            n=MIN_PASSWORD))
    if password is not None and len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise OperationError(typeset(_("le mot de passe de la réponse doit tenir en {n} octets (32 lettres sans accent) : "
                                      "certains lecteurs PDF, dont pdfsig, n’en lisent pas davantage")).format(
            n=MAX_PASSWORD_BYTES))
    view = workspace.registry.for_profile(assessment.profile)
    adapted = assessment_for_client(assessment, client)
    evaluation = evaluate(view, adapted)
    _payload, digest = assessment_payload(adapted)
    vendor = register.vendor if register.vendor.name.strip() else _party_of(adapted)
    framework = workspace.registry.default.framework
    known = {q.id for q in view.questions}
    info = ResponseInfo(
        request_id=request.id, lab=client.lab, request_created=request.created, request_due=request.due,
        vendor=vendor, assessment_id=adapted.id, assessment_sha256=digest, assessment_date=adapted.date.isoformat(),
        services=client.services, data=client.data,
        differences=tuple(q for q in client.differences if q in known), framework=framework.id,
        content_version=framework.content_version, produced=today.isoformat())
    try:
        data, _info = build_report(adapted, view, lang=lang, evaluation=evaluation, extra_pages=[response_page(info)])
    except OSError as exc:
        raise OperationError(_("Le rapport n'a pas pu être mis en page : {error}").format(error=exc)) from None
    data = attach_response(data, response_bytes(info))
    if password:
        data = protect(data, password)
    reason = _("réponse à la demande {id}").format(id=request.id)
    try:
        data = sign_pdf(data, identity, SignatureRequest(signer_name=signer_name, signer_role=signer_role,
                                                         reason=reason, lang=lang), warn=warn, password=password)
        write_document(out, data)
    except (SigningError, WriteFailed) as exc:
        raise OperationError(str(exc)) from None
    sha256 = hashlib.sha256(data).hexdigest()
    clients.answered(request.id, today, sha256)
    kept = clients.correspondence.get("received", request.id) or {"request": {}, "party": client.id}
    kept["response"] = {"produced": today.isoformat(), "sha256": sha256, "assessment_id": adapted.id,
                        "protected": bool(password)}
    clients.correspondence.put("received", request.id, kept)
    return out


def _party_of(assessment: object):  # noqa: ANN202 - Party
    from wizard.core.parties import Party

    org = assessment.organisation  # type: ignore[attr-defined]
    return Party(org.name, org.siret, org.address)


def export_register(clients: Clients, out: Path, identity: IdentitySpec | None, *, signer_name: str = "",
                    signer_role: str = "", lang: str = "fr", today: date | None = None,
                    warn: Callable[[str], None] | None = None) -> Path:
    """The register of clients as a signed PDF (out ends in .pdf) or a spreadsheet (.xlsx)."""
    register = clients.register()
    relations = relations_of(clients.workspace)
    if not register.vendor.name.strip():
        raise OperationError(typeset(_("indiquez d’abord qui est le prestataire (son nom, son contact, son DPO) : le "
                                      "registre le dit en premier")))
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        data = build_clients_sheet(register, clients.clients(), clients.requests(today), relations, lang=lang)
    elif suffix == ".pdf":
        data = build_clients_register(register, clients.clients(), relations, signer_role=signer_role, lang=lang)
        if identity is not None:
            try:
                data = sign_pdf(data, identity, SignatureRequest(
                    signer_name=signer_name, signer_role=signer_role, lang=lang,
                    reason=_("registre des activités de traitement du sous-traitant")), warn=warn)
            except SigningError as exc:
                raise OperationError(str(exc)) from None
    else:
        raise OperationError(typeset(_("{file} : un fichier .pdf (registre signé) ou .xlsx (tableur) est attendu")).format(
            file=out))
    try:
        write_document(out, data, private=True)
    except WriteFailed as exc:
        raise OperationError(str(exc)) from None
    return out
