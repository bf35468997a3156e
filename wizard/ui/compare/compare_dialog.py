"""Compare two assessments: indices then and now, answers improved or worsened, actions closed,
new and still open, questions new or gone; and the trend per article over the organisation's
assessments. Everything shown comes from the workspace's comparison (wizard.core.compare).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wizard.core.compare import CLOSED_LABELS, Comparison, IndexChange
from wizard.i18n import _, current_language, format_day, format_index, ngettext
from wizard.operations.merging import answer_text
from wizard.operations.workspace import Workspace
from wizard.ui.compare.trend_chart import TrendChart
from wizard.ui.widgets.accessible import name_headers, named
from wizard.ui.widgets.text import fr


def _score(value: int | None) -> str:
    return "—" if value is None else fr(format_index(value))


def _delta(change: IndexChange) -> str:
    if change.delta is None:
        return "—"
    return "=" if change.delta == 0 else f"{change.delta:+d}"


def _label(text: QLabel | None = None) -> QLabel:
    label = text or QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CompareDialog(QDialog):
    def __init__(self, workspace: Workspace, assessment_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(_("Comparer des évaluations"))
        self.resize(900, 720)
        self.before = named(QComboBox(), _("Évaluation de départ"))
        self.after = named(QComboBox(), _("Évaluation d’arrivée"))
        summaries = sorted(workspace.summaries(), key=lambda s: (s.organisation.casefold(), s.date))
        framework = workspace.registry.default.framework
        self._profiles = {s.id: s.profile for s in summaries}
        for s in summaries:
            profile = framework.profile_label(s.profile, current_language()) \
                if s.profile in framework.profile_ids else s.profile
            text = fr(_("{organisation} — {date} — {profile}").format(
                organisation=s.organisation, date=format_day(s.date), profile=profile))
            self.before.addItem(text, s.id)
            self.after.addItem(text, s.id)
        form = QFormLayout()
        form.addRow(_("De :"), self.before)
        form.addRow(_("À :"), self.after)

        self.message = named(_label(), _("Synthèse de la comparaison"))
        self.indices = QTableWidget(0, 4)
        named(self.indices, _("Indices avant et après"))
        self.indices.setHorizontalHeaderLabels([_("Indice"), _("Avant"), _("Après"), _("Écart")])
        self.indices.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.indices.verticalHeader().hide()
        self.indices.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.indices.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        name_headers(self.indices, _("Indices avant et après"))
        self.answers = named(_label(), _("Réponses qui ont changé"))
        self.actions = named(_label(), _("Actions"))
        self.content = named(_label(), _("Questions nouvelles ou retirées"))
        self.trend_title = QLabel(_("Tendance par article"))
        self.trend = TrendChart()

        body = QWidget()
        column = QVBoxLayout(body)
        for widget in (self.message, self.indices, self.answers, self.actions, self.content, self.trend_title,
                       self.trend):
            column.addWidget(widget)
        column.addStretch(1)
        scroll = named(QScrollArea(), _("Comparaison"))
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

        self._preselect(assessment_id)
        self.before.currentIndexChanged.connect(lambda _i: self.refresh())
        self.after.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def _preselect(self, assessment_id: str | None) -> None:
        """The assessment given as « after », and the one it started from (else the one just before it
        among the organisation's) as « before »."""
        if assessment_id is None or self.after.findData(assessment_id) < 0:
            return
        self.after.setCurrentIndex(self.after.findData(assessment_id))
        try:
            earlier = [a for a in self.workspace.lineage(assessment_id) if a.id != assessment_id]
            previous = self.workspace.load(assessment_id).previous_id
        except Exception:  # an unreadable file: the user picks by hand
            return
        chosen = previous if self.before.findData(previous) >= 0 else (earlier[-1].id if earlier else None)
        if not chosen:  # none to start from: another of the same profile, never a lab against a vendor
            profile = self._profiles.get(assessment_id)
            chosen = next((aid for aid, p in self._profiles.items() if p == profile and aid != assessment_id), None)
        if chosen:
            self.before.setCurrentIndex(self.before.findData(chosen))

    def refresh(self) -> None:
        before, after = self.before.currentData(), self.after.currentData()
        if not before or not after or before == after:
            self._show(None, _("Choisissez deux évaluations différentes."))
            return
        try:
            comparison = self.workspace.compare(before, after)
            trend = self.workspace.trend(after)
        except Exception as exc:
            self._show(None, str(exc))
            return
        self._show(comparison)
        self._show_trend(comparison, trend)

    def _show(self, c: Comparison | None, message: str = "") -> None:
        for widget in (self.indices, self.answers, self.actions, self.content, self.trend_title, self.trend):
            widget.setVisible(c is not None)
        if c is None:
            self.message.setText(fr(message))
            return
        lang = current_language()
        def said(value: int | None) -> str:  # in a sentence, words rather than the table's dash
            return _("non évalué") if value is None else _score(value)

        overall = c.overall
        sentence = (_("Indice global : {before} → {after} ({delta}) ; du {first} au {second}.")
                    if overall.delta is not None else _("Indice global : {before} → {after} ; du {first} au {second}."))
        self.message.setText(fr(sentence.format(
            before=said(overall.before), after=said(overall.after), delta=_delta(overall),
            first=format_day(c.before.assessment.date), second=format_day(c.after.assessment.date))))
        framework = c.after.questionnaire.framework
        titles = {s.id: s.title.get(lang) for s in (*c.after.questionnaire.sections, *c.before.questionnaire.sections)}
        rows = [(_("Indice global"), c.overall)]
        rows += [(framework.axis(i.id).label.get(lang) if i.id in framework.axis_ids else i.id, i) for i in c.axes]
        rows += [(titles.get(i.id, i.id), i) for i in c.sections]
        self.indices.setRowCount(len(rows))
        for row, (label, change) in enumerate(rows):
            for col, text in enumerate((fr(label), _score(change.before), _score(change.after), _delta(change))):
                self.indices.setItem(row, col, QTableWidgetItem(text))
        self.indices.setFixedHeight(self.indices.horizontalHeader().height()
                                    + sum(self.indices.rowHeight(r) for r in range(len(rows))) + 4)
        lines = []
        for title, changes in ((_("Réponses améliorées"), c.improved), (_("Réponses dégradées"), c.worsened),
                               (_("Autres changements"), c.other_changes)):
            lines.append(_("{title} ({n}) :").format(title=title, n=len(changes)))
            lines += [f"  • {x.question.text.get(lang)} : {answer_text(x.before)} → {answer_text(x.after)}"
                      for x in changes]
        self.answers.setText(fr("\n".join(lines)))
        lines = [_("Actions closes ({n}) :").format(n=len(c.closed))]
        lines += [f"  • {x.action.title.get(lang)} ({_(CLOSED_LABELS[x.how])})" for x in c.closed]
        lines.append(_("Actions nouvelles ({n}) :").format(n=len(c.new_actions)))
        lines += [f"  • {a.title.get(lang)} ({a.priority}, {format_day(a.due)})" for a in c.new_actions]
        lines.append(_("Actions toujours ouvertes ({n}) :").format(n=len(c.still_open)))
        for x in c.still_open:
            late = ngettext("{n} jour de retard", "{n} jours de retard", x.days_late).format(n=x.days_late) \
                if x.days_late else _("pas encore en retard")
            lines.append(f"  • {x.action.title.get(lang)} ({format_day(x.first_due)} : {late})")
        self.actions.setText(fr("\n".join(lines)))
        change = c.content
        if change.same:
            text = ""
        elif change.known:
            text = _("Contenu : version {before} → {after} ; questions nouvelles : {new} ; retirées : {gone}").format(
                before=change.before, after=change.after, new=", ".join(change.new) or "—",
                gone=", ".join(change.gone) or "—")
        else:
            text = _("Contenu : version {before} → {after} (questions nouvelles ou retirées inconnues)").format(
                before=change.before or "?", after=change.after or "?")
        self.content.setText(fr(text))
        self.content.setVisible(bool(text))

    def _show_trend(self, c: Comparison, trend: tuple) -> None:
        visible = len(trend) >= 3
        self.trend_title.setVisible(visible)
        self.trend.setVisible(visible)
        if visible:
            lang = current_language()
            axes = c.after.questionnaire.axes
            self.trend.set_points([p.date for p in trend],
                                  [(a.label.get(lang), [p.axes.get(a.id) for p in trend]) for a in axes])
