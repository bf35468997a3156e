"""Every French string of the questionnaires passes hunspell fr_FR, with a short reviewed word list."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.content.test_questionnaire_content import all_texts
from wizard.core.questionnaire import load_questionnaire

WORDS = Path(__file__).parent / "words"

pytestmark = pytest.mark.skipif(shutil.which("hunspell") is None, reason="hunspell not installed")


def project_words() -> dict[str, str]:
    words = {}
    for file in sorted(WORDS.glob("*.txt")):
        for line in file.read_text(encoding="utf-8").splitlines():
            word = line.split("#")[0].strip()
            if word:
                words[word] = file.name
    return words


# Elided articles and pronouns (l’, d’, qu’…) are checked by the dictionary's affix rules, but a
# listed project word after one (« l’AIPD ») would not be: drop the elision before checking.
ELISION = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)[’'](?=\w)", re.IGNORECASE)
# hunspell keeps a full stop glued to a word it does not know (« RGPD. ») as a possible abbreviation.
FULL_STOP = re.compile(r"(?<=\w)\.(?=\s|$)")


def unknown_words(text: str) -> set[str]:
    text = FULL_STOP.sub(" ", ELISION.sub("", text))
    result = subprocess.run(["hunspell", "-d", "fr_FR", "-l"], input=text, capture_output=True,
                            text=True, check=True)
    return set(result.stdout.split())


@pytest.fixture(scope="module")
def french_text() -> str:
    return "\n".join(text.fr for _, text in all_texts(load_questionnaire()))


def test_french_content_is_spelled_correctly(french_text):
    misspelled = unknown_words(french_text) - set(project_words())
    assert sorted(misspelled) == []


def test_word_list_holds_only_words_hunspell_lacks_and_the_content_uses(french_text):
    words = project_words()
    flagged = unknown_words("\n".join(words))
    not_needed = sorted(w for w in words if w not in flagged)
    assert not_needed == [], "hunspell already knows these: remove them from the word list"
    used = unknown_words(french_text)
    unused = sorted(w for w in words if w not in used)
    assert unused == [], "these listed words appear nowhere in the content"


# The interface and the documents of the contract review: their French strings (the sources of
# the catalogs), with the command line's own tokens set aside.
CONTRACT_MODULES = ("wizard/core/amendment.py", "wizard/core/contract_review.py", "wizard/core/contract_answers.py",
                    "wizard/operations/contracts.py", "wizard/operations/amendments.py",
                    "wizard/storage/contract_reviews.py", "wizard/report/amendment.py", "wizard/exports/docx.py",
                    "wizard/cli/contracts.py", "wizard/ui/relations/contract_review_dialog.py",
                    "wizard/ui/relations/contract_documents.py")
TOKENS = re.compile(r"\{[^{}]*\}|--[a-z-]+|\S+\.(?:docx|pdf|yaml|json)\b|\.(?:docx|pdf)\b|AAAA-MM-JJ")
INTERFACE_WORDS = {"Word", "YAML", "JSON", "contract", "present"}  # a file format, « vigie contract », 28-3-a=present


def test_the_contract_review_s_french_strings_are_spelled_correctly():
    from babel.messages.extract import extract_from_file

    root = Path(__file__).resolve().parents[2]
    texts = []
    for module in CONTRACT_MODULES:
        for _line, message, _comments, _context in extract_from_file(
                "python", root / module, keywords={"_": None, "N_": None, "ngettext": (1, 2)}):
            texts += list(message) if isinstance(message, tuple) else [message]
    assert len(texts) > 100
    assert sorted(unknown_words(TOKENS.sub(" ", "\n".join(texts))) - INTERFACE_WORDS) == []
