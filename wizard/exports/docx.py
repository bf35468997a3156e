"""« Points à compléter au contrat » as an editable Word document (.docx, python-docx).

The same content as the PDF (wizard.core.amendment decides every sentence): counsel edit the
draft clauses and send them on. Headings use Word's own styles (Heading 1 for the parts,
Heading 2 for each element to complete), so the document's outline and a lawyer's templates
work with it; the text's language is set, so Word checks its spelling in the right dictionary.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from wizard.core import limits
from wizard.core.amendment import Amendment, AmendmentItem, Labels, labels
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
        from docx import Document

        self.lang = document.lang
        self.doc: Any = Document()
        self._set_language(language_tag(document.lang))

    def t(self, text: str) -> str:
        return for_language(_clean(text), self.lang)

    def _set_language(self, tag: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title", "List Bullet", "Intense Quote"):
            rpr = self.doc.styles[name].element.get_or_add_rPr()
            for old in rpr.findall(qn("w:lang")):
                rpr.remove(old)
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), tag)
            lang.set(qn("w:eastAsia"), tag)
            rpr.append(lang)

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(self.t(text), level=level)

    def para(self, text: str, style: str | None = None, *, bold_label: str = "", colour: str = "") -> Any:
        paragraph = self.doc.add_paragraph(style=style)
        if bold_label:
            run = paragraph.add_run(self.t(bold_label) + " ")
            run.bold = True
            if colour:
                from docx.shared import RGBColor

                run.font.color.rgb = RGBColor.from_string(colour)
        paragraph.add_run(self.t(text))
        return paragraph

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(self.t(text)).bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = self.t(text)

    def bytes(self) -> bytes:
        out = BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _section(w: _Writer, words: Labels, number: int, item: AmendmentItem) -> None:
    lang, element = w.lang, item.element
    w.heading(f"{number}. {element.title.get(lang)}", 2)
    line = element.reference.get(lang)
    if item.where:
        line += " — " + _("dans le contrat : {where}").format(where=item.where[:limits.NAME])
    w.para(line, bold_label=words.status_label(item.status) + " —", colour=STATUS_COLOURS[item.status])
    if item.note.strip():
        w.para(item.note, bold_label=words.note + " :")
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
    props = w.doc.core_properties
    props.title = w.t(f"{document.title} — {document.processor[:limits.NAME]}")
    props.subject = w.t(document.subtitle[:limits.ADDRESS])
    props.author = w.t(document.author[:limits.NAME])
    props.language = language_tag(document.lang)
    header = w.doc.sections[0].header.paragraphs[0]
    header.text = w.t(f"{document.title} — {_('Document de travail')}")
    w.doc.add_heading(w.t(document.title), level=0)
    w.para(document.subtitle[:limits.ADDRESS])
    w.para(document.disclaimer, "Intense Quote")
    for label, value in ((_("Source"), document.source), (_("Étendue"), document.scope),
                         (_("Bilan"), document.summary)):
        w.para(value, bold_label=label + " :")
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
                w.para(item.note, bold_label=words.note + " :")
            for question in item.element.ask:
                w.para(question.get(w.lang), "List Bullet")
    if document.present:
        w.heading(words.present, 1)
        w.table([words.element, words.reference, words.where],
                [[i.element.title.get(w.lang), i.element.reference.get(w.lang), i.where[:limits.NAME] or "—"]
                 for i in document.present])
    return w.bytes()
