"""`vigie … | head`: a reader that stops early gets what it read, and the terminal no traceback."""

from __future__ import annotations

import os
import subprocess
import sys


def test_a_reader_closing_the_pipe_early_ends_the_command_quietly(tmp_path):
    env = {**os.environ, "VIGIE_DATA_DIR": str(tmp_path / "data")}
    # The whole questionnaire as JSON is far more than a pipe holds: the command is still writing.
    command = subprocess.Popen([sys.executable, "-m", "wizard", "questions", "--profile", "lab", "--json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert command.stdout is not None and command.stderr is not None
    first = command.stdout.read(200)
    command.stdout.close()  # as `head -c 200` does
    errors = command.stderr.read().decode()
    assert command.wait(timeout=60) == 141  # what a shell reports for a command ended by a closed pipe
    assert first.startswith(b"{")
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors
