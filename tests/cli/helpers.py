"""Run the real command line in a child process, as a script would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def vigie(*args: str, env: dict[str, str] | None = None, input: str | None = None,
          cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "wizard", *args], capture_output=True, text=True,
                          env=full_env, input=input, cwd=cwd, timeout=120)


def answers_file(path: Path, answers: dict[str, Any], *, profile: str = "lab", **extra: Any) -> Path:
    data = {"format": "vigie-answers", "version": 1, "profile": profile,
            "organisation": {"name": "Laboratoire des Tilleuls"}, "assessor": "Zoé Martin",
            "date": "2026-11-28",
            "answers": {k: (v if isinstance(v, dict) else {"value": v}) for k, v in answers.items()}}
    data.update(extra)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
