"""« Prestataires »: the laboratory's register of processors, what needs attention, the loop.

A table of the processors (those needing attention first), the selected one's facts and its
last response (the processor's indices per article, critical gaps, P1 actions, and the
laboratory's answers to revisit — shown, never changed). Buttons add and edit entries, say who
the laboratory is, create a request with its letter, and import a signed response. Everything
goes through workspace.processors.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wizard.core.model import ANSWER_LABELS
from wizard.core.parties import Party
from wizard.core.processor_attention import describe
from wizard.core.processor_facts import fact_line
from wizard.i18n import _, current_language, format_day, format_index, ngettext
from wizard.operations.errors import OperationError, StorageError
from wizard.operations.processors import relations_of
from wizard.operations.requests import PasswordNeeded, SignerChanged, unprotected_warning
from wizard.operations.workspace import Workspace
from wizard.ui.relations.forms import PartyForm, ProcessorForm, RequestOptions
from wizard.ui.widgets import message
from wizard.ui.widgets.text import escape, fr
from wizard.ui.window_geometry import fit_dialog

FACT_KINDS = ("hds", "contract", "annex", "location", "review", "subprocessors", "assessments")


class ProcessorsPage(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("processorsPage")
        self.workspace = workspace
        self.processors = workspace.processors
        self.setWindowTitle(fr(_("Prestataires")))
        self.summary = QLabel(wordWrap=True)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(_("Registre des prestataires"))
        self.table.setHorizontalHeaderLabels([_("Prestataire"), _("Priorité"), _("À traiter"), _("Évaluation")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self.show_selected)
        self.details = QTextBrowser()
        self.details.setAccessibleName(_("Détails du prestataire"))
        self.questions = QTextBrowser()  # what the register says about each of the lab's processor questions
        self.questions.setAccessibleName(_("Ce que le registre dit de vos questions"))
        tabs = QTabWidget()
        tabs.addTab(self.details, fr(_("Fiche")))
        tabs.addTab(self.questions, fr(_("Vos questions")))
        buttons = QHBoxLayout()
        for text, slot in ((_("&Ajouter…"), self.add), (_("&Modifier…"), self.edit),
                           (_("Revoir le &contrat…"), self.review_contract),
                           (_("Votre &laboratoire…"), self.edit_lab), (_("Créer une &demande…"), self.create_request),
                           (_("&Importer une réponse…"), self.import_response)):
            button = QPushButton(fr(text))
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            buttons.addWidget(button)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(tabs)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        fit_dialog(self, 1100, 640)  # never wider than a 1024×768 projector's screen
        self.reload()

    # -- reading --------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        try:
            self.states = self.processors.states()
        except (OperationError, StorageError) as exc:
            self.states = []
            message.warning(self, _("Registre illisible"), str(exc))
        attention = sum(1 for s in self.states if s.needs_attention)
        self.summary.setText(fr(ngettext("{n} prestataire", "{n} prestataires", len(self.states)).format(
            n=len(self.states)) + " — " + ngettext("{n} demande votre attention", "{n} demandent votre attention",
                                                    attention).format(n=attention)))
        self.table.setRowCount(len(self.states))
        relations = self.workspace.registry.default.relations
        for row, state in enumerate(self.states):
            p = state.processor
            cells = (p.name, state.priority if state.needs_attention else _("Rien à signaler"),
                     fr("; ".join(describe(c) for c in state.concerns)), fr(fact_line("assessments", state, relations)))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a long list of concerns is cut in its column, whole here
                self.table.setItem(row, column, item)
            if p.id == select:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        for column, widest in ((0, 220), (2, 300)):  # the rest in the tooltip and the details
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        self.show_selected()
        self.show_questions()

    def show_questions(self) -> None:
        """Each processor question of the lab with what the register says, per processor."""
        view = self.workspace.registry.default
        lang = current_language()
        parts = []
        for qid, facts in self.processors.questions_with_facts():
            try:
                text = view.question(qid).text.get(lang)
            except KeyError:
                text = qid
            parts.append(f"<p><b>{escape(fr(text))}</b></p><ul>")
            parts += [f"<li>{escape(fr(f'{f.processor} : {f.text}'))}</li>" for f in facts]
            parts.append("</ul>")
        self.questions.setHtml("".join(parts))

    def selected(self):  # noqa: ANN201 - ProcessorState | None
        rows = self.table.selectionModel().selectedRows()
        return self.states[rows[0].row()] if rows else None

    def show_selected(self) -> None:
        state = self.selected()
        if state is None:
            self.details.setHtml(escape(fr(_("Choisissez un prestataire pour voir sa fiche et sa dernière réponse."))))
            return
        relations = self.workspace.registry.default.relations
        lines = [f"<h3>{escape(state.processor.name)}</h3><ul>"]
        lines += [f"<li>{escape(fr(fact_line(kind, state, relations)))}</li>" for kind in FACT_KINDS]
        lines.append("</ul>")
        latest = state.processor.latest
        if latest is not None:
            try:
                found = self.processors.response_of(latest.request_id)
            except (OperationError, StorageError):
                found = None
            if found is not None:
                lines.append(self.response_html(found))
        self.details.setHtml("".join(lines))

    def response_html(self, found) -> str:  # noqa: ANN001 - requests.ImportedResponse
        questionnaire = self.workspace.registry.default
        relations = relations_of(self.workspace)
        vendor_view = questionnaire.for_profile(relations.processor)
        lab_view = questionnaire.for_profile(relations.controller)
        framework = questionnaire.framework
        r = found.received
        framework_lang = current_language()

        def pct(value: int | None) -> str:
            return "—" if value is None else format_index(value)

        def day(text: str) -> str:
            return format_day(date.fromisoformat(text), "short")

        def text(view, qid: str) -> str:  # noqa: ANN001
            try:
                return view.question(qid).text.get(framework_lang)
            except KeyError:
                return qid

        out = [f"<h4>{escape(fr(_('Réponse du {date}, signée par {signer}').format(date=day(r.received), signer=r.signer)))}</h4>"]
        out.append("<p>" + escape(fr(_("Indice global : {score}").format(score=pct(r.overall)))) + "<br/>" + "<br/>".join(
            escape(fr(_("{axis} : {score}").format(axis=framework.axis(a).label.get(framework_lang)
                                                    if a in framework.axis_ids else a, score=pct(v))))
            for a, v in r.axes.items()) + "</p>")
        out.append(f"<p><b>{escape(fr(_('Points critiques ({count})').format(count=len(r.critical_gaps))))}</b></p><ul>")
        out += [f"<li>{escape(text(vendor_view, g.question))} — {escape(_(ANSWER_LABELS.get(g.answer, g.answer)))}</li>"
                for g in r.critical_gaps]
        out.append(f"</ul><p><b>{escape(fr(_('Actions P1 du prestataire ({count})').format(count=len(r.p1_actions))))}"
                   "</b></p><ul>")
        out += [f"<li>{escape(day(a.due))} — {escape(a.title.get(framework_lang))}</li>" for a in r.p1_actions]
        out.append("</ul>")
        if found.suggestions:
            out.append(f"<p><b>{escape(fr(_('Vos réponses à revoir (rien n’a été modifié)')))}</b></p><ul>")
            for s in found.suggestions:
                why = _("le prestataire signale un manque") if s.kind == "contradicted" else \
                    _("la réponse du prestataire peut vous permettre de répondre")
                out.append(f"<li>{escape(text(lab_view, s.question))} — {escape(fr(why))}</li>")
            out.append("</ul>")
        return "".join(out)

    # -- changes ------------------------------------------------------------------------------
    def _try(self, title: str, action) -> object | None:  # noqa: ANN001
        try:
            return action()
        except (OperationError, StorageError, ValueError) as exc:
            message.warning(self, title, str(exc))
            return None

    def add(self) -> None:
        form = ProcessorForm(relations_of(self.workspace), parent=self)
        if form.exec():
            added = self._try(_("Ajout impossible"), lambda: self.processors.add(form.values()))
            if added is not None:
                self.reload(select=added.id)  # type: ignore[attr-defined]

    def edit(self) -> None:
        state = self.selected()
        if state is None:
            return
        form = ProcessorForm(relations_of(self.workspace), state.processor, parent=self)
        if form.exec():
            pid = state.processor.id
            if self._try(_("Enregistrement impossible"), lambda: self.processors.edit(pid, form.values())) is not None:
                self.reload(select=pid)

    def review_contract(self) -> object | None:
        """« Revoir le contrat »: the selected processor's contract, one element at a time."""
        from wizard.ui.relations.contract_review_dialog import ContractReviewDialog

        state = self.selected()
        if state is None:
            message.information(self, _("Revoir le contrat"), fr(_("Choisissez d’abord un prestataire.")))
            return None
        window = self.parentWidget()
        try:
            dialog = ContractReviewDialog(self.workspace, state.processor.id, self,
                                          current_session=lambda: getattr(window, "session", None))
        except (OperationError, StorageError) as exc:
            message.warning(self, _("Revue impossible"), str(exc))
            return None
        dialog.finished.connect(lambda _r: self.reload(select=state.processor.id))
        dialog.open()
        return dialog

    def edit_lab(self) -> None:
        form = PartyForm(_("Votre laboratoire"), asdict(self.processors.lab()), parent=self)
        if form.exec():
            self._try(_("Enregistrement impossible"), lambda: self.processors.set_lab(Party(**form.party())))

    def create_request(self, options: RequestOptions | None = None) -> object | None:
        """Ask where and by when (options: already filled, for a script), then write request and letter."""
        state = self.selected()
        if state is None:
            message.information(self, _("Créer une demande"), fr(_("Choisissez d’abord un prestataire.")))
            return None
        if options is None:
            name = _("Demande Vigie - {processor} - {date}.json").format(
                processor=state.processor.name, date=date.today().isoformat()).replace("/", " ")
            options = RequestOptions(Path.home() / name, self)
            if not options.exec():
                return None
        due = options.due.date().toPython()
        made = self._try(_("Demande impossible"), lambda: self.processors.create_request(
            state.processor.id, Path(options.path.text()).expanduser(), due=due,
            protection="password" if options.protect.isChecked() else "none", message=options.message.text()))
        if made is not None:
            message.information(self, _("Demande créée"), fr(_(
                "Envoyez au prestataire la demande {file} et sa lettre {letter}. Convenez du mot de passe de la réponse "
                "par téléphone, jamais par le même courrier.").format(file=made.file, letter=made.letter)))  # type: ignore[attr-defined]
            self.reload(select=state.processor.id)
        return made

    def import_response(self, path: Path | None = None) -> object | None:
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(self, _("Importer une réponse"), str(Path.home()),
                                                        _("Réponses signées (*.pdf)"))
            if not name:
                return None
            path = Path(name)
        password: str | None = None
        accept = False
        while True:
            try:
                found = self.processors.import_response(path, password=password, accept_new_signer=accept)
                break
            except PasswordNeeded as exc:
                text, ok = QInputDialog.getText(self, _("Réponse protégée"), fr(str(exc)), QLineEdit.EchoMode.Password)
                if not ok:
                    return None
                password = text
            except SignerChanged as exc:
                answer = message.warning(self, _("Autre clé de signature"), fr(str(exc)) + "\n\n" + fr(_(
                    "Accepter quand même cette réponse et retenir la nouvelle clé ?")),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
                if answer != QMessageBox.StandardButton.Yes:
                    return None
                accept = True
            except (OperationError, StorageError) as exc:
                message.warning(self, _("Réponse refusée"), str(exc))
                return None
        self.reload(select=found.processor.id)
        if found.unprotected:
            message.warning(self, _("Réponse non protégée"), unprotected_warning(found.processor.name))
        if found.new_signer:
            message.warning(self, _("Autre clé de signature"), fr(_(
                "Réponse acceptée à votre demande ; la nouvelle empreinte {fp} est désormais retenue.").format(
                fp=found.received.fingerprint)))
        return found
