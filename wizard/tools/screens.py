"""Screens of the sizes people really have, for the offscreen platform (tests, screenshots).

Qt's offscreen platform reads its screens from a JSON file (`-platform offscreen:configfile=…`);
Vigie's windows then fit whichever screen they open on, as they would on a lab laptop
(1366×768) or a projector (1024×768).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

# name -> (width, height); the first is the primary screen.
SCREENS = {"large": (1920, 1080), "1280x800": (1280, 800), "1366x768": (1366, 768), "1024x768": (1024, 768)}


def offscreen_platform(screens: dict[str, tuple[int, int]] | None = None) -> str:
    """The QT_QPA_PLATFORM value of an offscreen platform with these screens side by side."""
    screens = screens or SCREENS
    config, x = [], 0
    for name, (width, height) in screens.items():
        config.append({"name": name, "x": x, "y": 0, "width": width, "height": height, "logicalDpi": 96,
                       "logicalDpiX": 96, "logicalDpiY": 96})
        x += width
    handle, path = tempfile.mkstemp(prefix="vigie-screens-", suffix=".json")
    with os.fdopen(handle, "w") as out:
        json.dump({"screens": config}, out)
    return f"offscreen:configfile={Path(path).as_posix()}"


def use_offscreen_screens() -> None:
    """Before the QApplication exists: offscreen, with SCREENS, unless another platform is asked for."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        os.environ["QT_QPA_PLATFORM"] = offscreen_platform()


def screen_named(name: str):  # noqa: ANN201 - a QScreen
    from PySide6.QtGui import QGuiApplication

    for screen in QGuiApplication.screens():
        if screen.name() == name:
            return screen
    raise LookupError(name)
