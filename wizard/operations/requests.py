"""The laboratory's side of the loop: a request and its covering letter out, a signed response in.

A response is taken only when everything holds: its signatures are intact and the last one covers
the whole file; the assessment and the response's description attached to it are the ones a
signature covers; the description is well formed, on content this Vigie reads, for a request
this laboratory made (of this laboratory, to this processor); and the assessment is the one it
names. Its signer's certificate is pinned at the first response of a processor; a later response
signed with another key is refused (SignerChanged) unless the person accepts it explicitly. Then
the register keeps what it said; nothing of the laboratory's own answers changes.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.atomic_files import WriteFailed, write_document
from wizard.core import limits
from wizard.core.answers_file import AnswersFileError, assessment_from_dict, assessment_to_dict
from wizard.core.evaluation import Evaluation, evaluate
from wizard.core.model import Assessment
from wizard.core.parties import Party, same_party
from wizard.core.processors import PROTECTIONS, Processor, ReceivedAssessment, SentRequest
from wizard.core.request_file import Request, request_body, request_bytes
from wizard.core.response_file import ATTACHMENT_NAME, ResponseFileError, read_response_info
from wizard.core.vendor_findings import Suggestion, received_from, suggestions
from wizard.i18n import _, format_number
from wizard.operations.errors import OperationError
from wizard.report.covering_letter import build_letter
from wizard.report.embedded import EmbeddedAssessmentError, decode_assessment
from wizard.signing.verify import (
    AlteredPdf,
    PasswordRequired,
    SignatureCheck,
    VerifyError,
    WrongPassword,
    integrity_ok,
    verify_document,
)
from wizard.typography import typeset

if TYPE_CHECKING:
    from wizard.operations.processors import Processors

ANSWER_DAYS = 30  # the time a processor is given to answer, by default


class ResponseRefused(OperationError):
    """The response is not imported; the message says why. Nothing was stored."""


class PasswordNeeded(ResponseRefused):
    """The response is protected by a password and none (or a wrong one) was given."""


class SignerChanged(ResponseRefused):
    """Signed with another key than the one pinned for this processor: accepted only explicitly."""

    def __init__(self, message: str, pinned: str, found: str) -> None:
        super().__init__(message)
        self.pinned = pinned
        self.found = found


@dataclass(frozen=True)
class CreatedRequest:
    request: Request
    file: Path
    letter: Path


@dataclass(frozen=True)
class ImportedResponse:
    processor: Processor
    received: ReceivedAssessment
    evaluation: Evaluation  # the processor's assessment, read with this Vigie's content
    suggestions: tuple[Suggestion, ...]  # the laboratory's answers to revisit (never changed)
    lab_assessment: Assessment | None  # the laboratory's assessment the suggestions are about
    pinned_now: bool = False  # the signer's certificate was pinned at this first response
    new_signer: bool = False  # signed by another key than the pinned one, accepted on confirmation
    signature: SignatureCheck | None = None
    # The request asked for a response protected by a password and this one was not: the
    # vendor's answers travelled in clear. Imported all the same (refusing would not undo it).
    unprotected: bool = False


# -- a request out ---------------------------------------------------------------------------------
def create_request(processors: Processors, ref: str, out: Path, *, due: date | None = None, protection: str = "none",
                   message: str = "", letter: Path | None = None, today: date | None = None,
                   lang: str = "fr") -> CreatedRequest:
    """Write the request file to out and its covering letter (PDF) beside it (or to letter), and
    record the request with the processor. Nothing is written when a value is wrong."""
    from wizard.core import checks

    today = today or date.today()
    processor = processors.find(ref)
    lab = processors.lab()
    if not lab.name.strip():
        raise OperationError(typeset(_("indiquez d’abord qui est le laboratoire (son nom, son SIRET, un contact) : "
                                      "la demande le dit au prestataire")))
    if protection not in PROTECTIONS:
        raise OperationError(typeset(_("protection : {choices} attendu, {got} trouvé")).format(
            choices=", ".join(PROTECTIONS), got=protection))
    due = due or today + timedelta(days=ANSWER_DAYS)
    try:
        checks.text(message, "message", limits.TEXT)
        checks.day(due.isoformat(), "due")
    except checks.FieldError as exc:
        raise OperationError(typeset(_("{error} ; rien n’a été enregistré.")).format(error=exc)) from None
    if due < today:
        raise OperationError(typeset(_("l’échéance {due} est déjà passée")).format(due=due.isoformat()))
    questionnaire = processors.workspace.registry.default
    request = Request(id=str(uuid.uuid4()), created=today.isoformat(), due=due.isoformat(), lab=lab,
                      processor=Party(processor.name, processor.siret, contact=processor.contact),
                      services=processor.services, data=processor.data, framework=questionnaire.framework.id,
                      content_version=questionnaire.framework.content_version, protection=protection, message=message)
    data = request_bytes(request)
    letter = letter or out.with_name(f"{out.stem}-lettre.pdf")
    pdf = build_letter(request, questionnaire.relations, file_name=out.name,
                       file_sha256=hashlib.sha256(data).hexdigest(), lang=lang)
    written: list[Path] = []
    try:
        for path, content in ((out, data), (letter, pdf)):
            write_document(path, content)
            written.append(path)
    except WriteFailed as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise OperationError(str(exc)) from None
    try:
        processors.correspondence.put("sent", request.id, {"request": request_body(request), "party": processor.id,
                                                           "response": None})
        sent = SentRequest(request.id, request.created, request.due, protection)
        processors.replace(replace(processors.find(processor.id), requests=(*processor.requests, sent)))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return CreatedRequest(request, out, letter)


# -- a response in -----------------------------------------------------------------------------------
def _refuse(path: Path, message: str) -> ResponseRefused:
    return ResponseRefused(typeset(_("{file} : {problem} ; rien n’a été importé.")).format(file=path, problem=message))


def _verified(path: Path, processors: Processors, password: str | None) -> tuple[Any, SignatureCheck]:
    """The verification of a response whose signatures and attachments hold, and the signature
    that covers them."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc)) from None
    if size > limits.FILE_BYTES:
        raise _refuse(path, _("fichier trop volumineux ({size} octets)").format(size=format_number(size)))
    try:
        result = verify_document(path, data_dir=processors.workspace.data_dir, password=password, also=(ATTACHMENT_NAME,))
    except PasswordRequired:
        raise PasswordNeeded(typeset(_("{file} : cette réponse est protégée par un mot de passe ; indiquez celui "
                                      "convenu avec le prestataire.")).format(file=path)) from None
    except WrongPassword:
        raise PasswordNeeded(typeset(_("{file} : ce mot de passe n’ouvre pas la réponse ; rien n’a été "
                                      "importé.")).format(file=path)) from None
    except AlteredPdf:
        raise _refuse(path, _("la réponse a été modifiée après sa signature (son code d’intégrité ne correspond "
                              "plus)")) from None
    except VerifyError as exc:
        raise ResponseRefused(typeset(_("{error} Rien n’a été importé.")).format(error=exc)) from None
    checks = result.signatures
    if not checks:
        raise _refuse(path, _("cette réponse ne porte aucune signature"))
    if not all(c.intact for c in checks):
        raise _refuse(path, _("la réponse a été modifiée après sa signature (signature non valable)"))
    if not integrity_ok(checks):
        raise _refuse(path, _("la réponse a été modifiée après sa signature : la dernière signature ne couvre pas "
                              "tout le fichier"))
    own = result.others.get(ATTACHMENT_NAME)
    if result.attachment.check is None or own is None or own.check is None:
        raise _refuse(path, _("ce PDF n’est pas une réponse Vigie (l’évaluation ou la description de la réponse "
                              "manque)"))
    if not (result.attachment.covered and own.covered):
        raise _refuse(path, _("une pièce jointe a été ajoutée ou remplacée après la signature"))
    signature = next(c for c in checks if c.field == own.covered_by)
    return result, signature


