"""Merge .vigie copies of the assessment: the conflicts side by side, the person merging chooses.

The files are read and the merge worked out by the workspace (nothing written) as soon as they
are chosen; each conflict shows both versions (answer, comment, evidence, who, when) with a
choice. « Fusionner » writes once every conflict has its choice; the decisions go into the
assessment's history.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wizard.core.merge import Conflict, Version
from wizard.i18n import N_, _, current_language, format_moment, ngettext
from wizard.operations.merging import Merged, answer_text, describe_difference
from wizard.operations.workspace import EXCHANGE_SUFFIX, Workspace
from wizard.ui.widgets import message
from wizard.ui.widgets.accessible import name_headers, named
from wizard.ui.widgets.text import fr

CHOICES = (("", N_("— à choisir —")), ("mine", N_("Garder la réponse d’ici")),
           ("theirs", N_("Prendre celle de la copie")))


def version_text(side: Version) -> str:
    """Answer, comment, evidence, justification, who and when: one version of a conflict."""
    answer = side.answer
    lines = [answer_text(answer)]
    if answer is not None:
        for label, text in ((_("Commentaire"), answer.note), (_("Preuve"), answer.evidence),
                            (_("Justification"), answer.justification)):
            if text:
                lines.append(_("{label} : {text}").format(label=label, text=text[:500]))
    try:
        when = format_moment(datetime.fromisoformat(side.at)) if side.at else "—"
    except ValueError:
        when = side.at
    lines.append(_("par {who}, le {when}").format(who=side.by or "—", when=when))
    return fr("\n".join(lines))


class MergeDialog(QDialog):
    def __init__(self, workspace: Workspace, assessment_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.assessment_id = workspace, assessment_id
        self.files: list[Path] = []
        self.merged: Merged | None = None
        self.written = False
        self.choices: dict[tuple[int, str], str] = {}
        summary = workspace.summary(assessment_id)
        self.setWindowTitle(fr(_("Fusionner des copies dans « {organisation} »").format(
            organisation=summary.organisation)))
        self.resize(960, 640)
        intro = QLabel(fr(_(
            "Choisissez les fichiers .vigie de cette évaluation remplis sur d’autres ordinateurs. Les réponses "
            "changées d’un seul côté sont reprises d’elles-mêmes ; une question changée différemment des deux "
            "côtés est un conflit : choisissez la version à garder.")), wordWrap=True)
        self.choose = named(QPushButton(_("&Choisir les copies…")), _("Choisir les copies à fusionner"))
        self.choose.clicked.connect(self.choose_files)
        self.status = named(QLabel(wordWrap=True), _("État de la fusion"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.table = named(QTableWidget(0, 4), _("Conflits à trancher"))
        self.table.setHorizontalHeaderLabels([_("Question"), _("Ici"), _("Dans la copie"), _("Choix")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        name_headers(self.table, _("Conflits à trancher"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(_("&Fusionner"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.choose, self.status):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.table.setVisible(False)

    # -- steps -----------------------------------------------------------------------------------
    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Copies à fusionner"), "", _("Fichiers d’échange Vigie (*{suffix})").format(suffix=EXCHANGE_SUFFIX))
        if names:
            self.set_files([Path(n) for n in names])

    def set_files(self, files: list[Path]) -> None:
        """Read the copies and work the merge out (nothing written); show what it brings."""
        self.files, self.choices = list(files), {}
        self._plan()

    def _plan(self) -> bool:
        try:
            self.merged = self.workspace.merge(self.assessment_id, self.files, decisions=self.choices, write=False)
        except Exception as exc:
            self.merged = None
            self.status.setText(fr(str(exc)))
            self.table.setVisible(False)
            self.merge_button.setEnabled(False)
            message.warning(self, _("Fusion impossible"), fr(str(exc)))
            return False
        self._show()
        return True

    def _show(self) -> None:
        assert self.merged is not None
        result = self.merged.result
        lines = [ngettext("{n} réponse changée dans les copies seulement, reprise telle quelle.",
                          "{n} réponses changées dans les copies seulement, reprises telles quelles.",
                          len(result.taken)).format(n=len(result.taken)),
                 ngettext("{n} conflit : choisissez la version à garder.",
                          "{n} conflits : choisissez la version à garder.", len(result.conflicts)).format(
                     n=len(result.conflicts))]
        if not result.changed and not result.unresolved:
            lines = [_("Rien à fusionner : l’évaluation contient déjà tout ce que ces copies apportent.")]
        lines += [describe_difference(d) for d in result.differences]
        self.status.setText(fr("\n".join(lines)))
        self._fill(result.conflicts)
        self.merge_button.setEnabled(result.changed or bool(result.unresolved))

    def _fill(self, conflicts: list[Conflict]) -> None:
        lang = current_language()
        questions = {q.id: q for q in self.workspace.registry.default.questions}
        self.table.setRowCount(len(conflicts))
        for row, conflict in enumerate(conflicts):
            question = questions.get(conflict.question)
            title = question.text.get(lang) if question else conflict.question
            cells = (fr(title), version_text(conflict.mine),
                     fr(_("{file} :").format(file=conflict.label)) + "\n" + version_text(conflict.theirs))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
            box = named(QComboBox(), fr(_("Version à garder : {question}").format(question=title)))
            for value, label in CHOICES:
                box.addItem(fr(_(label)), value)
            box.setCurrentIndex(max(0, box.findData(self.choices.get(conflict.ref, ""))))
            box.currentIndexChanged.connect(lambda _i, ref=conflict.ref, b=box: self._chosen(ref, b.currentData()))
            self.table.setCellWidget(row, 3, box)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(conflicts))

    def _chosen(self, ref: tuple[int, str], value: str) -> None:
        if value:
            self.choices[ref] = value
        else:
            self.choices.pop(ref, None)

    def apply(self) -> None:
        """Write the merge once every conflict has a choice; a choice can bring a new conflict
        (the same question in a later copy): it is shown, to be chosen too."""
        if self.merged is None:
            return
        waiting = [c for c in self.merged.result.conflicts if c.ref not in self.choices]
        if waiting:
            message.information(self, _("Conflits à trancher"), fr(ngettext(
                "{n} conflit reste à trancher : choisissez la version à garder.",
                "{n} conflits restent à trancher : choisissez la version à garder.", len(waiting)).format(n=len(waiting))))
            return
        try:
            merged = self.workspace.merge(self.assessment_id, self.files, decisions=self.choices)
        except Exception as exc:
            message.warning(self, _("Fusion impossible"), fr(str(exc)))
            return
        self.merged = merged
        if merged.result.unresolved:
            self._show()
            return
        self.written = merged.written
        self.accept()
