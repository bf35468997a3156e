"""The screens of the relation between a laboratory and its processors: « Prestataires » for the
laboratory, « Clients » for the processor. Each opens beside the main window (one of each)."""

from __future__ import annotations

from typing import Any


def _open(window: Any, name: str, make: Any) -> Any:
    page = window.findChild(object, name)
    if page is None:
        page = make(window.workspace, window)
    else:
        page.reload()
    page.show()
    page.raise_()
    page.activateWindow()
    return page


def open_processors(window: Any) -> Any:
    """The laboratory's register of processors."""
    from wizard.ui.relations.processors_page import ProcessorsPage

    return _open(window, "processorsPage", ProcessorsPage)


def open_clients(window: Any) -> Any:
    """The processor's register of clients and their requests."""
    from wizard.ui.relations.clients_page import ClientsPage

    return _open(window, "clientsPage", ClientsPage)
