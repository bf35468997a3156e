"""Signing and counter-signing, failures that must leave no file, trust, tampering, attachment."""

from __future__ import annotations

import shutil

import pytest

from tests.signing.helpers import P12_PASSWORD, PASSPHRASE, pdfsig_verdicts, run


@pytest.fixture
def mini_plan(mini, tmp_path):
    """An unsigned report of the mini questionnaire: (path, assessment, view)."""
    from datetime import date

    from wizard.core.model import Answer, Assessment, Organisation
    from wizard.report import render_report

    view = mini.for_profile("lab")
    assessment = Assessment("lab", Organisation("Laboratoire Émile Roux"), date(2026, 11, 28), assessor="Zoé Martin",
                            answers={q.id: Answer("no") for q in view.questions})
    path = tmp_path / "plan.pdf"
    render_report(assessment, view, path)
    return path, assessment, view


def test_counter_signature_keeps_the_first_valid(signed_plan, consultant_p12, tmp_path):
    from wizard.signing import IdentitySpec, SignatureRequest, integrity_ok, sign_pdf, verify_pdf

    source, _a, _v = signed_plan
    out = tmp_path / "countersigned.pdf"
    sign_pdf(source, IdentitySpec("p12", path=consultant_p12.path, secret=P12_PASSWORD),
             SignatureRequest(signer_name="Étienne Léger", signer_role="Directeur du laboratoire"), out_path=out)
    assert pdfsig_verdicts(out) == ["Signature is Valid.", "Signature is Valid."]
    assert run("qpdf", "--check", str(out)).returncode == 0
    checks = verify_pdf(out)
    assert [(c.field, c.signer, c.intact) for c in checks] == [
        ("Signature1", "Zoé Martin", True), ("Signature2", "Étienne Léger", True)]
    assert checks[0].coverage == "revision" and checks[0].changes_allowed
    assert checks[1].covers_whole_document
    assert [c.certified for c in checks] == [True, False]
    assert integrity_ok(checks)  # neither signer is in the trust list: see tests/signing/test_trust.py


def test_all_frames_signed_then_a_named_field_adds_one(signed_plan, consultant_p12, tmp_path):
    from wizard.signing import IdentitySpec, SignatureRequest, SigningError, sign_pdf, verify_pdf

    source, _a, _v = signed_plan
    identity = IdentitySpec("p12", path=consultant_p12.path, secret=P12_PASSWORD)
    twice = sign_pdf(source, identity)
    with pytest.raises(SigningError, match="déjà signés"):
        sign_pdf(twice, identity)
    with pytest.raises(SigningError, match="déjà signé"):
        sign_pdf(twice, identity, SignatureRequest(field="Signature1"))
    out = tmp_path / "third.pdf"
    sign_pdf(twice, identity, SignatureRequest(field="Auditeur"), out_path=out)
    assert [c.field for c in verify_pdf(out)] == ["Signature1", "Signature2", "Auditeur"]
    assert pdfsig_verdicts(out) == ["Signature is Valid."] * 3


def test_a_pdf_without_signature_frames_needs_a_field_name(tmp_path, consultant_p12):
    from reportlab.pdfgen.canvas import Canvas

    from wizard.signing import IdentitySpec, SignatureRequest, SigningError, sign_pdf, verify_document

    plain = tmp_path / "courrier.pdf"
    canvas = Canvas(str(plain))
    canvas.drawString(100, 700, "Courrier")
    canvas.save()
    identity = IdentitySpec("p12", path=consultant_p12.path, secret=P12_PASSWORD)
    with pytest.raises(SigningError, match="pas de cadre de signature"):
        sign_pdf(plain, identity)
    out = tmp_path / "signé.pdf"
    sign_pdf(plain, identity, SignatureRequest(field="Visa"), out_path=out)
    result = verify_document(out)
    assert [(c.field, c.intact) for c in result.signatures] == [("Visa", True)]
    assert result.attachment.state == "absent"


