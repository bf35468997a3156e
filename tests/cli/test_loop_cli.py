"""The lab ↔ vendor loop through the command line, with two data folders (a lab, a vendor).

request → import → answer → respond → import: the lab sees the vendor's critical gaps and its own
plan gains the processor's action; then every way a file is refused (exit 2, nothing written).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from tests.cli.helpers import vigie
from tests.signing import fixtures as shared
from tests.signing.helpers import P12_PASSWORD, PASSPHRASE, flat, install_identity, pdftext, run

identity_source, consultant_p12 = shared.identity_source, shared.consultant_p12
PASSWORD = "convenu au téléphone"  # 21 bytes: within what every reader takes
ENV = {"VIGIE_IDENTITY_PASSPHRASE": PASSPHRASE, "VIGIE_RESPONSE_PASSWORD": PASSWORD}


def v(folder: Path, *args: str, env: dict[str, str] | None = None):  # noqa: ANN201
    return vigie("--data-dir", str(folder), *args, env={**ENV, **(env or {})})


def ok(folder: Path, *args: str, **kw: object) -> str:
    result = v(folder, *args, **kw)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(folder: Path, *args: str, **kw: object) -> str:
    """The message of a command that must exit with code 2, its French spaces made plain."""
    result = v(folder, *args, **kw)  # type: ignore[arg-type]
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return flat(result.stderr)


def new_lab(folder: Path, name: str, siret: str) -> str:
    lab = ok(folder, "new", "--profile", "lab", "--org", name).strip()
    ok(folder, "answer", lab, "lab.a28.choice.hds", "yes")
    ok(folder, "processors", "lab", "--name", name, "--siret", siret, "--contact", "Zoé Martin")
    ok(folder, "processors", "add", "BioLogiciel SA", "--services", "lis,hosting", "--data", "patient_health",
       "--hds-number", "HDS-1", "--hds-expires", "2030-01-01", "--contract-ref", "C-12", "--contract-date",
       "2025-01-10", "--last-review", "2026-06-01", "--next-review", "2030-06-01")
    return lab


@pytest.fixture(scope="module")
def loop(tmp_path_factory, identity_source):
    """Up to the signed response: the lab asked, the vendor imported, answered and responded."""
    root = tmp_path_factory.mktemp("loop")
    lab, vendor = root / "lab", root / "vendor"
    install_identity(identity_source, vendor)
    lab_id = new_lab(lab, "Laboratoire des Tilleuls", "12345678900007")
    request = json.loads(ok(lab, "request", "create", "BioLogiciel SA", "-o", str(root / "demande.json"), "--protect",
                            "--json"))
    imported = json.loads(ok(vendor, "request", "import", str(root / "demande.json"), "--json"))
    assessment = imported["assessment"]
    for qid in ("vendor.a28.role.written", "vendor.a28.clauses.audits", "vendor.a30.register.exists"):
        ok(vendor, "answer", assessment, qid, "yes")
    ok(vendor, "answer", assessment, "vendor.a32.governance.hds", "no")  # a critical gap
    ok(vendor, "clients", "differ", imported["client"]["id"], "vendor.a30.register.exists", "partial", "--note", "à jour")
    ok(vendor, "respond", assessment, "--request", request["id"], "-o", str(root / "reponse.pdf"),
       "--signer-name", "Paul Vendeur")
    return {"root": root, "lab": lab, "vendor": vendor, "lab_id": lab_id, "request": request, "imported": imported,
            "assessment": assessment, "response": root / "reponse.pdf"}


def copy_lab(loop: dict, tmp_path: Path) -> Path:
    folder = tmp_path / "lab-copy"
    shutil.copytree(loop["lab"], folder)
    return folder


def test_request_file_and_letter(loop):
    request, root = loop["request"], loop["root"]
    assert request["protection"] == "password" and Path(request["letter"]) == root / "demande-lettre.pdf"
    letter = flat(pdftext(root / "demande-lettre.pdf"))
    assert request["id"] in letter and "BioLogiciel SA" in letter and "mot de passe" in letter
    assert hashlib.sha256((root / "demande.json").read_bytes()).hexdigest() in letter.replace(" ", "")
    imported = loop["imported"]
    assert imported["new_client"] and imported["assessment_started"] and imported["protection"] == "password"


def test_the_vendor_sees_the_request_answered_and_its_client_register(loop, tmp_path):
    listed = json.loads(ok(loop["vendor"], "clients", "list", "--json"))
    assert listed["counts"] == {"pending": 0, "overdue": 0, "answered": 1}
    (client,) = listed["clients"]
    assert client["lab"]["name"] == "Laboratoire des Tilleuls" and client["services"] == ["lis", "hosting"]
    assert client["differences"] == {"vendor.a30.register.exists": {"value": "partial", "note": "à jour",
                                                                    "justification": ""}}
    ok(loop["vendor"], "clients", "vendor", "--dpo", "Claire Roux", "--security", "MFA, chiffrement")
    ok(loop["vendor"], "clients", "export", "-o", str(tmp_path / "registre.pdf"))
    assert run("pdfsig", str(tmp_path / "registre.pdf")).stdout.count("Signature is Valid.") == 1
    text = flat(pdftext(tmp_path / "registre.pdf"))
    assert "article 30.2" in text and "Laboratoire des Tilleuls" in text and "Claire Roux" in text
    ok(loop["vendor"], "clients", "export", "-o", str(tmp_path / "registre.xlsx"))
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "registre.xlsx").worksheets[0]
    assert any(row[0] == "Laboratoire des Tilleuls" for row in sheet.iter_rows(values_only=True))


def test_the_response_is_protected_and_checkable_with_the_password(loop):
    response = loop["response"]
    assert "Signature is Valid." in run("pdfsig", "-upw", PASSWORD, str(response)).stdout
    assert run("qpdf", f"--password={PASSWORD}", "--check", str(response)).returncode == 0
    assert run("qpdf", "--password=faux", "--check", str(response)).returncode != 0
    assert "R = 6" in run("qpdf", f"--password={PASSWORD}", "--show-encryption", str(response)).stdout  # AES-256


def test_the_lab_imports_the_response_and_sees_the_gaps_its_plan_gains_the_action(loop, tmp_path):
    lab = copy_lab(loop, tmp_path)
    before = json.loads(ok(lab, "processors", "plan", loop["lab_id"]))
    result = v(lab, "response", "import", str(loop["response"]), "--json")
    assert result.returncode == 0, result.stderr
    assert "empreinte de sa clé" in result.stderr  # pinned at first use, and said so
    data = json.loads(result.stdout)
    assert data["pinned_now"] and not data["new_signer"] and data["signer"] == "Zoé Martin"  # the certificate's name
    assert [g["question"] for g in data["critical_gaps"]] == ["vendor.a32.governance.hds"]
    assert data["p1_actions"] and all(a["due"] for a in data["p1_actions"])
    assert set(data["scores"]["articles"]) >= {"28", "32"}
    assert {"question": "lab.a28.choice.hds", "kind": "contradicted"}.items() <= data["revisit"][0].items()
    plan = json.loads(ok(lab, "processors", "plan", loop["lab_id"]))
    added = [a for a in plan["actions"] if a["id"].startswith("processor.")]
    assert [a["priority"] for a in added] == ["P1"] and "point critique" in added[0]["description"]
    assert len(plan["actions"]) == len(before["actions"])  # it was already there (no assessment): now P1
    shown = json.loads(ok(lab, "processors", "show", "BioLogiciel SA", "--json"))
    assert shown["state"]["latest_assessment"]["critical_gaps"] == 1
    assert json.loads(ok(lab, "show", loop["lab_id"], "--json"))["answers"]["lab.a28.choice.hds"]["value"] == "yes"
    ok(lab, "processors", "report", loop["lab_id"], "-o", str(tmp_path / "plan.pdf"), "--no-sign")
    text = flat(pdftext(tmp_path / "plan.pdf"))
    assert "Annexe — Vos prestataires" in text and "Faire le point avec le prestataire" in text


def test_a_response_altered_after_signing_is_refused(loop, tmp_path):
    lab = copy_lab(loop, tmp_path)
    data = bytearray(loop["response"].read_bytes())
    at = data.find(b"/Type /Page") + 200
    data[at] = data[at] ^ 0x01
    altered = tmp_path / "altérée.pdf"
    altered.write_bytes(bytes(data))
    before = (lab / "processors" / "processors.vigie.json").read_bytes()
    assert "modifiée après sa signature" in refused(lab, "response", "import", str(altered))
    assert (lab / "processors" / "processors.vigie.json").read_bytes() == before


def test_a_response_to_another_labs_request_is_refused(loop, tmp_path):
    other = tmp_path / "other-lab"
    new_lab(other, "Laboratoire du Lac", "99999999900009")
    request = json.loads(ok(other, "request", "create", "BioLogiciel SA", "-o", str(tmp_path / "d2.json"), "--json"))
    vendor = tmp_path / "vendor"
    shutil.copytree(loop["vendor"], vendor)
    ok(vendor, "request", "import", str(tmp_path / "d2.json"))
    ok(vendor, "respond", loop["assessment"], "--request", request["id"], "-o", str(tmp_path / "r2.pdf"))
    lab = copy_lab(loop, tmp_path)
    assert "que ce laboratoire n’a pas faite" in refused(lab, "response", "import", str(tmp_path / "r2.pdf"))
    assert json.loads(ok(lab, "processors", "list", "--json"))[0]["latest_assessment"] is None


def test_a_response_signed_by_another_key_is_refused_then_accepted_on_confirmation(loop, tmp_path, consultant_p12):
    lab = copy_lab(loop, tmp_path)
    ok(lab, "response", "import", str(loop["response"]))  # pins the vendor's key
    second = json.loads(ok(lab, "request", "create", "BioLogiciel SA", "-o", str(tmp_path / "d3.json"), "--json"))
    vendor = tmp_path / "vendor"
    shutil.copytree(loop["vendor"], vendor)
    ok(vendor, "request", "import", str(tmp_path / "d3.json"))
    ok(vendor, "respond", loop["assessment"], "--request", second["id"], "-o", str(tmp_path / "r3.pdf"),
       "--sign-p12", str(consultant_p12.path), env={"VIGIE_P12_PASSWORD": P12_PASSWORD})
    pinned = json.loads(ok(lab, "processors", "show", "BioLogiciel SA", "--json"))["pinned"]
    message = refused(lab, "response", "import", str(tmp_path / "r3.pdf"))
    assert "ATTENTION" in message and pinned in message and "autre clé" in message
    assert json.loads(ok(lab, "processors", "show", "BioLogiciel SA", "--json"))["pinned"] == pinned
    result = v(lab, "response", "import", str(tmp_path / "r3.pdf"), "--accept-new-key", "--json")
    assert result.returncode == 0, result.stderr
    assert "ATTENTION" in result.stderr and json.loads(result.stdout)["new_signer"]
    assert json.loads(ok(lab, "processors", "show", "BioLogiciel SA", "--json"))["pinned"] != pinned


def test_a_protected_response_needs_the_right_password(loop, tmp_path):
    lab = copy_lab(loop, tmp_path)
    assert "ce mot de passe n’ouvre pas" in refused(lab, "response", "import", str(loop["response"]),
                                                    env={"VIGIE_RESPONSE_PASSWORD": "pas le bon"})
    result = vigie("--data-dir", str(lab), "response", "import", str(loop["response"]))
    assert result.returncode == 2 and "VIGIE_RESPONSE_PASSWORD" in result.stderr


def test_a_plan_is_not_a_response(loop, tmp_path, identity_source):
    lab = copy_lab(loop, tmp_path)
    install_identity(identity_source, lab)
    ok(lab, "processors", "report", loop["lab_id"], "-o", str(tmp_path / "plan.pdf"))
    assert "n’est pas une réponse Vigie" in refused(lab, "response", "import", str(tmp_path / "plan.pdf"))


def _resealed(path: Path, change) -> Path:  # noqa: ANN001
    from wizard.core.request_file import canonical

    doc = json.loads(path.read_bytes())
    change(doc["request"])
    doc["sha256"] = hashlib.sha256(canonical(doc["request"])).hexdigest()
    out = path.with_name("forgée.json")
    out.write_text(json.dumps(doc), encoding="utf-8")
    return out


@pytest.mark.parametrize("change, message", [
    (lambda r: r["content"].update(version="2099.01"), "plus récente que celle de ce Vigie"),
    (lambda r: r.update(services=["téléportation"]), r"request.services\[0\]"),
])
def test_a_request_from_newer_content_or_with_wrong_values_is_refused_and_nothing_stored(loop, tmp_path, change,
                                                                                         message):
    import re

    forged = _resealed(loop["root"] / "demande.json", change)
    vendor = tmp_path / "vendor"
    assert re.search(message, refused(vendor, "request", "import", str(forged)))
    assert not (vendor / "clients").exists() and not (vendor / "correspondence").exists()
    assert json.loads(ok(vendor, "list", "--json")) == []


def test_an_altered_request_is_refused(loop, tmp_path):
    doc = json.loads((loop["root"] / "demande.json").read_bytes())
    doc["request"]["due"] = "2099-01-01"
    altered = tmp_path / "demande.json"
    altered.write_text(json.dumps(doc), encoding="utf-8")
    assert "somme de contrôle" in refused(tmp_path / "vendor", "request", "import", str(altered))


def test_unknown_processor_and_wrong_values_exit_2(loop, tmp_path):
    lab = copy_lab(loop, tmp_path)
    assert "aucun prestataire « Nulle part »" in refused(lab, "request", "create", "Nulle part", "-o",
                                                          str(tmp_path / "x.json"))
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "x-lettre.pdf").exists()
    assert "services" in refused(lab, "processors", "add", "Autre", "--services", "téléportation")
    assert "--hds-expires" in refused(lab, "processors", "edit", "BioLogiciel SA", "--hds-expires", "2026-02-30")


@pytest.fixture(scope="module")
def plain_response(loop, tmp_path_factory):
    """A response to a request that asked for no password: a plain signed PDF."""
    root = tmp_path_factory.mktemp("plain")
    lab, vendor = root / "lab", root / "vendor"
    shutil.copytree(loop["lab"], lab)
    shutil.copytree(loop["vendor"], vendor)
    request = json.loads(ok(lab, "request", "create", "BioLogiciel SA", "-o", str(root / "d.json"), "--json"))
    ok(vendor, "request", "import", str(root / "d.json"))
    ok(vendor, "respond", loop["assessment"], "--request", request["id"], "-o", str(root / "r.pdf"))
    return lab, root / "r.pdf"


def test_a_plain_response_is_imported(plain_response, tmp_path):
    lab, response = plain_response
    copy = tmp_path / "lab"
    shutil.copytree(lab, copy)
    assert json.loads(ok(copy, "response", "import", str(response), "--json"))["critical_gaps"]


def test_a_plain_response_altered_in_its_signed_bytes_is_refused(plain_response, tmp_path):
    lab, response = plain_response
    data = response.read_bytes().replace(b"/Title (", b"/Title (X", 1)
    altered = tmp_path / "r.pdf"
    altered.write_bytes(data)
    assert "modifiée après sa signature" in refused(lab, "response", "import", str(altered))


def test_a_plain_response_with_an_update_after_its_signature_is_refused(plain_response, tmp_path):
    """Intact signature, but something added after it (here, a new assessment attached): not covered."""
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from wizard.report.embedded import attach_assessment

    lab, response = plain_response
    writer = IncrementalPdfFileWriter(BytesIO(response.read_bytes()), strict=False)
    attach_assessment(writer, b'{"format": "vigie-answers"}', hashlib.sha256(b'{"format": "vigie-answers"}').hexdigest())
    out = BytesIO()
    writer.write(out)
    updated = tmp_path / "r.pdf"
    updated.write_bytes(out.getvalue())
    message = refused(lab, "response", "import", str(updated))
    assert "modifiée après sa signature" in message or "ajoutée ou remplacée après la signature" in message


def test_a_password_longer_than_pdf_readers_take_is_refused_before_anything_is_written(loop, tmp_path):
    """33 bytes: pdfsig would not open the response with it (poppler reads 32 bytes of a password)."""
    vendor = tmp_path / "vendor"
    shutil.copytree(loop["vendor"], vendor)
    message = refused(vendor, "respond", loop["assessment"], "--request", loop["request"]["id"], "-o",
                      str(tmp_path / "r.pdf"), env={"VIGIE_RESPONSE_PASSWORD": "a" * 33})
    assert "32 octets" in message and not (tmp_path / "r.pdf").exists()


def test_english_output_takes_no_french_spaces(tmp_path):
    """French typography (a narrow space before « ; ») is for French: English keeps « ; » tight."""
    ok(tmp_path, "processors", "add", "Hébergeur Santé", "--services", "hosting")
    result = vigie("--lang", "en", "--data-dir", str(tmp_path), "processors", "list")
    assert result.returncode == 0, result.stderr
    assert "no HDS certificate recorded" in result.stdout and "; no contract recorded" in result.stdout
    assert "\u202f;" not in result.stdout


def test_a_response_sent_in_clear_to_a_protected_request_is_imported_with_a_warning(loop, tmp_path, monkeypatch):
    """The lab asked for a response protected by a password; the vendor sent it in clear (an older
    Vigie, or another tool). Refusing it would not undo that: it is imported, and the lab is told."""
    from dataclasses import replace

    from wizard.core.clients import ClientsRegister

    lab, vendor = copy_lab(loop, tmp_path), tmp_path / "vendor-copy"
    shutil.copytree(loop["vendor"], vendor)
    clear = tmp_path / "en-clair.pdf"
    with monkeypatch.context() as older:  # a vendor whose Vigie does not read the request's protection
        found = ClientsRegister.request
        older.setattr(ClientsRegister, "request", lambda self, rid: (lambda hit: hit and (
            hit[0], replace(hit[1], protection="none")))(found(self, rid)))
        ok(vendor, "respond", loop["assessment"], "--request", loop["request"]["id"], "-o", str(clear),
           env={"VIGIE_RESPONSE_PASSWORD": ""})
    assert "not encrypted" in run("qpdf", "--show-encryption", str(clear)).stdout
    result = v(lab, "response", "import", str(clear), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["unprotected"] is True
    assert "votre demande exigeait une réponse protégée par un mot de passe ; celle de « BioLogiciel SA » ne " \
           "l’est pas" in flat(result.stderr)
    protected = v(copy_lab(loop, tmp_path / "again"), "response", "import", str(loop["response"]), "--json")
    assert protected.returncode == 0 and json.loads(protected.stdout)["unprotected"] is False


def test_a_siret_typed_with_a_wrong_key_is_refused_and_nothing_stored(tmp_path):
    """The register's SIRETs go into requests and the signed Art. 30(2) register: one typed wrong
    is said at once (its length or its key), as the new-assessment window says it."""
    folder = tmp_path / "lab"
    said = refused(folder, "processors", "add", "BioLogiciel SA", "--siret", "12345678901234")
    assert "siret : Ce SIRET n’est pas valable : sa clé de contrôle ne correspond pas" in said
    assert "rien n’a été enregistré" in said
    assert "14 chiffres ; vous en avez saisi 3" in refused(folder, "processors", "lab", "--name", "Labo", "--siret",
                                                            "123")
    assert "BioLogiciel" not in ok(folder, "processors", "list", "--json")  # nothing stored
    ok(folder, "processors", "add", "BioLogiciel SA", "--siret", "732 829 320 00074")  # spaces as printed: fine
