"""The spreadsheet, calendar and paper commands: export-plan, export-answers, import-plan,
plan-history, questionnaire-pdf. Bad input exits 2 naming the row and column; nothing is applied."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import vigie


@pytest.fixture(autouse=True)
def _mini(mini_questionnaire_dir):
    yield


@pytest.fixture
def aid() -> str:
    made = vigie("new", "--profile", "lab", "--org", "Laboratoire des Tilleuls", "--assessor", "Zoé Martin")
    assert made.returncode == 0, made.stderr
    assessment = made.stdout.strip()
    for qid in ("t.a28.contract.signed", "t.a32.access.individual"):
        assert vigie("answer", assessment, qid, "no").returncode == 0
    return assessment


def _stored(data_dir: Path, aid: str) -> bytes:
    return (data_dir / "assessments" / f"{aid}.vigie.json").read_bytes()


def _edit(path: Path, cells: dict[str, object]) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path)
    for ref, value in cells.items():
        book.worksheets[0][ref] = value
    book.save(path)


def test_export_plan_in_each_format(aid, tmp_path):
    for suffix in ("xlsx", "csv", "ics"):
        out = tmp_path / f"plan.{suffix}"
        result = vigie("export-plan", aid, "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == str(out) and out.stat().st_size > 0
    forced = vigie("export-plan", aid, "--format", "csv", "-o", str(tmp_path / "plan.txt"))
    assert forced.returncode == 0 and (tmp_path / "plan.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    answers = vigie("export-answers", aid, "-o", str(tmp_path / "answers.xlsx"))
    assert answers.returncode == 0, answers.stderr


@pytest.mark.parametrize("args, message", [
    (("export-plan", "{aid}", "-o", "{tmp}/plan.pdf"), "format xlsx, csv ou ics attendu"),
    (("export-answers", "{aid}", "-o", "{tmp}/answers.ics"), "format xlsx ou csv attendu"),
    (("export-plan", "{aid}", "-o", "{tmp}/absent/plan.xlsx"), "n’existe pas"),
    (("export-plan", "00000000-0000-4000-8000-000000000000", "-o", "{tmp}/plan.xlsx"), "aucune évaluation"),
    (("import-plan", "{aid}", "{tmp}/absent.xlsx"), "fichier introuvable"),
    (("questionnaire-pdf", "--profile", "hospital", "-o", "{tmp}/q.pdf"), "profil inconnu"),
])
def test_bad_input_exits_2_with_a_message_and_writes_nothing(aid, tmp_path, args, message):
    result = vigie(*(a.format(aid=aid, tmp=tmp_path) for a in args))
    assert result.returncode == 2
    assert message in result.stderr.replace("\u202f", " ").replace("\u00a0", " ")
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_import_plan_reports_rows_and_applies_nothing_then_applies_the_fixed_sheet(aid, tmp_path, data_dir):
    plan = tmp_path / "plan.xlsx"
    assert vigie("export-plan", aid, "-o", str(plan)).returncode == 0
    _edit(plan, {"F2": "Terminé", "E3": "le 3 mars"})
    before = _stored(data_dir, aid)

    refused = vigie("import-plan", aid, str(plan))

    assert refused.returncode == 2
    err = refused.stderr.replace("\u202f", " ").replace("\u00a0", " ")
    assert "ligne 2, colonne « Statut » (F) : statut inconnu « Terminé »" in err
    assert "ligne 3, colonne « Échéance » (E) : date illisible « le 3 mars »" in err
    assert "2 problèmes ; rien n’a été importé" in err
    assert _stored(data_dir, aid) == before

    _edit(plan, {"F2": "Fait", "E3": "15/04/2027"})
    dry = vigie("import-plan", aid, str(plan), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.count("\n") == 2 and "Statut" in dry.stdout and "15/04/2027" in dry.stdout
    assert _stored(data_dir, aid) == before

    done = vigie("import-plan", aid, str(plan), "--by", "Claire")
    assert done.returncode == 0, done.stderr
    shown = json.loads(vigie("show", aid, "--json").stdout)
    edits = shown["action_edits"]
    assert {"status": "done"} in edits.values() and {"due": "2027-04-15"} in edits.values()
    history = json.loads(vigie("plan-history", aid, "--json").stdout)
    assert len(history) == 1 and history[0]["by"] == "Claire" and history[0]["source"] == "plan.xlsx"
    assert {c["field"] for c in history[0]["changes"]} == {"status", "due"}
    listed = vigie("plan-history", aid)
    assert "Import du tableur « plan.xlsx »" in listed.stdout.replace("\u202f", " ")


def test_questionnaire_pdf_blank_and_prefilled(aid, tmp_path):
    blank = vigie("questionnaire-pdf", "--profile", "lab", "--lang", "en", "-o", str(tmp_path / "blank.pdf"))
    assert blank.returncode == 0, blank.stderr
    assert (tmp_path / "blank.pdf").read_bytes().startswith(b"%PDF")
    prefilled = vigie("questionnaire-pdf", "--prefill", aid, "-o", str(tmp_path / "prefilled.pdf"))
    assert prefilled.returncode == 0, prefilled.stderr
    other = vigie("questionnaire-pdf", "--prefill", aid, "--profile", "vendor", "-o", str(tmp_path / "x.pdf"))
    assert other.returncode == 2 and "porte sur le profil" in other.stderr.replace("\u202f", " ")
    assert not (tmp_path / "x.pdf").exists()


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_a_plan_exported_from_another_assessment_is_refused_naming_both(aid, tmp_path, data_dir):
    other = vigie("new", "--profile", "lab", "--org", "Laboratoire du Port", "--assessor", "Jean Dupont").stdout.strip()
    for qid in ("t.a28.contract.signed", "t.a32.access.individual"):
        assert vigie("answer", other, qid, "no").returncode == 0
    plan = tmp_path / "plan_port.xlsx"
    assert vigie("export-plan", other, "-o", str(plan)).returncode == 0
    _edit(plan, {"F2": "Fait"})
    before = _stored(data_dir, aid)

    refused = vigie("import-plan", aid, str(plan))

    assert refused.returncode == 2
    err = plain(refused.stderr)
    assert "plan_port.xlsx est le plan d’action d’une autre évaluation (Laboratoire du Port, identifiant " \
           f"{other})" in err
    assert f"pas dans l’évaluation {aid} (Laboratoire des Tilleuls). Rien n’a été importé." in err
    assert "Traceback" not in refused.stderr and refused.stdout == ""
    assert _stored(data_dir, aid) == before
    # The plan still goes back into its own assessment.
    assert vigie("import-plan", other, str(plan)).returncode == 0


def test_a_csv_plan_of_another_assessment_is_refused_by_the_id_it_carries(aid, tmp_path, data_dir):
    """Two laboratories' plans share their action ids: a CSV has no « À propos » sheet, so its last
    column names its assessment, and Excel keeps it when the file is saved again."""
    other = vigie("new", "--profile", "lab", "--org", "Laboratoire du Port").stdout.strip()
    assert vigie("answer", other, "t.a28.contract.signed", "no").returncode == 0
    plan = tmp_path / "plan_port.csv"
    assert vigie("export-plan", other, "-o", str(plan)).returncode == 0
    header = plan.read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    assert header[-1] == "Identifiant de l’évaluation" and other in plan.read_text(encoding="utf-8-sig")
    before = _stored(data_dir, aid)

    refused = vigie("import-plan", aid, str(plan))

    assert refused.returncode == 2 and refused.stdout == ""
    assert f"plan_port.csv est le plan d’action d’une autre évaluation (identifiant {other})" in plain(refused.stderr)
    assert _stored(data_dir, aid) == before
    assert vigie("import-plan", other, str(plan)).returncode == 0  # its own assessment takes it
    # Without that column (a CSV of an earlier Vigie, or the column deleted), it still imports.
    lines = plan.read_text(encoding="utf-8-sig").splitlines()
    plan.write_text("\n".join(line.rsplit(";", 1)[0] for line in lines), encoding="utf-8-sig")
    assert plan.read_text(encoding="utf-8-sig").splitlines()[0].split(";")[-1] == "Références"
    assert vigie("import-plan", other, str(plan)).returncode == 0


def test_import_plan_says_each_problem_once_with_french_punctuation(aid, tmp_path):
    plan = tmp_path / "plan_bad.xlsx"
    assert vigie("export-plan", aid, "-o", str(plan)).returncode == 0
    _edit(plan, {"F3": "Bof"})
    bad_row = vigie("import-plan", aid, str(plan))
    assert bad_row.returncode == 2
    assert "plan_bad.xlsx : ligne 3, colonne « Statut » (F) : statut inconnu « Bof »" in plain(bad_row.stderr)
    assert "plan_bad.xlsx:" not in bad_row.stderr

    _edit(plan, {"A1": "Référence", "F3": "Fait"})
    bad_header = vigie("import-plan", aid, str(plan))
    assert bad_header.returncode == 2
    err = plain(bad_header.stderr)
    assert err.count("aucune colonne « Identifiant » en première ligne") == 1, err
    assert "plan_bad.xlsx : aucune colonne « Identifiant »" in err


def test_plan_history_says_when_there_is_none(aid):
    listed = vigie("plan-history", aid)
    assert listed.returncode == 0 and listed.stdout == ""
    assert "aucune modification du plan n’est enregistrée" in plain(listed.stderr)
    assert json.loads(vigie("plan-history", aid, "--json").stdout) == []
