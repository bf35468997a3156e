"""The loop once through the screens: « Prestataires » in a lab's window, « Clients » in a vendor's.

The lab adds its processor and sends a request; the vendor imports it, answers, and produces a
protected signed response from the Clients page; the lab imports it (asked for the password),
sees the vendor's critical gap, and its own plan gains the processor's action. Then each page's
refusals: a wrong file is named, and nothing is stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.signing import fixtures as shared
from tests.signing.helpers import PASSPHRASE, install_identity
from wizard.core.model import Organisation

identity_source = shared.identity_source
PASSWORD = "convenu au téléphone"


@pytest.fixture(autouse=True)
def _real_content(_mini, monkeypatch):
    """These pages speak of the real content's services and questions (relations.yaml)."""
    monkeypatch.delenv("VIGIE_QUESTIONNAIRE_DIR")


@pytest.fixture
def vendor_window(app, qtbot, tmp_path, identity_source):
    from wizard.operations.workspace import Workspace
    from wizard.ui.app import dispose
    from wizard.ui.main_window import MainWindow

    folder = tmp_path / "vendor"
    folder.mkdir()
    install_identity(identity_source, folder)
    window = MainWindow(Workspace.open(folder))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    dispose(window)


def page_of(window, action: str, name: str):
    """The page the window's menu entry opens."""
    window.actions_by_name[action].trigger()
    return next(w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.parent() is window)


def fill_processor(dialog) -> None:
    dialog.name.setText("BioLogiciel SA")
    dialog.services.boxes["lis"].setChecked(True)
    dialog.services.boxes["hosting"].setChecked(True)
    dialog.data.boxes["patient_health"].setChecked(True)
    dialog.contract_reference.setText("C-12")
    dialog.accept()


def fill_lab(dialog) -> None:
    dialog.edits["name"].setText("Laboratoire des Tilleuls")
    dialog.edits["siret"].setText("12345678900007")
    dialog.edits["contact"].setText("Zoé Martin")
    dialog.accept()


def test_the_loop_through_the_screens(open_window, vendor_window, qtbot, modal, tmp_path):
    from wizard.ui.relations.processors_page import RequestOptions

    lab_window = open_window()
    lab = lab_window.workspace.create("lab", Organisation("Laboratoire des Tilleuls"), assessor="Zoé Martin")
    with lab_window.workspace.open_session(lab.id) as session:
        session.answer("lab.a28.choice.hds", "yes")

    processors = page_of(lab_window, "processors", "processorsPage")
    modal(fill_processor)
    processors.add()
    modal(fill_lab)
    processors.edit_lab()
    assert processors.table.rowCount() == 1 and processors.table.item(0, 1).text() == "P1"  # no HDS certificate
    processors.table.selectRow(0)
    options = RequestOptions(tmp_path / "demande.json", processors)
    modal(lambda d: d.accept())  # « Demande créée »
    made = processors.create_request(options)
    assert made is not None and made.file.exists() and made.letter.exists()

    clients = page_of(vendor_window, "clients", "clientsPage")
    modal(lambda d: d.accept())  # « Demande importée »
    found = clients.import_request(made.file)
    assert found is not None and clients.requests_table.rowCount() == 1
    assert clients.requests_table.item(0, 2).text() == "En attente"
    with vendor_window.workspace.open_session(found.assessment.id) as session:
        session.answer("vendor.a32.governance.hds", "no")
        session.answer("vendor.a28.clauses.audits", "yes")
    clients.requests_table.selectRow(0)
    dialog = clients.respond()
    dialog.fields.passphrase.setText(PASSPHRASE)
    dialog.out.setText(str(tmp_path / "réponse.pdf"))
    assert dialog.start() is None and "mot de passe" in dialog.status.text()  # the request asks for one
    dialog.password.setText(PASSWORD)
    dialog.password_again.setText(PASSWORD)
    assert dialog.start() is not None
    qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=60_000)
    assert clients.requests_table.item(0, 2).text() == "Répondue"

    def password(dialog) -> None:
        dialog.setTextValue(PASSWORD)
        dialog.accept()

    modal(password)
    imported = processors.import_response(tmp_path / "réponse.pdf")
    assert imported is not None and [g.question for g in imported.received.critical_gaps] == ["vendor.a32.governance.hds"]
    details = processors.details.toPlainText()
    assert "Points critiques (1)" in details and "Vos réponses à revoir" in details
    plan = lab_window.workspace.evaluation(lab.id).plan
    assert [a.priority for a in plan if a.id.startswith("processor.")] == ["P1"]
    lab_window.open_assessment(lab.id)
    assert any(a.id.startswith("processor.") for a in lab_window.session.evaluation().plan)
    assert lab_window.workspace.load(lab.id).answers["lab.a28.choice.hds"].value == "yes"  # never changed


def test_a_wrong_request_file_is_named_and_nothing_stored(vendor_window, modal, tmp_path):
    bad = tmp_path / "demande.json"
    bad.write_text('{"format": "vigie-exchange"}', encoding="utf-8")
    clients = page_of(vendor_window, "clients", "clientsPage")
    seen: list[str] = []

    def read(dialog) -> None:
        seen.append(dialog.text())
        dialog.accept()

    modal(read)
    assert clients.import_request(bad) is None
    assert "ce n’est pas une demande Vigie" in seen[0].replace("\u202f", " ").replace("\u00a0", " ")
    assert vendor_window.workspace.clients.register().clients == ()
    assert not Path(vendor_window.workspace.data_dir, "correspondence").exists()
