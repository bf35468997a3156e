"""A signed plan that cannot say « tout va bien » when it is not: what the PDF states about
coverage, « Non applicable », critical gaps, contradictions and its own method, read back with
pdftotext on the small stable questionnaire (values computed by hand below).

mini.yaml, profile lab, visible questions when t.a28.sub.any = Non: t.a28.contract.signed (w3,
critical), t.a28.contract.audit (w1, « Non applicable » allowed), the gate t.a28.sub.any (not
scored) and t.a32.access.individual (w3, critical); the two sub-processor questions are hidden.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.signing.helpers import flat, pdftext, run


def _assessment(answers: dict, **extra):
    from wizard.core.model import Answer, Assessment, Organisation

    return Assessment("lab", Organisation("Laboratoire Émile Roux"), date(2026, 11, 28), assessor="Zoé Martin",
                      answers={q: a if isinstance(a, Answer) else Answer(a) for q, a in answers.items()}, **extra)


def _pages(mini, assessment, tmp_path, name="r.pdf") -> tuple[str, list[str]]:
    """The whole text and each page's text, flattened."""
    from wizard.report import render_report

    path = tmp_path / name
    info = render_report(assessment, mini.for_profile("lab"), path)
    pages = [flat(run("pdftotext", "-f", str(i), "-l", str(i), str(path), "-").stdout)
             for i in range(1, info.pages + 1)]
    return flat(pdftext(path)), pages


# Contract « Non » (a critical gap), audit « Oui » (a declared contradiction), no sub-processor,
# access never answered: 3 of 4 visible questions answered.
INCOMPLETE = {"t.a28.contract.signed": "no", "t.a28.contract.audit": "yes", "t.a28.sub.any": "no"}
# Everything answered, no critical gap, no contradiction.
COMPLETE = {"t.a28.contract.signed": "yes", "t.a28.contract.audit": "partial", "t.a28.sub.any": "no",
            "t.a32.access.individual": "yes"}


def test_an_incomplete_assessment_says_so_on_its_cover_and_in_its_summary(mini, tmp_path):
    _text, pages = _pages(mini, _assessment(INCOMPLETE), tmp_path)
    cover, summary = pages[0], pages[1]
    notice = "Évaluation incomplète : 1 question sans réponse"
    meaning = ("Une question sans réponse compte comme non démontrée : elle ne rapporte aucun point, aucun "
               "indice ne dépasse la part des questions répondues, et elle n’appelle encore aucune action. "
               "Les indices de maturité sont donc provisoires.")
    for page in (cover, summary):
        assert notice in page and meaning in page
    assert "Questions répondues 3 sur 4" in cover
    assert "Questions répondues : 3 sur 4" in summary
    assert "atteint un indice de maturité global provisoire de 14 / 100" in summary  # 1 / 7 earned → 14


def test_the_plural_notice_and_none_when_complete(mini, tmp_path):
    text, _pages_ = _pages(mini, _assessment({"t.a28.sub.any": "no"}), tmp_path, "a.pdf")
    assert "Évaluation incomplète : 3 questions sans réponse" in text
    assert "Les questions sans réponse comptent comme non démontrées" in text
    text, pages = _pages(mini, _assessment(COMPLETE), tmp_path, "b.pdf")
    assert "incomplète" not in text and "provisoire" not in text
    assert "Questions répondues 4 sur 4" in pages[0]
    # Contract 3 + 0.5 of 4 → 88; access 3 of 3 → 100; overall 6.5 of 7 → 93.
    assert "atteint un indice de maturité global de 93 / 100" in pages[1]


def test_critical_gaps_come_first_before_the_chart(mini, tmp_path):
    _text, pages = _pages(mini, _assessment(INCOMPLETE), tmp_path)
    summary = pages[1]
    heading = summary.index("Points critiques à traiter d’abord")
    row = summary.index("Le contrat est-il signé ? Non Art. 28 Réf. 28.3, 28.9", heading)
    chart = summary.index("Indices de maturité")
    assert heading < row < chart
    assert summary.count("Le contrat est-il signé ?") >= 1
    # The unanswered critical question is not a gap: it is counted in the notice instead.
    assert "Chaque personne a-t-elle son propre compte ?" not in summary[heading:chart]


