"""Run the command line as a script would: in this interpreter, or in a child process.

Most tests call vigie(), which runs `wizard.cli.main` in-process with its own environment,
standard input and output, and the exit code a shell would see: starting a new interpreter
for each command (about 0.6 s) was most of the suite's time. vigie_process() keeps the real
process boundary for the tests that are about it (exit codes, output encoding, the
`python -m wizard` entry point).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any


def vigie_process(*args: str, env: dict[str, str] | None = None, input: str | None = None,
                  cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "wizard", *args], capture_output=True, text=True,
                          env=full_env, input=input, cwd=cwd, timeout=120)


class _NotATerminal(io.StringIO):
    def isatty(self) -> bool:
        return False


def vigie(*args: str, env: dict[str, str] | None = None, input: str | None = None,
          cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`vigie ARGS` in this interpreter: same exit code, stdout and stderr as the process would give."""
    from wizard import i18n
    from wizard.cli import main

    saved_env, saved_cwd, saved_stdin, saved_lang = dict(os.environ), os.getcwd(), sys.stdin, i18n.current_language()
    out, err = io.StringIO(), io.StringIO()
    os.environ.update(env or {})
    try:
        if cwd is not None:
            os.chdir(cwd)
        sys.stdin = _NotATerminal(input or "")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, --version, usage errors
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except Exception:  # what the interpreter would print before exiting with 1
                traceback.print_exc()
                code = 1
    finally:
        sys.stdin = saved_stdin
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        i18n.set_language(saved_lang)
    return subprocess.CompletedProcess(["vigie", *args], code, out.getvalue(), err.getvalue())


def answers_file(path: Path, answers: dict[str, Any], *, profile: str = "lab", **extra: Any) -> Path:
    data = {"format": "vigie-answers", "version": 1, "profile": profile,
            "organisation": {"name": "Laboratoire des Tilleuls"}, "assessor": "Zoé Martin",
            "date": "2026-11-28",
            "answers": {k: (v if isinstance(v, dict) else {"value": v}) for k, v in answers.items()}}
    data.update(extra)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
