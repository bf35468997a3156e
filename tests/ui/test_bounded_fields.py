"""The application's fields hold what wizard.core.limits allows and say so when a paste is cut; a
.vigie file the results page could not show is refused at import, with the reason."""

from __future__ import annotations

import hashlib
import json

from PySide6.QtCore import Qt

from tests.ui.conftest import create_via_store
from wizard.storage import Store
from wizard.ui.widgets import message

LEFT = Qt.MouseButton.LeftButton
TEXT = 20_000  # the documented limits of wizard.core.limits


def test_a_pasted_note_is_cut_to_the_limit_with_a_message(open_window, qtbot, data_dir):
    window = open_window()
    aid = create_via_store(window)
    window.open_assessment(aid)
    card = window.answering.views[0].cards["t.a28.contract.signed"]
    qtbot.mouseClick(card.choices.buttons["no"], LEFT)
    from wizard.ui.widgets.bounded import LengthGuard

    messages = []
    card.note.findChildren(LengthGuard)[0].refused.connect(messages.append)
    card.note.insertPlainText("n" * (TEXT + 5_000))
    assert len(card.note.toPlainText()) == TEXT
    assert messages and "20" in messages[0] and "caractères" in messages[0]
    assert card.note.accessibleDescription() == messages[0]
    card.flush()
    assert len(Store(data_dir).load(aid).answers["t.a28.contract.signed"].note) == TEXT


def test_line_fields_have_their_maximum_length(app, qtbot, mini, data_dir):
    from wizard.ui.dialogs.new_assessment import NewAssessmentDialog
    from wizard.ui.results.custom_action_dialog import CustomActionDialog

    dialog = NewAssessmentDialog(mini.framework)
    qtbot.addWidget(dialog)
    dialog.name.insert("O" * 5_000)
    assert len(dialog.name.text()) == 200
    assert "200" in dialog.name.accessibleDescription()
    assert dialog.assessor.maxLength() == 200
    dialog.address.insertPlainText("a" * 5_000)
    assert len(dialog.address.toPlainText()) == 1_000
    assert dialog.when.minimumDate().year() == 2000 and dialog.when.maximumDate().year() == 2099
    dialog.add_participant("", "")
    editor = dialog.participants.findChild(type(dialog.name))
    assert editor is not None and editor.maxLength() == 200

    from datetime import date

    custom = CustomActionDialog(date(2026, 11, 28), mini.framework)
    qtbot.addWidget(custom)
    assert custom.title.maxLength() == 300
    assert custom.owner.lineEdit().maxLength() == 200
    custom.description.insertPlainText("d" * 30_000)
    assert len(custom.description.toPlainText()) == TEXT

    from wizard.ui.dialogs.signer_form import SignerForm

    signer = SignerForm(data_dir, "Zoé Martin", "")
    qtbot.addWidget(signer)
    signer.signer_name.clear()
    signer.signer_name.insert("S" * 5_000)  # what signing accepts; it refuses longer
    assert len(signer.signer_name.text()) == 200 and signer.signer_role.maxLength() == 200


def test_import_of_a_file_the_results_page_could_not_show_is_refused(open_window, data_dir, tmp_path,
                                                                      monkeypatch):
    from wizard.ui.home.exchange import import_assessment

    window = open_window()
    aid = create_via_store(window)
    doc = json.loads(window.workspace.store.export_exchange(aid))
    doc["content"]["assessment"]["custom_actions"] = [{"id": "custom-1", "title": "X", "priority": "P9",
                                                      "due": "nope"}]
    doc["sha256"] = hashlib.sha256(json.dumps(doc["content"], ensure_ascii=False, sort_keys=True,
                                              separators=(",", ":")).encode()).hexdigest()
    path = tmp_path / "p9.vigie"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    warnings = []
    monkeypatch.setattr(message, "warning", lambda _parent, title, text: warnings.append(text))
    monkeypatch.setattr(message, "information", lambda *a: None)  # an accepted import must not hang
    assert import_assessment(window, window.workspace, str(path)) is None
    assert "custom_actions[0].priority" in warnings[0] and "P9" in warnings[0]
    assert Store(data_dir).ids() == [aid]  # nothing stored: the results page never sees "P9"
