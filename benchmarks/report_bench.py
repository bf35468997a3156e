"""Report benchmark: build and sign a plan of 100 actions, beside ReportLab alone on plain text.

The plan is the real lab questionnaire answered "Non" everywhere, topped up with custom
actions to 100. The comparison lays out the same number of A4 pages of plain paragraphs in
the same font with ReportLab alone, in the same run, so the ratio says what our tables,
typography, attachment and signature cost on this machine.
"""

from __future__ import annotations

import tempfile
from datetime import date
from io import BytesIO
from pathlib import Path

from benchmarks.measure import median_time, row

ACTIONS = 100
PASSPHRASE = "benchmark-passphrase"


def _assessment():
    from wizard.core.action_plan import build_plan
    from wizard.core.flow import visible_questions
    from wizard.core.model import Answer, Assessment, CustomAction, Organisation
    from wizard.core.questionnaire import load_questionnaire

    view = load_questionnaire().for_profile("lab")
    answers: dict[str, Answer] = {}
    for _ in range(10):
        new = {q.id: Answer("no", note="Pas de procédure écrite.") for q in visible_questions(view, answers)}
        if new.keys() == answers.keys():
            break
        answers = new
    assessment = Assessment("lab", Organisation("Laboratoire des Tilleuls"), date(2026, 11, 28),
                            assessor="Zoé Martin", answers=answers)
    missing = ACTIONS - len(build_plan(view, assessment))
    assessment.custom_actions = [
        CustomAction(f"custom.{i}", f"Action complémentaire n° {i} : vérifier l’accès au dossier « résultats »",
                     "Contrôler les droits d’accès et consigner le résultat dans le registre.", "P2", "it")
        for i in range(max(missing, 0))]
    assert len(build_plan(view, assessment)) == ACTIONS
    return assessment, view


def _plain_pages(pages: int) -> float:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from wizard.report.fonts import register_fonts
    from wizard.report.styles import STYLES

    register_fonts()
    text = ("Le prestataire conserve une trace de chaque accès aux données des patients et la transmet "
            "au laboratoire sur demande, dans un délai fixé par le contrat. ") * 4

    def build() -> None:
        story = []
        for _ in range(pages):
            story += [Paragraph(text, STYLES["body"]) for _ in range(9)] + [PageBreak()]
        SimpleDocTemplate(BytesIO(), pagesize=A4).build(story)

    return median_time(build, runs=5)


def run() -> list[dict[str, object]]:
    from wizard.export import export_signed_plan
    from wizard.report import build_report
    from wizard.signing import IdentitySpec, create_personal_identity
    from wizard.signing.sign import sign_pdf

    assessment, view = _assessment()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        create_personal_identity("Zoé Martin", "Laboratoire des Tilleuls", PASSPHRASE, data_dir=data_dir)
        identity = IdentitySpec("personal", secret=PASSPHRASE, data_dir=data_dir)
        out = data_dir / "plan.pdf"
        total = median_time(lambda: export_signed_plan(assessment, view, out, identity, signer_name="Zoé Martin",
                                                       signer_role="Évaluatrice"), runs=5)
        data, info = build_report(assessment, view)
        layout = median_time(lambda: build_report(assessment, view), runs=5)
        signing = median_time(lambda: sign_pdf(data, identity), runs=5)
    plain = _plain_pages(info.pages)
    return [
        row(f"Build + sign the action plan, {ACTIONS} actions", total,
            f"{info.pages} pages, personal identity (RSA 3072), file written", "≤ 1.5 s", total <= 1.5),
        row("  of which layout (ReportLab + attachment + fields)", layout, f"{info.pages} pages"),
        row("  of which PAdES signature with visible stamp", signing, "pyHanko, in memory"),
        row(f"ReportLab alone, {info.pages} pages of plain text", plain,
            "same font (DejaVu Sans), paragraphs only, same run"),
    ]


if __name__ == "__main__":
    for r in run():
        print(r)
