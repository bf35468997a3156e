"""The command line's help and its argument errors speak the chosen language, argparse's own
words included (« utilisation », « arguments obligatoires manquants »)."""

from __future__ import annotations

from tests.cli.helpers import vigie, vigie_process


def test_help_is_french_through_and_through():
    result = vigie("--help")
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("utilisation\u00a0: vigie")
    assert "\narguments\u00a0:\n" in out and "\noptions\u00a0:\n" in out
    assert "afficher cette aide et quitter" in out and "afficher la version de Vigie et quitter" in out
    for english in ("usage:", "positional arguments", "show this help message"):
        assert english not in out


def test_help_is_english_with_lang_en():
    out = vigie("--lang", "en", "--help").stdout
    assert out.startswith("usage: vigie")
    assert "positional arguments" in out and "show this help message and exit" in out
    assert "utilisation" not in out


def test_argument_errors_are_french_and_exit_2():
    result = vigie_process("plan")  # argparse exits the real process with 2
    assert result.returncode == 2
    assert "vigie plan\u00a0: erreur\u00a0: arguments obligatoires manquants\u00a0: " in result.stderr
    result = vigie("--lang", "de", "questions")
    assert result.returncode == 2
    assert "choix impossible\u00a0: 'de' (choix possibles\u00a0: 'fr', 'en')" in result.stderr
    result = vigie("questions", "--profile", "hopital")  # the profiles are the content's: Vigie's own message
    assert result.returncode == 2
    assert "profil inconnu «\u202fhopital\u202f»\u00a0: lab ou vendor attendu" in result.stderr
    result = vigie("--lang", "en", "plan")
    assert "vigie plan: error: the following arguments are required: " in result.stderr
