"""Long texts from an older or hostile file: the report is produced, bounded, and says what it cut.

The timeouts are hang guards (a 1 MB note took more than five minutes, a 5,000-character
organisation name 24 s); the time itself is measured by `make bench`.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.signing.helpers import flat, pdftext


def _assessment(mini, note: str, org: str = "Laboratoire des Tilleuls"):
    from wizard.core.model import Answer, Assessment, CustomAction, Organisation

    view = mini.for_profile("lab")
    answers = {"t.a28.contract.signed": Answer("no", note=note, evidence="Registre"),
               "t.a32.access.individual": Answer("partial")}
    customs = [CustomAction("custom.1", "T" * 5_000, description=note, owner="N" * 5_000)]
    return Assessment("lab", Organisation(org), date(2026, 11, 28), assessor="Zoé Martin", answers=answers,
                      custom_actions=customs), view


@pytest.mark.timeout(20)
def test_a_1_mb_note_and_a_5000_character_name_give_a_report(mini, tmp_path):
    from pyhanko.pdf_utils.reader import PdfFileReader

    from wizard.report import render_report
    from wizard.report.embedded import check_embedded, decode_assessment

    note = "Relevé des accès du serveur " + "mot " * 250_000
    assessment, view = _assessment(mini, note, org="Laboratoire " + "O" * 5_000)
    info = render_report(assessment, view, tmp_path / "r.pdf")
    assert info.pages < 40  # cut to the limit, not 200 pages of one note
    text = flat(pdftext(tmp_path / "r.pdf"))
    assert "Commentaire : Relevé des accès du serveur mot mot" in text
    assert "[Texte coupé : 980 028 caractères de plus au-delà de 20 000 ; la copie de l’évaluation jointe à ce " \
           "PDF le contient en entier.]" in text
    assert "Laboratoire OOOO" in text and "O" * 201 not in text.replace(" ", "")
    # The attached copy keeps every character.
    with open(tmp_path / "r.pdf", "rb") as handle:
        attached = decode_assessment(check_embedded(PdfFileReader(handle, strict=False)), "r.pdf")
    assert attached["answers"]["t.a28.contract.signed"]["note"] == note


@pytest.mark.timeout(20)
def test_one_long_word_is_laid_out(mini, tmp_path):
    from wizard.report import render_report

    word = "abcdefghijklmnopqrstuvwxyz" * 40_000  # 1 MB, no space
    assessment, view = _assessment(mini, word)
    render_report(assessment, view, tmp_path / "r.pdf")
    text = pdftext(tmp_path / "r.pdf")
    assert word[:5_000] in text.replace("\n", "").replace(" ", "")  # every character, in order


def test_line_breaks_of_a_note_are_kept(mini, tmp_path):
    from wizard.report import render_report

    assessment, view = _assessment(mini, "Premier point\nDeuxième point\r\n\nTroisième <b>point</b> & fin")
    render_report(assessment, view, tmp_path / "r.pdf")
    lines = [line.strip() for line in pdftext(tmp_path / "r.pdf").splitlines()]
    assert "Commentaire : Premier point" in lines and "Deuxième point" in lines
    assert "Troisième <b>point</b> & fin" in lines  # markup shown as typed, not interpreted


def test_blocks_and_clip():
    from wizard.report.long_text import BLOCK, blocks, clip

    text = ("ab " * 3_000) + "\n" + "x" * 5_000
    pieces, left_out = blocks(text, 20_000)
    assert left_out == 0 and all(len(p) <= BLOCK for p in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    pieces, left_out = blocks("y" * 30_000, 20_000)
    assert left_out == 10_000 and "".join(pieces) == "y" * 20_000
    assert clip("Nom\nsur deux lignes", 200) == "Nom sur deux lignes"
    assert clip("A" * 300, 200) == "A" * 199 + "…"
