"""The results screen shows the core's scores, and the plan editor stores what the user changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from wizard.operations.session import Session
from wizard.storage import Store
from wizard.ui.results import ResultsPage
from wizard.ui.results.plan_model import ACTION_ID_ROLE

ANSWERS = {
    "t.a28.contract.signed": "partial",   # weight 3, half credit
    "t.a28.contract.audit": "no",         # weight 1
    "t.a28.sub.any": "yes",               # a gate question: not scored
    "t.a28.sub.authorised": "unknown",    # weight 2; hides t.a28.sub.same_terms
    "t.a32.access.individual": "no",      # weight 3
}


@pytest.fixture
def session(answered_session) -> Session:
    return answered_session(ANSWERS)


@pytest.fixture
def page(qtbot, session) -> ResultsPage:
    page = ResultsPage()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.set_session(session)
    page.show()
    qtbot.waitExposed(page)
    return page


def stored(session: Session):
    return Store(session.store.data_dir).load(session.assessment.id)


def select(page: ResultsPage, action_id: str) -> None:
    page.tabs.setCurrentWidget(page.plan)
    assert page.plan.select(action_id)
    assert page.plan.editor.action.id == action_id


def test_scores_shown_are_the_hand_computed_ones(page):
    # earned 1.5 + 0 + 0 + 0 = 1.5 of 3 + 1 + 2 + 3 = 9 possible -> 16.7 -> 17;
    # Art. 28: 1.5 / 6 -> 25; Art. 32: 0 / 3 -> 0.
    assert "17\u202f/\u202f100" in page.overall.text()
    assert [score for _label, score in page.articles.items()] == [25, 0]
    assert page.articles.items()[0][0].startswith("Article 28")
    sections = dict(page.sections.items())
    assert sections == {"Contrat": 38, "Sous-traitants ultérieurs": 0, "Accès": 0}
    # Values are spoken too, not only drawn: nothing depends on the bar's colour.
    assert "25\u202f/\u202f100" in page.articles.accessibleDescription()


def test_an_index_with_no_answer_behind_it_says_so_as_in_the_pdf(qtbot, answered_session):
    """Art. 32 never answered: its 0 is not a finding, and « 0 / 100 » alone would read as one.
    Nothing answered at all: the overall index says so too."""
    page = ResultsPage()
    qtbot.addWidget(page)
    page.set_session(answered_session({"t.a28.contract.signed": "yes"}))
    spoken = page.articles.accessibleDescription()
    assert "Article 32" in spoken and "0\u202f/\u202f100 (aucune réponse)" in spoken
    assert "100\u202f/\u202f100 (aucune réponse)" not in spoken  # Art. 28 has its answer
    assert "Accès\u00a0: 0\u202f/\u202f100 (aucune réponse)" in page.sections.accessibleDescription()
    assert "aucune réponse" not in page.overall.text()
    empty = ResultsPage()
    qtbot.addWidget(empty)
    empty.set_session(answered_session({}))
    assert empty.overall.text().endswith("0\u202f/\u202f100 (aucune réponse)")


def test_indices_a_critical_gap_holds_down_say_so_as_in_the_pdf(page, session):
    # t.a32.access.individual « Non » is a critical gap: the overall index, Art. 32 and its section
    # are capped whatever else is answered; the words say it, as the signed plan does.
    assert page.overall.text().endswith("17\u202f/\u202f100 (plafonné)")
    assert "Article 32" in page.capped.text() and page.capped.isVisibleTo(page)
    described = page.articles.accessibleDescription()
    assert "0\u202f/\u202f100 (plafonné)" in described and "25\u202f/\u202f100 (plafonné)" not in described
    session.answer("t.a32.access.individual", "yes")  # no critical gap left
    page.refresh()
    assert "plafonné" not in page.overall.text() + page.articles.accessibleDescription()
    assert not page.capped.isVisibleTo(page)


def test_weightiest_gaps_come_first(page):
    rows = [(page.gaps.item(r, 0).text(), page.gaps.item(r, 3).text()) for r in range(page.gaps.rowCount())]
    # Out of 9 possible points, from 17: the weight-3 "Non" to "Oui" gives 4.5 / 9 = 50 (+33);
    # the weight-3 "Partiellement" 3 / 9 -> 33 (+16); the weight-2 "Je ne sais pas" reveals a
    # question still unanswered, 3.5 / 11 -> 32 (+15); the weight-1 "Non" 2.5 / 9 -> 28 (+11).
    # The gate question is never a gap.
    assert rows[0] == ("Chaque personne a-t-elle son propre compte\u202f?", "+33 points")
    assert [gain for _q, gain in rows] == ["+33 points", "+16 points", "+15 points", "+11 points"]


def test_refresh_follows_new_answers(page, session):
    session.answer("t.a32.access.individual", "yes")
    page.refresh()
    assert "50\u202f/\u202f100" in page.overall.text()  # 4.5 / 9


def test_plan_lists_the_core_plan_sorted_by_priority(page, session):
    model = page.plan.proxy
    ids = [model.index(r, 0).data(ACTION_ID_ROLE) for r in range(model.rowCount())]
    assert sorted(ids) == sorted(a.id for a in session.plan())
    priorities = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert priorities == sorted(priorities)
    assert page.plan.count.text().startswith("3 actions affichées sur 3")


def test_owner_due_and_status_edits_are_stored(qtbot, page, session):
    select(page, "t.act.contract")
    editor = page.plan.editor
    editor.owner.setEditText("Zoé Martin")
    editor.owner.lineEdit().editingFinished.emit()
    editor.due.setDate(QDate(2027, 1, 15))
    editor.due.editingFinished.emit()
    editor.status.setCurrentIndex(editor.status.findData("doing"))

    edit = stored(session).action_edits["t.act.contract"]
    assert (edit.owner, edit.due, edit.status) == ("Zoé Martin", "2027-01-15", "doing")
    row = page.plan.model.row_of("t.act.contract")
    texts = [page.plan.model.index(row, c).data() for c in range(5)]
    assert texts[2:] == ["Zoé Martin", "15/01/2027", "En cours"]
    assert editor.message.text() == "Enregistré"


def test_choosing_a_listed_role_stores_its_key(page, session):
    select(page, "t.act.contract")
    editor = page.plan.editor
    editor.owner.setCurrentIndex(editor.owner.findData("dpo"))
    editor.owner.activated.emit(editor.owner.currentIndex())
    assert stored(session).action_edits["t.act.contract"].owner == "dpo"


def test_priority_override_needs_a_reason(qtbot, page, session):
    select(page, "t.act.list_sub")  # proposed P3
    editor = page.plan.editor
    editor.priority.setCurrentIndex(editor.priority.findData("P1"))
    assert not editor.apply_priority.isEnabled()
    qtbot.mouseClick(editor.apply_priority, Qt.MouseButton.LeftButton)
    assert "t.act.list_sub" not in stored(session).action_edits

    qtbot.keyClicks(editor.reason, "Audit ARS en mars")
    assert editor.apply_priority.isEnabled()
    qtbot.mouseClick(editor.apply_priority, Qt.MouseButton.LeftButton)
    edit = stored(session).action_edits["t.act.list_sub"]
    assert (edit.priority, edit.priority_reason) == ("P1", "Audit ARS en mars")
    row = page.plan.model.row_of("t.act.list_sub")
    assert page.plan.model.index(row, 0).data() == "P1 — urgent (modifiée)"

    # Back to the proposal: the override and its reason go.
    editor.priority.setCurrentIndex(editor.priority.findData("P3"))
    qtbot.mouseClick(editor.apply_priority, Qt.MouseButton.LeftButton)
    assert "t.act.list_sub" not in stored(session).action_edits


def test_reset_restores_the_proposal(page, session):
    select(page, "t.act.accounts")
    editor = page.plan.editor
    editor.status.setCurrentIndex(editor.status.findData("done"))
    assert stored(session).action_edits["t.act.accounts"].status == "done"
    editor.reset.click()
    assert "t.act.accounts" not in stored(session).action_edits
    assert editor.status.currentData() == "todo"


def test_custom_action_added_edited_removed_and_restored(qtbot, page, session):
    page.tabs.setCurrentWidget(page.plan)
    qtbot.mouseClick(page.plan.add_button, Qt.MouseButton.LeftButton)
    dialog = page.plan.custom_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a title is required
    dialog.title.setText("Former l’équipe à la sécurité")
    dialog.priority.setCurrentIndex(dialog.priority.findData("P1"))
    dialog.owner.setEditText("Qualité")
    dialog.due.setDate(QDate(2027, 2, 1))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    customs = stored(session).custom_actions
    assert [(c.title, c.priority, c.owner, c.due) for c in customs] == [
        ("Former l’équipe à la sécurité", "P1", "Qualité", "2027-02-01")]
    editor = page.plan.editor
    assert editor.action.custom and editor.remove.isVisible() and not editor.reset.isVisible()

    editor.status.setCurrentIndex(editor.status.findData("doing"))
    assert stored(session).custom_actions[0].status == "doing"

    qtbot.mouseClick(editor.remove, Qt.MouseButton.LeftButton)
    assert stored(session).custom_actions == []
    assert page.plan.model.row_of(customs[0].id) is None
    qtbot.mouseClick(page.plan.undo_button, Qt.MouseButton.LeftButton)
    assert [c.title for c in stored(session).custom_actions] == ["Former l’équipe à la sécurité"]


def test_filters_and_search(page):
    plan = page.plan
    plan.priority_filter.setCurrentIndex(plan.priority_filter.findData("P3"))
    assert plan.proxy.rowCount() == 1
    assert plan.proxy.index(0, 0).data(ACTION_ID_ROLE) == "t.act.list_sub"
    plan.priority_filter.setCurrentIndex(0)
    plan.search.setText("comptes")
    assert [plan.proxy.index(r, 0).data(ACTION_ID_ROLE) for r in range(plan.proxy.rowCount())] == [
        "t.act.accounts"]
    plan.search.clear()
    select(page, "t.act.accounts")
    plan.editor.status.setCurrentIndex(plan.editor.status.findData("done"))
    plan.status_filter.setCurrentIndex(plan.status_filter.findData("open"))
    assert plan.proxy.rowCount() == 2
    assert "2 actions affichées sur 3" in plan.count.text()


def test_sorting_by_due_date_uses_dates_not_text(page):
    plan = page.plan
    plan.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    dues = [plan.model.action_at(plan.proxy.mapToSource(plan.proxy.index(r, 0)).row()).due
            for r in range(plan.proxy.rowCount())]
    assert dues == sorted(dues, reverse=True)


def test_every_control_has_an_accessible_name(page):
    page.tabs.setCurrentWidget(page.plan)
    page.plan.editor.show_action(page.plan.model.action_at(0))
    unnamed = [type(w).__name__ for w in page.findChildren(QWidget)
               if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisibleTo(page)
               and not w.accessibleName() and type(w).__name__ not in ("QScrollBar", "QTabBar", "QWidget")
               and not w.objectName().startswith("qt_")]
    assert unnamed == []


def test_a_gate_question_answered_no_is_not_a_gap(page, session):
    session.answer("t.a28.sub.any", "no")  # no sub-processor: a fact, which also hides what follows
    page.refresh()
    questions = [page.gaps.item(r, 0).text() for r in range(page.gaps.rowCount())]
    assert "Le prestataire a-t-il des sous-traitants\u202f?" not in questions
    assert "Avez-vous autorisé chaque sous-traitant\u202f?" not in questions  # hidden now


def test_plan_can_be_edited_with_the_keyboard(qtbot, page, session):
    page.tabs.setCurrentWidget(page.plan)
    table = page.plan.table
    table.setFocus()
    first = page.plan.current_id()
    qtbot.keyClick(table, Qt.Key.Key_Down)  # arrows move between actions
    second = page.plan.current_id()
    assert second != first and page.plan.editor.action.id == second
    status = page.plan.editor.status
    qtbot.keyClick(status, Qt.Key.Key_Down)  # "À lancer" -> "En cours"
    assert stored(session).action_edits[second].status == "doing"


def test_activating_a_gap_asks_for_its_question(qtbot, page):
    item = page.gaps.item(0, 1)
    with qtbot.waitSignal(page.questionRequested) as asked:
        page.gaps.itemActivated.emit(item)
    assert asked.args == ["t.a32.access.individual"]


def test_critical_gaps_contradictions_and_coverage_come_before_the_charts(page, session):
    assert page.critical.isVisible() and page.critical_heading.isVisible()
    assert page.critical.text() == "• Chaque personne a-t-elle son propre compte\u202f? — «\u202fNon\u202f»"
    assert not page.contradictions.isVisible()
    assert page.completeness.text() == "5 questions répondues sur 5"
    session.answer("t.a28.contract.signed", "no")
    session.answer("t.a28.contract.audit", "yes")
    session.answer("t.a28.sub.any", None)  # the gate is unanswered again (its dependant stays answered)
    page.refresh()
    assert page.contradictions.isVisible()
    assert "Pas de contrat, mais une clause d’audit." in page.contradictions.text()
    assert "Le contrat est-il signé\u202f? — «\u202fNon\u202f»" in page.critical.text()
    assert page.completeness.text().startswith("4 questions répondues sur 5 — évaluation incomplète\u00a0: "
                                               "1 question sans réponse compte comme non démontrée")
    # The layout puts these first: above the chart of the indices.
    assert page.critical.y() < page.articles.y() and page.contradictions.y() < page.articles.y()


def test_a_follow_up_note_is_kept_per_action_and_printed(qtbot, page, session, tmp_path):
    select(page, "t.act.contract")
    editor = page.plan.editor
    editor.note.setFocus()
    qtbot.keyClicks(editor.note, "Devis ")  # typed keys: ASCII only
    editor.note.insertPlainText("demandé le 3/12")
    qtbot.waitUntil(lambda: stored(session).action_notes.get("t.act.contract") == "Devis demandé le 3/12")
    assert editor.message.text() == "Enregistré"

    other = next(a.id for a in session.plan() if a.id != "t.act.contract")
    select(page, other)  # another action: its own, empty, note
    assert editor.note.toPlainText() == ""
    select(page, "t.act.contract")
    assert editor.note.toPlainText() == "Devis demandé le 3/12"

    from tests.signing.helpers import flat, pdftext
    from wizard.operations.plans import export_signed_plan

    out = export_signed_plan(session, None, tmp_path / "plan.pdf", None, signer_name="Zoé", signer_role="")
    assert "Suivi : Devis demandé le 3/12" in flat(pdftext(out))

    editor.note.clear()  # an emptied note is removed, not kept as blank
    editor.note.flush()
    assert "t.act.contract" not in stored(session).action_notes


def test_an_action_is_reworded_in_place_shown_in_the_table_printed_and_reset(qtbot, page, session, tmp_path):
    from tests.signing.helpers import flat, pdftext
    from wizard.operations.plans import export_signed_plan

    select(page, "t.act.contract")
    editor, plan = page.plan.editor, page.plan
    title = editor.title
    page.activateWindow()

    def shown_in_table(action_id: str) -> str:
        return plan.model.index(plan.model.row_of(action_id), 1).data()

    assert title.label.text() == "Signer un contrat conforme" and title.catalogue.isHidden()
    qtbot.mouseClick(title.button, Qt.MouseButton.LeftButton)
    assert title.edit.isVisible() and title.label.isHidden()
    assert title.edit.selectedText() == "Signer un contrat conforme"  # typing replaces it whole
    qtbot.keyClicks(title.edit, "Autre chose")
    qtbot.keyClick(title.edit, Qt.Key.Key_Escape)  # gives up: nothing stored, the title as it was
    assert title.edit.isHidden() and title.label.text() == "Signer un contrat conforme"
    assert "t.act.contract" not in stored(session).action_edits

    qtbot.mouseClick(title.button, Qt.MouseButton.LeftButton)
    title.edit.setText("Faire signer l’avenant RGPD")  # accented text: set, not typed
    qtbot.keyClick(title.edit, Qt.Key.Key_Return)
    assert stored(session).action_edits["t.act.contract"].title == "Faire signer l’avenant RGPD"
    assert editor.message.text() == "Enregistré"
    assert title.label.text() == shown_in_table("t.act.contract") == "Faire signer l’avenant RGPD"
    assert title.catalogue.isVisible()
    assert flat(title.catalogue.text()) == "Intitulé du référentiel : « Signer un contrat conforme »"

    # A custom action too, after it was added; leaving the field stores what was typed.
    custom = session.add_custom_action("Former l’accueil")
    plan.reload(custom.id)
    qtbot.mouseClick(title.button, Qt.MouseButton.LeftButton)
    title.edit.setText("Former l’accueil au secret médical")
    editor.owner.setFocus()
    qtbot.waitUntil(lambda: stored(session).custom_actions[0].title == "Former l’accueil au secret médical")
    assert shown_in_table(custom.id).startswith("Former l’accueil au secret médical")
    assert title.catalogue.isHidden()  # its title was always the organisation's

    out = export_signed_plan(session, None, tmp_path / "plan.pdf", None, signer_name="Zoé", signer_role="")
    text = flat(pdftext(out))
    assert "Faire signer l’avenant RGPD" in text and "Former l’accueil au secret médical" in text
    assert "Intitulé adapté par l’organisation ; intitulé du référentiel : « Signer un contrat conforme »" in text
    assert text.count("Intitulé adapté") == 1
    # The copy attached to the plan carries the wording: importing the plan brings it back.
    from wizard.operations.plan_import import assessment_from_plan

    attached = assessment_from_plan(out, session.questionnaire, accept_unsigned=True).assessment
    assert attached.action_edits["t.act.contract"].title == "Faire signer l’avenant RGPD"
    assert attached.custom_actions[0].title == "Former l’accueil au secret médical"

    select(page, "t.act.contract")
    qtbot.mouseClick(editor.reset, Qt.MouseButton.LeftButton)  # « Revenir aux valeurs proposées »
    assert "t.act.contract" not in stored(session).action_edits
    assert title.label.text() == shown_in_table("t.act.contract") == "Signer un contrat conforme"
    assert title.catalogue.isHidden()


def test_a_refused_not_applicable_among_the_critical_gaps_says_how_it_counts(qtbot, session, mini):
    """An answer stored before « Non applicable » had rules keeps its value; where the content does
    not allow it, the screen says it counts as « Je ne sais pas », as the signed PDF does."""
    from wizard.core.model import Answer

    aid = session.assessment.id
    session.close()
    store = Store(session.store.data_dir)
    store.save_answer(aid, "t.a32.access.individual", Answer("na"))  # as an older Vigie stored it
    page = ResultsPage()
    qtbot.addWidget(page)
    page.set_session(Session(store, aid, mini))
    assert page.critical.text() == ("• Chaque personne a-t-elle son propre compte\u202f? — «\u202fNon applicable, "
                                    "compté «\u202fJe ne sais pas\u202f»\u202f»")
