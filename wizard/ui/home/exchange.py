"""Import and export of .vigie exchange files, and import of the assessment attached to a
signed plan, through the workspace: the UI only picks the file and asks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from wizard.i18n import _
from wizard.operations.workspace import EXCHANGE_SUFFIX, Workspace
from wizard.typography import french
from wizard.ui.widgets import message

FILTER = _("Fichiers d’échange Vigie (*{suffix})").format(suffix=EXCHANGE_SUFFIX)
IMPORT_FILTER = ";;".join((_("Fichiers d’échange Vigie ou plans d’action signés (*{suffix} *.pdf)").format(
    suffix=EXCHANGE_SUFFIX), FILTER, _("Plans d’action signés (*.pdf)")))


def export_assessment(parent: QWidget, workspace: Workspace, aid: str, name: str) -> Path | None:
    suggested = "".join(c if c.isalnum() or c in "-_ " else "_" for c in name).strip() or "evaluation"
    path, _filter = QFileDialog.getSaveFileName(parent, _("Exporter l’évaluation"), suggested + EXCHANGE_SUFFIX,
                                                FILTER)
    if not path:
        return None
    try:
        out = workspace.export_exchange(aid, Path(path))
    except Exception as exc:
        message.warning(parent, _("Export impossible"), french(_("{file} : {error}")).format(file=path, error=exc))
        return None
    message.information(parent, _("Export terminé"), french(_("Évaluation exportée dans {file}")).format(file=out))
    return out


def import_assessment(parent: QWidget, workspace: Workspace, path: str | None = None) -> str | None:
    """Import a file; the new assessment's id, or None (cancelled or refused, the user was told).

    A PDF is a signed action plan: its attached assessment is imported only when a signature
    covers it, or, for a plan without any signature, when the user confirms.
    """
    from wizard.operations.plan_import import PlanImportError, UnsignedPlan

    if path is None:
        path, _filter = QFileDialog.getOpenFileName(parent, _("Importer une évaluation"), "", IMPORT_FILTER)
        if not path:
            return None
    try:
        try:
            imported = workspace.import_file(Path(path))
        except UnsignedPlan as exc:
            answer = message.question(parent, _("Plan non signé"), french(_(
                "{error}\n\nL’importer quand même ? Ne le faites que si vous savez d’où vient ce fichier.")).format(
                error=exc), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
            imported = workspace.import_file(Path(path), accept_unsigned=True)
    except PlanImportError as exc:
        message.warning(parent, _("Import impossible"), str(exc))
        return None
    except Exception as exc:
        message.warning(parent, _("Import impossible"), french(_("{file} : {error}")).format(file=path, error=exc))
        return None
    if imported.mode == "copy":
        message.information(parent, _("Import terminé"), french(_(
            "Une évaluation de même identifiant existait déjà : le fichier a été importé comme nouvelle copie.")))
    return imported.assessment.id
