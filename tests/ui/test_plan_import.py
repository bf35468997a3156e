"""The home page's import takes a signed plan's PDF too: only an attachment a signature covers
is restored; an unsigned plan only after the user confirms; a forged one never."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.signing import forgery
from tests.signing.fixtures import consultant_p12  # noqa: F401 - the consultant's certificate
from tests.signing.helpers import P12_PASSWORD
from wizard.storage import Store
from wizard.ui.widgets import message

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def plan(mini, tmp_path, consultant_p12):  # noqa: F811
    from datetime import date

    from wizard.core.model import Answer, Assessment, Organisation
    from wizard.report import build_report
    from wizard.signing import IdentitySpec, sign_pdf

    view = mini.for_profile("lab")
    assessment = Assessment("lab", Organisation("Laboratoire du Plan"), date(2026, 11, 28),
                            answers={q.id: Answer("no") for q in view.questions})
    data, _info = build_report(assessment, view)
    out = tmp_path / "plan.pdf"
    out.write_bytes(sign_pdf(data, IdentitySpec("p12", path=consultant_p12.path, secret=P12_PASSWORD)))
    return out


def organisations(data_dir) -> list[str]:
    store = Store(data_dir)
    try:
        return sorted(s.organisation for s in store.list())
    finally:
        store.close()


def click_import(window, qtbot, monkeypatch, path) -> dict[str, list[str]]:
    """Import path through the home page's button; what each message box said."""
    said: dict[str, list[str]] = {"warning": [], "question": [], "information": []}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(message, "warning", lambda _p, _t, text, *a: said["warning"].append(text))
    monkeypatch.setattr(message, "information", lambda _p, _t, text, *a: said["information"].append(text))
    qtbot.mouseClick(window.home.import_button, LEFT)
    return said


def test_a_signed_plan_is_imported(open_window, qtbot, monkeypatch, plan, data_dir):
    window = open_window()
    said = click_import(window, qtbot, monkeypatch, plan)
    assert said["warning"] == []
    assert organisations(data_dir) == ["Laboratoire du Plan"]


@pytest.mark.parametrize("forge", [forgery.attachment_replaced, forgery.signed_byte_changed],
                         ids=["attachment replaced", "signed byte changed"])
def test_a_forged_plan_is_refused(forge, open_window, qtbot, monkeypatch, plan, data_dir, tmp_path):
    window = open_window()
    said = click_import(window, qtbot, monkeypatch, forge(plan, tmp_path / "faux.pdf"))
    assert len(said["warning"]) == 1 and "n’est pas importée" in said["warning"][0].replace("'", "’")
    assert organisations(data_dir) == []


@pytest.mark.parametrize("answer, stored", [(QMessageBox.StandardButton.No, []),
                                            (QMessageBox.StandardButton.Yes, [forgery.FORGED_ORGANISATION])],
                         ids=["the user says no", "the user says yes"])
def test_an_unsigned_plan_is_imported_only_if_the_user_confirms(answer, stored, open_window, qtbot, monkeypatch,
                                                                plan, data_dir, tmp_path):
    questions: list[str] = []

    def ask(_parent, _title, text, *args):
        questions.append(text)
        return answer
    monkeypatch.setattr(message, "question", ask)
    window = open_window()
    said = click_import(window, qtbot, monkeypatch, forgery.resaved_unsigned(plan, tmp_path / "copie.pdf"))
    assert len(questions) == 1 and "ne porte aucune signature" in questions[0]
    assert said["warning"] == []
    assert organisations(data_dir) == stored
