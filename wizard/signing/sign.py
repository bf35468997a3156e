"""PAdES signatures with pyHanko: into the next free field, or a named one; optionally certified.

A counter-signature is simply the next signature: each one goes in an incremental update,
so the earlier ones keep covering exactly the bytes they signed. The visible stamp shows
signer, role, date and reason in French, in the DejaVu font rescaled for pyHanko.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_datetime, format_time
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.stamp import TextStampStyle

from wizard.i18n import _, babel_locale, language
from wizard.report.fonts import stamp_font_path
from wizard.signing.chain import certificate_weaknesses, describe_weakness, validity_problem
from wizard.signing.identities import IdentitySpec, SigningError, open_signer
from wizard.typography import for_language

Warn = Callable[[str], None]  # receives a plain French warning; the signature goes on


@dataclass(frozen=True)
class SignatureRequest:
    """What the stamp says and where the signature goes."""

    signer_name: str = ""
    signer_role: str = ""
    reason: str = ""
    location: str = ""
    field: str | None = None  # None: the next free signature field
    certify: bool = False  # first signature only: later changes other than forms/signatures are flagged
    lang: str = "fr"


def _read_pdf(source: Path | bytes) -> bytes:
    if isinstance(source, bytes):
        return source
    try:
        return Path(source).read_bytes()
    except FileNotFoundError:
        raise SigningError(_("Fichier introuvable : {file}").format(file=source)) from None
    except OSError as exc:
        raise SigningError(_("Impossible de lire {file} : {error}").format(file=source, error=exc.strerror)) from None


def _writer(data: bytes, password: str | None = None) -> IncrementalPdfFileWriter:
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise SigningError(_("Ce fichier n'est pas un PDF lisible ({error}).").format(error=exc)) from None
    if writer.prev.encrypted:
        if password is None:
            raise SigningError(_("Ce PDF est chiffré (protégé par un mot de passe) : Vigie ne signe que des PDF "
                                 "non chiffrés. Enregistrez-en une copie sans mot de passe, puis signez-la."))
        try:
            writer.encrypt(password)
        except Exception:  # pyHanko raises its own types for a wrong password
            raise SigningError(_("Mot de passe du PDF incorrect.")) from None
    return writer


def check_signing_certificate(cert: Any, warn: Warn | None = None) -> None:
    """Refuse a certificate unfit to sign (SHA-1, a key not meant for signing); warn about one
    that is not valid today, since every reader will report the signature as not trusted."""
    weaknesses = certificate_weaknesses(cert)
    if weaknesses:
        raise SigningError(_("Ce certificat ne peut pas signer : {why}.").format(
            why="; ".join(describe_weakness(w) for w in weaknesses)))
    problem = validity_problem(cert, datetime.now(UTC))
    if problem and warn is not None:
        warn(_("attention : {detail} ; la signature sera faite, mais aucun lecteur PDF ne la tiendra pour "
               "valable.").format(detail=problem[1]))


def choose_field(writer: IncrementalPdfFileWriter, wanted: str | None) -> tuple[str, bool]:
    """(field name, whether it already exists): the named field, or the first empty one."""
    all_fields = {name: value for name, value, _ref in fields.enumerate_sig_fields(writer)}
    if wanted:
        if all_fields.get(wanted) is not None:
            raise SigningError(_("Le champ de signature « {field} » est déjà signé.").format(field=wanted))
        return wanted, wanted in all_fields
    for name, value in all_fields.items():
        if value is None:
            return name, True
    if not all_fields:
        raise SigningError(_("Ce document n'a pas de cadre de signature ; indiquez un nom de champ pour y "
                             "ajouter une signature."))
    raise SigningError(_("Tous les cadres de signature de ce document sont déjà signés ; indiquez un "
                         "nom de champ pour ajouter une signature supplémentaire."))


def stamp_style() -> TextStampStyle:
    font = GlyphAccumulatorFactory(str(stamp_font_path()), font_size=10)
    return TextStampStyle(
        stamp_text="%(line1)s\n%(line2)s\n%(line3)s\n%(line4)s",
        text_box_style=TextBoxStyle(font=font, font_size=10, leading=13),
        border_width=1,
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MID, margins=Margins.uniform(6)),
    )


def stamp_lines(request: SignatureRequest, when: datetime, certificate_name: str) -> dict[str, str]:
    name = request.signer_name or certificate_name
    locale = babel_locale(request.lang)
    with language(request.lang):  # the stamp speaks the document's language, whatever the interface's
        lines = {
            "line1": _("Signé par {name}").format(name=name),
            "line2": request.signer_role or " ",
            "line3": _("Le {date} à {time} ({zone})").format(
                date=format_date(when, "long", locale=locale), time=format_time(when, "HH:mm", locale=locale),
                zone=format_datetime(when, "ZZZZ", locale=locale)),
            "line4": _("Motif : {reason}").format(reason=request.reason or default_reason()),
        }
    return {k: for_language(v, request.lang) for k, v in lines.items()}


def _check_stamp_texts(request: SignatureRequest) -> None:
    """What the stamp and the signature dictionary will say, bounded as every name Vigie stores
    is: a name pasted by mistake (a whole letter) is refused before any key is touched."""
    from wizard.core import checks, limits

    try:
        for value, where, limit in ((request.signer_name, _("nom du signataire"), limits.NAME),
                                    (request.signer_role, _("fonction du signataire"), limits.NAME),
                                    (request.location, _("lieu de la signature"), limits.NAME),
                                    (request.reason, _("motif de la signature"), limits.ACTION_TITLE)):
            checks.text(value, where, limit)
    except checks.FieldError as exc:
        raise SigningError(for_language(_("{error} ; rien n’a été signé.").format(error=exc), request.lang)) from None


def default_reason() -> str:
    return _("approbation du plan d'action")


def sign_pdf(source: Path | bytes, identity: IdentitySpec, request: SignatureRequest | None = None, *,
             out_path: Path | None = None, warn: Warn | None = None, password: str | None = None) -> bytes:
    """Sign a PDF and return the signed bytes; also write them atomically to out_path if given.

    The signature goes into request.field, or the first empty signature field (the visible
    frames of the report's signature page, in order). request.certify makes it a
    certification signature allowing later form filling and signatures only. A certificate
    that is expired or not yet valid is used, after a warning through warn; one signed with
    SHA-1 or not meant for signing is refused. Raises SigningError (plain French) on any
    failure; out_path is then left untouched. password opens a PDF protected by one (AES-256):
    the signature goes into it and the file stays protected.
    """
    request = request or SignatureRequest()
    _check_stamp_texts(request)
    data = _read_pdf(source)
    writer = _writer(data, password)
    field_name, _exists = choose_field(writer, request.field)
    if request.certify and any(v is not None for _n, v, _r in fields.enumerate_sig_fields(writer)):
        raise SigningError(_("Seule la première signature d'un document peut le certifier."))
    out = BytesIO()
    with open_signer(identity) as signer:
        if signer.signing_cert is None:
            raise SigningError(_("Le support de signature ne fournit aucun certificat."))
        check_signing_certificate(signer.signing_cert, warn)
        try:
            cert_name = signer.signing_cert.subject.native.get("common_name", "")
            meta = signers.PdfSignatureMetadata(
                field_name=field_name, reason=request.reason or default_reason(),
                location=request.location or None, name=request.signer_name or cert_name or None,
                subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
                certify=request.certify,
                docmdp_permissions=fields.MDPPerm.FILL_FORMS)
            pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=stamp_style())
            pdf_signer.sign_pdf(writer, output=out, appearance_text_params=stamp_lines(
                request, datetime.now().astimezone(), cert_name))
        except SigningError:
            raise
        except (PyHankoSigningError, PdfError) as exc:
            raise SigningError(_("La signature a échoué : {error}").format(error=exc)) from None
        except Exception as exc:  # token and crypto back-ends raise their own types
            raise SigningError(_("La signature a échoué ({kind}) : {error}").format(
                kind=type(exc).__name__, error=str(exc) or _("erreur sans détail"))) from None
    signed = out.getvalue()
    if out_path is not None:
        write_output(Path(out_path), signed)
    return signed


def write_output(path: Path, data: bytes) -> None:
    """Replace path with data atomically; a plain French error when the folder is not writable."""
    from wizard.atomic_files import WriteFailed, write_document

    try:
        write_document(path, data)
    except WriteFailed as exc:
        raise SigningError(str(exc)) from None
