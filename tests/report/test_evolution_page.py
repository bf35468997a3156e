"""A re-assessment's report has its page « Évolution depuis l’évaluation du … », read with pdftotext."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import MINI_QUESTIONNAIRE
from tests.signing.helpers import flat, pdftext
from wizard.core.model import Organisation
from wizard.core.registry import ContentRegistry
from wizard.operations.plans import export_signed_plan
from wizard.operations.workspace import Workspace


@pytest.fixture
def workspace(tmp_path):
    made = Workspace.open(tmp_path / "data", registry=ContentRegistry([MINI_QUESTIONNAIRE]))
    yield made
    made.close()


def answered(workspace: Workspace, aid: str, answers: dict[str, str]) -> None:
    with workspace.open_session(aid) as session:
        for qid, value in answers.items():
            session.answer(qid, value)


def plan_text(workspace: Workspace, aid: str, out) -> str:
    with workspace.open_session(aid) as session:
        export_signed_plan(session, None, out, None, signer_name="", signer_role="")
    return flat(pdftext(out))


def test_a_reassessment_shows_its_evolution_and_the_trend(workspace, tmp_path):
    first = workspace.create("lab", Organisation("Laboratoire des Tilleuls"), assessor="Claire", when=date(2024, 3, 1))
    answered(workspace, first.id, {"t.a28.contract.signed": "no", "t.a32.access.individual": "no"})
    second = workspace.reassess(first.id, when=date(2025, 3, 3))
    answered(workspace, second.id, {"t.a28.contract.signed": "partial"})
    third = workspace.reassess(second.id, when=date(2026, 3, 10))
    answered(workspace, third.id, {"t.a28.contract.signed": "yes", "t.a32.access.individual": "partial"})

    text = plan_text(workspace, third.id, tmp_path / "third.pdf")
    assert "Évolution depuis l’évaluation du 3 mars 2025" in text
    assert "Réponses améliorées (2)" in text and "Le contrat est-il signé ? Partiellement Oui" in text
    assert "Tendance par article" in text  # three assessments of the organisation
    # t.act.accounts was due on 2 April 2025 and is still open on 10 March 2026: 342 days late.
    assert "Toujours ouverte Créer des comptes individuels prévue le 02/04/2025 : 342 jours de retard" in text
    assert "Close Signer un contrat conforme plus nécessaire" in text

    assert "Tendance par article" not in plan_text(workspace, second.id, tmp_path / "second.pdf")
    assert "Évolution depuis" not in plan_text(workspace, first.id, tmp_path / "first.pdf")


def test_a_reassessment_whose_origin_was_deleted_exports_without_the_page(workspace, tmp_path):
    first = workspace.create("lab", Organisation("Laboratoire des Tilleuls"), when=date(2024, 3, 1))
    second = workspace.reassess(first.id, when=date(2025, 3, 3))
    assert "Évolution depuis l’évaluation du 1 mars 2024" in plan_text(workspace, second.id, tmp_path / "before.pdf")
    workspace.delete(first.id)
    assert "Évolution depuis" not in plan_text(workspace, second.id, tmp_path / "after.pdf")


def _content(folder, version: str, versions: dict[str, list[str]] | None = None):
    """The small questionnaire as content version `version`, with versions.yaml listing `versions`
    (none without)."""
    import json
    import shutil

    shutil.copytree(MINI_QUESTIONNAIRE, folder)
    framework = folder / "framework.yaml"
    framework.write_text(framework.read_text(encoding="utf-8").replace(
        'content_version: "1"', f'content_version: "{version}"'), encoding="utf-8")
    if versions is None:
        return folder
    listed = "".join(f'  "{v}": {json.dumps(ids)}\n' for v, ids in versions.items())
    (folder / "versions.yaml").write_text(f"format: vigie-content-versions\nversion: 1\nversions:\n{listed}",
                                          encoding="utf-8")
    return folder


def test_a_laboratory_reassessed_on_newer_content_is_told_of_its_own_new_questions_only(tmp_path):
    ids = [q.id for q in ContentRegistry([MINI_QUESTIONNAIRE]).default.questions]
    # Version 1 lacked a laboratory question and a vendor question, and had one since retired.
    older = [i for i in ids if i not in ("t.a28.sub.same_terms", "t.a32.access.vendor_only")] + ["t.a28.retired"]
    data = tmp_path / "data"
    then = Workspace.open(data, registry=ContentRegistry([_content(tmp_path / "v1", "1")]))
    first = then.create("lab", Organisation("Laboratoire des Tilleuls"), assessor="Claire", when=date(2025, 3, 3))
    answered(then, first.id, {"t.a28.contract.signed": "no"})
    then.close()
    now = Workspace.open(data, registry=ContentRegistry([_content(tmp_path / "v2", "2", {"1": older, "2": ids})]))
    try:
        second = now.reassess(first.id, when=date(2026, 3, 10))
        answered(now, second.id, {"t.a28.contract.signed": "yes"})
        text = plan_text(now, second.id, tmp_path / "second.pdf")
    finally:
        now.close()
    assert "Le contenu est passé de la version 1 à la version 2." in text
    assert "Nouvelles : Les mêmes obligations sont-elles imposées ?" in text
    assert "Question réservée au sous-traitant" not in text and "vendor_only" not in text
    assert "Retirées : t.a28.retired" in text
