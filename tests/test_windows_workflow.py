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
    smoke = next(step for step in job["steps"] if r"tests\frozen" in step.get("run", ""))
    assert smoke["env"]["VIGIE_EXECUTABLE"].endswith(r"build\dist\vigie-cli.exe")
    assert 'VIGIE_REQUIRE_TOOLS = "pdf"' in commands  # pdfsig and qpdf really run there