def test_only_the_first_signature_may_certify(signed_plan, consultant_p12):
    from wizard.signing import IdentitySpec, SignatureRequest, SigningError, sign_pdf

    source, _a, _v = signed_plan
    with pytest.raises(SigningError, match="première signature"):
        sign_pdf(source, IdentitySpec("p12", path=consultant_p12.path, secret=P12_PASSWORD),
                 SignatureRequest(certify=True))


def test_tampered_byte_is_detected(signed_plan, tmp_path):
    from wizard.signing import integrity_ok, verify_pdf

    source, _a, _v = signed_plan
    data = bytearray(source.read_bytes())
    index = data.find(b"Vigie")  # the Creator entry: inside the signed range, not the signature itself
    assert 0 < index
    data[index] = ord("W")
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    checks = verify_pdf(bad)
    assert [c.intact for c in checks] == [False]
    assert "modifié" in checks[0].problem
    assert not integrity_ok(checks)
    assert pdfsig_verdicts(bad) != ["Signature is Valid."]


def test_content_added_after_signing_is_reported(signed_plan, tmp_path):
    """An incremental update that edits the document (not a signature) breaks no byte range,
    but the signature no longer covers the file and the change is named."""
    from io import BytesIO

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from wizard.signing import integrity_ok, verify_pdf

    source, _a, _v = signed_plan
    writer = IncrementalPdfFileWriter(BytesIO(source.read_bytes()))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)
    writer.update_container(page)
    edited = tmp_path / "edited.pdf"
    with open(edited, "wb") as handle:
        writer.write(handle)
    checks = verify_pdf(edited)
    assert checks[0].intact and not checks[0].covers_whole_document
    assert checks[0].changes_after == "other" and not checks[0].changes_allowed
    assert "autres que des signatures" in checks[0].problem
    assert not integrity_ok(checks)


@pytest.mark.parametrize("case", ["wrong p12 password", "wrong passphrase", "missing module", "missing folder"])
def test_failures_leave_no_file_and_keep_the_old_one(case, mini_plan, personal, consultant_p12, tmp_path):
    from wizard.operations.plans import ExportError, export_signed_plan
    from wizard.signing import IdentitySpec

    _path, assessment, view = mini_plan
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "plan-signé.pdf"
    identity = {
        "wrong p12 password": IdentitySpec("p12", path=consultant_p12.path, secret="faux"),
        "wrong passphrase": IdentitySpec("personal", secret="pas la bonne", data_dir=personal.data_dir),
        "missing module": IdentitySpec("pkcs11", path=tmp_path / "absent.so", token_label="t", key_label="k",
                                       secret="1234"),
        "missing folder": personal,
    }[case]
    if case == "missing folder":
        target = out_dir / "absent" / "plan.pdf"
    else:
        target.write_bytes(b"previous export")
    expected = {"wrong p12 password": "Mot de passe incorrect", "wrong passphrase": "Mot de passe incorrect pour l.identité",
                "missing module": "Module PKCS#11 introuvable", "missing folder": "existe pas"}[case]
    with pytest.raises(ExportError, match=expected):
        export_signed_plan(assessment, view, target, identity, signer_name="Zoé Martin", signer_role="")
    if case == "missing folder":
        assert not target.parent.exists()
    else:
        assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in out_dir.iterdir()) == ([] if case == "missing folder" else [target.name])


def test_export_reports_progress_and_signs_with_the_session(mini_plan, personal, tmp_path):
    from wizard.operations.plans import export_signed_plan
    from wizard.signing import verify_pdf

    _path, assessment, view = mini_plan
    steps: list[float] = []
    out = export_signed_plan(assessment, view, tmp_path / "p.pdf", personal, signer_name="Zoé Martin",
                             signer_role="Biologiste", progress=lambda _m, f: steps.append(f))
    assert steps == sorted(steps) and steps[-1] == 1.0
    assert [c.intact for c in verify_pdf(out)] == [True]


