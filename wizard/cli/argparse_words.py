"""argparse's own words (« usage », « options », its error messages) in the interface language.

argparse asks gettext for them under their English text; here each one a user can meet is
paired with its French wording, translated by Vigie's catalogs like every other string (the
English catalog gives the English text back). Words argparse adds later stay in English.
"""

from __future__ import annotations

import argparse

from wizard.i18n import N_, _

_WORDS: dict[str, str] = {
    "usage: ": N_("utilisation : "),
    # argparse writes a colon right after a heading: the no-break space makes it « options : ».
    "positional arguments": N_("arguments\u00a0"),
    "options": N_("options\u00a0"),
    "show this help message and exit": N_("afficher cette aide et quitter"),
    "argument %(argument_name)s: %(message)s": N_("argument %(argument_name)s : %(message)s"),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s : erreur : %(message)s\n"),
    "the following arguments are required: %s": N_("arguments obligatoires manquants : %s"),
    "unrecognized arguments: %s": N_("arguments inconnus : %s"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_("choix impossible : %(value)r (choix possibles : "
                                                              "%(choices)s)"),
    "invalid %(type)s value: %(value)r": N_("valeur %(value)r impossible (type attendu : %(type)s)"),
    "expected one argument": N_("une valeur est attendue"),
    "expected at most one argument": N_("une valeur au plus est attendue"),
    "expected at least one argument": N_("une valeur au moins est attendue"),
    "not allowed with argument %s": N_("impossible avec l'argument %s"),
    "one of the arguments %s is required": N_("l'un des arguments %s est obligatoire"),
    "ambiguous option: %(option)s could match %(matches)s": N_("option ambiguë : %(option)s peut désigner "
                                                               "%(matches)s"),
    "unknown parser %(parser_name)r (choices: %(choices)s)": N_("commande inconnue %(parser_name)r (commandes : "
                                                                "%(choices)s)"),
    "can't open '%(filename)s': %(error)s": N_("impossible d'ouvrir « %(filename)s » : %(error)s"),
}
def _gettext(message: str) -> str:
    french = _WORDS.get(message)
    return _(french) if french is not None else message


def install() -> None:
    """Route argparse's gettext calls (made when a parser is built and when it reports) here."""
    argparse._ = _gettext  # type: ignore[attr-defined]
