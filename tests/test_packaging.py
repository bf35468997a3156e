"""What the spec leaves out of the executables: the libraries no kept binary needs."""

from __future__ import annotations

import importlib.util
import sys

from tests.conftest import ROOT


def _build_module(name: str):  # noqa: ANN202
    """A script of build/, loaded by its path (its name may be taken by an installed package)."""
    spec = importlib.util.spec_from_file_location(f"vigie_build_{name}", ROOT / "build" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


prune = _build_module("orphans").prune


def test_libraries_only_a_dropped_plugin_needed_are_left_out():
    binaries = [
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/qt/libQt6Gui.so.6", "BINARY"),
        ("PySide6/QtGui.abi3.so", "/qt/QtGui.abi3.so", "EXTENSION"),
        ("libfreetype.so.6", "/usr/lib/libfreetype.so.6", "BINARY"),
        ("libpng16.so.16", "/usr/lib/libpng16.so.16", "BINARY"),  # through freetype
        ("libgio-2.0.so.0", "/usr/lib/libgio-2.0.so.0", "BINARY"),  # only the GTK theme plugin's
        ("libjpeg.so.62", "/usr/lib/libjpeg.so.62", "BINARY"),  # only the JPEG plugin's
        ("libpython3.11.so.1.0", "/usr/lib/libpython3.11.so.1.0", "BINARY"),  # the bootloader loads it
        ("pillow.libs/libjpeg-6dc8d115.so.62", "/venv/pillow.libs/libjpeg-6dc8d115.so.62", "BINARY"),
    ]
    # What ldd says each kept binary needs, directly or not.
    closure = {"/qt/libQt6Gui.so.6": {"libfreetype.so.6", "libpng16.so.16", "libc.so.6"},
               "/qt/QtGui.abi3.so": {"libQt6Gui.so.6", "libfreetype.so.6", "libpng16.so.16"}}
    kept, dropped = prune(binaries, needed=lambda path: closure.get(path, set()))
    assert sorted(dropped) == ["libgio-2.0.so.0", "libjpeg.so.62"]
    assert [dest for dest, _src, _kind in kept] == [
        "PySide6/Qt/lib/libQt6Gui.so.6", "PySide6/QtGui.abi3.so", "libfreetype.so.6", "libpng16.so.16",
        "libpython3.11.so.1.0", "pillow.libs/libjpeg-6dc8d115.so.62"]