def test_no_critical_gap_is_said_in_words(mini, tmp_path):
    _text, pages = _pages(mini, _assessment(COMPLETE), tmp_path)
    assert "Aucune question critique n’est répondue « Non » ou « Je ne sais pas »." in pages[1]
    assert "plafonné" not in pages[1]


def test_an_index_a_critical_gap_holds_down_says_so_in_words(mini, tmp_path):
    _text, pages = _pages(mini, _assessment(INCOMPLETE), tmp_path)
    summary = pages[1]
    # Overall 14 (under its cap of 79), Art. 28: 1 of 4 → 25, held under 50; Art. 32: 0, not held.
    assert "14 / 100 (plafonné)" in summary and "25 / 100 (plafonné)" in summary
    assert " 0 / 100 (plafonné)" not in summary
    assert "« Plafonné » : un point critique maintient Art. 28 sous 50 / 100 et l’indice global sous 80 / 100" in summary


def test_not_applicable_answers_are_counted(mini, tmp_path):
    from wizard.core.model import Answer

    answers = {**COMPLETE,
               "t.a28.contract.audit": Answer("na", justification="Le prestataire n’accède jamais aux données."),
               "t.a32.access.individual": Answer("na", justification="Pas de poste.")}
    _text, pages = _pages(mini, _assessment(answers), tmp_path)
    summary = pages[1]
    assert "« Non applicable » justifiés, écartés du calcul : 1" in summary
    assert "« Non applicable » sans justification ou là où il n’est pas possible, comptés comme « Je ne " \
           "sais pas » : 1" in summary
    # The access question does not allow N/A: it counts as « Je ne sais pas », a critical gap.
    assert "Chaque personne a-t-elle son propre compte ? Non applicable, compté « Je ne sais pas » Art. 32" in summary


def test_a_refused_not_applicable_shows_in_the_detail_that_it_counted_as_unknown(mini, tmp_path):
    from wizard.core.model import Answer

    answers = {**COMPLETE, "t.a28.contract.audit": Answer("na"), "t.a32.access.individual": Answer("na")}
    text, _pages_ = _pages(mini, _assessment(answers), tmp_path)
    detail = text[text.index("Détail des réponses"):text.index("Méthode et références")]
    assert "« Non applicable » sans justification : la réponse compte comme « Je ne sais pas »." in detail
    assert "« Non applicable » n’est pas prévu pour cette question : la réponse compte comme « Je ne sais " \
           "pas »." in detail
    assert detail.count("compté comme « Je ne sais pas »") == 2


def test_contradictions_are_listed_only_when_there_are_some(mini, tmp_path):
    text, pages = _pages(mini, _assessment(INCOMPLETE), tmp_path)
    summary = pages[1]
    start = summary.index("Incohérences à lever")
    assert start < summary.index("Indices de maturité")
    assert ("Pas de contrat, mais une clause d’audit. « Le contrat est-il signé ? » — réponse « Non » "
            "« Le contrat prévoit-il des audits ? » — réponse « Oui »") in summary[start:]
    text, _pages_ = _pages(mini, _assessment(COMPLETE), tmp_path, "b.pdf")
    assert "Incohérences à lever" not in text


def test_the_report_speaks_of_a_maturity_index_never_of_a_compliance_score(mini, tmp_path):
    text, _pages_ = _pages(mini, _assessment(INCOMPLETE), tmp_path)
    assert "Indices de maturité" in text and "Indice global" in text
    assert not re.search(r"\bscores?\b", text, re.IGNORECASE)
    claims = text.replace("certification de conformité", "").replace("pas un taux de conformité", "")
    assert "conformité" not in claims


