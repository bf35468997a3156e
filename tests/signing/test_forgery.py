"""Forged plans: `verify` fails each with the right exit code and words, `import` restores none.

Each forgery is built with pyHanko (tests/signing/forgery.py) from a genuine plan of the mini
questionnaire, signed by the consultant's certificate (issued by a test authority).
"""

from __future__ import annotations

import json
from io import BytesIO

import pytest

from tests.conftest import MINI_QUESTIONNAIRE
from tests.signing import forgery
from tests.signing.helpers import P12_PASSWORD, flat

MINI = {"VIGIE_QUESTIONNAIRE_DIR": str(MINI_QUESTIONNAIRE)}


@pytest.fixture(scope="module")
def genuine(tmp_path_factory, consultant_p12):
    """The mini lab plan, answered « Non » everywhere, signed by the consultant."""
    from datetime import date

    from wizard.core.model import Answer, Assessment, Organisation
    from wizard.core.questionnaire import load_questionnaire
    from wizard.report import build_report
    from wizard.signing import IdentitySpec, sign_pdf

    view = load_questionnaire(MINI_QUESTIONNAIRE).for_profile("lab")
    assessment = Assessment("lab", Organisation("Laboratoire des Tilleuls"), date(2026, 11, 28),
                            assessor="Zoé Martin", answers={q.id: Answer("no") for q in view.questions})
    data, _info = build_report(assessment, view)
    out = tmp_path_factory.mktemp("genuine") / "plan.pdf"
    out.write_bytes(sign_pdf(data, IdentitySpec("p12", path=consultant_p12.path, secret=P12_PASSWORD)))
    return out


@pytest.fixture
def cli(capsys, monkeypatch):
    """The command line in this process: (exit code, stdout, stderr) of `vigie ARGS`."""
    from wizard.cli import main

    for name, value in MINI.items():
        monkeypatch.setenv(name, value)

    def run(*args: str) -> tuple[int, str, str]:
        """Exit code, stdout and stderr, with plain spaces and apostrophes (the French catalog's
        typography aside)."""
        code = main(list(args))
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, plain(out), plain(err)
    return run


def plain(text: str) -> str:
    return flat(text).replace("’", "'")


@pytest.fixture
def trusted_ca(consultant_p12):
    from wizard.signing import add_trusted

    add_trusted(consultant_p12.ca_certificate)


def stored(cli) -> list[str]:
    code, out, _err = cli("list", "--json")
    assert code == 0
    return [entry["organisation"] for entry in json.loads(out)]


def test_the_genuine_plan_verifies_and_imports(genuine, cli, trusted_ca):
    code, out, _err = cli("verify", str(genuine))
    assert code == 0, out
    assert "couverte par la signature 1 (champ Signature1)" in out
    code, out, err = cli("import", str(genuine))
    assert code == 0, err
    assert "couverte par la signature de Étienne Léger (certificat de confiance)" in err
    assert stored(cli) == ["Laboratoire des Tilleuls"]


@pytest.mark.parametrize("forge, verify_words, import_words", [
    (lambda src, out, p12: forgery.attachment_replaced(src, out),
     "Copie de l'évaluation jointe : présente, conforme à son empreinte ; couverte par AUCUNE signature valable",
     "ajoutée ou remplacée après la signature"),
    (lambda src, out, p12: forgery.signed_byte_changed(src, out),
     "Intégrité : MODIFIÉE", "modifié après sa signature"),
    (lambda src, out, p12: forgery.painted_over(src, p12, out),
     "hors des cadres de signature du document", "modifié après une signature"),
], ids=["attachment replaced after the signature", "signed byte changed", "counter-signature painting page 1"])
def test_forged_signed_plans_fail_verify_and_are_never_imported(forge, verify_words, import_words, genuine, cli,
                                                                trusted_ca, consultant_p12, tmp_path):
    forged = forge(genuine, tmp_path / "forged.pdf", consultant_p12.path)
    code, out, _err = cli("verify", str(forged))
    assert code == 1, out
    assert verify_words in out
    assert "Verdict : NON VALABLE" in out
    assert json.loads(cli("verify", str(forged), "--json")[1])["verdict"] == "invalid"
    for extra in ([], ["--accept-unsigned"]):  # accepting an unsigned plan does not accept a forged one
        code, out, err = cli("import", str(forged), *extra)
        assert (code, out) == (2, ""), err
        assert import_words in err and "n'est pas importée" in err
    assert stored(cli) == []


