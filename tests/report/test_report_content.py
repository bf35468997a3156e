"""What the report says, on the small stable questionnaire: skip logic, edits, custom actions."""

from __future__ import annotations

from datetime import date

from tests.signing.helpers import flat, pdftext, run


def _assessment(mini):
    from wizard.core.model import ActionEdit, Answer, Assessment, CustomAction, Organisation

    view = mini.for_profile("lab")
    answers = {
        "t.a28.contract.signed": Answer("no", note="Contrat « type » jamais signé !"),
        "t.a28.contract.audit": Answer("na", justification="Pas d'audit prévu : prestataire unique.",
                                       evidence="Courriel du 3 mars"),
        "t.a28.sub.any": Answer("no"),
        "t.a32.access.individual": Answer("partial"),
    }
    assessment = Assessment(
        "lab", Organisation("Laboratoire Émile Roux"), date(2026, 11, 28), assessor="Zoé Martin", answers=answers,
        action_edits={"t.act.list_sub": ActionEdit(priority="P1", priority_reason="Exigé par l'ARS avant mars",
                                                   owner="Mme Lebœuf", status="doing")},
        custom_actions=[CustomAction("custom.1", "Former l'accueil au « bureau propre »", "Une heure.", "P3",
                                     "quality", "2027-02-01")])
    return assessment, view


def test_detail_lists_answers_and_hidden_questions_with_their_reason(mini, tmp_path):
    from wizard.report import render_report

    assessment, view = _assessment(mini)
    render_report(assessment, view, tmp_path / "r.pdf")
    text = flat(pdftext(tmp_path / "r.pdf"))
    assert "Commentaire : Contrat « type » jamais signé !" in text
    assert "Pourquoi non applicable : Pas d’audit prévu : prestataire unique." in text
    assert "Preuves : Courriel du 3 mars" in text
    assert "Questions sans objet d’après les réponses" in text
    assert "Avez-vous autorisé chaque sous-traitant ? Pas de sous-traitant." in text
    assert "Les mêmes obligations sont-elles imposées ? La question « Avez-vous autorisé chaque " \
           "sous-traitant ? » est elle-même sans objet." in text


def test_plan_shows_overrides_owners_status_and_custom_actions(mini, tmp_path):
    from wizard.core.action_plan import build_plan
    from wizard.report import render_report

    assessment, view = _assessment(mini)
    info = render_report(assessment, view, tmp_path / "r.pdf")
    text = flat(pdftext(tmp_path / "r.pdf"))
    assert info.actions == len(build_plan(view, assessment)) == 4
    assert "Priorité modifiée : P3 calculée, P1 retenue. Motif : Exigé par l’ARS avant mars" in text
    assert "Mme Lebœuf" in text and "En cours" in text
    assert "Former l’accueil au « bureau propre »" in text and "Action ajoutée lors de l’évaluation." in text
    assert "« Le contrat est-il signé ? » — réponse « Non »" in text
    assert "P1 — urgent (3 actions)" in text and "P3 — à planifier (1 action)" in text


def test_summary_speaks_plainly(mini, tmp_path):
    from wizard.core.scoring import compute_scores
    from wizard.report import render_report

    assessment, view = _assessment(mini)
    render_report(assessment, view, tmp_path / "r.pdf")
    text = flat(pdftext(tmp_path / "r.pdf"))
    overall = compute_scores(view, assessment.answers).overall
    assert f"Laboratoire Émile Roux atteint un indice de maturité global de {overall} / 100" in text
    # An index is written as on screen, never as a percentage, which would read « 25 % compliant ».
    assert "%" not in text
    assert "Le plan compte 4 actions, dont 3 urgentes (P1) à lancer d’ici le 28 décembre 2026." in text
    assert "Les actions les plus urgentes" in text  # fewer than five


def test_one_article_is_named_in_the_singular_and_an_empty_frame_is_explained(mini, tmp_path):
    """A questionnaire of one article (custom content): « de l’article 28 », not « des articles 28 »;
    the signature page is true of an unsigned plan too."""
    from dataclasses import replace

    from wizard.report import render_report

    assessment, view = _assessment(mini)
    only_28 = replace(view, sections=tuple(s for s in view.sections if s.axis == "28"))
    assessment.answers = {q: a for q, a in assessment.answers.items() if q.startswith("t.a28")}
    render_report(assessment, only_28, tmp_path / "r.pdf")
    text = flat(pdftext(tmp_path / "r.pdf"))
    assert "Auto-évaluation de l’article 28 du RGPD" in text
    assert "des articles 28 " not in text and "articles 28 du" not in text
    assert "un cadre vide n’a pas encore été signé" in text
    assert "est signé électroniquement" not in text
    assert "Subject:         Auto-évaluation de l’article 28 du RGPD —" in run("pdfinfo", str(tmp_path / "r.pdf")).stdout
