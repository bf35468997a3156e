"""The results screen: first what the indices cannot show (missing answers, critical gaps,
contradictions), then the overall maturity index, charts per axis and per section, the
weightiest gaps, and the action plan editor. Everything shown comes from the session's
evaluation of the assessment.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wizard.core.disclosures import index_text
from wizard.core.scoring import GREEN_FROM, RED_BELOW
from wizard.i18n import _, format_index, ngettext
from wizard.operations.session import Session
from wizard.ui.results.labels import answer_label, axis_label, axis_short, content, score_text, typo
from wizard.ui.results.notices import contradiction_lines, coverage_text, critical_lines, na_text
from wizard.ui.results.plan_editor import PlanEditor
from wizard.ui.results.score_chart import ScoreChart
from wizard.ui.results.sheets_menu import SheetsButton
from wizard.ui.widgets.theme import scale_widget_font

GAPS_SHOWN = 10


def heading(text: str, level: int = 2) -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # it may hold an organisation's name, never markup
    scale_widget_font(label, 1.5 if level == 1 else 1.2, bold=True)  # follows the text size setting
    label.setAccessibleName(text)
    return label


class ResultsPage(QWidget):
    """set_session() once an assessment is open; refresh() whenever answers may have changed.

    backRequested: the user wants the questions again; exportRequested: the signed PDF;
    questionRequested(question id): a gap was activated (Enter or double-click) to be revised.
    """

    backRequested = Signal()
    exportRequested = Signal()
    amendmentRequested = Signal()  # « Points à compléter au contrat »
    questionRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self._stale = False  # a change was stored since the last refresh
        self.setAccessibleName(_("Résultats"))
        self.back = QPushButton(_("← Revenir aux questions"))
        self.back.setAccessibleName(_("Revenir aux questions"))
        self.back.clicked.connect(self.backRequested)
        self.export = QPushButton(_("E&xporter le plan signé…"))
        self.export.setAccessibleName(_("Exporter le plan d’action signé en PDF"))
        self.export.clicked.connect(self.exportRequested)
        self.amendment = QPushButton(_("Points à &compléter au contrat…"))
        self.amendment.setAccessibleName(_("Points à compléter au contrat, d’après les réponses ou une revue"))
        self.amendment.clicked.connect(self.amendmentRequested)

        self.title = heading(_("Résultats"), level=1)
        self.overall = QLabel(wordWrap=True)
        self.overall.setAccessibleName(_("Indice de maturité global"))
        scale_widget_font(self.overall, 1.3)
        self.completeness = QLabel(wordWrap=True)
        self.completeness.setAccessibleName(_("Questions répondues"))
        self.critical_heading = heading(_("Points critiques à traiter d’abord"))
        self.critical = QLabel(wordWrap=True)
        self.critical.setAccessibleName(_("Points critiques"))
        self.contradictions_heading = heading(_("Incohérences à lever"))
        self.contradictions = QLabel(wordWrap=True)
        self.contradictions.setAccessibleName(_("Incohérences à lever"))
        self.not_applicable = QLabel(wordWrap=True)
        self.not_applicable.setAccessibleName(_("Réponses « Non applicable »"))
        self.capped = QLabel(wordWrap=True)  # what « plafonné » means, when an index is held down
        self.capped.setAccessibleName(_("Indices plafonnés"))
        for label in (self.critical, self.contradictions, self.not_applicable, self.completeness, self.capped):
            label.setTextFormat(Qt.TextFormat.PlainText)

        self.articles = ScoreChart(_("Indice par article"))
        self.sections = ScoreChart(_("Indice par thème"))
        self.gaps = QTableWidget(0, 4)
        self.gaps.setAccessibleName(_("Questions qui pèsent le plus"))
        self.gaps.setAccessibleDescription(_(
            "Les réponses qui font perdre le plus de points ; le gain indique ce que l’indice global "
            "gagnerait avec la réponse « Oui »."))
        self.gaps.setHorizontalHeaderLabels([_("Question"), _("Réponse"), _("Article"), _("Gain possible")])
        self.gaps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gaps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.gaps.setWordWrap(True)
        self.gaps.verticalHeader().hide()
        self.gaps.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.gaps.itemActivated.connect(
            lambda item: self.questionRequested.emit(self.gaps.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)))
        header = self.gaps.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.no_gaps = QLabel(_("Aucune réponse ne fait perdre de points."), wordWrap=True)
        self.no_gaps.setAccessibleName(self.no_gaps.text())

        summary = QWidget()
        column = QVBoxLayout(summary)
        column.addWidget(self.overall)
        column.addWidget(self.completeness)
        for widget in (self.critical_heading, self.critical, self.contradictions_heading, self.contradictions,
                       self.not_applicable):
            column.addWidget(widget)
        column.addWidget(heading(_("Indice par article")))
        column.addWidget(self.articles)
        column.addWidget(self.capped)
        column.addWidget(heading(_("Indice par thème")))
        column.addWidget(self.sections)
        column.addWidget(heading(_("Les questions qui pèsent le plus")))
        explain = QLabel(typo(_(
            "Les réponses qui coûtent le plus de points. Le gain possible est ce que l’indice global "
            "gagnerait si la réponse devenait « Oui ».")), wordWrap=True)
        explain.setAccessibleName(_("Explication"))
        column.addWidget(explain)
        column.addWidget(self.gaps)
        column.addWidget(self.no_gaps)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(summary)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName(_("Synthèse des indices"))

        self.plan = PlanEditor()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Résultats"))
        self.tabs.addTab(scroll, _("&Indices"))
        self.tabs.addTab(self.plan, _("&Plan d’action"))
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.back)
        self.sheets = SheetsButton(lambda: self.session, self.refresh, self)  # spreadsheets, calendar, paper
        top.addWidget(self.sheets)
        top.addWidget(self.amendment)
        top.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    # -- public API used by the main window ---------------------------------------------
    def set_session(self, session: Session) -> None:
        if self.session is not None and self._mark_stale in self.session.listeners:
            self.session.listeners.remove(self._mark_stale)
        self.session = session
        session.listeners.append(self._mark_stale)
        self.plan.set_session(session)
        self.refresh()

    def _mark_stale(self) -> None:
        self._stale = True

    def refresh(self) -> None:
        """Re-read scores, gaps and plan from the session (answers may have changed)."""
        session = self.session
        if session is None:
            return
        self._stale = False
        self.title.setText(typo(_("Résultats — {org}").format(org=session.assessment.organisation.name)))
        evaluation = session.evaluation()
        scores = evaluation.scores
        overall = index_text(scores, "overall", score_text(scores.overall))  # « plafonné », as in the PDF
        measured_overall, measured_axes, measured_sections = evaluation.measured_indices()
        if measured_overall is None and scores.overall is not None:  # its 0 measures nothing yet
            overall = _("{value} (aucune réponse)").format(value=overall)
        self.overall.setText(typo(_("Indice de maturité global : {score}").format(score=overall)))
        self.completeness.setText(coverage_text(evaluation))
        for title, label, lines in ((self.critical_heading, self.critical, critical_lines(evaluation)),
                                    (self.contradictions_heading, self.contradictions,
                                     contradiction_lines(evaluation))):
            label.setText("\n".join("• " + line for line in lines))
            label.setAccessibleDescription(label.text())
            title.setVisible(bool(lines))
            label.setVisible(bool(lines))
        self.not_applicable.setText(na_text(evaluation))
        self.not_applicable.setVisible(bool(self.not_applicable.text()))
        framework = session.questionnaire.framework
        axes = {a: axis_label(framework, a) for a in scores.axes}
        self.articles.set_items([(axes[a], s) for a, s in scores.axes.items()],
                                frozenset(axes[a] for a in scores.axes if a in scores.held_down),
                                frozenset(axes[a] for a, s in scores.axes.items()
                                          if s is not None and measured_axes.get(a) is None))
        titles = {s.id: content(s.title) for s in session.questionnaire.sections}
        self.sections.set_items([(titles[sid], s) for sid, s in scores.sections.items()],
                                frozenset(titles[sid] for sid in scores.sections if sid in scores.held_down),
                                frozenset(titles[sid] for sid, s in scores.sections.items()
                                          if s is not None and measured_sections.get(sid) is None))
        held = [axes[a] for a in scores.axes if a in scores.held_down]
        self.capped.setText(typo(_("« Plafonné » : un point critique maintient {axes} sous {red} et l’indice global "
                                   "sous {green}, quelles que soient les autres réponses.").format(
            axes=", ".join(held), red=format_index(RED_BELOW), green=format_index(GREEN_FROM))) if held else "")
        self.capped.setVisible(bool(held))
        aligned = max(self.articles.longest_label(), self.sections.longest_label()) + 24
        self.articles.label_width = self.sections.label_width = aligned
        self._show_gaps()
        self.plan.reload()

    def _show_gaps(self) -> None:
        assert self.session is not None
        gaps = self.session.evaluation().weightiest_gaps(GAPS_SHOWN)
        self.gaps.setRowCount(len(gaps))
        for row, gap in enumerate(gaps):
            gain = ngettext("+{n} point", "+{n} points", gap.gain).format(n=gap.gain)
            cells = (content(gap.question.text), answer_label(gap.answer),
                     axis_short(self.session.questionnaire.framework, gap.question.axis), gain)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, gap.question.id)
                if col == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.gaps.setItem(row, col, item)
        self.gaps.setVisible(bool(gaps))
        self.no_gaps.setVisible(not gaps)
        self.gaps.resizeRowsToContents()
        height = self.gaps.horizontalHeader().height() + sum(
            self.gaps.rowHeight(r) for r in range(self.gaps.rowCount())) + 4
        self.gaps.setFixedHeight(height)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:  # answers changed while the page was hidden
            self.refresh()