@pytest.mark.parametrize("lang, words", [
    ("fr", [
        "Calcul des indices de maturité",
        "ce n’est pas un taux de conformité",
        "« Non », « Je ne sais pas » et l’absence de réponse ne rapportent rien",
        "Un indice ne dépasse jamais la part des questions répondues de son groupe (arrondie à l’unité inférieure)",
        "(12,5 donne 13)",
        "« Non applicable » n’est possible que là où le contenu le prévoit",
        "et toujours avec une justification",
        "Ailleurs, ou sans justification, la réponse compte comme « Je ne sais pas ».",
        "« Non applicable » sur une question dont d’autres dépendent compte comme « Je ne sais pas » : il ne "
        "masque rien",
        "maintient sa section et sa partie du référentiel sous 50 / 100, et l’indice global sous 80 / 100",
        "Un groupe où tout est « Non applicable » n’a pas d’indice (« non évalué »), et non 100.",
        "à une question critique appelle toujours au moins une action P1",
        "au plus 30 jours pour une P1 et 90 jours pour une P2, moins si le contenu le prévoit",
        "Ce rapport est une auto-évaluation",
        "ni un audit, ni une certification de conformité",
    ]),
    ("en", [
        "How the maturity indices are computed",
        "it is not a compliance rate",
        "below 50/100, and the overall index below 80/100",
        "at most 30 days for a P1 and 90 days for a P2",
        "(12.5 gives 13)",
    ]),
])
def test_the_method_page_states_the_rules_the_code_applies(mini, tmp_path, lang, words):
    from wizard.core.action_plan import MAX_DELAY_DAYS
    from wizard.core.scoring import GREEN_FROM, RED_BELOW
    from wizard.report import build_report

    # The numbers the page prints are the code's.
    assert (RED_BELOW, GREEN_FROM, MAX_DELAY_DAYS) == (50, 80, {"P1": 30, "P2": 90})
    data, _info = build_report(_assessment(INCOMPLETE), mini.for_profile("lab"), lang=lang)
    (tmp_path / "r.pdf").write_bytes(data)
    text = flat(pdftext(tmp_path / "r.pdf"))
    method = text[text.index("Méthode et références" if lang == "fr" else "Method and references"):]
    for expected in words:
        assert expected in method, expected
    assert not re.search(r"\bscores?\b", method, re.IGNORECASE)


def _p1_due_dates(text: str) -> list[date]:
    """The due dates of the plan table's P1 part (its rows' « JJ/MM/AAAA »), one per action."""
    p1 = re.search(r"P1 — urgent \((\d+) actions?\)(.*?)(P2 — important \(|P3 — à planifier \(|Détail des réponses)",
                   text)
    dates = [date(int(y), int(m), int(d)) for d, m, y in re.findall(r"\b(\d\d)/(\d\d)/(\d{4})\b", p1.group(2))]
    assert len(dates) == int(p1.group(1))
    return dates


def test_no_p1_is_due_later_than_30_days_in_the_plan_table(signed_plan, mini, tmp_path):
    from wizard.core.model import ActionEdit

    # The real content answered « Non » everywhere: dozens of P1 actions.
    path, _assessment_, _view = signed_plan
    dates = _p1_due_dates(flat(pdftext(path)))
    assert len(dates) > 10 and max(dates) <= date(2026, 12, 28)

    # « Encadrer les sous-traitants »: P2 with 45 days in the catalogue, raised to P1 during the
    # assessment: 30 days, not 45.
    answers = {**COMPLETE, "t.a28.sub.any": "yes", "t.a28.sub.authorised": "no"}
    raised = _assessment(answers, action_edits={"t.act.authorise": ActionEdit(priority="P1",
                                                                              priority_reason="Exigé par l’ARS")})
    text, _pages_ = _pages(mini, raised, tmp_path)
    assert "Encadrer les sous-traitants" in text[text.index("P1 — urgent (1 action)"):text.index("Détail des réponses")]
    assert _p1_due_dates(text) == [date(2026, 12, 28)]
    text, _pages_ = _pages(mini, _assessment(answers), tmp_path, "b.pdf")
    assert "P1 — urgent (" not in text and "12/01/2027" in text  # 45 days as a P2


