"""Build Vigie's one-file executable for this platform, in one command, on Linux or Windows.

  python build/package.py            (Windows: py -3.11 build\\package.py)

Creates .venv if needed, installs Vigie with its build dependencies, compiles the catalogs,
then runs PyInstaller with build/vigie.spec. Output: build/dist/ (Vigie.exe and vigie-cli.exe
on Windows, vigie elsewhere). PyInstaller cannot cross-compile: build on the target system.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def run(*args: object) -> None:
    print("+", " ".join(map(str, args)), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT)


def main() -> int:
    if not venv_python().exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
        run(venv_python(), "-m", "pip", "install", "-q", "-e", ".[test,build]")
    python = venv_python()
    run(python, "-m", "wizard.tools.catalogs", "compile")
    run(python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--workpath", ROOT / "build" / "work", "--distpath", ROOT / "build" / "dist", ROOT / "build" / "vigie.spec")
    for exe in sorted((ROOT / "build" / "dist").iterdir()):
        print(f"{exe.relative_to(ROOT)}: {exe.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
