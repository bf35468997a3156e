"""Forged plans, each made with pyHanko as an attacker would: the attachment replaced after the
signature, a re-saved copy without signatures, a signed byte changed, a counter-signature that
paints over page 1, a signature with any certificate or SHA-1, an encrypted copy, a damaged list of attachments."""

from __future__ import annotations

import hashlib
import json
from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.content import RawContent
from pyhanko.pdf_utils.embed import EmbeddedFileObject, FileSpec
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, BoxConstraints, InnerScaling, SimpleBoxLayoutRule
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign import fields, signers
from pyhanko.stamp import TextStampStyle

from tests.signing.helpers import P12_PASSWORD
from wizard.report.embedded import ATTACHMENT_NAME

FORGED_ORGANISATION = "Labo FALSIFIE"


def _write(writer, path: Path) -> Path:
    out = BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())
    return path


def forged_answers(source: Path) -> bytes:
    """The plan's attached answers with the organisation renamed and every answer « Oui »."""
    from wizard.report.embedded import check_embedded

    data = json.loads(check_embedded(PdfFileReader(BytesIO(source.read_bytes()))).payload)
    data["organisation"]["name"] = FORGED_ORGANISATION
    for answer in data["answers"].values():
        answer["value"] = "yes"
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _replace_attachment(writer, payload: bytes) -> None:
    """Point the /EmbeddedFiles entry at a new file whose description carries payload's digest."""
    stream = EmbeddedFileObject.from_file_data(writer, payload, mime_type="application/json")
    spec = FileSpec(file_spec_string=ATTACHMENT_NAME, file_name=ATTACHMENT_NAME, embedded_data=stream,
                    description=f"Évaluation Vigie (réponses) — SHA-256 : {hashlib.sha256(payload).hexdigest()}")
    tree = writer.root["/Names"]["/EmbeddedFiles"]
    names = tree["/Names"]
    names[1] = writer.add_object(spec.as_pdf_object())
    raw = tree.raw_get("/Names")
    writer.update_container(names if isinstance(raw, generic.IndirectObject) else tree)


def attachment_replaced(source: Path, out: Path) -> Path:
    """An incremental update after the signature: another attachment, with its own digest."""
    writer = IncrementalPdfFileWriter(BytesIO(source.read_bytes()))
    _replace_attachment(writer, forged_answers(source))
    return _write(writer, out)


def resaved_unsigned(source: Path, out: Path) -> Path:
    """The plan saved again as a new file: signatures dropped, the attachment replaced."""
    payload = forged_answers(source)
    writer = copy_into_new_writer(PdfFileReader(BytesIO(source.read_bytes())))
    for field in writer.root["/AcroForm"]["/Fields"]:
        field = field.get_object()
        for key in ("/V", "/AP"):
            field.pop(key, None)
    writer.root.pop("/Perms", None)
    _replace_attachment(writer, payload)
    return _write(writer, out)


def signed_byte_changed(source: Path, out: Path) -> Path:
    """One byte changed inside the signed range (the Creator entry): the signature breaks."""
    data = bytearray(source.read_bytes())
    data[data.index(b"Vigie")] = ord("W")
    out.write_bytes(bytes(data))
    return out


def _signer(p12: Path):
    return signers.SimpleSigner.load_pkcs12(str(p12), passphrase=P12_PASSWORD.encode())


def painted_over(source: Path, p12: Path, out: Path, *, page: int = 0) -> Path:
    """A counter-signature in a new field whose widget covers a whole page: white, and
    « PLAN CONFORME / Score global : 100 % / Aucune action requise » written over it."""
    from wizard.report.fonts import register_fonts, stamp_font_path

    register_fonts()
    writer = IncrementalPdfFileWriter(BytesIO(source.read_bytes()))
    x0, y0, x1, y1 = (float(v) for v in writer.root["/Pages"]["/Kids"][page].get_object()["/MediaBox"])
    white = RawContent(b"1 g 0 0 100 100 re f", box=BoxConstraints(100, 100))
    style = TextStampStyle(
        stamp_text="PLAN CONFORME\nScore global : 100 %%\nAucune action requise", border_width=0,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(stamp_font_path()), font_size=30), font_size=30),
        background=white, background_opacity=1, background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID, y_align=AxisAlignment.ALIGN_MID,
            inner_content_scaling=InnerScaling.STRETCH_FILL))
    pdf_signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(field_name="Conformite", subfilter=fields.SigSeedSubFilter.PADES),
        signer=_signer(p12), stamp_style=style,
        new_field_spec=fields.SigFieldSpec("Conformite", on_page=page, box=(x0, y0, x1, y1)))
    out_buffer = BytesIO()
    pdf_signer.sign_pdf(writer, output=out_buffer)
    out.write_bytes(out_buffer.getvalue())
    return out


def signed_with(source: Path, p12: Path, out: Path, *, md_algorithm: str = "sha256") -> Path:
    """Signed in the first frame by pyHanko alone (no check of the certificate), with the given
    digest: how a plan signed with a weak certificate or SHA-1 comes about."""
    writer = IncrementalPdfFileWriter(BytesIO(source.read_bytes()))
    out_buffer = BytesIO()
    signers.PdfSigner(signers.PdfSignatureMetadata(field_name="Signature1", md_algorithm=md_algorithm,
                                                   subfilter=fields.SigSeedSubFilter.PADES),
                      signer=_signer(p12)).sign_pdf(writer, output=out_buffer)
    out.write_bytes(out_buffer.getvalue())
    return out


def encrypted(source: Path, out: Path, *, user_password: str = "") -> Path:
    """The plan saved again, encrypted (RC4/AES by pyHanko's standard security handler)."""
    writer = copy_into_new_writer(PdfFileReader(BytesIO(source.read_bytes())))
    writer.encrypt("proprietaire-secret", user_password)
    return _write(writer, out)


def damaged_attachment_list(source: Path, out: Path, kind: str) -> Path:
    """An update that breaks /EmbeddedFiles: "number" (not a dictionary), "odd" (a /Names array
    of odd length), "loop" (the tree's only /Kids entry is the tree itself)."""
    writer = IncrementalPdfFileWriter(BytesIO(source.read_bytes()))
    names = writer.root["/Names"]
    if kind == "number":
        names["/EmbeddedFiles"] = generic.NumberObject(7)
        writer.update_container(names)
    else:
        tree_ref = names.raw_get("/EmbeddedFiles")
        if not isinstance(tree_ref, generic.IndirectObject):
            tree_ref = writer.add_object(names["/EmbeddedFiles"])
            names["/EmbeddedFiles"] = tree_ref
            writer.update_container(names)
        tree = tree_ref.get_object()
        if kind == "odd":
            tree["/Names"] = generic.ArrayObject([generic.TextStringObject(ATTACHMENT_NAME)])
        else:
            del tree["/Names"]
            tree["/Kids"] = generic.ArrayObject([tree_ref])
        writer.mark_update(tree_ref)
    return _write(writer, out)
