"""Report benchmark: build and sign a plan of 100 actions, beside ReportLab alone on plain text.

The plan is the real lab questionnaire answered "Non" everywhere, topped up with custom
actions to 100. The comparison lays out the same number of A4 pages of plain paragraphs in
the same font with ReportLab alone, in the same run, so the ratio says what our tables,
typography, attachment and signature cost on this machine. Long texts an older or hostile
file may carry (a 1 MB comment, one 1 MB word, a 5,000-character organisation name) must
not stall the layout; the largest assessment the limits allow shows the cost per page.
"""

from __future__ import annotations

import tempfile
from datetime import date
from io import BytesIO
from pathlib import Path

from benchmarks.measure import interleaved, median_time, row, sample_times

ACTIONS = 100
LAYOUT_GOAL = 2.5  # × ReportLab alone for the same number of pages
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


def plain_pages(pages: int):  # noqa: ANN201
    """A function laying out pages A4 pages of plain paragraphs with ReportLab alone, in the
    report's font and body style (what any PDF of that length costs)."""
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

    return build


def run() -> list[dict[str, object]]:
    from wizard.operations.plans import export_signed_plan
    from wizard.report import build_report
    from wizard.signing import IdentitySpec, create_personal_identity
    from wizard.signing.sign import sign_pdf

    assessment, view = _assessment()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        create_personal_identity("Zoé Martin", "Laboratoire des Tilleuls", PASSPHRASE, data_dir=data_dir)
        identity = IdentitySpec("personal", secret=PASSPHRASE, data_dir=data_dir)
        out = data_dir / "plan.pdf"
        total = sample_times(lambda: export_signed_plan(assessment, view, out, identity, signer_name="Zoé Martin",
                                                        signer_role="Évaluatrice"), runs=7)
        data, info = build_report(assessment, view)
        # The report's layout and ReportLab alone on as many pages, in turns.
        both = interleaved({"layout": lambda: build_report(assessment, view), "plain": plain_pages(info.pages)},
                           runs=15)
        signing = sample_times(lambda: sign_pdf(data, identity), runs=7)
    layout, plain = both["layout"], both["plain"]
    ratio = layout.ratio_to(plain)
    long_rows = _long_text_rows(assessment, view, layout.median)
    return [
        row(f"Build + sign the action plan, {ACTIONS} actions", total,
            f"{info.pages} pages, personal identity (RSA 3072), file written", "≤ 1.5 s", total.median <= 1.5),
        row("  of which layout (ReportLab + attachment + fields)", layout,
            f"{info.pages} pages; {ratio.median:.2f} × (p90 {ratio.p90:.2f} ×) ReportLab alone, round by round",
            f"≤ {LAYOUT_GOAL} × ReportLab alone", ratio.median <= LAYOUT_GOAL),
        row("  of which PAdES signature with visible stamp", signing, "pyHanko, in memory"),
        row(f"ReportLab alone, {info.pages} pages of plain text", plain,
            "same font (DejaVu Sans) and body style, paragraphs only, in turns with the layout above"),
        *long_rows,
    ]


def _long_text_rows(assessment, view, layout: float) -> list[dict[str, object]]:  # noqa: ANN001
    from dataclasses import replace

    from wizard.core import limits
    from wizard.core.model import Answer, Organisation
    from wizard.report import build_report

    first = next(iter(assessment.answers))
    rows = []
    for label, note in (("1 MB comment of words", "mot " * 250_000),
                        ("1 MB comment of one word", "abcdefghijklmnopqrstuvwxyz" * 40_000)):
        answers = {**assessment.answers, first: Answer("no", note=note)}
        long = replace(assessment, organisation=Organisation("Laboratoire " + "O" * 5_000), answers=answers)
        seconds = median_time(lambda long=long: build_report(long, view), runs=3)
        rows.append(row(f"Layout with a {label} and a 5,000-character organisation name", seconds,
                        f"{seconds / layout:.2f} × the layout above; the report shows the first "
                        f"{limits.TEXT:,} characters, the attached copy all", "≤ 1 s", seconds <= 1.0))
    text = "Relevé des accès, contrôlé chaque semaine. " * (limits.TEXT // 43)
    fullest = replace(assessment, answers={q: Answer("no", note=text, justification=text, evidence=text)
                                           for q in assessment.answers})
    data, info = build_report(fullest, view)
    seconds = median_time(lambda: build_report(fullest, view), runs=1, warmup=0)
    rows.append(row("Layout of the largest assessment the limits allow", seconds,
                    f"{info.pages} pages: every answer with a comment, justification and evidence of "
                    f"{limits.TEXT:,} characters ({len(data) / 1e6:.1f} MB PDF)"))
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)
