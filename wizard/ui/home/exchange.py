"""Import and export of .vigie exchange files, through the store (the UI only picks the file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from wizard.core.questionnaire import Questionnaire
from wizard.core.typography import french
from wizard.i18n import _
from wizard.storage import Store
from wizard.storage.atomic import atomic_write_bytes
from wizard.storage.exchange import SUFFIX

FILTER = _("Fichiers d’échange Vigie (*{suffix})").format(suffix=SUFFIX)


def export_assessment(parent: QWidget, store: Store, aid: str, name: str) -> Path | None:
    suggested = "".join(c if c.isalnum() or c in "-_ " else "_" for c in name).strip() or "evaluation"
    path, _filter = QFileDialog.getSaveFileName(parent, _("Exporter l’évaluation"), suggested + SUFFIX, FILTER)
    if not path:
        return None
    out = Path(path)
    if out.suffix != SUFFIX:
        out = out.with_name(out.name + SUFFIX)
    try:
        atomic_write_bytes(out, store.export_exchange(aid))
    except Exception as exc:
        QMessageBox.warning(parent, _("Export impossible"), french(_("{file} : {error}")).format(file=out, error=exc))
        return None
    QMessageBox.information(parent, _("Export terminé"), french(_("Évaluation exportée dans {file}")).format(file=out))
    return out


def import_assessment(parent: QWidget, store: Store, questionnaire: Questionnaire,
                      path: str | None = None) -> str | None:
    """Import a file; the new assessment's id, or None (cancelled or refused, the user was told)."""
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(parent, _("Importer une évaluation"), "", FILTER)
        if not path:
            return None
    try:
        raw = Path(path).read_bytes()
        stored, mode = store.import_exchange(raw, questionnaire)
    except Exception as exc:
        QMessageBox.warning(parent, _("Import impossible"), french(_("{file} : {error}")).format(file=path, error=exc))
        return None
    if mode == "copy":
        QMessageBox.information(parent, _("Import terminé"), french(_(
            "Une évaluation de même identifiant existait déjà : le fichier a été importé comme nouvelle copie.")))
    return stored.id
