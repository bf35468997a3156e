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


def name_headers(view, what: str) -> None:
    """Name a table's headers, which screen readers announce as controls of their own."""
    from wizard.i18n import _

    view.horizontalHeader().setAccessibleName(_("En-têtes des colonnes : {what}").format(what=what))
    view.verticalHeader().setAccessibleName(_("En-têtes des lignes : {what}").format(what=what))
