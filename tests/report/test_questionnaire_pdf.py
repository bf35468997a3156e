"""The questionnaire on paper, read back with poppler as a participant's reader would show it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.signing.helpers import flat, pdffonts_rows, pdftext
from wizard.core.numbering import question_numbers
from wizard.core.registry import ContentRegistry
from wizard.operations.paper import export_questionnaire
from wizard.typography import for_language

EMPTY, TICKED = "\u2610", "\u2612"


@pytest.fixture(scope="module")
def content():
    return ContentRegistry().default


@pytest.mark.parametrize("profile, lang", [("lab", "fr"), ("vendor", "en")])
def test_blank_questionnaire_has_every_question_of_the_profile(content, tmp_path, profile, lang):
    view = content.for_profile(profile)
    out = export_questionnaire(content, tmp_path / "q.pdf", profile=profile, lang=lang)
    text = flat(pdftext(out))
    numbers = question_numbers(view)
    missing = [q.id for q in view.questions
               if f"{numbers[q.id]} {flat(for_language(q.text.get(lang), lang))}" not in text]
    assert missing == []
    for section in view.sections:
        assert flat(for_language(section.title.get(lang), lang)) in text
    # A box for each of the four answers every question has; « Non applicable » only where the
    # content says when it applies.
    label = {"fr": ("Oui", "Non applicable"), "en": ("Yes", "Not applicable")}[lang]
    assert text.count(f"{EMPTY} {label[0]}") == len(view.questions)
    assert text.count(f"{EMPTY} {label[1]}") == sum(q.na_allowed for q in view.questions) > 0
    assert TICKED not in text


def test_blank_questionnaire_embeds_its_fonts(content, tmp_path):
    rows = pdffonts_rows(export_questionnaire(content, tmp_path / "q.pdf", profile="lab"))
    assert rows
    assert all(line.split()[-5] == "yes" for line in rows), rows


def test_prefilled_questionnaire_ticks_the_answers_and_prints_the_notes(content, tmp_path, data_dir):
    from wizard.core.model import Organisation
    from wizard.operations.workspace import Workspace

    workspace = Workspace.open(data_dir)
    made = workspace.create("lab", Organisation("Laboratoire Saint-Éloi"), assessor="Zoé Martin")
    view = content.for_profile("lab")
    first, second = view.questions[0], view.questions[1]
    gate = next(q for q in view.questions if any(other.depends_on for other in view.questions
                                                 if other.depends_on and other.depends_on[0].question == q.id))
    with workspace.open_session(made.id) as session:
        session.answer(first.id, "partial", note="Lettre de mission à signer", by="Claire")
        session.answer(second.id, "no")
        session.answer(gate.id, "no")
        evaluation = session.evaluation()
    out = export_questionnaire(content, tmp_path / "q.pdf", prefill=evaluation)
    text = flat(pdftext(out))
    assert text.count(TICKED) == 3
    assert f"{TICKED} Partiellement" in text and f"{TICKED} Non" in text
    assert "Commentaire : Lettre de mission à signer" in text and "Répondu par Claire" in text
    assert "Laboratoire Saint-Éloi" in text and "3 questions répondues sur" in text
    hidden = [q for q in view.questions if q.id in evaluation.hidden]
    assert hidden and text.count("Sans objet d’après les réponses déjà données") == len(hidden)
    numbers = question_numbers(view)
    assert f"Passez cette question si la question {numbers[gate.id]} a reçu la réponse « Non »." in text


def test_no_half_written_file_when_the_folder_is_missing(content, tmp_path):
    from wizard.operations.errors import OperationError

    with pytest.raises(OperationError, match="n’existe pas"):
        export_questionnaire(content, tmp_path / "absent" / "q.pdf", profile="lab")
    assert not Path(tmp_path / "absent").exists()
    with pytest.raises(OperationError, match="profil inconnu"):
        export_questionnaire(content, tmp_path / "q.pdf", profile="hospital")
    assert not (tmp_path / "q.pdf").exists()
