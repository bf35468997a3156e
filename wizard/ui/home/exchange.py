"""Import and export of .vigie exchange files, and import of the assessment attached to a
signed plan (wizard.plan_import), through the store: the UI only picks the file and asks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from wizard.core.model import Assessment
from wizard.core.questionnaire import Questionnaire
from wizard.core.typography import french
from wizard.i18n import _
from wizard.storage import Store
from wizard.storage.atomic import atomic_write_bytes
from wizard.storage.exchange import SUFFIX

FILTER = _("Fichiers d’échange Vigie (*{suffix})").format(suffix=SUFFIX)
IMPORT_FILTER = ";;".join((_("Fichiers d’échange Vigie ou plans d’action signés (*{suffix} *.pdf)").format(
    suffix=SUFFIX), FILTER, _("Plans d’action signés (*.pdf)")))


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


def import_assessment(parent: QWidget, store: Store, questionnaire: Questionnaire, path: str | None = None, *,
                      data_dir: Path | None = None) -> str | None:
    """Import a file; the new assessment's id, or None (cancelled or refused, the user was told).

    A PDF is a signed action plan: its attached assessment is imported only when a signature
    covers it, or, for a plan without any signature, when the user confirms.
    """
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(parent, _("Importer une évaluation"), "", IMPORT_FILTER)
        if not path:
            return None
    try:
        if Path(path).suffix.lower() == ".pdf":
            assessment = _from_plan(parent, Path(path), questionnaire, data_dir)
            if assessment is None:
                return None
            stored, mode = store.import_assessment(assessment, [])
        else:
            raw = Path(path).read_bytes()
            stored, mode = store.import_exchange(raw, questionnaire)
    except Exception as exc:
        QMessageBox.warning(parent, _("Import impossible"), french(_("{file} : {error}")).format(file=path, error=exc))
        return None
    if mode == "copy":
        QMessageBox.information(parent, _("Import terminé"), french(_(
            "Une évaluation de même identifiant existait déjà : le fichier a été importé comme nouvelle copie.")))
    return stored.id


def _from_plan(parent: QWidget, path: Path, questionnaire: Questionnaire, data_dir: Path | None) -> Assessment | None:
    """The assessment of a signed plan; for an unsigned one, only if the user says yes (None: no)."""
    from wizard.plan_import import PlanImportError, UnsignedPlan, assessment_from_plan

    try:
        return assessment_from_plan(path, questionnaire, data_dir=data_dir).assessment
    except UnsignedPlan as exc:
        answer = QMessageBox.question(parent, _("Plan non signé"), french(_(
            "{error}\n\nL’importer quand même ? Ne le faites que si vous savez d’où vient ce fichier.")).format(
            error=exc), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return assessment_from_plan(path, questionnaire, data_dir=data_dir, accept_unsigned=True).assessment
    except PlanImportError as exc:
        QMessageBox.warning(parent, _("Import impossible"), str(exc))
        return None
