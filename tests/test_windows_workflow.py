"""The Windows workflow (never run from here: it needs a Windows runner) is at least a valid
GitHub Actions file that installs, tests, builds with the same spec and smoke-tests the build."""

from __future__ import annotations

import subprocess
import sys

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


def test_the_workflow_is_valid_for_github_actions():
    checked = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_workflow_tests_builds_and_smoke_tests_on_windows():
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]
    assert job["runs-on"].startswith("windows")
    commands = "\n".join(step.get("run", "") for step in job["steps"])
    assert '-m pip install -e ".[test,build]"' in commands
    assert "-m pytest -q\n" in commands + "\n"  # the whole suite
    assert r"build\package.py" in commands  # the same spec as `make package`
    assert r"-m pytest -q tests\frozen" in commands
    smoke = next(step for step in job["steps"] if r"tests\frozen" in step.get("run", ""))  # the first: one file
    assert smoke["env"]["VIGIE_EXECUTABLE"].endswith(r"build\dist\vigie-cli.exe")
    assert 'VIGIE_REQUIRE_TOOLS = "pdf"' in commands  # pdfsig and qpdf really run there


def test_the_workflow_ships_an_installer_and_logs_both_start_up_figures():
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]
    steps = job["steps"]
    runs = [step.get("run", "") for step in steps]
    position = {name: next(i for i, text in enumerate(runs) if marker in text) for name, marker in (
        ("build", r"build\package.py"), ("installer", r"build\installer.py"), ("install", '"/S"'),
        ("figures", "-m benchmarks.startup_bench"), ("uninstall", r"Vigie\Uninstall.exe"))}
    assert position["build"] < position["installer"] < position["install"] < position["figures"] < position["uninstall"]
    smoke = [step for step in steps if r"tests\frozen" in step.get("run", "")]
    # The one-file executable where it was built, the one-folder build where the installer put it.
    assert {step["env"]["VIGIE_EXECUTABLE"] for step in smoke} == {
        r"${{ github.workspace }}\build\dist\vigie-cli.exe", r"C:\Program Files\Vigie\vigie-cli.exe"}
    assert position["install"] < steps.index(smoke[1]) < position["uninstall"]
    figures = runs[position["figures"]]
    assert r"--onefile build\dist\vigie-cli.exe" in figures and r'--onedir "C:\Program Files\Vigie\vigie-cli.exe"' in figures
    assert "Start Menu" in runs[position["install"]] and "Start Menu" in runs[position["uninstall"]]
    uploaded = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact"))
    assert "build/dist/*.exe" in uploaded["with"]["path"]  # Vigie.exe, vigie-cli.exe and the setup