def test_trust_list_moves_a_signer_from_unknown_to_trusted(signed_plan, consultant_p12, tmp_path, data_dir):
    from wizard.signing import IdentitySpec, add_trusted, list_trusted, remove_trusted, sign_pdf, verify_pdf

    source, _a, _v = signed_plan
    out = tmp_path / "two.pdf"
    sign_pdf(source, IdentitySpec("p12", path=consultant_p12.path, secret=P12_PASSWORD), out_path=out)
    assert [c.trust for c in verify_pdf(out)] == ["self-signed", "unknown-issuer"]
    ca = add_trusted(consultant_p12.ca_certificate)
    assert [c.trust for c in verify_pdf(out)] == ["self-signed", "trusted"]
    assert [t.fingerprint for t in list_trusted()] == [ca.fingerprint]
    remove_trusted(ca.fingerprint[:12])
    assert list_trusted() == []
    assert [c.trust for c in verify_pdf(out)] == ["self-signed", "unknown-issuer"]


def test_personal_identity_export_and_restore(personal, mini_plan, tmp_path, data_dir):
    from tests.signing.helpers import run
    from wizard.signing import (
        IdentitySpec,
        SigningError,
        export_personal_identity,
        personal_identity,
        restore_personal_identity,
        sign_pdf,
        verify_pdf,
    )

    original = personal_identity(data_dir)
    assert original.name == "Zoé Martin" and original.organisation == "Laboratoire des Tilleuls"
    backup = export_personal_identity(tmp_path / "sauvegarde.p12", PASSPHRASE, "export-secret-9", data_dir=data_dir)
    with pytest.raises(SigningError, match="Mot de passe incorrect pour l.identité"):
        export_personal_identity(tmp_path / "x.p12", "mauvaise-phrase", "export-secret-9", data_dir=data_dir)
    # The backup is a standard .p12 that other software opens.
    from cryptography.hazmat.primitives.serialization import pkcs12

    key, cert, _chain = pkcs12.load_key_and_certificates(backup.read_bytes(), b"export-secret-9")
    assert key is not None and cert is not None
    if shutil.which("openssl"):
        assert run("openssl", "pkcs12", "-in", str(backup), "-passin", "pass:export-secret-9",
                   "-nokeys").returncode == 0
    other = tmp_path / "other-pc"
    restored = restore_personal_identity(backup, "export-secret-9", "nouvelle-phrase-1", data_dir=other)
    assert restored.fingerprint == original.fingerprint
    source, _a, _v = mini_plan
    signed = tmp_path / "signed.pdf"
    sign_pdf(source, IdentitySpec("personal", secret="nouvelle-phrase-1", data_dir=other), out_path=signed)
    assert [c.fingerprint for c in verify_pdf(signed)] == [original.fingerprint]


def test_short_passphrase_and_second_identity_refused(personal, data_dir):
    from wizard.signing import SigningError, create_personal_identity

    with pytest.raises(SigningError, match="au moins 8"):
        create_personal_identity("Zoé", "Labo", "court", data_dir=data_dir / "elsewhere")
    with pytest.raises(SigningError, match="existe déjà"):
        create_personal_identity("Zoé", "Labo", "assez-longue", data_dir=data_dir)


def test_embedded_assessment_round_trip(signed_plan):
    from tests.conftest import ROOT
    from wizard.core.answers_file import assessment_to_dict
    from wizard.core.questionnaire import load_questionnaire
    from wizard.operations.plan_import import assessment_from_plan

    source, assessment, _v = signed_plan
    found = assessment_from_plan(source, load_questionnaire(ROOT / "questionnaires"))
    assert found.signature.field == "Signature1" and found.signature.signer == "Zoé Martin"
    assert assessment_to_dict(found.assessment) == assessment_to_dict(assessment)
    assert all(a.note.startswith("Pas de procédure") for a in found.assessment.answers.values())


