"""The signed action plan: lay out, sign, and only then put the file in place; verify a plan.

The PDF is built in memory, signed, and written atomically over the target (the one writer
of wizard.atomic_files) once everything succeeded: a wrong password, a
wrong PIN, a missing PKCS#11 module or an unwritable folder leaves no file behind (and an
existing file with the same name untouched). The UI calls this from a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from wizard.atomic_files import WriteFailed, write_document
from wizard.core.model import Assessment
from wizard.core.questionnaire import Questionnaire
from wizard.i18n import _
from wizard.report import build_report
from wizard.report.evolution import showing
from wizard.signing.identities import IdentitySpec, SigningError
from wizard.signing.sign import SignatureRequest, sign_pdf
from wizard.signing.verify import SignatureCheck, Verification, VerifyError, verify_document

__all__ = ["ExportError", "SignatureCheck", "SignatureRequest", "SigningError", "Verification", "VerifyError",
           "export_signed_plan", "sign_plan", "verify_plan"]

Progress = Callable[[str, float], None]  # (what is happening, fraction done 0–1)


class ExportError(Exception):
    """The plan could not be exported; the message is plain French, nothing was written."""


def _assessment_and_questionnaire(source: Any, questionnaire: Questionnaire | None) -> tuple[Assessment, Questionnaire]:
    if isinstance(source, Assessment):
        if questionnaire is None:
            raise ExportError(_("Questionnaire manquant pour l'export."))
        return source, questionnaire
    # A wizard.operations.session.Session: its questionnaire is already the profile view.
    return source.assessment, questionnaire or source.questionnaire


def _evolution(source: Any) -> Any:  # noqa: ANN401 - wizard.core.compare.Evolution | None
    """A re-assessment opened in a session: its comparison with the assessment it started from,
    for the report's evolution page (read from the session's store; None otherwise)."""
    store = getattr(source, "store", None)
    if store is None or isinstance(source, Assessment):
        return None
    from wizard.operations.comparing import evolution
    from wizard.storage import StorageError

    try:
        return evolution(store, source.evaluation())
    except (StorageError, OSError):
        return None  # the earlier assessments cannot be read now: the report goes without that page


def write_replacing(out_path: Path, data: bytes) -> None:
    """The plan in place of out_path, atomically (wizard.atomic_files); ExportError otherwise."""
    try:
        write_document(out_path, data)
    except WriteFailed as exc:
        raise ExportError(str(exc)) from None


def export_signed_plan(session_or_assessment: Any, questionnaire: Questionnaire | None, out_path: Path | str,
                       identity: IdentitySpec | None, *, signer_name: str, signer_role: str, lang: str = "fr",
                       progress: Progress | None = None, certify: bool = False,
                       warn: Callable[[str], None] | None = None) -> Path:
    """Write the signed action plan to out_path and return it.

    session_or_assessment: a wizard.operations.session.Session (its profile questionnaire is used when
    questionnaire is None) or an Assessment with the profile view of the questionnaire.
    identity: who signs, with its secret (password, passphrase or PIN); None writes the
    report unsigned, with its empty signature fields. The signature goes in the first
    signature field (the assessor's). warn receives the signature's warnings (a certificate
    out of its validity period). Raises ExportError with a plain French message.
    """
    report = progress or (lambda _message, _fraction: None)
    assessment, view = _assessment_and_questionnaire(session_or_assessment, questionnaire)
    target = Path(out_path)
    report(_("Mise en page du plan d'action…"), 0.1)
    try:
        # A session's evaluation is linked to the register of processors (their actions, the annex).
        evaluation = None if isinstance(session_or_assessment, Assessment) else session_or_assessment.evaluation()
        with showing(_evolution(session_or_assessment)):
            data, _info = build_report(assessment, view, lang=lang, evaluation=evaluation)
    except OSError as exc:
        raise ExportError(_("Le rapport n'a pas pu être mis en page : {error}").format(error=exc)) from None
    if identity is not None:
        report(_("Signature…"), 0.6)
        try:
            data = sign_pdf(data, identity, SignatureRequest(signer_name=signer_name, signer_role=signer_role,
                                                             certify=certify, lang=lang), warn=warn)
        except SigningError as exc:
            raise ExportError(str(exc)) from None
    report(_("Enregistrement du fichier…"), 0.9)
    write_replacing(target, data)
    report(_("Plan d'action enregistré."), 1.0)
    return target


def sign_plan(source: Path | bytes, identity: IdentitySpec, request: SignatureRequest, *,
              out_path: Path | None = None, warn: Callable[[str], None] | None = None) -> bytes:
    """Sign (or countersign) a plan into its next free frame, or request.field; the signed bytes,
    written atomically to out_path when given. SigningError with a plain message otherwise."""
    return sign_pdf(source, identity, request, out_path=out_path, warn=warn)


def verify_plan(path: Path | str, *, data_dir: Path | str | None = None) -> Verification:
    """Every signature of a plan, the attached assessment and the verdict (intact, trusted, covered)."""
    return verify_document(path, data_dir=data_dir)