def import_response(processors: Processors, path: Path, *, password: str | None = None,
                    accept_new_signer: bool = False, today: date | None = None) -> ImportedResponse:
    """Check a processor's signed response completely, then record it with the processor."""
    today = today or date.today()
    questionnaire = processors.workspace.registry.default
    relations = processors.relations
    result, signature = _verified(path, processors, password)
    own = result.others[ATTACHMENT_NAME]
    try:
        if not own.check.matches:
            raise ResponseFileError(_("la description de la réponse ne correspond plus à son empreinte"))
        info = read_response_info(own.check.payload, questionnaire)
        data = decode_assessment(result.attachment.check, str(path))
        vendor = assessment_from_dict(data, questionnaire)
    except (ResponseFileError, EmbeddedAssessmentError, AnswersFileError) as exc:
        raise _refuse(path, str(exc)) from None
    if vendor.profile != relations.processor:
        raise _refuse(path, _("l’évaluation jointe n’est pas celle d’un prestataire (profil « {profile} »)").format(
            profile=vendor.profile))
    if info.assessment_sha256 != result.attachment.check.actual:
        raise _refuse(path, _("l’évaluation jointe n’est pas celle que la réponse désigne"))
    sent = processors.correspondence.get("sent", info.request_id)
    lab = processors.register().lab
    if sent is None:
        raise _refuse(path, _("cette réponse répond à la demande {id}, que ce laboratoire n’a pas faite (la réponse "
                              "à la demande d’un autre laboratoire ?)").format(id=info.request_id))
    if lab.name.strip() and not same_party(lab, info.lab):
        raise _refuse(path, _("cette réponse est adressée à un autre laboratoire ({name})").format(name=info.lab.name))
    processor = processors.find(sent["party"])
    new_signer = bool(processor.pinned) and processor.pinned != signature.fingerprint
    if new_signer and not accept_new_signer:
        raise SignerChanged(typeset(_(
            "ATTENTION : {file} est signé avec une autre clé que les réponses précédentes de « {name} ». Clé "
            "connue : {pinned} ({known}) ; clé de cette réponse : {found} ({signer}). Ce peut être un certificat "
            "renouvelé, ou une réponse falsifiée : vérifiez auprès du prestataire, par un autre moyen que ce fichier, "
            "l’empreinte de sa nouvelle clé avant de l’accepter. Rien n’a été importé.")).format(
            file=path, name=processor.name, pinned=processor.pinned, known=processor.pinned_signer or "?",
            found=signature.fingerprint, signer=signature.signer), processor.pinned, signature.fingerprint)
    view = questionnaire.for_profile(vendor.profile)
    evaluation = evaluate(view, vendor)
    received = received_from(evaluation, request_id=info.request_id, received=today, vendor=info.vendor.name,
                             signer=signature.signer, fingerprint=signature.fingerprint,
                             content_version=info.content_version, protected=password is not None,
                             new_signer=new_signer)
    raw = path.read_bytes()
    sent["response"] = {"imported": today.isoformat(), "sha256": hashlib.sha256(raw).hexdigest(),
                        "pdf": base64.b64encode(raw).decode("ascii"), "assessment": assessment_to_dict(vendor)}
    processors.correspondence.put("sent", info.request_id, sent)
    pinned_now = not processor.pinned
    requests = tuple(replace(r, answered=today.isoformat()) if r.id == info.request_id else r
                     for r in processor.requests)
    kept = tuple(a for a in processor.assessments if a.request_id != info.request_id)
    updated = replace(processor, requests=requests, assessments=(*kept, received)[-limits.EXCHANGES:],
                      pinned=signature.fingerprint, pinned_signer=signature.signer)
    processors.replace(updated)
    lab_assessment = _lab_assessment(processors)
    found = suggestions(questionnaire.for_profile(relations.controller), lab_assessment, view, vendor) \
        if lab_assessment is not None else []
    asked_password = isinstance(sent.get("request"), dict) and sent["request"].get("protection") == "password"
    return ImportedResponse(updated, received, evaluation, tuple(found), lab_assessment, pinned_now, new_signer,
                            signature, unprotected=asked_password and password is None)


