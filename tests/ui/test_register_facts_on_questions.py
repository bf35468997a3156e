"""The lab answers its processor questions with its register in view: the register's facts (HDS
certificate, contract…) are written on the question, before any answer; another organisation's
assessment shows none of them."""

from __future__ import annotations

import pytest

from wizard.core.model import Organisation
from wizard.core.parties import Party


@pytest.fixture(autouse=True)
def _real_content(_mini, monkeypatch):
    """The facts are the real content's (relations.yaml links them to lab.a28.* questions)."""
    monkeypatch.delenv("VIGIE_QUESTIONNAIRE_DIR")


def card_of(window, qid: str):
    page = window.answering
    for index, section in enumerate(window.session.questionnaire.sections):
        if any(q.id == qid for q in section.questions):
            page.show_section(index)
            return page.views[index].cards[qid]
    raise AssertionError(qid)


def test_the_register_speaks_on_the_lab_questions_it_concerns(app, qtbot, data_dir):
    from wizard.operations.workspace import Workspace
    from wizard.ui.main_window import MainWindow

    workspace = Workspace.open(data_dir)
    lab = workspace.create("lab", Organisation("Laboratoire des Tilleuls"))
    other = workspace.create("lab", Organisation("Laboratoire du Port"))
    workspace.processors.set_lab(Party("Laboratoire des Tilleuls"))
    workspace.processors.add({"name": "Hébergeur Santé", "services": ["hosting"], "data": ["patient_health"]})
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    window.open_assessment(lab.id)
    card = card_of(window, "lab.a28.choice.hds")
    assert card.facts.isVisibleTo(window)
    text = card.facts.text()
    assert "Hébergeur Santé" in text and "HDS" in text
    assert not card_of(window, "lab.a24.accountability.dpo").facts.isVisibleTo(window)  # nothing to say there
    window.open_assessment(other.id)  # the register names the Tilleuls: the Port's questions stay bare
    assert not card_of(window, "lab.a28.choice.hds").facts.isVisibleTo(window)
