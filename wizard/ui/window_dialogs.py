"""The main window's dialogs: new assessment, re-assessment, details, exchange files, the signed
plan's export, settings, verification, the guides, the demonstration, shortcuts and about.

A mixin of MainWindow: each method opens its dialog and hands the result to the workspace or to
the window's pages.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QMessageBox

from wizard.i18n import _
from wizard.ui import optional
from wizard.ui.answering.shortcuts import ShortcutsDialog
from wizard.ui.widgets import message
from wizard.ui.widgets.text import one_line


class WindowDialogs:
    """The dialogs of MainWindow."""

    def new_assessment(self) -> None:
        from wizard.ui.dialogs.new_assessment import NewAssessmentDialog

        dialog = NewAssessmentDialog(self.registry.default.framework, self)
        if not dialog.exec():
            return
        data = dialog.result_data()
        try:
            created = self.workspace.create(data.profile, data.organisation, assessor=data.assessor,
                                        participants=data.participants, when=data.when)
        except Exception as exc:
            message.warning(self, _("Création impossible"), str(exc))
            return
        self.home.reload(select=created.id)
        self.open_assessment(created.id)

    def import_exchange(self) -> None:
        from wizard.ui.home.exchange import import_assessment

        aid = import_assessment(self, self.workspace)
        if aid:
            self.home.reload(select=aid)

    def export_exchange(self, aid: str) -> None:
        from wizard.ui.home.exchange import export_assessment

        if aid:
            row = self.home.model.row_of(aid)
            export_assessment(self, self.workspace, aid, self.home.model.text(row, 0) if row >= 0 else "")

    def edit_details(self) -> None:
        """Organisation, assessor, date and participants (who joins the workshop later)."""
        from wizard.ui.dialogs.new_assessment import NewAssessmentDialog

        if self.session is None or getattr(self.session, "read_only", False):
            return
        dialog = NewAssessmentDialog(self.session.questionnaire.framework, self)
        dialog.prefill(self.session.assessment)
        if not dialog.exec():
            return
        data = dialog.result_data()
        updated = replace(self.session.assessment, organisation=data.organisation, assessor=data.assessor,
                          participants=data.participants, date=data.when)
        try:
            self.workspace.save_details(updated)
        except Exception as exc:
            message.warning(self, _("Enregistrement impossible"), str(exc))
            return
        a = self.session.assessment
        a.organisation, a.assessor, a.participants, a.date = (
            updated.organisation, updated.assessor, updated.participants, updated.date)
        self.answering.show_details()
        self.setWindowTitle(_("Vigie — {organisation}").format(organisation=one_line(a.organisation.name)))

    def export_pdf(self) -> None:
        """The export window; it may send the user to the first unanswered question instead."""
        dialog_class = optional.screen("export")
        if self.session is None or dialog_class is None:
            return
        self._flush()
        extra = {"open_pdf": self.open_pdf} if self.open_pdf is not None else {}
        self.export_dialog = dialog_class(self.session, self.data_dir, self, **extra)
        self.export_dialog.exec()
        target = getattr(self.export_dialog, "goto_question", None)
        self.export_dialog = None
        if target:
            self.show_question(target)

    def contract_amendment(self):  # noqa: ANN201 - the dialog, or None
        """« Points à compléter au contrat » from the results: a stored review of a contract, or this
        assessment's answers."""
        from wizard.operations.errors import OperationError, StorageError
        from wizard.ui.relations.contract_documents import AmendmentDialog

        session = self.session
        if session is None:
            return None
        self._flush()
        contracts = self.workspace.contracts
        sources = []
        try:
            relations = self.registry.default.relations
            if relations is not None and session.assessment.profile == relations.controller:
                names = {p.id: p.name for p in self.workspace.processors.register().processors}
                for pid in contracts.reviewed_processors():
                    sources.append((_("la revue du contrat de {party}").format(party=names[pid]),
                                    lambda lang, pid=pid: contracts.amendment(pid, lang=lang)))
            elif relations is not None and contracts.reviews.has_template():
                sources.append((_("la revue de votre modèle de contrat"), lambda lang: contracts.amendment(None, lang=lang)))
        except (OperationError, StorageError):
            sources = []  # the reviews cannot be read now: the answers remain
        sources.append((_("les réponses de cette évaluation"),
                        lambda lang: contracts.amendment(evaluation=session.evaluation(), lang=lang)))
        dialog = AmendmentDialog(self.workspace, sources, session.assessment.organisation.name, self)
        dialog.open()
        self.amendment_dialog = dialog
        return dialog

    def open_settings(self) -> None:
        dialog_class = optional.screen("settings")
        if dialog_class is None:
            return
        language = self.settings.language
        dialog_class(self.data_dir, self).exec()
        self.settings = self.workspace.settings()
        if self._answering is not None:
            self._answering.auto_advance = self.settings.auto_advance
        self.actions_by_name["auto_advance"].setChecked(self.settings.auto_advance)
        self._apply_look()
        if self.settings.language != language:
            self.switch_language(self.settings.language)

    def verify_pdf(self) -> None:
        dialog_class = optional.screen("verify")
        if dialog_class is not None:
            dialog_class(self).exec()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        from wizard import __version__

        QMessageBox.about(self, _("À propos de Vigie"), _(
            "Vigie {version}\nAuto-évaluation RGPD pour les laboratoires de "
            "biologie médicale et leurs éditeurs. Les données restent sur cet ordinateur.").format(
                version=__version__))

    def reassess(self, aid: str) -> None:
        """A new assessment from an earlier one: its date and participants asked first."""
        from wizard.ui.dialogs.new_assessment import NewAssessmentDialog

        try:
            source = self.workspace.load(aid)
        except Exception as exc:
            message.warning(self, _("Réévaluation impossible"), str(exc))
            return
        dialog = NewAssessmentDialog(self.registry.default.framework, self)
        dialog.prefill_reassessment(source)
        if not dialog.exec():
            return
        data = dialog.result_data()
        try:
            new = self.workspace.reassess(aid, when=data.when, participants=data.participants,
                                          assessor=data.assessor)
        except Exception as exc:
            message.warning(self, _("Réévaluation impossible"), str(exc))
            return
        self.home.reload(select=new.id)
        self.open_assessment(new.id)

    def show_guide(self, name: str = "utilisation") -> None:
        """A guide (« utilisation » or « atelier ») in a window of its own, beside the work."""
        from wizard.ui.dialogs.guide_dialog import GuideDialog

        dialog = GuideDialog(name, self)
        dialog.show()
        self.guide_dialog = dialog

    def open_demo(self) -> None:
        """Open the demonstration assessment, created on first use (fictitious data, removable)."""
        demo = self.settings.demo_id
        known = {s.id for s in self.workspace.summaries()}
        if not demo or demo not in known:
            try:
                demo = self.workspace.create_demo().id
            except Exception as exc:
                message.warning(self, _("Création impossible"), str(exc))
                return
            self._remember(demo_id=demo)
            self.home.demo_id = demo
        self.home.reload(select=demo)
        self.open_assessment(demo)

    def reopen_last(self) -> bool:
        """At start, when the settings ask for it: the assessment last opened, if it is still there."""
        if not (self.settings.reopen_last and self.settings.recent):
            return False
        if self.settings.recent[0] not in {s.id for s in self.workspace.summaries()}:
            return False
        self.open_assessment(self.settings.recent[0])
        return self.session is not None

    def open_recent(self, aid: str) -> None:
        if aid in {s.id for s in self.workspace.summaries()}:
            self.open_assessment(aid)
        else:
            message.information(self, _("Évaluation introuvable"),
                                _("Cette évaluation n’existe plus dans ce dossier de données."))
