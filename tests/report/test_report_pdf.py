"""The signed action plan read by the tools an auditor would use: poppler, qpdf, pyHanko."""

from __future__ import annotations

import re

import pytest

from tests.signing.helpers import flat, pdffonts_rows, pdfsig_verdicts, pdftext, run


def test_real_content_gives_several_dozen_actions(signed_plan):
    from wizard.core.action_plan import build_plan

    _path, assessment, view = signed_plan
    assert len(build_plan(view, assessment)) >= 24, "the big-report test needs several dozen actions"


def test_every_signature_valid_for_pdfsig_and_pyhanko(signed_plan):
    from wizard.signing import integrity_ok, verify_document

    path, _a, _v = signed_plan
    assert pdfsig_verdicts(path) == ["Signature is Valid."]
    result = verify_document(path)
    checks = result.signatures
    assert [c.field for c in checks] == ["Signature1"]
    assert checks[0].intact and checks[0].covers_whole_document and checks[0].certified
    assert checks[0].signer == "Zoé Martin" and checks[0].trust == "self-signed"
    assert (result.attachment.state, result.attachment.covered_by) == ("match", "Signature1")
    assert integrity_ok(checks) and result.verdict == "untrusted"  # self-signed, not in the trust list


def test_qpdf_finds_no_structural_error(signed_plan):
    path, _a, _v = signed_plan
    result = run("qpdf", "--check", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_all_fonts_embedded(signed_plan):
    path, _a, _v = signed_plan
    rows = pdffonts_rows(path)
    assert rows, "pdffonts listed no font"
    for line in rows:
        # columns: name type encoding emb sub uni object ID — 'emb' is the 4th from the end
        assert line.split()[-5] == "yes", f"font not embedded: {line}"


def test_text_has_every_action_title_with_accents_and_page_footer(signed_plan):
    from wizard.core.action_plan import build_plan
    from wizard.report.document import PAGE_HEIGHT
    from wizard.typography import french

    path, assessment, view = signed_plan
    # Read the "Action" column alone, so that the neighbouring cells do not interleave with
    # the wrapped lines of a title (x and width in points: margin + N° column, column width).
    column = run("pdftotext", "-r", "72", "-x", "82", "-y", "0", "-W", "250", "-H", str(int(PAGE_HEIGHT)),
                 str(path), "-").stdout
    text = flat(column)
    plan = build_plan(view, assessment)
    titles = [french(a.title.fr) for a in plan]
    assert any(re.search(r"[éèêàçôû]", t) for t in titles)
    missing = [t for t in titles if flat(t) not in text]
    assert not missing, f"titles not found in the PDF text: {missing}"
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(path)).stdout).group(1))
    full = flat(pdftext(path))
    for page in (1, 2, pages):
        assert f"page {page} sur {pages}" in full


def test_report_shows_cover_summary_and_digest(signed_plan):
    from wizard.report.embedded import assessment_payload

    path, assessment, _v = signed_plan
    text = flat(pdftext(path))
    for expected in ("Plan d’action RGPD", "Laboratoire des Tilleuls d’Annecy", "28 novembre 2026",
                     "Confidentiel", "Synthèse", "Les cinq actions les plus urgentes", "Détail des réponses",
                     "Méthode et références", "ne constitue ni un avis juridique", "Signatures",
                     "Direction du laboratoire", "Jérôme Dupré"):
        assert expected in text, expected
    _payload, digest = assessment_payload(assessment)
    assert digest in text


def test_metadata_outline_and_language(signed_plan):
    from pyhanko.pdf_utils.reader import PdfFileReader

    path, _a, _v = signed_plan
    info = run("pdfinfo", str(path)).stdout
    assert "Title:           Plan d’action RGPD — Laboratoire des Tilleuls d’Annecy" in info
    assert "Author:          Zoé Martin" in info
    with open(path, "rb") as handle:
        root = PdfFileReader(handle).root
        assert str(root["/Lang"]) == "fr-FR"
        outline = root["/Outlines"]
        titles = []
        node = outline["/First"]
        while True:
            titles.append(str(node["/Title"]))
            if "/Next" not in node:
                break
            node = node["/Next"]
    assert titles[:3] == ["Plan d’action RGPD", "Synthèse", "Plan d’action"]
    assert "Signatures" in titles


def test_pages_render_with_the_stamp_inside_its_box(signed_plan, tmp_path):
    """The last page (signatures) renders; the stamp's text is readable through pdftotext."""
    path, _a, _v = signed_plan
    result = run("pdftoppm", "-png", "-r", "40", "-l", "2", str(path), str(tmp_path / "p"))
    assert result.returncode == 0 and len(list(tmp_path.glob("p-*.png"))) == 2
    text = flat(pdftext(path))
    assert "Signé par Zoé Martin" in text
    assert "Évaluatrice, consultante RGPD" in text


def test_typography_escapes_after_applying_french_rules():
    from wizard.report.styles import Typo

    ty = Typo("fr")
    assert ty.t("R&D : prêt ?") == "R&amp;D\u00a0: prêt\u202f?"
    assert ty.t("l'accès « total »") == "l’accès «\u202ftotal\u202f»"
    assert Typo("en").t("ready?") == "ready?"


def test_narrow_no_break_space_never_breaks_a_line():
    from reportlab.platypus import Paragraph

    from wizard.report.fonts import register_fonts
    from wizard.report.styles import STYLES, Typo

    register_fonts()
    text = Typo("fr").t("réponse « Non »")
    lines = Paragraph(text, STYLES["cell"]).breakLines([60]).lines
    joined = ["".join(w for w in words) if isinstance(words, list) else str(words) for _w, words in lines]
    assert not any(part.rstrip().endswith("«") for part in joined)


@pytest.mark.parametrize("profile", ["vendor"])
def test_vendor_report_builds(profile, tmp_path):
    from tests.signing.fixtures import answer_no_everywhere
    from wizard.report import render_report

    assessment, view = answer_no_everywhere(profile)
    info = render_report(assessment, view, tmp_path / "r.pdf")
    assert info.pages >= 5 and info.signature_fields == ("Signature1", "Signature2")
    text = flat(pdftext(tmp_path / "r.pdf"))
    assert "Direction de l’entreprise" in text


def test_very_long_comment_and_description_split_across_pages(tmp_path):
    """A table row taller than a page must split, not make the export fail."""
    from tests.signing.fixtures import answer_no_everywhere
    from wizard.core.model import CustomAction
    from wizard.report import render_report

    assessment, view = answer_no_everywhere("lab")
    first = next(iter(assessment.answers))
    assessment.answers[first].note = "Le prestataire a répondu par courriel ; relance prévue. " * 150
    assessment.custom_actions = [CustomAction("c.long", "Action maison très détaillée", "Étape suivante ; " * 300,
                                              "P1", "it")]
    info = render_report(assessment, view, tmp_path / "long.pdf")
    text = flat(pdftext(tmp_path / "long.pdf"))
    assert "Action maison très détaillée" in text
    assert text.count("relance prévue") == 150
    assert info.actions > 24
