"""The SIRET typed for an organisation: digits only, 14 of them, a Luhn key that holds."""

from __future__ import annotations

import pytest

from wizard.core.siret import siret_problem


@pytest.mark.parametrize("text", ["", "73282932000074", "732 829 320 00074", "35600000000010"])
def test_right_or_empty(text):
    assert siret_problem(text) == ""


@pytest.mark.parametrize(("text", "said"), [
    ("7328293200007A", "que des chiffres"),
    ("7328293200007", "14 chiffres"),
    ("73282932000075", "clé de contrôle"),
    ("12345678901234", "clé de contrôle"),
    ("35600000000048", "clé de contrôle"),  # La Poste: the sum of the digits is not a multiple of 5
])
def test_wrong_ones_say_what_is_wrong(text, said):
    assert said in siret_problem(text)
