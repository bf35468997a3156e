"""Smoke test of a BUILT executable (make smoke builds both variants, then runs this on each):
the one-file executable, or the one-folder build's (its libraries in _internal beside it).

Skipped unless VIGIE_EXECUTABLE names the executable: the source tree is tested elsewhere.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from wizard import __version__

EXE = os.environ.get("VIGIE_EXECUTABLE")
pytestmark = pytest.mark.skipif(not EXE, reason="VIGIE_EXECUTABLE not set (run `make smoke`)")


def run(*args: str, env: dict[str, str] | None = None, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    assert EXE
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"Vigie {__version__}"


def test_questions_json_holds_the_bundled_content():
    result = run("questions", "--profile", "vendor", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    questions = [q for s in data["sections"] for q in s["questions"]]
    assert len(questions) >= 45
    assert all(q["text"] for q in questions)


def test_report_signed_with_personal_identity_passes_pdfsig(tmp_path):
    data = json.loads(run("questions", "--profile", "lab", "--json").stdout)
    answers = {q["id"]: {"value": "no"} for s in data["sections"] for q in s["questions"] if not q["depends_on"]}
    answers_path = tmp_path / "answers.json"
    answers_path.write_text(json.dumps({
        "format": "vigie-answers", "version": 1, "profile": "lab",
        "organisation": {"name": "Laboratoire des Tilleuls"}, "assessor": "Zoé Martin",
        "date": "2026-11-28", "answers": answers}, ensure_ascii=False), encoding="utf-8")
    env = {"VIGIE_IDENTITY_PASSPHRASE": "phrase secrète de test"}
    created = run("identity", "create", "--name", "Zoé Martin", "--organisation", "Laboratoire des Tilleuls",
                  env=env)
    assert created.returncode == 0, created.stderr
    out = tmp_path / "plan.pdf"
    result = run("report", str(answers_path), "-o", str(out), "--signer-name", "Zoé Martin", env=env)
    assert result.returncode == 0, result.stderr
    assert run("verify", str(out)).returncode == 3  # intact, but self-signed: not trusted yet
    certificate = tmp_path / "zoe.pem"
    assert run("identity", "export", "--certificate-only", str(certificate)).returncode == 0
    assert run("trust", "add", str(certificate)).returncode == 0
    assert run("verify", str(out)).returncode == 0
    if shutil.which("pdfsig"):
        check = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True)
        assert "Signature is Valid." in check.stdout


def test_spreadsheets_calendar_and_paper_from_the_executable(tmp_path):
    """openpyxl, icalendar and the questionnaire's PDF travel in the bundle: every export, and an
    edited plan taken back."""
    data = {"VIGIE_DATA_DIR": str(tmp_path / "data")}
    made = run("new", "--profile", "lab", "--org", "Laboratoire des Tilleuls", env=data)
    assert made.returncode == 0, made.stderr
    aid = made.stdout.strip()
    questions = json.loads(run("questions", "--profile", "lab", "--json").stdout)
    first = questions["sections"][0]["questions"][0]["id"]
    assert run("answer", aid, first, "no", env=data).returncode == 0
    for args in (("export-plan", aid, "-o", str(tmp_path / "plan.xlsx")),
                 ("export-plan", aid, "-o", str(tmp_path / "plan.ics")),
                 ("export-answers", aid, "-o", str(tmp_path / "answers.csv")),
                 ("questionnaire-pdf", "--profile", "vendor", "--lang", "en", "-o", str(tmp_path / "q.pdf"))):
        result = run(*args, env=data)
        assert result.returncode == 0, (args, result.stderr)
    assert (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert (tmp_path / "q.pdf").read_bytes().startswith(b"%PDF")
    dry = run("import-plan", aid, str(tmp_path / "plan.xlsx"), "--dry-run", env=data)
    assert dry.returncode == 0, dry.stderr


def test_the_points_to_complete_in_a_contract_from_the_executable(tmp_path):
    """The editable .docx (written with the standard library) and the PDF, from the bundle."""
    data = {"VIGIE_DATA_DIR": str(tmp_path / "data")}
    made = run("new", "--profile", "lab", "--org", "Laboratoire des Tilleuls", env=data)
    assert made.returncode == 0, made.stderr
    aid = made.stdout.strip()
    assert run("answer", aid, "lab.a28.contract.instructions", "no", env=data).returncode == 0
    for name in ("points.docx", "points.pdf"):
        result = run("contract", "amendment", "--assessment", aid, "-o", str(tmp_path / name), "--no-sign", env=data)
        assert result.returncode == 0, (name, result.stderr)
    with zipfile.ZipFile(tmp_path / "points.docx") as package:  # a whole Word package, its text inside
        assert "Instructions documentées" in package.read("word/document.xml").decode()
    assert (tmp_path / "points.pdf").read_bytes().startswith(b"%PDF")


def test_gui_starts_offscreen_and_closes_cleanly():
    result = run(env={"QT_QPA_PLATFORM": "offscreen", "VIGIE_READY_PROBE": "1"}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-2:] == ["ready", "listed"]  # painted, then the list filled


def test_bad_input_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    result = run("plan", str(bad))
    assert result.returncode == 2 and "format" in result.stderr


def test_bundle_is_self_contained():
    assert EXE
    folder = Path(EXE).parent / "_internal"
    if folder.is_dir():  # one folder: Qt, Python and the content beside the executable
        assert any(folder.rglob("*Qt6Core*")) and any(folder.rglob("python3*"))
        assert (folder / "questionnaires").is_dir()
    else:  # one file: all of it inside
        assert Path(EXE).stat().st_size > 10_000_000
