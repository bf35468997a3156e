"""vigie compare and vigie merge: the deltas of two stored assessments; copies merged, conflicts
exiting with code 3 until decided, refused files exiting with code 2, nothing written then."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import vigie
from tests.storage.conftest import snapshot


@pytest.fixture(autouse=True)
def _mini(mini_questionnaire_dir):
    yield


def ok(*args: str, env: dict[str, str] | None = None) -> str:
    result = vigie(*args, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def first() -> str:
    aid = ok("new", "--profile", "lab", "--org", "Laboratoire des Tilleuls", "--assessor", "Claire Martin").strip()
    ok("answer", aid, "t.a28.contract.signed", "no")
    ok("answer", aid, "t.a32.access.individual", "partial")
    return aid


def reassessed(aid: str, data_dir: Path) -> str:
    from wizard.operations.workspace import Workspace

    workspace = Workspace.open(data_dir)
    try:
        return workspace.reassess(aid).id
    finally:
        workspace.close()


def test_compare_two_assessments(first, data_dir):
    second = reassessed(first, data_dir)
    ok("answer", second, "t.a28.contract.signed", "yes")
    ok("answer", second, "t.a32.access.individual", "no")
    data = json.loads(ok("compare", first, second, "--json"))
    assert [x["question"] for x in data["improved"]] == ["t.a28.contract.signed"]
    assert [x["question"] for x in data["worsened"]] == ["t.a32.access.individual"]
    assert [x["id"] for x in data["actions"]["closed"]] == ["t.act.contract"]
    assert [x["id"] for x in data["actions"]["still_open"]] == ["t.act.accounts"]
    assert data["articles"]["32"]["delta"] < 0 < data["articles"]["28"]["delta"]
    text = ok("compare", first, second)
    assert "Réponses améliorées (1)" in text and "t.a28.contract.signed : Non → Oui" in text.replace("\u00a0", " ")


def test_compare_an_unknown_assessment_exits_2(first):
    result = vigie("compare", first, "00000000-0000-4000-8000-000000000000")
    assert result.returncode == 2 and "00000000-0000-4000-8000-000000000000" in result.stderr


def laptop_copy(aid: str, tmp_path: Path, data_dir: Path, name: str) -> dict[str, str]:
    """Another laptop's data folder holding a copy of the assessment as it is now."""
    exported = tmp_path / f"{name}-out.vigie"
    ok("export", aid, "-o", str(exported))
    env = {"VIGIE_DATA_DIR": str(tmp_path / name)}
    ok("import", str(exported), env=env)
    return env


def test_merge_reports_conflicts_with_exit_3_then_takes_a_side(first, tmp_path, data_dir):
    jean = laptop_copy(first, tmp_path, data_dir, "jean")
    ok("answer", first, "t.a28.contract.signed", "partial", "--note", "Avenant en cours")
    ok("answer", first, "t.a28.contract.audit", "yes", env=jean)
    ok("answer", first, "t.a28.contract.signed", "yes", "--note", "Signé le 12/11", "--by", "Jean Dupont", env=jean)
    copy = tmp_path / "jean.vigie"
    ok("export", first, "-o", str(copy), env=jean)
    before = snapshot(data_dir / "assessments")

    result = vigie("merge", first, str(copy))
    assert result.returncode == 3
    assert "t.a28.contract.signed" in result.stdout and "Signé le 12/11" in result.stdout
    assert "Jean Dupont" in result.stdout and "--take" in result.stderr
    assert snapshot(data_dir / "assessments") == before  # nothing written while a choice is needed
    listed = json.loads(vigie("merge", first, str(copy), "--json").stdout)
    assert listed["written"] is False
    assert [(c["question"], c["mine"]["value"], c["theirs"]["value"], c["theirs"]["by"], c["decision"])
            for c in listed["conflicts"]] == [("t.a28.contract.signed", "partial", "yes", "Jean Dupont", None)]

    data = json.loads(ok("merge", first, str(copy), "--take", "theirs", "--by", "Zoé Leroy", "--json"))
    assert data["written"] and data["conflicts"][0]["decision"] == "theirs"
    assert data["taken"] == [{"file": "jean.vigie", "question": "t.a28.contract.audit"}]
    shown = json.loads(ok("show", first, "--json"))
    assert shown["answers"]["t.a28.contract.signed"]["value"] == "yes"
    assert shown["answers"]["t.a28.contract.audit"]["value"] == "yes"
    history = json.loads(ok("history", first, "t.a28.contract.signed", "--json"))
    assert (history[-1]["by"], history[-1]["old"]["value"], history[-1]["new"]["value"]) == ("Zoé Leroy", "partial",
                                                                                              "yes")
    assert (history[-1]["merge"]["kept"], history[-1]["merge"]["copy"]) == ("theirs", "jean.vigie")
    assert "merge" not in history[0]
    assert "(fusion avec jean.vigie)" in ok("history", first, "t.a28.contract.signed")
    # Merging twice changes nothing the second time.
    again = snapshot(data_dir / "assessments")
    result = vigie("merge", first, str(copy))
    assert result.returncode == 0 and "rien à fusionner" in result.stderr
    assert snapshot(data_dir / "assessments") == again


