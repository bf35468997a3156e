"""« Revoir le contrat » on screen: from « Prestataires », one element at a time with the keyboard,
each change stored at once; the review reported in the assessment open in the window (one undo
takes it back); the document written from the dialog and from the results page; the vendor's
own template from « Clients »."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from wizard.core.model import Organisation
from wizard.core.parties import Party


@pytest.fixture(autouse=True)
def _real_content(_mini, monkeypatch):
    """The contract's elements and the lab's questions are the real content's."""
    monkeypatch.delenv("VIGIE_QUESTIONNAIRE_DIR")


def page_of(window, action: str, name: str):
    window.actions_by_name[action].trigger()
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.parent() is window)


@pytest.fixture
def lab_window(open_window):
    window = open_window()
    workspace = window.workspace
    lab = workspace.create("lab", Organisation("Laboratoire des Tilleuls"), assessor="Zoé Martin")
    workspace.processors.set_lab(Party("Laboratoire des Tilleuls"))
    processor = workspace.processors.add({"name": "BioLogiciel SA", "services": ["lis", "maintenance"]})
    window.lab_id, window.processor_id = lab.id, processor.id
    return window


def open_review(window, qtbot):
    processors = page_of(window, "processors", "processorsPage")
    processors.table.selectRow(0)
    dialog = processors.review_contract()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # its shortcuts work when it is the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    return dialog


def test_the_keyboard_reviews_one_element_after_another(lab_window, qtbot):
    dialog = open_review(lab_window, qtbot)
    contracts = lab_window.workspace.contracts
    assert dialog.current_id() == "28-3-subject"  # the first element, its group's title skipped
    dialog.list.setFocus()
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_3):  # present, present, absent
        qtbot.keyClick(dialog.list, key)
    review = contracts.stored(lab_window.processor_id)
    assert [review.status(e) for e in ("28-3-subject", "28-3-nature", "28-3-data")] == ["present", "present",
                                                                                         "absent"]
    assert dialog.current_id() == "28-3-controller"  # each state moves on to the next element
    qtbot.keyClick(dialog, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert dialog.current_id() == "28-3-a"
    dialog.article.setText("art. 4")
    dialog.page.setText("2")
    dialog.note.setPlainText("Transferts non traités")
    dialog.article.setFocus()
    qtbot.keyClick(dialog.article, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # from a field: Alt+2
    found = contracts.stored(lab_window.processor_id).of("28-3-a")
    assert (found.status, found.article, found.page, found.note) == ("partial", "art. 4", "2",
                                                                       "Transferts non traités")
    assert dialog.current_id() == "28-3-b"
    assert "Partiel : 1" in dialog.summary.text().replace("\u00a0", " ")
    dialog.document.setText("Contrat CT-2023-04")
    dialog.document.editingFinished.emit()
    dialog.close_button.click()
    assert contracts.stored(lab_window.processor_id).document == "Contrat CT-2023-04"


def test_hosting_adds_the_health_data_clauses(lab_window, qtbot):
    dialog = open_review(lab_window, qtbot)
    assert "hds-1" not in dialog.rows
    dialog.hosting.setChecked(True)
    assert "hds-1" in dialog.rows and lab_window.workspace.contracts.stored(lab_window.processor_id).hosting


def test_the_review_reported_in_the_open_assessment_is_undone_in_one_step(lab_window, qtbot, modal):
    from wizard.ui.relations.contract_documents import ApplyReviewDialog

    lab_window.open_assessment(lab_window.lab_id)
    session = lab_window.session
    session.answer("lab.a28.contract.instructions", "yes")
    contracts = lab_window.workspace.contracts
    contracts.change(lab_window.processor_id, elements={"28-3-a": {"status": "absent", "article": "—"},
                                                        "28-3-b": {"status": "present", "article": "art. 7"}})
    dialog = open_review(lab_window, qtbot)
    apply = ApplyReviewDialog(lab_window.workspace, lab_window.processor_id, dialog.current_session, dialog)
    qtbot.addWidget(apply)
    preview = apply.preview.toPlainText().replace("\u202f", " ").replace("\u00a0", " ")
    assert "Oui → Non" in preview and apply.apply_button.isEnabled()
    assert session.assessment.answers["lab.a28.contract.instructions"].value == "yes"  # nothing yet
    modal(lambda box: box.accept())  # « Revue reportée »
    apply.apply()
    assert session.assessment.answers["lab.a28.contract.instructions"].value == "no"
    assert "art. 7" in session.assessment.answers["lab.a28.contract.confidentiality"].evidence
    assert "revue du contrat de BioLogiciel SA" in lab_window.actions_by_name["undo"].text()
    lab_window.actions_by_name["undo"].trigger()
    answers = lab_window.workspace.load(lab_window.lab_id).answers
    assert answers["lab.a28.contract.instructions"].value == "yes"
    assert "lab.a28.contract.confidentiality" not in answers and "lab.a28.contract.signed" not in answers


def test_the_document_from_the_dialog_and_from_the_results(lab_window, qtbot, tmp_path):
    import docx

    contracts = lab_window.workspace.contracts
    contracts.change(lab_window.processor_id, elements={"28-3-a": {"status": "absent"}})
    dialog = open_review(lab_window, qtbot)
    amendment = dialog.make_amendment()
    qtbot.addWidget(amendment)
    amendment.out.setText(str(tmp_path / "points.docx"))
    assert amendment.start() == tmp_path / "points.docx"
    headings = [p.text for p in docx.Document(str(tmp_path / "points.docx")).paragraphs
                if p.style.name == "Heading 2"]
    assert headings == ["1. Instructions documentées, y compris pour les transferts"]

    lab_window.open_assessment(lab_window.lab_id)
    lab_window.session.answer("lab.a28.clauses.audits", "no")
    lab_window.show_results()
    lab_window.results.amendment.click()
    from_results = lab_window.amendment_dialog
    qtbot.addWidget(from_results)
    assert from_results.source.count() == 2  # the review of BioLogiciel SA, then this assessment's answers
    from_results.source.setCurrentIndex(1)
    from_results.language.setCurrentIndex(from_results.language.findData("en"))
    from_results.kind.setCurrentIndex(from_results.kind.findData(".pdf"))
    from_results.out.setText(str(tmp_path / "points-en.pdf"))
    assert from_results.start() == tmp_path / "points-en.pdf"
    from tests.signing.helpers import flat, pdftext

    text = flat(pdftext(tmp_path / "points-en.pdf"))
    assert "1. Information and audits" in text and "not from a review of the contract" in text


def test_the_vendor_reviews_its_own_template(open_window, qtbot):
    window = open_window()
    window.workspace.create("vendor", Organisation("BioLogiciel SA"))
    clients = page_of(window, "clients", "clientsPage")
    dialog = clients.review_template()
    qtbot.addWidget(dialog)
    assert "BioLogiciel SA" in dialog.windowTitle()
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_3)
    assert window.workspace.contracts.stored(None).status("28-3-subject") == "absent"
