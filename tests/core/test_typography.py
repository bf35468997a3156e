"""The one French typography function: what a French reader expects, and nothing broken."""

from __future__ import annotations

from datetime import UTC

import pytest

from wizard.typography import NBSP, NNBSP, french


@pytest.mark.parametrize("raw, expected", [
    ("Le contrat est-il signé ?", f"Le contrat est-il signé{NNBSP}?"),
    ("Preuves : le contrat; la liste!", f"Preuves{NBSP}: le contrat{NNBSP}; la liste{NNBSP}!"),
    ("« Confidentiel »", f"«{NNBSP}Confidentiel{NNBSP}»"),
    ("l'action d'urgence", "l’action d’urgence"),
    ("1 234 patients", f"1{NNBSP}234 patients"),
    ("50 %", f"50{NNBSP}%"),
    ("50%", f"50{NNBSP}%"),
    ("Empreinte SHA-256 : {v}", f"Empreinte SHA-256{NBSP}: {{v}}"),
    ("Empreinte SHA-256: {v}", f"Empreinte SHA-256{NBSP}: {{v}}"),
    ("voir https://exemple.fr/a?b=1 ici", "voir https://exemple.fr/a?b=1 ici"),
    ("à 10:30 précises", "à 10:30 précises"),
    ("choisi le 2026-12-05T07:59:55+00:00 : le mien", f"choisi le 2026-12-05T07:59:55+00:00{NBSP}: le mien"),
    ("aucune évaluation {id!r} ?", f"aucune évaluation {{id!r}}{NNBSP}?"),
    ("(?)", "(?)"),
    ("RGPD, art. 28, § 3, a)", f"RGPD, art.{NBSP}28, §{NBSP}3, a)"),
    ("CSP, art. R. 1111-11 et L. 1111-8", f"CSP, art.{NBSP}R.{NBSP}1111-11 et L.{NBSP}1111-8"),
    ("Art. 32 ; l’art de la mise en page", f"Art.{NBSP}32{NNBSP}; l’art de la mise en page"),
    ("Sous 90 jours, puis 12 mois ; 24 h sur 24, 5 Mo, 1 500 €", f"Sous 90{NBSP}jours, puis 12{NBSP}mois{NNBSP}; "
     f"24{NBSP}h sur 24, 5{NBSP}Mo, 1{NNBSP}500{NBSP}€"),
    ("3 contrats, 2 heures, 1 an, 30 ans, 28 juin", f"3 contrats, 2{NBSP}heures, 1{NBSP}an, 30{NBSP}ans, 28 juin"),
    ("?", "?"),
    ("", ""),
])
def test_french(raw, expected):
    assert french(raw) == expected


@pytest.mark.parametrize("raw", ["Le contrat ? Oui : « bien » ; 1 234,5 % l'été", "sous 1 500 jours", "SHA-256 : {v}", "a\u00a0: b"])
def test_idempotent(raw):
    once = french(raw)
    assert french(once) == once


def test_babel_formats_follow_the_language():
    from datetime import date, datetime

    from wizard import i18n

    i18n.set_language("fr")
    assert i18n.format_day(date(2026, 11, 28), "long") == "28 novembre 2026"
    assert i18n.format_percent(58) == f"58{NNBSP}%"
    assert i18n.format_moment(datetime(2026, 11, 28, 22, 5, tzinfo=UTC)).startswith("28/11/2026")
    with i18n.language("en"):
        assert i18n.format_day(date(2026, 11, 28), "long") == "28 November 2026"
        assert i18n.format_percent(58) == "58%"
    assert i18n.current_language() == "fr"


def test_windows_paths_keep_their_drive_letter():
    """« C:\\Users » must not become « C :\\Users » in a message naming a file."""
    assert french("Évaluation exportée dans C:\\Users\\Zoé\\plan.vigie") == \
        "Évaluation exportée dans C:\\Users\\Zoé\\plan.vigie"
    assert french("D:/Clé USB/plan.pdf : accès refusé") == "D:/Clé USB/plan.pdf\u00a0: accès refusé"
    assert french("Note : voir C:\\Vigie") == "Note\u00a0: voir C:\\Vigie"


@pytest.mark.timeout(10)
@pytest.mark.parametrize("unit", ["x", " ", "\u00a0", "a.b", "a+b-"])
def test_long_runs_take_linear_time(unit):
    """One long word or run of spaces (a pasted note) used to take seconds per 10,000 characters:
    each regex tried every start position of the run. A hang guard, not a timing assertion."""
    text = unit * (200_000 // len(unit))
    assert french(text + " ?").endswith(f"{NNBSP}?")
    assert french("«" + text + " »").endswith(f"{NNBSP}»")
    assert french(text + "://exemple.fr : x").endswith(f"{NBSP}: x")
