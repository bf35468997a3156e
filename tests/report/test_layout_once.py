"""The report's layout does each thing once — texts typographed and parsed once per report, page
streams compressed without an ASCII85 copy — and lays out exactly the pages it did before.

How long the layout takes is measured by `make bench` (benchmarks/report_bench.py).
"""

from __future__ import annotations

from datetime import date

import pytest


def _assessment():
    from wizard.core.flow import visible_questions
    from wizard.core.model import Answer, Assessment, CustomAction, Organisation
    from wizard.core.questionnaire import load_questionnaire

    view = load_questionnaire().for_profile("lab")
    values = ("no", "partial", "unknown", "yes")
    answers = {q.id: Answer(values[n % 4], note="Pas de procédure écrite : « à revoir » ; voir l'annexe & le "
                            "registre <interne>." if n % 3 else "", evidence="Registre" if n % 5 == 0 else "")
               for n, q in enumerate(visible_questions(view, {}))}
    customs = [CustomAction(f"custom.{n}", f"Action n° {n} : vérifier l’accès", "Contrôler les droits.\n\nPuis "
                            "consigner.", "P2", "it") for n in range(3)]
    return Assessment("lab", Organisation("Laboratoire des Tilleuls & associés"), date(2026, 11, 28),
                      assessor="Zoé Martin", answers=answers, custom_actions=customs), view


def _reportlab_output(monkeypatch, assessment, view) -> bytes:
    """The PDF as ReportLab writes it (before the attachment and the signature fields)."""
    import wizard.report as report

    written: list[bytes] = []
    real = report.IncrementalPdfFileWriter

    def spy(buffer, **kwargs):  # noqa: ANN001, ANN202
        written.append(buffer.getvalue())
        return real(buffer, **kwargs)

    monkeypatch.setattr(report, "IncrementalPdfFileWriter", spy)
    report.build_report(assessment, view)
    return written[-1]


def test_reusing_typography_and_parsing_lays_out_the_very_same_pages(monkeypatch):
    from reportlab import rl_config

    from wizard.report.styles import STYLES, Para, Typo
    from wizard.typography import for_language

    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the file
    assessment, view = _assessment()
    reused = _reportlab_output(monkeypatch, assessment, view)
    # Every text typographed and parsed anew, as each paragraph did on its own before.
    monkeypatch.setattr(Typo, "plain", lambda self, text: for_language(text, self.lang))
    monkeypatch.setattr(Typo, "markup", lambda self, markup, style="body": Para(markup, STYLES[style]))
    anew = _reportlab_output(monkeypatch, assessment, view)
    assert reused == anew


def test_a_report_says_the_same_thing_once_to_the_parser():
    from reportlab.platypus.paraparser import ParaParser

    from wizard.report.styles import Typo

    parsed: list[str] = []
    real = ParaParser.parse

    def counting(self, text, style):  # noqa: ANN001, ANN202
        parsed.append(text)
        return real(self, text, style)

    typo = Typo("fr")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ParaParser, "parse", counting)
        first = [typo.para("À lancer", "cell") for _ in range(100)]
        marked = [typo.markup("<b>Pourquoi :</b> réponse « Non »", "cell_small") for _ in range(100)]
    assert len(parsed) <= 3  # the markup once, the cell style's template once: the plain text never
    assert [f.text for f in first[0].frags] == [f.text for f in first[-1].frags] == ["À lancer"]
    assert first[0].frags[0] is not first[-1].frags[0]  # each paragraph owns its fragments
    assert marked[0].frags[0] is not marked[1].frags[0]


def test_the_page_streams_are_compressed_without_an_ascii85_copy(tmp_path):
    from wizard.report import build_report

    assessment, view = _assessment()
    data, info = build_report(assessment, view)
    assert info.pages > 5
    assert b"/ASCII85Decode" not in data and b"/FlateDecode" in data
    from reportlab import rl_config

    assert rl_config.useA85  # ReportLab's own default is left as it was, for anyone else