def unprotected_warning(vendor: str) -> str:
    """What the lab is told when a response it asked to protect arrives without a password."""
    return typeset(_("ATTENTION : votre demande exigeait une réponse protégée par un mot de passe ; celle de « {name} » "
                     "ne l’est pas : ses réponses ont circulé en clair. Elle a été importée ; signalez-le au "
                     "prestataire.")).format(name=vendor)


def _lab_assessment(processors: Processors) -> Assessment | None:
    """The laboratory's newest assessment the register applies to (its answers are the ones to revisit)."""
    controller = processors.relations.controller
    for summary in processors.workspace.summaries():
        if summary.profile != controller:
            continue
        assessment = processors.workspace.load(summary.id)
        if processors.applies(assessment):
            return assessment
    return None


def stored_response(processors: Processors, request_id: str) -> ImportedResponse | None:
    """A response imported earlier, from what the register kept; None when there is none."""
    sent = processors.correspondence.get("sent", request_id)
    if sent is None or not sent.get("response"):
        return None
    questionnaire = processors.workspace.registry.default
    processor = processors.find(sent["party"])
    received = next((a for a in processor.assessments if a.request_id == request_id), None)
    if received is None:
        return None
    try:
        vendor = assessment_from_dict(sent["response"]["assessment"], questionnaire)
    except (AnswersFileError, KeyError) as exc:
        raise OperationError(str(exc)) from None
    view = questionnaire.for_profile(vendor.profile)
    lab_assessment = _lab_assessment(processors)
    found = suggestions(questionnaire.for_profile(processors.relations.controller), lab_assessment, view, vendor) \
        if lab_assessment is not None else []
    return ImportedResponse(processor, received, evaluate(view, vendor), tuple(found), lab_assessment,
                            new_signer=received.new_signer)
