"""Screens written as separate modules, found when present: the window works without them."""

from __future__ import annotations

import importlib
import importlib.util

SCREENS = {
    "results": ("wizard.ui.results.results_page", "ResultsPage"),
    "export": ("wizard.ui.dialogs.export_dialog", "ExportDialog"),
    "settings": ("wizard.ui.dialogs.settings_dialog", "SettingsDialog"),
    "verify": ("wizard.ui.dialogs.verify_dialog", "VerifyDialog"),
}


def available(name: str) -> bool:
    module = SCREENS[name][0]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def screen(name: str):
    """The screen's class, imported on first use (keeps start-up fast), or None when absent."""
    module, cls = SCREENS[name]
    if not available(name):
        return None
    return getattr(importlib.import_module(module), cls, None)
