"""The guides: « Guide d'utilisation » (for whoever answers) and « Guide d'atelier » (for the
consultant who runs the workshop), written once in Markdown per language, read by the Help
menu and printed as a PDF in the report's style."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from wizard import paths
from wizard.atomic_files import WriteFailed, write_document
from wizard.i18n import LANGUAGES, SOURCE_LANGUAGE, _, format_day
from wizard.operations.errors import OperationError

GUIDES = ("utilisation", "atelier")
FILES = {("utilisation", "fr"): "utilisation.md", ("atelier", "fr"): "atelier.md",
         ("utilisation", "en"): "user-guide.md", ("atelier", "en"): "workshop.md"}


def guide_file(name: str, lang: str) -> Path:
    """The guide's Markdown file in that language (the French one when there is no translation)."""
    if name not in GUIDES:
        raise OperationError(_("guide inconnu « {name} » : {choices} attendu").format(
            name=name, choices=", ".join(GUIDES)))
    lang = lang if lang in LANGUAGES else SOURCE_LANGUAGE
    file = FILES.get((name, lang))
    path = paths.guide_dir() / lang / file if file else None
    if path is None or not path.is_file():
        path = paths.guide_dir() / SOURCE_LANGUAGE / FILES[(name, SOURCE_LANGUAGE)]
    return path


def guide_text(name: str, lang: str) -> str:
    path = guide_file(name, lang)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OperationError(_("{file} : {error}").format(file=path, error=exc.strerror or exc)) from None


def guide_title(name: str, lang: str) -> str:
    """The guide's first heading."""
    for line in guide_text(name, lang).splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return name


def export_guide_pdf(name: str, lang: str, out_path: Path) -> Path:
    """Print the guide as a PDF at out_path (written whole or not at all)."""
    from wizard.report.guide import guide_pdf  # the report's stack, loaded only to print

    title = guide_title(name, lang)
    data = guide_pdf(guide_text(name, lang), lang=lang, title=title,
                     footer=_("{title} · {day}").format(title=title, day=format_day(date.today(), "long")),
                     page_label=lambda page, total: _("page {page} sur {total}").format(page=page, total=total))
    try:
        write_document(Path(out_path), data)
    except WriteFailed as exc:
        raise OperationError(str(exc)) from None
    return Path(out_path)
