"""The assessment commands: new, list, show, answer, history, export, import, backups, restore, undelete,
passphrase.

Run in-process for speed (the same main() as the `vigie` script); errors exit 2 with a
message on stderr and leave the stored data untouched.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from wizard.cli import main
from wizard.core.answers_file import assessment_from_dict
from wizard.core.questionnaire import load_questionnaire

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _mini(mini_questionnaire_dir):
    yield


@pytest.fixture
def run(capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def aid(run):
    code, out, _err = run("new", "--profile", "lab", "--org", "Laboratoire des Tilleuls", "--assessor", "Claire")
    assert code == 0
    return out.strip()


def _files(data_dir: Path) -> dict[str, bytes]:
    folder = data_dir / "assessments"
    return {p.name: p.read_bytes() for p in folder.glob("*.vigie.json")}


def test_new_list_show(run, aid):
    code, out, _ = run("new", "--profile", "vendor", "--org", "Éditeur Dupuis", "--json")
    assert code == 0
    vendor = json.loads(out)
    assert vendor["profile"] == "vendor" and vendor["organisation"] == "Éditeur Dupuis"
    code, out, _ = run("list", "--json")
    listed = {row["id"]: row for row in json.loads(out)}
    assert set(listed) == {aid, vendor["id"]}
    assert listed[aid]["organisation"] == "Laboratoire des Tilleuls" and listed[aid]["answered"] == 0
    code, out, _ = run("list")
    assert "Éditeur Dupuis" in out and aid in out
    code, out, _ = run("show", aid, "--json")
    shown = json.loads(out)
    assert shown["meta"]["answered"] == 0 and shown["meta"]["locked_by"] is None
    # The answers-file form: `vigie plan` and the answers-file reader accept it as is.
    a = assessment_from_dict(shown, load_questionnaire(FIXTURES / "questionnaires"))
    assert a.organisation.name == "Laboratoire des Tilleuls" and a.assessor == "Claire"


def test_new_without_an_organisation_name_is_refused(run, data_dir):
    code, _out, err = run("new", "--profile", "lab", "--org", "  ")
    assert code == 2 and "organisme" in err
    assert _files(data_dir) == {}


def test_answer_then_show_and_history(run, aid):
    assert run("answer", aid, "t.a28.contract.signed", "partial", "--note", "Avenant en cours",
               "--justification", "Contrat de 2019", "--by", "Jean Dupont")[0] == 0
    assert run("answer", aid, "t.a28.contract.signed", "no")[0] == 0
    code, out, _ = run("show", aid, "--json")
    answer = json.loads(out)["answers"]["t.a28.contract.signed"]
    assert answer["value"] == "no" and answer["note"] == "Avenant en cours" and answer["by"] == "Claire"
    code, out, _ = run("history", aid, "t.a28.contract.signed", "--json")
    history = json.loads(out)
    assert [(h["by"], h["old"] and h["old"]["value"], h["new"]["value"]) for h in history] == [
        ("Jean Dupont", None, "partial"), ("Claire", "partial", "no")]
    assert json.loads(run("history", aid, "t.a28.sub.any", "--json")[1]) == []
    code, _out, err = run("history", aid, "no.such.question")
    assert code == 2 and "no.such.question" in err


@pytest.mark.parametrize(("args", "message"), [
    (("no.such.question", "yes"), "no.such.question"),
    (("t.a28.contract.signed", "maybe"), "maybe"),
    (("t.a32.access.vendor_only", "yes"), "t.a32.access.vendor_only"),  # not asked of a lab
])
def test_bad_answers_exit_2_and_store_nothing(run, aid, data_dir, args, message):
    before = _files(data_dir)
    code, _out, err = run("answer", aid, *args)
    assert code == 2 and message in err and "rien n’a été enregistré" in err
    assert _files(data_dir) == before


def test_unknown_assessment_exits_2(run, data_dir):
    for command in (("show", "0123abcd", "--json"), ("answer", "0123abcd", "t.a28.sub.any", "yes"),
                    ("backups", "../etc"), ("export", "0123abcd", "-o", str(data_dir / "x.vigie"))):
        code, _out, err = run(*command)
        assert code == 2 and "aucune évaluation" in err, command


def test_export_import_copy_and_replace(run, aid, tmp_path, data_dir):
    run("answer", aid, "t.a28.sub.any", "yes", "--note", "Hébergeur HDS")
    exported = tmp_path / "tilleuls.vigie"
    assert run("export", aid, "-o", str(exported))[0] == 0
    code, out, err = run("import", str(exported))
    assert code == 0 and out.strip() != aid and "nouvelle copie" in err
    copy_id = out.strip()
    assert json.loads(run("show", copy_id, "--json")[1])["answers"]["t.a28.sub.any"]["note"] == "Hébergeur HDS"
    run("answer", aid, "t.a28.sub.any", "no")
    code, out, err = run("import", str(exported), "--replace")
    assert code == 0 and out.strip() == aid and "remplacée" in err
    assert json.loads(run("show", aid, "--json")[1])["answers"]["t.a28.sub.any"]["value"] == "yes"


def test_export_needs_the_vigie_suffix(run, aid, tmp_path):
    code, _out, err = run("export", aid, "-o", str(tmp_path / "x.json"))
    assert code == 2 and ".vigie" in err and not (tmp_path / "x.json").exists()


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n", b'{"format": "vigie-exchange", "version": 1}'])
def test_import_of_a_bad_file_exits_2_and_stores_nothing(run, aid, tmp_path, data_dir, content):
    before = _files(data_dir)
    bad = tmp_path / "bad.vigie"
    bad.write_bytes(content)
    code, _out, err = run("import", str(bad))
    assert code == 2 and str(bad) in err and "Rien n’a été importé" in err
    assert _files(data_dir) == before
    code, _out, err = run("import", str(tmp_path / "missing.vigie"))
    assert code == 2 and "missing.vigie" in err


def test_import_of_a_pdf_without_an_assessment_exits_2(run, tmp_path, data_dir):
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    code, _out, err = run("import", str(pdf))
    assert code == 2 and "plan.pdf" in err
    assert _files(data_dir) == {}


def test_backups_and_restore(run, aid, data_dir):
    run("answer", aid, "t.a28.sub.any", "yes")
    run("answer", aid, "t.a28.sub.any", "no")
    code, out, _ = run("backups", aid, "--json")
    backups = json.loads(out)
    assert [b["answered"] for b in backups] == [1, 1, 0]
    first_answer = backups[1]["name"]
    assert run("restore", aid, first_answer)[0] == 0
    assert json.loads(run("show", aid, "--json")[1])["answers"]["t.a28.sub.any"]["value"] == "yes"
    before = _files(data_dir)
    code, _out, err = run("restore", aid, "20990101T000000.000000Z-000000000000-auto.bak")
    assert code == 2 and "aucune sauvegarde" in err
    assert _files(data_dir) == before


def test_a_deleted_assessment_is_listed_and_undeleted(run, aid, data_dir):
    """Its file removed by hand: `list --deleted` names it, `undelete` brings it back whole;
    undeleting one still there, or an unknown id, exits 2 and changes nothing."""
    run("answer", aid, "t.a28.sub.any", "yes")
    (data_dir / "assessments" / f"{aid}.vigie.json").unlink()
    assert run("list")[1] == ""
    code, out, _ = run("list", "--deleted", "--json")
    (listed,) = json.loads(out)
    assert code == 0 and (listed["id"], listed["answered"]) == (aid, 1) and listed["organisation"]
    assert aid in run("list", "--deleted")[1]
    code, _out, err = run("undelete", aid)
    assert code == 0 and "rétablie (1 réponse)" in err
    assert json.loads(run("show", aid, "--json")[1])["answers"]["t.a28.sub.any"]["value"] == "yes"
    before = _files(data_dir)
    code, _out, err = run("undelete", aid)
    assert code == 2 and "n’est pas supprimée" in err
    code, _out, err = run("undelete", "pas-un-identifiant")
    assert code == 2 and "pas-un-identifiant" in err
    never = "0123abcd-0000-4000-8000-000000000000"  # well formed, never stored
    code, _out, err = run("undelete", never)
    assert code == 2 and f"aucune évaluation supprimée n’a l’identifiant «\u202f{never}\u202f»" in err
    assert _files(data_dir) == before
    code, out, err = run("list", "--deleted")
    assert (code, out) == (0, "") and "aucune évaluation supprimée" in err


def test_passphrase_set_then_commands_need_it(run, aid, monkeypatch, data_dir):
    monkeypatch.setenv("VIGIE_STORE_PASSPHRASE", "une phrase solide")
    assert run("passphrase", "set")[0] == 0
    assert b"Laboratoire" not in b"".join(_files(data_dir).values())
    assert run("answer", aid, "t.a28.sub.any", "yes")[0] == 0
    monkeypatch.setenv("VIGIE_STORE_PASSPHRASE", "pas la bonne")
    before = _files(data_dir)
    code, _out, err = run("list")
    assert code == 2 and "incorrecte" in err
    monkeypatch.delenv("VIGIE_STORE_PASSPHRASE")
    code, _out, err = run("list")  # no terminal to ask on
    assert code == 2 and "VIGIE_STORE_PASSPHRASE" in err
    assert _files(data_dir) == before
    monkeypatch.setenv("VIGIE_STORE_PASSPHRASE", "une phrase solide")
    monkeypatch.setenv("VIGIE_STORE_NEW_PASSPHRASE", "une autre phrase")
    assert run("passphrase", "change")[0] == 0
    monkeypatch.setenv("VIGIE_STORE_PASSPHRASE", "une autre phrase")
    code, out, _ = run("show", aid, "--json")
    assert code == 0 and json.loads(out)["answers"]["t.a28.sub.any"]["value"] == "yes"
    assert run("passphrase", "set")[0] == 2  # already encrypted


def test_answer_while_another_process_writes_exits_2(run, aid, data_dir):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from wizard.storage import Store;"
         "s = Store(Path(sys.argv[1])); s.lock(sys.argv[2]); print('ready', flush=True); sys.stdin.readline()",
         str(data_dir), aid], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        before = _files(data_dir)
        code, _out, err = run("answer", aid, "t.a28.sub.any", "yes")
        assert code == 2 and f"pid {holder.pid}" in err and "lecture" in err
        assert _files(data_dir) == before
        code, out, _ = run("show", aid, "--json")  # reading still works, and says who writes
        assert code == 0 and json.loads(out)["meta"]["locked_by"]["pid"] == holder.pid
    finally:
        holder.kill()
        holder.wait()


def test_file_from_a_newer_vigie_exits_2_with_the_version_needed(run, aid, data_dir):
    path = data_dir / "assessments" / f"{aid}.vigie.json"
    doc = json.loads(path.read_bytes())
    doc["version"], doc["app"] = 99, "7.0.0"
    path.write_bytes(json.dumps(doc).encode())
    before = path.read_bytes()
    code, _out, err = run("show", aid, "--json")
    assert code == 2 and "7.0.0" in err and "format 99" in err
    assert run("answer", aid, "t.a28.sub.any", "yes")[0] == 2
    assert path.read_bytes() == before


def test_import_of_a_vigie_report_pdf_restores_the_attached_assessment(run, aid, tmp_path, data_dir):
    from wizard.core.questionnaire import load_questionnaire
    from wizard.report import build_report
    from wizard.storage import Store

    run("answer", aid, "t.a28.contract.signed", "partial", "--note", "Avenant en cours")
    run("answer", aid, "t.a28.sub.any", "no")
    store = Store(data_dir)
    original = store.load(aid)
    store.close()
    pdf_bytes, _info = build_report(original, load_questionnaire())
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(pdf_bytes)  # not signed: nothing vouches for the attachment
    code, out, err = run("import", str(pdf))
    assert code == 2 and out == ""
    assert "ne porte aucune signature" in err and "--accept-unsigned" in err
    code, out, err = run("import", str(pdf), "--accept-unsigned")
    assert code == 0 and "nouvelle copie" in err and "plan non signé, importé à votre demande" in err
    shown = json.loads(run("show", out.strip(), "--json")[1])
    assert shown["answers"]["t.a28.contract.signed"] == {
        **shown["answers"]["t.a28.contract.signed"], "value": "partial", "note": "Avenant en cours"}
    assert shown["answers"]["t.a28.sub.any"]["value"] == "no"
    assert shown["organisation"]["name"] == "Laboratoire des Tilleuls"
