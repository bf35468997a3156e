"""Accessible names and descriptions, set in one call so that no control is forgotten."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, description: str = "", tooltip: bool = False) -> W:
    """Give a widget the name a screen reader speaks, and optionally a longer description."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        if tooltip:
            widget.setToolTip(description)
    return widget
