"""The document commands as a script uses them: report, sign, verify, identity, trust."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import answers_file, vigie
from tests.conftest import MINI_QUESTIONNAIRE
from tests.signing import fixtures as shared
from tests.signing.helpers import P12_PASSWORD, PASSPHRASE, flat, pdfsig_verdicts, pdftext

# The identities shared with the report and signing tests.
identity_source, personal, consultant_p12 = shared.identity_source, shared.personal, shared.consultant_p12

MINI = {"VIGIE_QUESTIONNAIRE_DIR": str(MINI_QUESTIONNAIRE)}
NO_ANSWERS = {"t.a28.contract.signed": "no", "t.a28.contract.audit": "partial", "t.a28.sub.any": "no",
              "t.a32.access.individual": {"value": "no", "note": "Comptes « labo » partagés !"}}


@pytest.fixture
def answers(tmp_path):
    return answers_file(tmp_path / "réponses.json", NO_ANSWERS)


def test_report_signs_with_the_personal_identity_and_verify_accepts_it(personal, answers, tmp_path):
    out = tmp_path / "plan.pdf"
    result = vigie("report", str(answers), "-o", str(out), "--signer-role", "Évaluatrice",
                   env={**MINI, "VIGIE_IDENTITY_PASSPHRASE": PASSPHRASE})
    assert result.returncode == 0, result.stderr
    assert pdfsig_verdicts(out) == ["Signature is Valid."]
    verify = vigie("verify", str(out))
    assert verify.returncode == 3, verify.stdout + verify.stderr  # intact, but self-signed: not trusted yet
    text = flat(verify.stdout)
    assert "Signataire : Zoé Martin (Laboratoire des Tilleuls)" in text
    assert "Intégrité : intacte" in text
    assert "Confiance : NON : certificat auto-signé" in text
    assert "présente, conforme à son empreinte ; couverte par la signature 1 (champ Signature1)" in text
    assert "Verdict : NON RECONNU" in text and "toutes les signatures sont intactes, de confiance" not in text
    data = json.loads(vigie("verify", str(out), "--json").stdout)
    assert (data["ok"], data["verdict"]) == (False, "untrusted")
    assert data["attachment"] == {"state": "match", "covered": True, "covered_by": "Signature1", "signed_as_is": True}
    assert [(s["field"], s["intact"], s["trust"]) for s in data["signatures"]] == [
        ("Signature1", True, "self-signed")]
    # Once the lab trusts its own certificate, the same file is valid.
    assert vigie("identity", "export", "--certificate-only", str(tmp_path / "moi.pem")).returncode == 0
    assert vigie("trust", "add", str(tmp_path / "moi.pem")).returncode == 0
    verify = vigie("verify", str(out))
    assert verify.returncode == 0, verify.stdout
    assert "Verdict : VALABLE" in flat(verify.stdout) and "Confiance : de confiance" in flat(verify.stdout)


def test_first_report_creates_the_personal_identity(answers, tmp_path, data_dir):
    out = tmp_path / "plan.pdf"
    result = vigie("report", str(answers), "-o", str(out), env={**MINI, "VIGIE_IDENTITY_PASSPHRASE": PASSPHRASE})
    assert result.returncode == 0, result.stderr
    assert "Identité personnelle créée pour Zoé Martin" in result.stderr
    key = json.loads((data_dir / "identities" / "personal-key.json").read_bytes())
    assert (key["format"], key["key"]["kdf"], key["key"]["n"]) == ("vigie-identity-key", "scrypt", 2**16)
    assert (key["key"]["r"], key["key"]["p"]) == (8, 2)  # OWASP: as much work as 2^17, p=1, in 64 MiB
    assert not (data_dir / "identities" / "personal-key.pem").exists()
    show = vigie("identity", "show")
    assert show.returncode == 0 and "Nom : Zoé Martin" in flat(show.stdout)


@pytest.mark.parametrize("answers, extra, entry", [
    ({"t.nope": "no"}, {}, "answers.t.nope"),
    ({"t.a28.contract.signed": "peut-être"}, {}, "answers.t.a28.contract.signed.value"),
    ({"t.a28.sub.any": "no"}, {"profile": "vendor"}, "answers.t.a28.sub.any"),
])
def test_bad_answers_file_exits_2_naming_the_entry_and_writes_nothing(answers, extra, entry, personal, tmp_path):
    bad = answers_file(tmp_path / "bad.json", answers, **extra)
    out = tmp_path / "plan.pdf"
    result = vigie("report", str(bad), "-o", str(out), env={**MINI, "VIGIE_IDENTITY_PASSPHRASE": PASSPHRASE})
    assert result.returncode == 2
    assert entry in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("options, env, message", [
    (["--sign-p12", "{p12}"], {"VIGIE_P12_PASSWORD": "faux"}, "Mot de passe incorrect"),
    ([], {"VIGIE_IDENTITY_PASSPHRASE": "pas-la-bonne"}, "Mot de passe incorrect pour l’identité"),
    (["--pkcs11-module", "/nulle/part/module.so", "--pkcs11-token", "CPS", "--pkcs11-key", "sig"],
     {"VIGIE_PKCS11_PIN": "1234"}, "Module PKCS#11 introuvable"),
])
def test_signing_failures_exit_2_and_write_nothing(options, env, message, personal, consultant_p12, answers, tmp_path):
    out = tmp_path / "sortie" / "plan.pdf"
    out.parent.mkdir()
    args = [o.format(p12=consultant_p12.path) for o in options]
    result = vigie("report", str(answers), "-o", str(out), *args, env={**MINI, **env})
    assert result.returncode == 2
    assert message in flat(result.stderr)
    assert list(out.parent.iterdir()) == []


def test_countersign_with_p12_then_tamper(personal, consultant_p12, answers, tmp_path):
    plan = tmp_path / "plan.pdf"
    assert vigie("report", str(answers), "-o", str(plan), "--certify",
                 env={**MINI, "VIGIE_IDENTITY_PASSPHRASE": PASSPHRASE}).returncode == 0
    signed = tmp_path / "contresigné.pdf"
    result = vigie("sign", str(plan), "--sign-p12", str(consultant_p12.path), "--signer-role",
                   "Directeur du laboratoire", "-o", str(signed), env={"VIGIE_P12_PASSWORD": P12_PASSWORD})
    assert result.returncode == 0, result.stderr
    assert pdfsig_verdicts(signed) == ["Signature is Valid.", "Signature is Valid."]
    stamps = flat(pdftext(signed))
    assert "Signé par Zoé Martin" in stamps and "Signé par Étienne Léger Directeur du laboratoire" in stamps
    verify = vigie("verify", str(signed))
    assert verify.returncode == 3, verify.stdout  # intact; neither signer is in the trust list
    assert "Signature 2 sur 2 (champ Signature2)" in verify.stdout
    assert "Étienne Léger" in verify.stdout

    data = bytearray(signed.read_bytes())
    data[data.find(b"Vigie")] = ord("W")
    tampered = tmp_path / "modifié.pdf"
    tampered.write_bytes(bytes(data))
    verify = vigie("verify", str(tampered))
    assert verify.returncode == 1
    assert "Intégrité : MODIFIÉE" in flat(verify.stdout)
    assert "signature(s) non valable(s) : Signature1, Signature2" in flat(verify.stdout)
    assert "Digest Mismatch" in " ".join(pdfsig_verdicts(tampered))


def test_sign_in_place_and_a_named_field(personal, consultant_p12, answers, tmp_path):
    plan = tmp_path / "plan.pdf"
    assert vigie("report", str(answers), "-o", str(plan), "--no-sign", env=MINI).returncode == 0
    assert vigie("verify", str(plan)).returncode == 1  # unsigned
    result = vigie("sign", str(plan), "--field", "Signature2", "--signer-name", "Zoé Martin",
                   env={"VIGIE_IDENTITY_PASSPHRASE": PASSPHRASE})
    assert result.returncode == 0, result.stderr
    data = json.loads(vigie("verify", str(plan), "--json").stdout)
    assert [s["field"] for s in data["signatures"]] == ["Signature2"] and data["verdict"] == "untrusted"


def test_verify_unusable_input_exits_2(tmp_path):
    (tmp_path / "texte.pdf").write_text("pas un PDF")
    result = vigie("verify", str(tmp_path / "texte.pdf"))
    assert result.returncode == 2 and "pas un fichier PDF" in flat(result.stderr)
    assert vigie("verify", str(tmp_path / "absent.pdf")).returncode == 2


def test_identity_export_and_trust_commands(personal, tmp_path):
    p12 = tmp_path / "sauvegarde.p12"
    result = vigie("identity", "export", str(p12),
                   env={"VIGIE_IDENTITY_PASSPHRASE": PASSPHRASE, "VIGIE_P12_PASSWORD": "export-secret-9"})
    assert result.returncode == 0, result.stderr
    assert p12.stat().st_size > 1000
    cert = tmp_path / "moi.pem"
    assert vigie("identity", "export", "--certificate-only", str(cert)).returncode == 0
    added = vigie("trust", "add", str(cert))
    assert added.returncode == 0 and "Zoé Martin" in added.stdout
    listed = vigie("trust", "list")
    assert "Zoé Martin" in listed.stdout
    fingerprint = listed.stdout.split()[0]
    assert vigie("trust", "remove", fingerprint[:10]).returncode == 0
    assert vigie("trust", "list").stdout.strip() == ""
    assert vigie("trust", "add", str(tmp_path / "sauvegarde.p12")).returncode == 2


def test_import_of_a_signed_plan_gives_back_the_answers(personal, answers, tmp_path):
    plan = tmp_path / "plan.pdf"
    assert vigie("report", str(answers), "-o", str(plan),
                 env={**MINI, "VIGIE_IDENTITY_PASSPHRASE": PASSPHRASE}).returncode == 0
    imported = vigie("import", str(plan), env=MINI)
    assert imported.returncode == 0, imported.stderr
    shown = vigie("show", imported.stdout.strip(), "--json", env=MINI)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert {k: v["value"] for k, v in data["answers"].items()} == {
        k: (v["value"] if isinstance(v, dict) else v) for k, v in NO_ANSWERS.items()}
    assert data["answers"]["t.a32.access.individual"]["note"] == "Comptes « labo » partagés !"
    assert data["organisation"]["name"] == "Laboratoire des Tilleuls"


@pytest.mark.parametrize("option, where", [("--signer-name", "nom du signataire"),
                                           ("--signer-role", "fonction du signataire")])
def test_a_whole_letter_pasted_as_the_signer_is_refused_before_anything_is_signed(personal, answers, tmp_path,
                                                                                  option, where):
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"the previous plan")
    result = vigie("report", str(answers), "-o", str(out), option, "Zoé Martin " * 100,
                   env={**MINI, "VIGIE_IDENTITY_PASSPHRASE": PASSPHRASE})
    assert result.returncode == 2, result.stderr
    assert f"{where} : 200 caractères au plus, 1 100 trouvés" in flat(result.stderr)
    assert "rien n’a été signé" in result.stderr
    assert out.read_bytes() == b"the previous plan"  # the file named is left as it was


def test_signing_refuses_an_overlong_reason_and_leaves_the_pdf_alone(personal, answers, tmp_path):
    out = tmp_path / "plan.pdf"
    assert vigie("report", str(answers), "-o", str(out), "--no-sign", env=MINI).returncode == 0
    before = out.read_bytes()
    result = vigie("sign", str(out), "--reason", "r" * 301, env={"VIGIE_IDENTITY_PASSPHRASE": PASSPHRASE})
    assert result.returncode == 2, result.stderr
    assert "motif de la signature : 300 caractères au plus, 301 trouvés" in flat(result.stderr)
    assert out.read_bytes() == before
