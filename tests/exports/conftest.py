"""An assessment of the small questionnaire whose plan has computed and custom actions, an
owner named by the user, a note: what the spreadsheets, the calendar and the import work on."""

from __future__ import annotations

from datetime import date

import pytest

ANSWERS = {
    "t.a28.contract.signed": "no",      # t.act.contract (P1)
    "t.a28.contract.audit": "no",
    "t.a28.sub.any": "yes",
    "t.a28.sub.authorised": "no",       # t.act.authorise (P2)
    "t.a32.access.individual": "no",    # t.act.accounts (P1)
}


@pytest.fixture
def session(data_dir, mini, mini_questionnaire_dir):
    from wizard.core.model import Organisation
    from wizard.operations.session import Session
    from wizard.storage import Store

    store = Store(data_dir)
    made = store.create("lab", Organisation("Laboratoire Saint-Éloi"), assessor="Zoé Martin",
                        when=date(2026, 11, 28))
    session = Session(store, made.id, mini)
    for qid, value in ANSWERS.items():
        session.answer(qid, value, note="Voir le classeur qualité ; « v2 »" if value == "no" else None)
    session.edit_plan_action("t.act.accounts", owner="Jean Dupont")
    session.add_custom_action("Former l’équipe d’accueil", priority="P3", owner="Claire", due="2027-03-15")
    yield session
    session.close()


def file_bytes(session) -> bytes:
    """The assessment's file as stored: unchanged means nothing was applied."""
    return session.store.path_of(session.assessment.id).read_bytes()
