"""The results page's « Tableur et calendrier » menu: the plan and the answers as spreadsheets,
the due dates as a calendar, the questionnaire on paper, and an edited plan taken back.

Each entry asks where the file goes (or which file to read) and calls wizard.operations; an
edited plan is shown first, change by change, and stored only when the user applies it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wizard.i18n import _, current_language, ngettext
from wizard.operations.errors import OperationError, StorageError
from wizard.operations.paper import export_questionnaire
from wizard.operations.session import Session, SessionError
from wizard.operations.spreadsheets import (
    PlanSheetImport,
    PlanSheetRefused,
    apply_plan_sheet,
    export_answers,
    export_plan,
    read_plan_sheet,
)
from wizard.ui.widgets import message
from wizard.ui.widgets.text import fr


class PlanImportPreview(QDialog):
    """What an edited plan would change (and, when some rows are left out, why); Apply stores it."""

    def __init__(self, found: PlanSheetImport, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reprendre le plan modifié"))
        self.setAccessibleName(self.windowTitle())
        count = len(lines)
        summary = QLabel(fr(ngettext("{file} : {count} modification à enregistrer.",
                                     "{file} : {count} modifications à enregistrer.", count)).format(
            file=found.source, count=count), wordWrap=True)
        text = "\n".join(lines)
        if found.problems:
            text += "\n\n" + fr(_("Lignes laissées de côté :")) + "\n" + "\n".join(str(p) for p in found.problems)
        self.details = QPlainTextEdit(text, readOnly=True)
        self.details.setAccessibleName(_("Modifications du plan"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply = buttons.addButton(_("&Appliquer"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)


def _file_name(session: Session, what: str, suffix: str) -> str:
    org = re.sub(r'[\\/:*?"<>|]+', " ", session.assessment.organisation.name).strip() or "Vigie"
    return f"{what} - {org} - {session.assessment.date.isoformat()}{suffix}"


class SheetsButton(QToolButton):
    """The menu button; session() gives the open session, refresh() redraws the page after an import."""

    def __init__(self, session: Callable[[], Session | None], refresh: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.refresh = session, refresh
        self.setText(_("&Tableur et calendrier"))
        self.setAccessibleName(_("Tableur, calendrier et questionnaire papier"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        plan, answers = _("Plan d’action"), _("Réponses")
        xlsx, csv = _("Classeur Excel (*.xlsx)"), _("CSV pour Excel (*.csv)")
        self.entries = {
            "plan-xlsx": menu.addAction(_("Plan d’action en classeur Excel (.xlsx)…"),
                                        lambda: self.export(export_plan, plan, ".xlsx", xlsx)),
            "plan-csv": menu.addAction(_("Plan d’action en CSV…"), lambda: self.export(export_plan, plan, ".csv", csv)),
            "plan-ics": menu.addAction(_("Échéances du plan en calendrier (.ics)…"),
                                       lambda: self.export(export_plan, plan, ".ics", _("Calendrier (*.ics)"))),
        }
        menu.addSeparator()
        self.entries["answers-xlsx"] = menu.addAction(_("Réponses en classeur Excel (.xlsx)…"),
                                                      lambda: self.export(export_answers, answers, ".xlsx", xlsx))
        self.entries["answers-csv"] = menu.addAction(_("Réponses en CSV…"),
                                                     lambda: self.export(export_answers, answers, ".csv", csv))
        menu.addSeparator()
        self.entries["paper-blank"] = menu.addAction(_("Questionnaire vierge à imprimer (PDF)…"),
                                                     lambda: self.questionnaire(prefilled=False))
        self.entries["paper-prefilled"] = menu.addAction(_("Questionnaire prérempli pour l’atelier (PDF)…"),
                                                         lambda: self.questionnaire(prefilled=True))
        menu.addSeparator()
        self.entries["import"] = menu.addAction(_("Reprendre le plan modifié dans un tableur…"), self.import_plan)
        self.setMenu(menu)

    # The style draws the menu's arrow in the bottom right corner without making room for it, over
    # the label's last letter: the button is widened by the arrow's width on each side (the label
    # stays centred).
    def _arrow_room(self) -> int:
        return 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, self)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name; QToolButton's minimum size is this one)
        hint = super().sizeHint()
        return QSize(hint.width() + self._arrow_room(), hint.height())

    # -- out ---------------------------------------------------------------------------------------
    def _target(self, session: Session, what: str, suffix: str, kinds: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(self, _("Enregistrer sous"),
                                                    str(Path(folder) / _file_name(session, what, suffix)), kinds)
        if not path:
            return None
        return Path(path) if Path(path).suffix.lower() == suffix else Path(path + suffix)

    def _run(self, work: Callable[[], Path]) -> Path | None:
        try:
            return work()
        except (OperationError, SessionError, StorageError) as exc:
            message.warning(self, _("Export impossible"), fr(str(exc)))
            return None

    def export(self, operation: Callable[..., Path], what: str, suffix: str, kinds: str) -> Path | None:
        session = self.session()
        if session is None or (target := self._target(session, what, suffix, kinds)) is None:
            return None
        return self._run(lambda: operation(session.evaluation(), target, lang=current_language()))

    def questionnaire(self, *, prefilled: bool) -> Path | None:
        session = self.session()
        what = _("Questionnaire prérempli") if prefilled else _("Questionnaire")
        if session is None or (target := self._target(session, what, ".pdf", _("PDF (*.pdf)"))) is None:
            return None
        return self._run(lambda: export_questionnaire(
            session.questionnaire, target, profile=session.assessment.profile, lang=current_language(),
            prefill=session.evaluation() if prefilled else None))

    # -- back in -----------------------------------------------------------------------------------
    def import_plan(self) -> bool:
        """Read an edited plan, show what it changes, store it on Apply; True when stored."""
        session = self.session()
        if session is None:
            return False
        if session.read_only:
            message.warning(self, _("Lecture seule"), fr(session.read_only_reason))
            return False
        path, _filter = QFileDialog.getOpenFileName(self, _("Reprendre le plan modifié"), "",
                                                    _("Tableurs (*.xlsx *.csv)"))
        if not path:
            return False
        try:
            found = read_plan_sheet(session, path)
        except (OperationError, SessionError) as exc:
            message.warning(self, _("Import impossible"), fr(str(exc)))
            return False
        listed = "\n".join(str(p) for p in found.problems)
        if any(p.whole_file for p in found.problems) or (found.problems and not found.preview):
            message.warning(self, _("Import impossible"), fr(_("Rien n’a été importé :")) + "\n" + listed)
            return False
        if found.problems:
            ask = QMessageBox(QMessageBox.Icon.Warning, _("Lignes en erreur"), fr(ngettext(
                "{count} ligne ne peut pas être reprise : corrigez-la dans le tableur, ou laissez-la de côté.",
                "{count} lignes ne peuvent pas être reprises : corrigez-les dans le tableur, ou laissez-les de côté.",
                len({p.row for p in found.problems}))).format(count=len({p.row for p in found.problems})),
                QMessageBox.StandardButton.Cancel, self)
            ask.setInformativeText(listed)
            skip = ask.addButton(_("&Laisser de côté et continuer"), QMessageBox.ButtonRole.AcceptRole)
            ask.exec()
            if ask.clickedButton() is not skip:
                return False
        if not found.preview:
            message.information(self, _("Reprendre le plan modifié"),
                                fr(_("Le tableur ne change rien au plan d’action.")))
            return False
        preview = PlanImportPreview(found, found.lines(session.evaluation(), current_language()), self)
        if preview.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            apply_plan_sheet(session, found, skip_invalid=bool(found.problems))
        except (PlanSheetRefused, OperationError, SessionError, StorageError) as exc:
            message.warning(self, _("Import impossible"), fr(str(exc)))
            return False
        self.refresh()
        return True
