"""« Points à compléter au contrat » as an editable Word document (.docx, written by wordml.py).

The same content as the PDF (wizard.core.amendment decides every sentence): counsel edit the
draft clauses and send them on. Headings use Word's own styles (Heading 1 for the parts,
Heading 2 for each element to complete), so the document's outline and a lawyer's templates
work with it; the text's language is set, so Word checks its spelling in the right dictionary.
"""

from __future__ import annotations

from wizard.core import limits
from wizard.core.amendment import Amendment, AmendmentItem, Labels, labels
from wizard.exports.wordml import WordDocument
from wizard.i18n import _, language, language_tag
from wizard.typography import for_language

ACCENT = "1F4E79"  # the report's accent colour
STATUS_COLOURS = {"absent": "B3261E", "partial": "C77700", "unknown": "C77700", "present": "2E7D32"}


def _clean(text: str) -> str:
    """Text Word can hold: control characters other than tab and line ends removed, cut to limit."""
    text = "".join(c for c in text if c in "\t\n" or ord(c) >= 32)
    return text[:limits.TEXT]


class _Writer:
    def __init__(self, document: Amendment) -> None:
        self.lang = document.lang
        self.doc = WordDocument(language_tag(document.lang), ACCENT)

    def t(self, text: str) -> str:
        return for_language(_clean(text), self.lang)

    def heading(self, text: str, level: int) -> None:
        self.doc.paragraph([(self.t(text), False, "")], "Title" if level == 0 else f"Heading {level}")

    def para(self, text: str, style: str | None = None, *, bold_label: str = "", colour: str = "") -> None:
        runs = [(self.t(bold_label) + " ", True, colour)] if bold_label else []
        self.doc.paragraph([*runs, (self.t(text), False, "")], style or "Normal")

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.doc.table([self.t(h) for h in header], [[self.t(c) for c in row] for row in rows])

    def bytes(self) -> bytes:
        return self.doc.bytes()


def _section(w: _Writer, words: Labels, number: int, item: AmendmentItem) -> None:
    lang, element = w.lang, item.element
    w.heading(f"{number}. {element.title.get(lang)}", 2)
    line = element.reference.get(lang)
    if item.where:
        line += " — " + _("dans le contrat : {where}").format(where=item.where[:limits.NAME])
    w.para(line, bold_label=words.status_label(item.status) + " —", colour=STATUS_COLOURS[item.status])
    if item.note.strip():
        w.para(item.note, bold_label=words.labelled(words.note))
    if item.basis:
        w.para(item.basis)
    w.heading(words.requires, 3)
    w.para(element.requires.get(lang))
    w.heading(words.clause, 3)
    w.para(element.clause.get(lang))
    w.heading(words.ask, 3)
    for question in element.ask:
        w.para(question.get(lang), "List Bullet")
    w.heading(words.draft, 3)
    w.para(element.draft.get(lang), "Intense Quote")


def build_amendment_docx(document: Amendment) -> bytes:
    """The document as .docx bytes."""
    with language(document.lang):
        return _build(document)


def _build(document: Amendment) -> bytes:
    w = _Writer(document)
    words = labels(document.lang)
    w.doc.properties = {"title": w.t(f"{document.title} — {document.processor[:limits.NAME]}"),
                        "subject": w.t(document.subtitle[:limits.ADDRESS]), "author": w.t(document.author[:limits.NAME])}
    w.doc.header = w.t(f"{document.title} — {_('Document de travail')}")
    w.heading(document.title, 0)
    w.para(document.subtitle[:limits.ADDRESS])
    w.para(document.disclaimer, "Intense Quote")
    for label, value in ((_("Source"), document.source), (_("Étendue"), document.scope),
                         (_("Bilan"), document.summary)):
        w.para(value, bold_label=words.labelled(label))
    w.heading(words.to_complete, 1)
    if document.complete:
        w.para(words.nothing_missing, bold_label="")
    for number, item in enumerate(document.to_complete, start=1):
        _section(w, words, number, item)
    if document.to_verify:
        w.heading(words.to_verify, 1)
        w.para(document.verify_intro)
        for item in document.to_verify:
            w.para(item.element.reference.get(w.lang), bold_label=item.element.title.get(w.lang) + " —")
            if item.basis:
                w.para(item.basis)
            if item.note.strip():
                w.para(item.note, bold_label=words.labelled(words.note))
            for question in item.element.ask:
                w.para(question.get(w.lang), "List Bullet")
    if document.present:
        w.heading(words.present, 1)
        w.table([words.element, words.reference, words.where],
                [[i.element.title.get(w.lang), i.element.reference.get(w.lang), i.where[:limits.NAME] or "—"]
                 for i in document.present])
    return w.bytes()