def test_a_p1_due_date_chosen_beyond_its_delay_is_flagged(mini, tmp_path):
    from wizard.core.model import ActionEdit

    answers = {**COMPLETE, "t.a28.contract.signed": "no"}
    late = _assessment(answers, action_edits={"t.act.contract": ActionEdit(due="2027-06-30")})
    text, _pages_ = _pages(mini, late, tmp_path)
    assert "30/06/2027" in text
    assert "Échéance choisie lors de l’évaluation, au-delà des 30 jours prévus pour une P1." in text
    text, _pages_ = _pages(mini, _assessment(answers), tmp_path, "b.pdf")
    assert "28/12/2026" in text and "Échéance choisie" not in text


def test_questions_carry_their_number_never_an_internal_id(mini, tmp_path):
    # The reader finds « question 3.1 » on screen, on paper and in the spreadsheet; an id such as
    # t.a32.access.individual means nothing to a director and stays out of the signed plan.
    text, _pages_ = _pages(mini, _assessment(COMPLETE), tmp_path)
    assert not re.search(r"\bt\.a(28|32)\.", text)
    assert "Question 1.1 · Réf. 28.3, 28.9" in text
    assert "Question 3.1 · Réf." in text


def test_a_long_compound_owner_breaks_at_its_hyphen_not_inside_a_word(mini, tmp_path):
    from wizard.core.evaluation import evaluate
    from wizard.core.model import ActionEdit

    first = _assessment(INCOMPLETE)
    action = evaluate(mini.for_profile("lab"), first).plan[0].id
    owner = "Biologiste-responsable (direction) du laboratoire multisite"
    assessment = _assessment(INCOMPLETE, action_edits={action: ActionEdit(owner=owner)})
    path = tmp_path / "owner.pdf"
    from wizard.report import render_report

    render_report(assessment, mini.for_profile("lab"), path)
    raw = run("pdftotext", "-layout", str(path), "-").stdout  # -layout: keeps the hyphen at a line's end
    assert "Biologiste-" in raw
    # Cut only at the hyphen or a space: no piece of the name stands cut as a word of its own.
    pieces = [w[:n] for w in ("Biologiste", "responsable") for n in range(3, len(w))]
    assert not re.search(r"\b(" + "|".join(pieces) + r")\b", raw)


def test_the_chart_has_the_screen_s_scale_and_legend(mini, tmp_path):
    _text, pages = _pages(mini, _assessment(INCOMPLETE), tmp_path)
    chart = pages[1].split("Indices de maturité", 1)[1].split("Indice 100 :", 1)[0]
    # The bands' limits as the scale (not quarters), and the legend the results screen shows.
    marks = re.findall(r"(?<!Art\. )(?<!/ )(?<![\d,/])(\d+)(?![\d,]| ?/ ?100)", chart)
    assert [m for m in marks if m not in ("50", "79", "80")] == ["0", "100"]
    for label in ("moins de 50", "50 à 79", "80 et plus", "non évalué"):
        assert label in chart


def test_an_article_without_any_answer_is_said_unassessed_not_the_weakest(mini, tmp_path):
    """Art. 32 has no answer at all: its 0 says nothing was shown, so the summary does not call
    it « le point le plus faible » — it says it was not assessed yet, and names the weakest among
    the articles that were."""
    _text, pages = _pages(mini, _assessment(INCOMPLETE), tmp_path)
    summary = pages[1]
    assert "L’article 32 n’a pas encore été évalué : aucune de ses questions n’a de réponse." in summary
    assert "Le point le plus faible est l’article 32" not in summary
    assert "Le point le plus faible est l’article 28" in summary
    assert "0 / 100 (aucune réponse)" in summary  # its bar in the chart says so too


def test_a_plan_with_no_answer_at_all_says_its_overall_zero_measures_nothing(mini, tmp_path):
    _text, pages = _pages(mini, _assessment({}), tmp_path)
    chart = pages[1].split("Indices de maturité", 1)[1]
    assert chart.startswith(" Indice global 0 / 100 (aucune réponse) Art. 28")
