"""The compare view and the merge dialog, reached from the window's menu on the home page and on
the results; what they show and store comes from the workspace's operations."""

from __future__ import annotations

from datetime import date

from tests.ui.test_presentation_accessibility import unnamed_controls
from wizard.core.model import Organisation


def two_assessments(window):
    workspace = window.workspace
    first = workspace.create("lab", Organisation("Laboratoire des Tilleuls"), assessor="Claire",
                             when=date(2025, 3, 3))
    with workspace.open_session(first.id) as session:
        session.answer("t.a28.contract.signed", "no")
        session.answer("t.a32.access.individual", "partial")
    second = workspace.reassess(first.id, when=date(2026, 3, 10))
    with workspace.open_session(second.id) as session:
        session.answer("t.a28.contract.signed", "yes")
    return first.id, second.id


def test_compare_from_the_home_page(open_window, modal):
    window = open_window()
    first, second = two_assessments(window)
    window.home.reload(select=second)
    seen = {}

    def look(dialog):
        seen["before"], seen["after"] = dialog.before.currentData(), dialog.after.currentData()
        seen["rows"] = [dialog.indices.item(r, 0).text() for r in range(dialog.indices.rowCount())]
        seen["overall"] = [dialog.indices.item(0, c).text() for c in range(4)]
        seen["answers"], seen["actions"] = dialog.answers.text(), dialog.actions.text()
        seen["unnamed"] = unnamed_controls(dialog)
        dialog.reject()

    modal(look)
    window.actions_by_name["compare"].trigger()
    assert (seen["before"], seen["after"]) == (first, second)  # the one it started from, preselected
    assert seen["rows"][:3] == ["Indice global", "Art.\u00a028", "Art.\u00a032"]  # « Art. » never ends a line
    comparison = window.workspace.compare(first, second)  # the dialog shows what the core computed
    assert seen["overall"][3] == f"{comparison.overall.delta:+d}" and comparison.overall.delta > 0
    assert "Réponses améliorées (1)" in seen["answers"] and "Le contrat est-il signé" in seen["answers"]
    assert "Signer un contrat conforme" in seen["actions"]
    assert seen["unnamed"] == []


def test_an_assessment_never_filled_in_is_compared_as_not_assessed_not_as_zero(open_window, modal):
    """Before: created and left empty. The view must not credit « 0 → 50, +50 »."""
    window = open_window()
    workspace = window.workspace
    empty = workspace.create("lab", Organisation("Laboratoire des Tilleuls"), assessor="Claire",
                             when=date(2025, 3, 3))
    later = workspace.reassess(empty.id, when=date(2026, 3, 10))
    with workspace.open_session(later.id) as session:
        session.answer("t.a28.contract.signed", "yes")
    window.home.reload(select=later.id)
    seen = {}

    def look(dialog):
        seen["message"] = dialog.message.text()
        seen["overall"] = [dialog.indices.item(0, c).text() for c in range(4)]
        dialog.reject()

    modal(look)
    window.actions_by_name["compare"].trigger()
    assert seen["overall"][1] == "—" and seen["overall"][3] == "—"
    assert seen["message"].startswith("Indice global\u00a0: non évalué → ")
    assert "(" not in seen["message"]  # no difference to put in brackets


def test_compare_from_the_results_takes_the_open_assessment(open_window, modal):
    window = open_window()
    first, second = two_assessments(window)
    window.open_assessment(second)
    window.show_results()
    window.home.reload(select=first)  # what the home page has selected does not matter here
    seen = {}

    def look(dialog):
        seen["after"] = dialog.after.currentData()
        dialog.reject()

    modal(look)
    window.actions_by_name["compare"].trigger()
    assert seen["after"] == second


def conflicting_copy(window, tmp_path, aid):
    """A copy answered on another laptop, and a different answer here to the same question."""
    from wizard.operations.workspace import Workspace

    exported = window.workspace.export_exchange(aid, tmp_path / "out.vigie")
    laptop = Workspace.open(tmp_path / "laptop")
    laptop.import_file(exported)
    with laptop.open_session(aid) as session:
        session.answer("t.a28.contract.signed", "yes", note="Signé le 12/11", by="Jean Dupont")
        session.answer("t.a28.contract.audit", "partial", by="Jean Dupont")
    copy = laptop.export_exchange(aid, tmp_path / "jean.vigie")
    laptop.close()
    return copy


def test_merge_shows_the_conflict_side_by_side_and_stores_the_choice(open_window, modal, tmp_path):
    window = open_window()
    _first, second = two_assessments(window)
    copy = conflicting_copy(window, tmp_path, second)
    window.open_assessment(second)  # merging into the open assessment: it is read again after
    window.session.answer("t.a28.contract.signed", "partial", note="Avenant en cours", by="Claire")
    seen = {}

    def act(dialog):
        dialog.set_files([copy])
        seen["mine"], seen["theirs"] = dialog.table.item(0, 1).text(), dialog.table.item(0, 2).text()
        seen["unnamed"] = unnamed_controls(dialog)
        modal(told)
        dialog.merge_button.click()  # a conflict without a choice: nothing written, the user is told
        seen["written_early"] = dialog.written
        box = dialog.table.cellWidget(0, 3)
        box.setCurrentIndex(box.findData("theirs"))
        dialog.merge_button.click()

    def told(message_box):
        seen["told"] = message_box.text()
        message_box.accept()

    modal(act)
    window.actions_by_name["merge"].trigger()
    assert "Partiellement" in seen["mine"] and "Avenant en cours" in seen["mine"] and "Claire" in seen["mine"]
    assert "Oui" in seen["theirs"] and "Signé le 12/11" in seen["theirs"] and "Jean Dupont" in seen["theirs"]
    assert "jean.vigie" in seen["theirs"]
    assert seen["written_early"] is False and "1 conflit reste à trancher" in seen.get("told", "")
    assert seen["unnamed"] == []
    stored = window.workspace.load(second)
    assert stored.answers["t.a28.contract.signed"].value == "yes"
    assert stored.answers["t.a28.contract.audit"].value == "partial"
    assert window.session.assessment.answers["t.a28.contract.signed"].value == "yes"  # the window read it again
    decision = window.workspace.history(second, "t.a28.contract.signed")[-1]
    assert decision.merge["kept"] == "theirs" and decision.merge["other"]["note"] == "Avenant en cours"
