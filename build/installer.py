"""Compile the Windows installer (build/installer.nsi) around the one-folder build.

  python build/installer.py [--source build/dist/Vigie] [--out build/dist/Vigie-X.Y.Z-setup.exe]

Needs makensis (NSIS 3): on PATH, or where the NSIS installer puts it on Windows. The installer
only makes sense around a Windows build, made on Windows (PyInstaller does not cross-compile);
makensis runs on Linux too, which checks the script (tests/test_installer.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "build" / "installer.nsi"
SOURCE = ROOT / "build" / "dist" / "Vigie"


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        if base and (Path(base) / "NSIS" / "makensis.exe").is_file():
            return str(Path(base) / "NSIS" / "makensis.exe")
    return None


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from wizard import __version__

    return __version__


def compile_installer(source: Path, out: Path, makensis: str | None = None) -> Path:
    """Run makensis; CalledProcessError (with its output) when the script does not compile."""
    makensis = makensis or find_makensis()
    if makensis is None:
        raise FileNotFoundError("makensis not found: install NSIS 3 (Debian: apt-get install nsis)")
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([makensis, "-V2", "-WX", f"-DVERSION={version()}", f"-DSOURCE_DIR={source}",
                    f"-DOUTFILE={out}", str(SCRIPT)], check=True, capture_output=True, text=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "dist" / f"Vigie-{version()}-setup.exe")
    args = parser.parse_args()
    if not (args.source / ("Vigie.exe" if sys.platform == "win32" else "vigie")).is_file():
        print(f"{args.source}: no one-folder build here (python build/package.py makes it)", file=sys.stderr)
        return 2
    if sys.platform != "win32":
        print("note: an installer around a non-Windows build only checks that the script compiles")
    try:
        out = compile_installer(args.source, args.out)
    except subprocess.CalledProcessError as exc:
        print(exc.stdout + exc.stderr, file=sys.stderr)
        return 1
    print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