def test_attachment_replaced_after_the_signature_is_not_covered(genuine, tmp_path):
    """The replaced copy matches the digest written beside it: only coverage tells it apart."""
    from wizard.signing import verify_document

    forged = forgery.attachment_replaced(genuine, tmp_path / "forged.pdf")
    result = verify_document(forged)
    assert result.attachment.state == "match" and not result.attachment.covered
    assert forgery.FORGED_ORGANISATION.encode() in result.attachment.check.payload
    assert verify_document(genuine).attachment.covered_by == "Signature1"


def test_an_unsigned_copy_is_imported_only_when_asked(genuine, cli, tmp_path):
    forged = forgery.resaved_unsigned(genuine, tmp_path / "resaved.pdf")
    code, out, _err = cli("verify", str(forged))
    assert code == 1 and "aucune signature" in out
    assert "couverte par aucune signature : le document n'est pas signé" in out
    code, out, err = cli("import", str(forged))
    assert (code, out) == (2, "")
    assert "ne porte aucune signature" in err and "--accept-unsigned" in err
    assert stored(cli) == []
    code, out, err = cli("import", str(forged), "--accept-unsigned")
    assert code == 0 and "plan non signé, importé à votre demande" in err
    assert stored(cli) == [forgery.FORGED_ORGANISATION]


def test_pyhanko_alone_lets_the_painted_counter_signature_through(genuine, consultant_p12, tmp_path):
    """What the frames rule adds: pyHanko's analysis calls the page-covering widget form filling."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from wizard.signing import verify_pdf

    forged = forgery.painted_over(genuine, consultant_p12.path, tmp_path / "painted.pdf")
    first = PdfFileReader(BytesIO(forged.read_bytes())).embedded_signatures[0]
    assert validate_pdf_signature(first, ValidationContext(trust_roots=[])).modification_level == ModificationLevel.FORM_FILLING
    checks = verify_pdf(forged)
    assert [(c.field, c.intact, c.changes_allowed, c.appearance_ok) for c in checks] == [
        ("Signature1", True, False, True), ("Conformite", True, True, False)]
    assert "Conformite" in checks[0].problem and checks[0].changes_after == "appearance"


def test_counter_signatures_in_the_frames_and_invisible_ones_still_pass(genuine, consultant_p12, tmp_path):
    from wizard.signing import IdentitySpec, SignatureRequest, integrity_ok, sign_pdf, verify_pdf

    identity = IdentitySpec("p12", path=consultant_p12.path, secret=P12_PASSWORD)
    twice = sign_pdf(genuine, identity)  # the second frame
    out = tmp_path / "three.pdf"
    sign_pdf(twice, identity, SignatureRequest(field="Auditeur"), out_path=out)  # a new, invisible field
    checks = verify_pdf(out)
    assert [c.field for c in checks] == ["Signature1", "Signature2", "Auditeur"]
    assert integrity_ok(checks), [c.problem for c in checks]


@pytest.mark.parametrize("kind", ["number", "odd", "loop"])
def test_a_damaged_attachment_list_is_a_clear_error(kind, genuine, cli, tmp_path):
    damaged = forgery.damaged_attachment_list(genuine, tmp_path / f"{kind}.pdf", kind)
    for command in (("verify", str(damaged)), ("import", str(damaged)), ("import", str(damaged), "--accept-unsigned")):
        code, out, err = cli(*command)
        assert (code, out) == (2, ""), err
        assert "la liste des pièces jointes du PDF est endommagée" in err
        assert "boucle dans /Kids" in err if kind == "loop" else True


@pytest.mark.parametrize("user_password", ["", "ouverture-secrete"])
def test_encrypted_pdfs_are_refused_with_a_message(user_password, genuine, cli, consultant_p12, tmp_path, monkeypatch):
    locked = forgery.encrypted(genuine, tmp_path / "chiffre.pdf", user_password=user_password)
    monkeypatch.setenv("VIGIE_P12_PASSWORD", P12_PASSWORD)
    out_pdf = tmp_path / "signe.pdf"
    for command in (("sign", str(locked), "--sign-p12", str(consultant_p12.path), "--field", "Visa", "-o", str(out_pdf)),
                    ("verify", str(locked)), ("import", str(locked))):
        code, out, err = cli(*command)
        assert (code, out) == (2, ""), err
        assert "PDF est chiffré" in err
    assert not out_pdf.exists()


def test_no_traceback_on_stderr_for_a_tampered_file(genuine, tmp_path):
    """pyHanko logs its refusal of a revision with a traceback; none reaches the user."""
    from tests.cli.helpers import vigie

    forged = forgery.attachment_replaced(genuine, tmp_path / "forged.pdf")
    for args in (("verify", str(forged)), ("import", str(forged))):
        result = vigie(*args, env=MINI)
        assert "Traceback" not in result.stderr and "SuspiciousModification" not in result.stderr
        assert result.returncode == (1 if args[0] == "verify" else 2)
