"""Signing with a PKCS#11 token: SoftHSM2 stands in for a CPS card, in a token folder of its own."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from tests.signing.helpers import make_ca, make_leaf, pdfsig_verdicts, run

MODULE_CANDIDATES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                     "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so")
TOKEN, KEY, PIN = "Carte CPS test", "signature", "123456"


def _module() -> str | None:
    return next((m for m in MODULE_CANDIDATES if Path(m).exists()), None)


@pytest.fixture(scope="module")
def token(tmp_path_factory):
    """A SoftHSM2 token holding a key and its certificate, created for these tests only."""
    module = _module()
    if module is None or not shutil.which("softhsm2-util") or not shutil.which("pkcs11-tool"):
        pytest.skip("SoftHSM2 and OpenSC are needed (apt-get install softhsm2 opensc)")
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    result = run("softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "654321")
    assert result.returncode == 0, result.stderr
    key, cert = make_leaf(make_ca(), "Dr Inès Carré", "Laboratoire des Tilleuls")
    key_der = folder / "key.der"
    key_der.write_bytes(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    cert_der = folder / "cert.der"
    cert_der.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    for path, kind in ((key_der, "privkey"), (cert_der, "cert")):
        result = run("pkcs11-tool", "--module", module, "--token-label", TOKEN, "--login", "--pin", PIN,
                     "--write-object", str(path), "--type", kind, "--id", "01", "--label", KEY)
        assert result.returncode == 0, result.stderr
    key_der.unlink()
    yield Path(module)
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous


@pytest.fixture
def unsigned(mini, tmp_path):
    from datetime import date

    from wizard.core.model import Answer, Assessment, Organisation

    view = mini.for_profile("lab")
    assessment = Assessment("lab", Organisation("Laboratoire des Tilleuls"), date(2026, 11, 28),
                            assessor="Inès Carré", answers={q.id: Answer("partial") for q in view.questions})
    return assessment, view


def test_wrong_pin_leaves_no_file(token, unsigned, tmp_path):
    from wizard.operations.plans import ExportError, export_signed_plan
    from wizard.signing import IdentitySpec

    assessment, view = unsigned
    out = tmp_path / "exports" / "plan.pdf"
    out.parent.mkdir()
    with pytest.raises(ExportError, match="Code PIN incorrect"):
        export_signed_plan(assessment, view, out, IdentitySpec("pkcs11", path=token, token_label=TOKEN,
                                                               key_label=KEY, secret="000000"),
                           signer_name="Inès Carré", signer_role="Biologiste")
    assert list(out.parent.iterdir()) == []


def test_unknown_token_is_named(token, unsigned, tmp_path):
    from wizard.operations.plans import ExportError, export_signed_plan
    from wizard.signing import IdentitySpec

    assessment, view = unsigned
    out = tmp_path / "exports" / "plan.pdf"
    out.parent.mkdir()
    with pytest.raises(ExportError, match="Autre carte"):
        export_signed_plan(assessment, view, out,
                           IdentitySpec("pkcs11", path=token, token_label="Autre carte", key_label=KEY, secret=PIN),
                           signer_name="Inès Carré", signer_role="")
    assert list(out.parent.iterdir()) == []


def test_token_signature_is_valid_for_pdfsig_and_vigie(token, unsigned, tmp_path):
    from wizard.operations.plans import export_signed_plan
    from wizard.signing import IdentitySpec, integrity_ok, verify_pdf

    assessment, view = unsigned
    out = export_signed_plan(assessment, view, tmp_path / "plan.pdf",
                             IdentitySpec("pkcs11", path=token, token_label=TOKEN, key_label=KEY, secret=PIN),
                             signer_name="Inès Carré", signer_role="Biologiste responsable")
    assert pdfsig_verdicts(out) == ["Signature is Valid."]
    checks = verify_pdf(out)
    assert [(c.signer, c.intact, c.trust) for c in checks] == [("Dr Inès Carré", True, "unknown-issuer")]
    assert integrity_ok(checks)  # intact; the test authority is not in the trust list


def test_token_certificates_are_listed_without_pin(token):
    from wizard.signing.token import list_token_certificates

    found = list_token_certificates(token)
    assert [(c.token_label, c.label) for c in found] == [(TOKEN, KEY)]
    assert "Inès Carré" in found[0].subject


def test_cli_lists_token_certificates_and_signs_with_the_token(token, tmp_path):
    from tests.cli.helpers import answers_file, vigie
    from tests.conftest import MINI_QUESTIONNAIRE

    listed = vigie("identity", "tokens", str(token))
    assert listed.returncode == 0 and f"--pkcs11-token '{TOKEN}' --pkcs11-key '{KEY}'" in listed.stdout
    answers = answers_file(tmp_path / "a.json", {"t.a28.contract.signed": "no"})
    out = tmp_path / "plan.pdf"
    result = vigie("report", str(answers), "-o", str(out), "--pkcs11-module", str(token), "--pkcs11-token", TOKEN,
                   "--pkcs11-key", KEY, env={"VIGIE_QUESTIONNAIRE_DIR": str(MINI_QUESTIONNAIRE),
                                             "VIGIE_PKCS11_PIN": PIN})
    assert result.returncode == 0, result.stderr
    assert pdfsig_verdicts(out) == ["Signature is Valid."]
    wrong = vigie("report", str(answers), "-o", str(tmp_path / "x.pdf"), "--pkcs11-module", str(token),
                  "--pkcs11-token", TOKEN, "--pkcs11-key", KEY,
                  env={"VIGIE_QUESTIONNAIRE_DIR": str(MINI_QUESTIONNAIRE), "VIGIE_PKCS11_PIN": "999999"})
    assert wrong.returncode == 2 and "PIN incorrect" in wrong.stderr and not (tmp_path / "x.pdf").exists()
