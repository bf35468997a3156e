"""The Windows installer script compiles with makensis (NSIS runs on Linux too) around a
one-folder build, holds the whole folder and an uninstaller, and names what it installs.

Running the installer needs Windows (the workflow installs and uninstalls it there); here a
stand-in folder takes the build's place, and 7-Zip lists what the compiled installer holds.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _build_module(name: str):  # noqa: ANN202
    """A script of build/, loaded by its path (its name may be taken by an installed package)."""
    spec = importlib.util.spec_from_file_location(f"vigie_build_{name}", ROOT / "build" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


installer = _build_module("installer")
SCRIPT, compile_installer, find_makensis = installer.SCRIPT, installer.compile_installer, installer.find_makensis

pytestmark = pytest.mark.skipif(find_makensis() is None, reason="NSIS (makensis) not installed")


def _stand_in(folder):
    """A one-folder build's layout: both executables and the libraries beside them."""
    (folder / "_internal" / "PySide6").mkdir(parents=True)
    for name in ("Vigie.exe", "vigie-cli.exe", "_internal/python311.dll", "_internal/PySide6/Qt6Core.dll"):
        (folder / name).write_bytes(b"MZ stand-in")
    return folder


def test_the_installer_compiles_and_holds_the_folder_and_an_uninstaller(tmp_path):
    out = compile_installer(_stand_in(tmp_path / "Vigie"), tmp_path / "Vigie-0.1.0-setup.exe")
    assert out.stat().st_size > 50_000
    if shutil.which("7z") is None:
        pytest.skip("7-Zip not installed: the installer's content is not listed")
    listing = subprocess.run(["7z", "l", str(out)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[-1] for line in listing.splitlines() if " ....." in line}
    assert {"Vigie.exe", "vigie-cli.exe", "_internal/python311.dll", "_internal/PySide6/Qt6Core.dll",
            "Uninstall.exe"} <= names


def test_a_missing_build_or_version_stops_the_compilation(tmp_path):
    with pytest.raises(subprocess.CalledProcessError):
        compile_installer(tmp_path / "nothing-here", tmp_path / "Vigie-0.1.0-setup.exe")
    done = subprocess.run([find_makensis(), "-DSOURCE_DIR=x", str(SCRIPT)], capture_output=True, text=True)
    assert done.returncode != 0 and "VERSION is required" in done.stdout + done.stderr


def test_the_script_adds_a_start_menu_entry_and_removes_only_what_it_installed():
    script = SCRIPT.read_text(encoding="utf-8")
    install, uninstall = script.split('Section "Uninstall"')
    assert 'CreateShortcut "$SMPROGRAMS\\${APP}.lnk" "$INSTDIR\\Vigie.exe"' in install
    assert 'WriteUninstaller "$INSTDIR\\Uninstall.exe"' in install
    assert '"UninstallString"' in install and '"QuietUninstallString"' in install
    assert 'Delete "$SMPROGRAMS\\${APP}.lnk"' in uninstall
    assert "DeleteRegKey HKLM" in uninstall
    # The users' data folders are never the installer's: it removes its own folder only.
    assert "$APPDATA" not in script and "$LOCALAPPDATA" not in script and "$PROFILE" not in script
    assert 'RMDir /r "$INSTDIR"' not in uninstall  # a data folder put inside by hand survives
