"""`vigie contract` as a script uses it: review from flags or a file, show, apply to an assessment,
and the document « Points à compléter au contrat » in PDF (signed or not) and .docx, in French
and English. A wrong element, state or file exits with code 2 and changes nothing."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import vigie
from tests.signing import fixtures as shared
from tests.signing.helpers import P12_PASSWORD, flat, pdfsig_verdicts, pdftext, run

consultant_p12 = shared.consultant_p12


@pytest.fixture
def processor(data_dir):
    made = vigie("processors", "add", "BioLogiciel SA", "--services", "lis,maintenance", "--json")
    assert made.returncode == 0, made.stderr
    return json.loads(made.stdout)["id"]


def stored(data_dir, pid: str) -> bytes | None:
    path = data_dir / "contracts" / f"processor-{pid}.vigie.json"
    return path.read_bytes() if path.exists() else None


def review(*args: str):
    result = vigie("contract", "review", *args)
    assert result.returncode == 0, result.stderr
    return result


def test_review_with_flags_then_show(processor):
    review("BioLogiciel SA", "--set", "28-3-a=absent", "--set", "28-3-b=partial", "--where", "28-3-b=art. 7",
           "--page", "28-3-b=3", "--note", "28-3-b=Salariés seulement", "--document", "Contrat CT-2023-04",
           "--reviewer", "Zoé Martin", "--date", "2026-12-04")
    shown = vigie("contract", "show", processor, "--json")
    data = json.loads(shown.stdout)
    by_id = {e["id"]: e for e in data["elements"]}
    assert (data["party"], data["document"], data["reviewed"], data["hosting"]) == (
        "BioLogiciel SA", "Contrat CT-2023-04", "2026-12-04", False)
    assert by_id["28-3-a"]["status"] == "absent" and by_id["28-3-c"]["status"] == "unknown"
    assert (by_id["28-3-b"]["article"], by_id["28-3-b"]["page"], by_id["28-3-b"]["note"]) == (
        "art. 7", "3", "Salariés seulement")
    assert "hds-1" not in by_id  # no hosting under this contract
    text = vigie("contract", "show", "BioLogiciel SA").stdout
    assert "28-3-b" in text and "art. 7, p. 3" in text


@pytest.mark.parametrize("args, names", [
    (["--set", "28-3-z=present"], "28-3-z"),
    (["--set", "28-3-a=present", "--set", "28-3-b=peut-être"], "28-3-b=peut-être"),
    (["--set", "28-3-a"], "--set 28-3-a"),
    (["--where", "=art. 4"], "--where =art. 4"),
    (["--date", "04/12/2026"], "reviewed"),
    (["--page", "28-3-a=" + "9" * 201], "28-3-a.page"),
    ([], "rien à enregistrer"),
])
def test_bad_input_exits_2_names_it_and_writes_nothing(processor, data_dir, args, names):
    review(processor, "--set", "28-3-a=partial")
    before = stored(data_dir, processor)
    result = vigie("contract", "review", processor, *args)
    assert result.returncode == 2 and names in flat(result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert stored(data_dir, processor) == before


def test_a_review_from_a_file_and_the_file_s_mistakes(processor, data_dir, tmp_path):
    good = tmp_path / "revue.json"
    good.write_text(json.dumps({"document": "Annexe RGPD v2", "hosting": True,
                                "elements": {"hds-3": {"status": "present", "article": "art. 12"},
                                             "28-9": {"status": "present", "page": "1"}}}), encoding="utf-8")
    review(processor, "--from", str(good), "--set", "28-9=partial")  # the flags apply after the file
    data = json.loads(vigie("contract", "show", processor, "--json").stdout)
    by_id = {e["id"]: e for e in data["elements"]}
    assert data["hosting"] and by_id["hds-3"]["article"] == "art. 12"
    assert (by_id["28-9"]["status"], by_id["28-9"]["page"]) == ("partial", "1")
    before = stored(data_dir, processor)
    for name, content in (("faux.json", '{"elements": {"28-3-a": {"status": "present"}}, "extra": 1}'),
                          ("faux.yaml", "elements: [\n"), ("vide.json", "[]"),
                          ("mauvais.json", '{"elements": {"28-3-a": {"status": "yes"}}}')):
        bad = tmp_path / name
        bad.write_text(content, encoding="utf-8")
        result = vigie("contract", "review", processor, "--from", str(bad))
        assert result.returncode == 2 and name in result.stderr, (name, result.stderr)
    missing = vigie("contract", "review", processor, "--from", str(tmp_path / "absent.json"))
    assert missing.returncode == 2 and "absent.json" in missing.stderr
    assert stored(data_dir, processor) == before


def test_apply_says_what_changes_and_dry_run_changes_nothing(processor, data_dir):
    aid = vigie("new", "--profile", "lab", "--org", "Laboratoire des Tilleuls").stdout.strip()
    assert vigie("answer", aid, "lab.a28.contract.instructions", "yes").returncode == 0
    review(processor, "--set", "28-3-a=absent", "--set", "28-3-b=present", "--where", "28-3-b=art. 7",
           "--reviewer", "Zoé Martin")
    dry = vigie("contract", "apply", processor, aid, "--dry-run")
    assert dry.returncode == 0 and "Oui → Non" in flat(dry.stdout) and "--dry-run" in dry.stderr
    answers = json.loads(vigie("show", aid, "--json").stdout)["answers"]
    assert answers["lab.a28.contract.instructions"]["value"] == "yes"
    done = vigie("contract", "apply", "BioLogiciel SA", aid, "--json")
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said["written"] and {c["question"]: c["after"] for c in said["changes"]} == {
        "lab.a28.contract.instructions": "no", "lab.a28.contract.confidentiality": "yes",
        "lab.a28.contract.signed": "partial"}  # one point present, one absent: « Partiellement » already
    answers = json.loads(vigie("show", aid, "--json").stdout)["answers"]
    assert answers["lab.a28.contract.confidentiality"]["value"] == "yes"
    assert "art. 7" in answers["lab.a28.contract.confidentiality"]["evidence"]
    assert answers["lab.a28.contract.confidentiality"]["by"] == "Zoé Martin"
    wrong = vigie("contract", "apply", "--template", aid)
    assert wrong.returncode == 2 and "profil" in wrong.stderr


def test_amendment_pdf_and_docx_in_both_languages(processor, tmp_path):
    review(processor, "--set", "28-3-a=absent", "--set", "28-3-g=absent", "--set", "28-2=absent",
           "--set", "28-3-b=partial", "--set", "28-3-f=partial")
    pdf, docx_path = tmp_path / "points.pdf", tmp_path / "points-en.docx"
    assert vigie("contract", "amendment", processor, "-o", str(pdf), "--no-sign").returncode == 0
    text = flat(pdftext(pdf))
    assert "Points à compléter au contrat" in text and "5 points à compléter" in text
    english = vigie("contract", "amendment", processor, "-o", str(docx_path), "--lang", "en")
    assert english.returncode == 0, english.stderr
    import docx

    headings = [p.text for p in docx.Document(str(docx_path)).paragraphs if p.style.name == "Heading 2"]
    assert headings[0] == "1. Documented instructions, including for transfers" and len(headings) == 5
    for bad, message in (("points.txt", ".pdf ou .docx"),):
        result = vigie("contract", "amendment", processor, "-o", str(tmp_path / bad), "--no-sign")
        assert result.returncode == 2 and message in result.stderr and not (tmp_path / bad).exists()
    unreviewed = vigie("processors", "add", "Hébergeur Santé", "--json")
    other = json.loads(unreviewed.stdout)["id"]
    result = vigie("contract", "amendment", other, "-o", str(tmp_path / "rien.pdf"), "--no-sign")
    assert result.returncode == 2 and "pas encore été revu" in flat(result.stderr)
    assert not (tmp_path / "rien.pdf").exists()


def test_amendment_from_an_assessment_s_answers(processor, tmp_path):
    aid = vigie("new", "--profile", "lab", "--org", "Laboratoire des Tilleuls").stdout.strip()
    vigie("answer", aid, "lab.a28.contract.instructions", "no")
    out = tmp_path / "depuis-les-reponses.pdf"
    result = vigie("contract", "amendment", "--assessment", aid, "-o", str(out), "--no-sign")
    assert result.returncode == 0, result.stderr
    text = flat(pdftext(out))
    assert "non d’une relecture du contrat" in text and "1. Instructions documentées" in text


def test_a_signed_amendment_passes_pdfsig_and_qpdf(processor, consultant_p12, tmp_path):
    review(processor, "--set", "28-3-a=absent")
    out = tmp_path / "signe.pdf"
    result = vigie("contract", "amendment", processor, "-o", str(out), "--sign-p12", str(consultant_p12.path),
                   "--signer-role", "DPO", "--certify", env={"VIGIE_P12_PASSWORD": P12_PASSWORD})
    assert result.returncode == 0, result.stderr
    assert pdfsig_verdicts(out) == ["Signature is Valid."]
    from wizard.signing import verify_pdf

    (check,) = verify_pdf(out)
    assert check.certified and check.intact and check.covers_whole_document
    assert run("qpdf", "--check", str(out)).returncode == 0
    wrong = vigie("contract", "amendment", processor, "-o", str(tmp_path / "faux.pdf"), "--sign-p12",
                  str(consultant_p12.path), env={"VIGIE_P12_PASSWORD": "faux"})
    assert wrong.returncode == 2 and not (tmp_path / "faux.pdf").exists()