def test_merge_refuses_a_copy_of_another_assessment_with_exit_2(first, tmp_path, data_dir):
    other = ok("new", "--profile", "lab", "--org", "Laboratoire du Port").strip()
    foreign = tmp_path / "port.vigie"
    ok("export", other, "-o", str(foreign))
    before = snapshot(data_dir / "assessments")
    result = vigie("merge", first, str(foreign))
    assert result.returncode == 2 and "port.vigie" in result.stderr and "autre évaluation" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(data_dir / "assessments") == before


@pytest.mark.parametrize("content", [b"", b"{}", b"%PDF-1.7\n"])
def test_merge_refuses_a_wrong_file_with_exit_2(first, tmp_path, data_dir, content):
    bad = tmp_path / "bad.vigie"
    bad.write_bytes(content)
    before = snapshot(data_dir / "assessments")
    result = vigie("merge", first, str(bad))
    assert result.returncode == 2 and "bad.vigie" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(data_dir / "assessments") == before


def test_merge_with_no_conflict_needs_no_option(first, tmp_path, data_dir):
    jean, zoe = laptop_copy(first, tmp_path, data_dir, "jean"), laptop_copy(first, tmp_path, data_dir, "zoe")
    ok("answer", first, "t.a28.contract.audit", "partial", env=jean)
    ok("answer", first, "t.a28.sub.any", "no", env=zoe)
    copies = [tmp_path / "jean.vigie", tmp_path / "zoe.vigie"]
    ok("export", first, "-o", str(copies[0]), env=jean)
    ok("export", first, "-o", str(copies[1]), env=zoe)
    result = vigie("merge", first, *map(str, copies))
    assert result.returncode == 0 and "fusion enregistrée" in result.stderr
    shown = json.loads(ok("show", first, "--json"))
    assert shown["answers"]["t.a28.contract.audit"]["value"] == "partial"
    assert shown["answers"]["t.a28.sub.any"]["value"] == "no"


