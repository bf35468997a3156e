"""The gettext catalogs: current, complete in French and English, placeholders kept, plurals filled."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from wizard.tools import catalogs

PLACEHOLDER = re.compile(r"\{[a-z_0-9]*(?:![rsa])?(?::[^{}]*)?\}")


def load(lang: str):
    with open(catalogs.po_path(lang), "rb") as handle:
        return read_po(handle, locale=lang)


def messages(lang: str):
    return [m for m in load(lang) if m.id]


def test_template_is_current(monkeypatch):
    """`make i18n` was run: extracting the code now finds exactly the committed messages."""
    with open(catalogs.I18N / f"{catalogs.DOMAIN}.pot", "rb") as handle:
        committed = {m.id for m in read_po(handle) if m.id}
    with tempfile.TemporaryDirectory() as tmp:
        monkeypatch.setattr(catalogs, "I18N", Path(tmp))
        catalogs.extract()
        with open(Path(tmp) / f"{catalogs.DOMAIN}.pot", "rb") as handle:
            fresh = {m.id for m in read_po(handle) if m.id}
    assert sorted(map(str, fresh - committed)) == [], "new strings: run `make i18n` and translate them"
    assert sorted(map(str, committed - fresh)) == [], "strings gone from the code: run `make i18n`"


@pytest.mark.parametrize("lang, forms", [("fr", 3), ("en", 2)])
def test_catalog_complete_without_fuzzy(lang, forms):
    catalog = load(lang)
    assert catalog.num_plurals == forms
    with open(catalogs.I18N / f"{catalogs.DOMAIN}.pot", "rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    present = {m.id for m in catalog if m.id}
    assert sorted(map(str, template - present)) == []
    for m in catalog:
        if not m.id:
            continue
        assert "fuzzy" not in m.flags, f"{lang}: fuzzy entry {m.id!r}"
        if m.pluralizable:
            assert len(m.string) == forms and all(m.string), f"{lang}: plural forms missing for {m.id!r}"
        else:
            assert m.string, f"{lang}: untranslated {m.id!r}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_translations_keep_placeholders(lang):
    for m in messages(lang):
        ids = m.id if m.pluralizable else (m.id,)
        strings = m.string if m.pluralizable else (m.string,)
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            if text:
                assert sorted(PLACEHOLDER.findall(text)) == expected, f"{lang}: {m.id!r} → {text!r}"


def test_french_catalog_has_french_typography():
    from wizard.typography import french

    for m in messages("fr"):
        for text in (m.string if m.pluralizable else (m.string,)):
            assert french(text) == text, f"{text!r} lacks French typography"


def test_french_plural_for_zero_and_one_is_singular():
    """French says « 0 signature » and « 1 signature », then « 2 signatures »."""
    from wizard import i18n

    i18n.set_language("fr")
    assert i18n.ngettext("{n} signature", "{n} signatures", 0) == "{n} signature"
    assert i18n.ngettext("{n} signature", "{n} signatures", 1) == "{n} signature"
    assert i18n.ngettext("{n} signature", "{n} signatures", 2) == "{n} signatures"


def test_english_is_used_when_chosen():
    from wizard import i18n

    i18n.set_language("en")
    try:
        assert i18n._("Oui") == "Yes"
        assert i18n._("Non applicable") == "Not applicable"
    finally:
        i18n.set_language("fr")


FRENCH_MARKS = re.compile(r"[éèêàâùûôîçœ’]|\b(?:de|la|le|les|des|une|du|et|pour|sur|avec|aux)\b", re.IGNORECASE)


def test_english_catalog_holds_no_french_copies():
    """A French source copied as its own "translation" would pass the completeness check unseen."""
    copies = [m.id for m in messages("en")
              if (m.string == m.id if not m.pluralizable else tuple(m.string) == tuple(m.id))
              and FRENCH_MARKS.search(m.id if not m.pluralizable else m.id[0])]
    assert copies == []
