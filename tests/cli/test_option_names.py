"""A command's own options are never taken for the global ones: `--data` (data categories of a
processor) once matched `--data-dir` by abbreviation, and the register went into a folder named
« patient_health » in the current folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_data_categories_option_is_not_the_data_folder(tmp_path):
    data = tmp_path / "données"
    work = tmp_path / "ici"
    work.mkdir()
    env = {**os.environ, "VIGIE_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}

    def vigie(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "wizard", *args], cwd=work, env=env, capture_output=True,
                              text=True, timeout=120)

    added = vigie("processors", "add", "BioLogiciel SA", "--services", "lis", "--data", "patient_health")
    assert added.returncode == 0, added.stderr
    assert list(work.iterdir()) == []  # no folder made where the command was typed
    listed = vigie("processors", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert "BioLogiciel SA" in json.dumps(json.loads(listed.stdout), ensure_ascii=False)
    # The global option still works when written in full.
    other = tmp_path / "autre"
    assert vigie("--data-dir", str(other), "list").returncode == 0 and other.is_dir()