def test_compare_refuses_a_laboratory_against_a_vendor_with_exit_2(first):
    # Their indices rest on different questions: a difference between them would mean nothing.
    vendor = ok("new", "--profile", "vendor", "--org", "BioLogiciel SAS").strip()
    result = vigie("compare", vendor, first)
    assert result.returncode == 2 and "profils différents" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def edited_plan(aid: str, path: Path, edits: dict[tuple[str, str], object], env: dict[str, str] | None = None) -> Path:
    """The plan exported to a workbook, cells set by (action id, column header), saved as a lab would."""
    from openpyxl import load_workbook

    ok("export-plan", aid, "-o", str(path), env=env)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    for (action_id, column), value in edits.items():
        sheet.cell(rows[action_id], header.index(column) + 1).value = value
    book.save(path)
    return path


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_a_merge_keeps_the_plan_history_and_says_what_it_changed_in_the_plan(first, tmp_path, data_dir):
    jean = laptop_copy(first, tmp_path, data_dir, "jean")
    ok("import-plan", first, str(edited_plan(first, tmp_path / "edited.xlsx",
                                             {("t.act.contract", "Statut"): "En cours"})))
    assert len(json.loads(ok("plan-history", first, "--json"))) == 1
    ok("answer", first, "t.a28.contract.audit", "yes", env=jean)
    ok("import-plan", first, str(edited_plan(first, tmp_path / "jean.xlsx",
                                             {("t.act.accounts", "Responsable"): "Jean Dupont"}, env=jean)), env=jean)
    copy = tmp_path / "copy.vigie"
    ok("export", first, "-o", str(copy), env=jean)

    ok("merge", first, str(copy), "--take", "theirs")

    history = json.loads(ok("plan-history", first, "--json"))
    # This copy's import, the copy's own import (brought with it: next time it is common ground), the merge.
    assert [(e["operation"], e["source"]) for e in history] == [("sheet-import", "edited.xlsx"),
                                                                ("sheet-import", "jean.xlsx"),
                                                                ("merge", "copy.vigie")]
    assert history[0]["changes"] == [{"action": "t.act.contract", "field": "status", "old": "todo", "new": "doing"}]
    assert history[2]["changes"] == [{"action": "t.act.accounts", "field": "owner", "old": "it", "new": "Jean Dupont"}]
    listed = plain(ok("plan-history", first))
    assert "Fusion avec « copy.vigie »" in listed and "Responsable : Responsable informatique → Jean Dupont" in listed


def test_an_action_reopened_here_stays_open_and_the_copy_it_did_not_change_is_no_news(first, tmp_path, data_dir):
    """The plan's history says this copy reopened the action and the other copy left it as both
    had it: the merge keeps « En cours » without asking (the old rule kept it too, but reported a
    difference the person merging could not act on)."""
    ok("import-plan", first, str(edited_plan(first, tmp_path / "done.xlsx", {("t.act.contract", "Statut"): "Fait"})))
    jean = laptop_copy(first, tmp_path, data_dir, "jean")  # « Fait » in both copies
    ok("import-plan", first, str(edited_plan(first, tmp_path / "reopened.xlsx",
                                             {("t.act.contract", "Statut"): "En cours"})))
    ok("answer", first, "t.a28.contract.audit", "yes", env=jean)  # Jean leaves the action as it was
    copy = tmp_path / "jean.vigie"
    ok("export", first, "-o", str(copy), env=jean)

    result = vigie("merge", first, str(copy))

    assert result.returncode == 0, result.stderr
    shown = json.loads(ok("show", first, "--json"))
    assert shown["action_edits"]["t.act.contract"]["status"] == "doing"
    assert shown["answers"]["t.a28.contract.audit"]["value"] == "yes"
    err = plain(result.stderr)
    assert "t.act.contract" not in err
    assert "fusion enregistrée : 1 réponse reprise d’une copie, 0 conflit tranché ;" in err


def test_a_garbage_or_missing_copy_is_refused_in_french(first, tmp_path, data_dir):
    garbage = tmp_path / "garbage.vigie"
    garbage.write_text("ceci n’est pas du JSON", encoding="utf-8")
    refused = vigie("merge", first, str(garbage))
    assert refused.returncode == 2
    assert "Rien n’a été fusionné" in refused.stderr and "importé" not in refused.stderr
    assert "Expecting value" not in refused.stderr and "JSON illisible" in refused.stderr
    missing = vigie("merge", first, str(tmp_path / "absent.vigie"))
    assert missing.returncode == 2
    assert "absent.vigie : fichier introuvable ; rien n’a été fusionné" in plain(missing.stderr)
    assert "No such file" not in missing.stderr
