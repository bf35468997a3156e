"""The SIRET number of a French establishment: 14 digits whose Luhn key holds (La Poste's
establishments, SIREN 356 000 000, follow their own rule: the sum of the digits is a multiple
of 5). Checked where it is typed, with a message that says what is wrong."""

from __future__ import annotations

from wizard.i18n import _
from wizard.typography import french

LA_POSTE = "356000000"


def digits_of(text: str) -> str:
    """The SIRET as typed, without its spaces (« 732 829 320 00074 » is fine)."""
    return "".join(text.split())


def luhn_holds(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def siret_problem(text: str) -> str:
    """What is wrong with a typed SIRET, in plain words ('' when it is right or left empty)."""
    digits = digits_of(text)
    if not digits:
        return ""
    wrong = [c for c in digits if not ("0" <= c <= "9")]
    if wrong:
        return french(_("Le SIRET ne contient que des chiffres : « {char} » n’en est pas un.")).format(char=wrong[0])
    if len(digits) != 14:
        return french(_("Le SIRET compte 14 chiffres ; vous en avez saisi {n}.")).format(n=len(digits))
    valid = sum(int(c) for c in digits) % 5 == 0 if digits.startswith(LA_POSTE) else luhn_holds(digits)
    if not valid:
        return french(_("Ce SIRET n’est pas valable : sa clé de contrôle ne correspond pas. Vérifiez les chiffres "
                        "(sur un avis de situation Insee ou une facture)."))
    return ""
