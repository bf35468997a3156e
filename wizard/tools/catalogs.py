"""Extract, update and compile the gettext catalogs with Babel.

  python -m wizard.tools.catalogs update   # extract i18n/wizard.pot, update i18n/<lang>/LC_MESSAGES/wizard.po
  python -m wizard.tools.catalogs compile  # .po -> .mo (never committed; made by the build and tests)
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from wizard import paths
from wizard.i18n import DOMAIN, LANGUAGES, SOURCE_LANGUAGE

ROOT = paths.bundle_root()
I18N = ROOT / "i18n"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def po_path(lang: str) -> Path:
    return I18N / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> None:
    from babel.messages.catalog import Catalog

    catalog = Catalog(project="Vigie", msgid_bugs_address="", charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "wizard"), method_map=method_map, keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",), strip_comment_tags=True,
    ):
        catalog.add(message, None, [(f"wizard/{filename}", lineno)], auto_comments=comments, context=context)
    with open(I18N / f"{DOMAIN}.pot", "wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, no_location=True, sort_output=True)


def update() -> None:
    from babel.messages.catalog import Catalog

    extract()
    for lang in LANGUAGES:
        # A template of its own per language: Catalog.update() shares the template's new
        # messages with the catalog, and the French filling below would otherwise reach English.
        with open(I18N / f"{DOMAIN}.pot", "rb") as handle:
            template = read_po(handle)
        path = po_path(lang)
        if path.exists():
            with open(path, "rb") as handle:
                catalog = read_po(handle, locale=lang)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, project="Vigie", charset="utf-8")
        # No fuzzy matching: Babel's guesses are another message's text; a new string comes in
        # empty, so that the completeness test names it until someone translates it.
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        if lang == SOURCE_LANGUAGE:
            fill_french(catalog)
        with open(path, "wb") as handle:
            write_po(handle, catalog, width=100, ignore_obsolete=True, no_location=True, sort_output=True)


def fill_french(catalog) -> None:
    """The sources are French: the French catalog carries them with French typography
    (non-breaking spaces, ’) and Babel's three French plural forms filled. Entries a
    person has already written are kept."""
    from wizard.typography import french

    for message in catalog:
        if not message.id:
            continue
        if "fuzzy" in message.flags:
            # Babel's fuzzy match is another message's text, never a French version of this one.
            message.string = ("",) * catalog.num_plurals if isinstance(message.id, tuple | list) else ""
        message.flags.discard("fuzzy")
        if isinstance(message.id, tuple | list):
            singular, plural = (french(part) for part in message.id)
            current = list(message.string) if isinstance(message.string, tuple | list) else []
            if not all(current) or len(current) != catalog.num_plurals:
                # Form 0 serves 0 and 1, form 1 large round numbers, form 2 the other plurals.
                message.string = (singular, plural, plural)[: catalog.num_plurals]
        elif not message.string:
            message.string = french(message.id)


def compile_all() -> int:
    count = 0
    for lang in LANGUAGES:
        path = po_path(lang)
        if not path.exists():
            continue
        with open(path, "rb") as handle:
            catalog = read_po(handle, locale=lang)
        with open(path.with_suffix(".mo"), "wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        count += 1
    return count


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "compile"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
