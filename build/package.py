"""Build Vigie's executables for this platform, in one command, on Linux or Windows.

  python build/package.py            (Windows: py -3.11 build\\package.py)

Creates .venv if needed, installs Vigie with its build dependencies, compiles the catalogs,
then runs PyInstaller with build/vigie.spec. Output in build/dist/: the one-file executables
(Vigie.exe and vigie-cli.exe on Windows, vigie elsewhere) and the one-folder application
(build/dist/Vigie/, the same executables beside their libraries). VIGIE_VARIANTS=onefile or
onedir builds one only. PyInstaller cannot cross-compile: build on the target system.
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
    for built in sorted((ROOT / "build" / "dist").iterdir()):
        files = [built] if built.is_file() else [f for f in built.rglob("*") if f.is_file() and not f.is_symlink()]
        size = sum(f.stat().st_size for f in files)
        print(f"{built.relative_to(ROOT)}: {size / 1e6:.1f} MB" + ("" if built.is_file() else f" in {len(files)} files"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