def test_embedded_assessment_errors(mini_plan, mini, tmp_path):
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from reportlab.pdfgen.canvas import Canvas

    from wizard.operations.plan_import import PlanImportError, assessment_from_plan
    from wizard.report.embedded import attach_assessment

    plain = tmp_path / "plain.pdf"
    canvas = Canvas(str(plain))
    canvas.drawString(100, 100, "Hello")
    canvas.save()
    with pytest.raises(PlanImportError, match="ne contient pas de copie"):
        assessment_from_plan(plain, mini)
    with pytest.raises(PlanImportError, match="introuvable"):
        assessment_from_plan(tmp_path / "absent.pdf", mini)
    (tmp_path / "not.pdf").write_text("bonjour")
    with pytest.raises(PlanImportError, match="pas un fichier PDF"):
        assessment_from_plan(tmp_path / "not.pdf", mini)
    writer = IncrementalPdfFileWriter(BytesIO(plain.read_bytes()))
    attach_assessment(writer, b'{"format": "vigie-answers"}', "0" * 64)
    forged = tmp_path / "forged.pdf"
    with open(forged, "wb") as handle:
        writer.write(handle)
    with pytest.raises(PlanImportError, match="modifiée"):
        assessment_from_plan(forged, mini, accept_unsigned=True)


def test_stamp_text_stays_inside_its_box(mini_plan, personal, tmp_path):
    """A long name, role and reason are shrunk into the frame, never cut or spilling out."""
    import re

    from pyhanko.pdf_utils.reader import PdfFileReader

    from wizard.report.document import PAGE_HEIGHT
    from wizard.signing import SignatureRequest, sign_pdf

    source, _a, _v = mini_plan
    out = tmp_path / "long-stamp.pdf"
    sign_pdf(source, personal, SignatureRequest(
        signer_name="Marie-Hélène de La Rochefoucauld-Montmorency-Saint-Exupéry",
        signer_role="Directrice qualité, gestion des risques et conformité réglementaire, évaluatrice principale",
        reason="validation du plan d’action après la revue de direction du troisième trimestre"), out_path=out)
    with open(out, "rb") as handle:
        reader = PdfFileReader(handle)
        field = next(f.get_object() for f in reader.root["/AcroForm"]["/Fields"]
                     if f.get_object()["/T"] == "Signature1")
        x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
        page_count = int(reader.root["/Pages"]["/Count"])
    bbox = run("pdftotext", "-bbox", "-f", str(page_count), "-l", str(page_count), str(out), "-").stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', bbox)
    stamp = [w for w in words if any(k in w[4] for k in ("Signé", "Rochefoucauld", "trimestre", "principale"))]
    assert len(stamp) >= 3, bbox
    for x_min, y_min, x_max, y_max, text in stamp:
        # pdftotext counts y from the top of the page, PDF from the bottom.
        assert x0 <= float(x_min) and float(x_max) <= x1, text
        assert PAGE_HEIGHT - y1 <= float(y_min) and float(y_max) <= PAGE_HEIGHT - y0, text


def test_a_plan_open_in_a_reader_is_named_as_the_likely_cause(mini_plan, personal, tmp_path, monkeypatch):
    """On Windows a PDF open in a reader cannot be replaced (PermissionError): the message says
    so, the previous file stays and no temporary file is left."""
    from wizard import atomic_files
    from wizard.operations.plans import ExportError, export_signed_plan

    _path, assessment, view = mini_plan
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"the plan open in the reader")

    def locked(src, dst):
        raise PermissionError(13, "Accès refusé")
    monkeypatch.setattr(atomic_files.os, "replace", locked)
    with pytest.raises(ExportError) as err:
        export_signed_plan(assessment, view, target, personal, signer_name="Zoé Martin", signer_role="")
    message = str(err.value)
    assert "Impossible d’écrire" in message and "Accès refusé. Le fichier" in message
    assert "ouvert dans un autre programme (un lecteur PDF)" in message and "un autre nom" in message
    assert target.read_bytes() == b"the plan open in the reader"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["plan.pdf"]  # no temporary file left
