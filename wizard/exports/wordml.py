"""A small writer of Word documents (.docx, Office Open XML) with the standard library alone.

Vigie writes one kind of Word document, « Points à compléter au contrat »: headings, paragraphs
with a bold label, bulleted questions, quoted draft clauses and a table. A writer this size does
it without python-docx and the lxml it needs (about 11 MB in every packaged start). The styles
keep Word's own names and ids (Title, Heading 1–3, List Bullet, Intense Quote, Table Grid), so
the document's outline, a lawyer's templates and any .docx reader recognise them.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from io import BytesIO
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"

# Word's built-in styles, by id: (name, run and paragraph properties).
STYLES = {
    "Normal": ("Normal", '<w:pPr><w:spacing w:after="120"/></w:pPr>'),
    "Title": ("Title", '<w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:color w:val="{accent}"/>'
              '<w:sz w:val="44"/></w:rPr>'),
    "Heading1": ("heading 1", '<w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>'
                 '</w:pPr><w:rPr><w:b/><w:color w:val="{accent}"/><w:sz w:val="32"/></w:rPr>'),
    "Heading2": ("heading 2", '<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/>'
                 '</w:pPr><w:rPr><w:b/><w:color w:val="{accent}"/><w:sz w:val="26"/></w:rPr>'),
    "Heading3": ("heading 3", '<w:pPr><w:keepNext/><w:spacing w:before="160" w:after="40"/><w:outlineLvl w:val="2"/>'
                 '</w:pPr><w:rPr><w:b/><w:sz w:val="22"/></w:rPr>'),
    "ListBullet": ("List Bullet", '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
                   '<w:ind w:left="360" w:hanging="360"/></w:pPr>'),
    "IntenseQuote": ("Intense Quote", '<w:pPr><w:pBdr><w:left w:val="single" w:sz="18" w:space="8" '
                     'w:color="{accent}"/></w:pBdr><w:ind w:left="360"/></w:pPr><w:rPr><w:i/></w:rPr>'),
}
NAMES = {name.lower(): style_id for style_id, (name, _props) in STYLES.items()}  # Word: « heading 1 »


def _text(text: str) -> str:
    """Runs of text; line ends become Word line breaks, tabs Word tabs."""
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return "".join(parts)


def _style(style_id: str, name: str, props: str) -> str:
    normal = style_id == "Normal"
    default = ' w:default="1"' if normal else ""
    based = "" if normal else '<w:basedOn w:val="Normal"/>'
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"{default}><w:name w:val="{name}"/>{based}'
            f"<w:qFormat/>{props}</w:style>")


def _run(text: str, *, bold: bool = False, colour: str = "") -> str:
    props = ("<w:b/>" if bold else "") + (f'<w:color w:val="{colour}"/>' if colour else "")
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{_text(text)}</w:r>"


class WordDocument:
    """Paragraphs and tables in order, then bytes(). Styles are given by their Word names."""

    def __init__(self, lang_tag: str, accent: str = "1F4E79") -> None:
        self.lang_tag = lang_tag
        self.accent = accent
        self.body: list[str] = []
        self.header = ""
        self.properties: dict[str, str] = {}

    def paragraph(self, runs: list[tuple[str, bool, str]], style: str = "Normal") -> None:
        """runs: (text, bold, colour) in order."""
        style_id = NAMES.get(style.lower(), style)
        runs_xml = "".join(_run(text, bold=bold, colour=colour) for text, bold, colour in runs)
        self.body.append(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{runs_xml}</w:p>')

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        def row(cells: list[str], bold: bool) -> str:
            return "<w:tr>" + "".join(f"<w:tc><w:p>{_run(c, bold=bold)}</w:p></w:tc>" for c in cells) + "</w:tr>"

        grid = "".join("<w:gridCol/>" for _h in header)
        self.body.append('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr>'
                         f"<w:tblGrid>{grid}</w:tblGrid>{row(header, True)}"
                         + "".join(row(r, False) for r in rows) + "</w:tbl>")

    # -- the package ---------------------------------------------------------------------------
    def bytes(self) -> bytes:
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", self._content_types())
            z.writestr("_rels/.rels", self._relations([
                ("rId1", f"{R}/officeDocument", "word/document.xml"),
                ("rId2", f"{PKG}/metadata/core-properties", "docProps/core.xml")], root=PKG))
            z.writestr("docProps/core.xml", self._core())
            z.writestr("word/_rels/document.xml.rels", self._relations([
                ("rId1", f"{R}/styles", "styles.xml"), ("rId2", f"{R}/numbering", "numbering.xml"),
                ("rId3", f"{R}/header", "header1.xml")], root=PKG))
            z.writestr("word/document.xml", self._document())
            z.writestr("word/styles.xml", self._styles())
            z.writestr("word/numbering.xml", NUMBERING)
            z.writestr("word/header1.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                           f'<w:hdr xmlns:w="{W}"><w:p>{_run(self.header)}</w:p></w:hdr>')
        return out.getvalue()

    def _document(self) -> str:
        section = ('<w:sectPr><w:headerReference w:type="default" r:id="rId3"/>'
                   '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" '
                   'w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}">'
                f'<w:body>{"".join(self.body)}{section}</w:body></w:document>')

    def _styles(self) -> str:
        # The language of every run, so that Word checks the spelling with the right dictionary.
        defaults = (f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/>'
                    f'<w:sz w:val="22"/><w:lang w:val="{self.lang_tag}" w:eastAsia="{self.lang_tag}"/></w:rPr>'
                    "</w:rPrDefault></w:docDefaults>")
        styles = "".join(_style(sid, name, props.format(accent=self.accent)) for sid, (name, props) in STYLES.items())
        table = ('<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>'
                 + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                           for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
                 + '</w:tblBorders><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
                 "</w:tblCellMar></w:tblPr></w:style>")
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}">{defaults}'
                f"{styles}{table}</w:styles>")

    def _core(self) -> str:
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        fields = "".join(f"<{tag}>{escape(self.properties.get(key, ''))}</{tag}>" for key, tag in (
            ("title", "dc:title"), ("subject", "dc:subject"), ("author", "dc:creator")))
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties '
                'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                f"{fields}<dc:language>{escape(self.lang_tag)}</dc:language>"
                f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
                f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>')

    @staticmethod
    def _relations(relations: list[tuple[str, str, str]], root: str) -> str:
        body = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in relations)
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{root}">{body}</Relationships>'

    @staticmethod
    def _content_types() -> str:
        parts = (("/word/document.xml", f"{MAIN}.document.main+xml"), ("/word/styles.xml", f"{MAIN}.styles+xml"),
                 ("/word/numbering.xml", f"{MAIN}.numbering+xml"), ("/word/header1.xml", f"{MAIN}.header+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"))
        overrides = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in parts)
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>')


# One bulleted list definition for « List Bullet ».
NUMBERING = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}">'
             '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
             '<w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr>'
             '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
