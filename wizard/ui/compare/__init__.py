"""Comparing assessments and merging copies: the two dialogs and how the window opens them.

The window's menu has one entry for each; it works from the home (the assessment selected) as
from an open assessment (the one open). The dialogs only call the workspace's operations.
"""

from __future__ import annotations

from typing import Any


def current_assessment_id(window: Any) -> str | None:  # noqa: ANN401 - the main window
    """The open assessment when a page of it is shown, else the one selected on the home page."""
    session = getattr(window, "session", None)
    if session is not None and window.pages.currentWidget() is not window.home:
        return session.assessment.id
    return window.home.selected_id()


def open_compare(window: Any) -> None:  # noqa: ANN401
    from wizard.ui.compare.compare_dialog import CompareDialog

    CompareDialog(window.workspace, current_assessment_id(window), window).exec()


def open_merge(window: Any) -> None:  # noqa: ANN401
    from wizard.i18n import _
    from wizard.ui.compare.merge_dialog import MergeDialog
    from wizard.ui.widgets import message

    aid = current_assessment_id(window)
    if aid is None:
        message.information(window, _("Fusionner des copies"),
                            _("Choisissez d’abord l’évaluation dans laquelle fusionner les copies."))
        return
    getattr(window, "_flush", lambda: None)()  # a comment being typed is stored before the merge reads
    dialog = MergeDialog(window.workspace, aid, window)
    if dialog.exec() and dialog.written:
        if window.session is not None and window.session.assessment.id == aid:
            window.open_assessment(aid)  # the merged answers, read again
        window.home.reload(select=aid)
