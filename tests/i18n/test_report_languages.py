"""The PDF in French and in English: labels and content in the chosen language."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from wizard import i18n
from wizard.core.model import Answer, Assessment, Organisation
from wizard.report import build_report

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def assessment():
    return Assessment(profile="lab", organisation=Organisation("Laboratoire des Tilleuls"),
                      date=date(2026, 11, 28), assessor="Zoé Martin",
                      answers={"t.a28.contract.signed": Answer("no")})


@pytest.mark.parametrize("lang, expected, absent", [
    ("fr", ["Confidentiel", "Signer un contrat conforme", "page 1 sur", "28 novembre 2026"],
     ["Confidential", "Sign a compliant contract"]),
    ("en", ["Confidential", "Sign a compliant contract", "page 1 of", "28 November 2026"],
     ["Confidentiel", "Signer un contrat conforme", "page 1 sur"]),
])
def test_report_speaks_the_chosen_language(mini, assessment, tmp_path, lang, expected, absent):
    i18n.set_language("fr")  # the interface stays French: the report follows its own lang
    data, _info = build_report(assessment, mini.for_profile("lab"), lang=lang)
    text = " ".join(pdf_text(data, tmp_path).split())
    for words in expected:
        assert words in text, words
    for words in absent:
        assert words not in text, words
    assert i18n.current_language() == "fr"
