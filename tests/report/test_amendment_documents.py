"""« Points à compléter au contrat »: exactly the elements a review found missing or partial, with
their references, in the PDF (read back with pdftotext) and in the .docx (read back with
python-docx); nothing missing said as such; unknown elements listed apart, never as present."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest

from tests.signing.helpers import P12_PASSWORD, flat, pdfsig_verdicts, pdftext, run
from wizard.core.amendment import from_answers, from_review
from wizard.core.contract_answers import statuses_from_answers
from wizard.core.contract_review import ContractReview, ElementReview
from wizard.core.model import Answer
from wizard.core.numbering import question_numbers
from wizard.core.questionnaire import load_questionnaire
from wizard.exports.docx import build_amendment_docx
from wizard.report.amendment import build_amendment_pdf

ABSENT = ("28-3-a", "28-3-g", "28-2")
PARTIAL = {"28-3-b": ("art. 7", "3"), "28-3-f": ("annexe 2", "")}


@pytest.fixture(scope="module")
def content():
    return load_questionnaire().contract_elements


def review_of(content, statuses: dict[str, str], hosting: bool = False) -> ContractReview:
    elements = {e.id: ElementReview("present", "art. 1") for e in content.for_contract(hosting)}
    for element_id, status in statuses.items():
        article, page = PARTIAL.get(element_id, ("", ""))
        elements[element_id] = ElementReview(status, article, page, "Ne vise que les salariés"
                                             if element_id == "28-3-b" else "")
    return ContractReview("5a1e0c9d3b7f", "Contrat de maintenance CT-2023-04", "2026-12-04", "Zoé Martin", hosting,
                          elements)


def five_missing(content, lang: str = "fr"):
    statuses = {**{e: "absent" for e in ABSENT}, **{e: "partial" for e in PARTIAL}}
    return from_review(content, review_of(content, statuses), controller="Laboratoire des Tilleuls",
                       processor="BioLogiciel SA", lang=lang, today=date(2026, 12, 4))


def numbered_sections(text: str) -> list[str]:
    """The numbered sections of the PDF text: « 1. Title » at the start of a line."""
    return re.findall(r"^(\d+)\. (.+)$", text, re.M)


def docx_paragraphs(data: bytes):
    import docx

    return docx.Document(BytesIO(data)).paragraphs


def test_three_absent_and_two_partial_make_exactly_five_sections_in_the_pdf(content, tmp_path):
    document = five_missing(content)
    path = tmp_path / "points.pdf"
    path.write_bytes(build_amendment_pdf(document))
    text = pdftext(path)
    expected = sorted((content.element(e) for e in (*ABSENT, *PARTIAL)), key=lambda e: content.ids.index(e.id))
    sections = numbered_sections(text)
    assert [int(n) for n, _t in sections] == [1, 2, 3, 4, 5]
    assert all(e.title.fr.startswith(t.strip()) for (_n, t), e in zip(sections, expected, strict=True))
    flat_text = flat(text)
    for n, e in enumerate(expected, start=1):  # each section: its title, reference, draft clause
        assert f"{n}. {e.title.fr}" in flat_text, e.id
        assert flat(e.reference.fr) in flat_text, e.id
        assert flat(e.draft.fr)[:80] in flat_text, e.id
    assert "RGPD, art. 28, § 3, a)" in flat_text and "RGPD, art. 28, § 2" in flat_text
    assert "Absent du contrat" in flat_text and "Présent en partie" in flat_text
    assert "dans le contrat : art. 7, p. 3" in flat_text and "Ne vise que les salariés" in flat_text
    assert "Document de travail destiné aux conseils des parties" in flat_text
    assert "ne constitue pas un avis juridique" in flat_text
    assert "Aucun point ne manque" not in flat_text


def test_three_absent_and_two_partial_make_exactly_five_sections_in_the_docx(content):
    document = five_missing(content)
    paragraphs = docx_paragraphs(build_amendment_docx(document))
    sections = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    expected = sorted((content.element(e) for e in (*ABSENT, *PARTIAL)), key=lambda e: content.ids.index(e.id))
    assert sections == [f"{n}. {e.title.fr}" for n, e in enumerate(expected, start=1)]
    text = flat("\n".join(p.text for p in paragraphs))
    for e in expected:
        assert flat(e.reference.fr) in text, e.id
        assert flat(e.requires.fr) in text and flat(e.draft.fr) in text, e.id
    assert "Document de travail destiné aux conseils des parties" in text
    drafts = [p for p in paragraphs if p.style.name == "Intense Quote"]
    assert len(drafts) == 1 + 5  # the notice, then one draft clause per section, each editable text


def test_a_complete_review_says_nothing_is_missing(content, tmp_path):
    document = from_review(content, review_of(content, {}), controller="Laboratoire des Tilleuls",
                           processor="BioLogiciel SA", lang="fr")
    assert document.complete and not document.to_verify
    path = tmp_path / "complet.pdf"
    path.write_bytes(build_amendment_pdf(document))
    text = pdftext(path)
    assert "Aucun point ne manque" in flat(text) and numbered_sections(text) == []
    docx_text = flat("\n".join(p.text for p in docx_paragraphs(build_amendment_docx(document))))
    assert "Aucun point ne manque" in docx_text


def test_unknown_elements_are_listed_to_verify_never_as_present(content, tmp_path):
    review = review_of(content, {"28-3-h": "unknown"})
    del review.elements["28-9"]  # never read: unknown too
    document = from_review(content, review, controller="Labo", processor="BioLogiciel SA", lang="fr")
    assert document.complete  # nothing to add for sure…
    assert [i.element.id for i in document.to_verify] == ["28-3-h", "28-9"]  # …but these are not known
    assert {"28-3-h", "28-9"}.isdisjoint(i.element.id for i in document.present)
    path = tmp_path / "a-verifier.pdf"
    path.write_bytes(build_amendment_pdf(document))
    text = flat(pdftext(path))
    assert "Aucun point ne manque" in text and "Points à vérifier" in text
    assert "Informations et audits" in text.split("Points à vérifier")[1].split("Points présents")[0]


def test_the_english_document(content, tmp_path):
    document = five_missing(content, "en")
    path = tmp_path / "points-en.pdf"
    path.write_bytes(build_amendment_pdf(document))
    text = flat(pdftext(path))
    assert "Points to complete in the contract" in text and "GDPR, Art. 28(3)(a)" in text
    assert "not legal advice" in text and "Draft clause to adapt" in text
    assert not re.search(r"Ce que la loi|Projet de clause|Absent du contrat", text)
    docx_text = flat("\n".join(p.text for p in docx_paragraphs(build_amendment_docx(document))))
    assert "What the law requires" in docx_text and "GDPR, Art. 28(2)" in docx_text
    # English takes no space before a colon: « Source : » was French spacing in an English document.
    assert "Source:" in docx_text and "Scope:" in docx_text
    assert not re.findall(r"\w :", docx_text) and not re.findall(r"\w :", text)


def test_hosting_clauses_only_for_a_contract_that_hosts_health_data(content):
    hosted = from_review(content, review_of(content, {"hds-3": "absent"}, hosting=True), controller="Labo",
                         processor="Hébergeur", lang="fr")
    assert [i.element.id for i in hosted.to_complete] == ["hds-3"]
    assert hosted.to_complete[0].element.reference.fr == "CSP, art. R. 1111-11, I, 3°"
    plain = from_review(content, review_of(content, {}), controller="Labo", processor="Éditeur", lang="fr")
    assert not any(i.element.group == "hosting" for i in (*plain.present, *plain.to_verify, *plain.to_complete))


def test_without_a_review_the_answers_decide_and_unknown_is_never_present(content):
    questionnaire = load_questionnaire()
    view = questionnaire.for_profile("lab")
    answers = {"lab.a28.contract.signed": Answer("yes"), "lab.a28.contract.instructions": Answer("no"),
               "lab.a28.contract.confidentiality": Answer("partial"), "lab.a28.clauses.audits": Answer("unknown"),
               "lab.a28.contract.security": Answer("yes"), "lab.a28.choice.hds_contract": Answer("na")}
    statuses, hosting = statuses_from_answers(content, answers, [q.id for q in view.questions])
    assert hosting is False  # « Non applicable » to the hosting contract: its clauses are left out
    assert statuses["28-3-a"].status == "absent" and statuses["28-3-b"].status == "partial"
    assert statuses["28-3-c"].status == "present"  # « Oui » to both of its questions
    assert statuses["28-3-h"].status == "unknown"  # « Je ne sais pas »
    assert statuses["28-3-e"].status == "unknown"  # « Oui » to the general question, its own unanswered
    numbers = question_numbers(view)
    document = from_answers(content, statuses, hosting, answers, numbers, controller="Labo", processor="Éditeur",
                            author="Labo", assessment_day=date(2026, 11, 28), lang="fr")
    assert [i.element.id for i in document.to_complete] == ["28-3-a", "28-3-b"]
    assert "28-3-e" in [i.element.id for i in document.to_verify]
    assert "non d’une relecture du contrat" in document.source
    assert document.verify_intro.startswith("Les réponses ne permettent pas de dire")
    assert f"question {numbers['lab.a28.contract.instructions']} : Non" in flat(document.to_complete[0].basis)


def test_the_signed_document_passes_pdfsig_and_qpdf(content, consultant_p12, tmp_path):
    from wizard.signing import IdentitySpec, SignatureRequest, sign_pdf

    path = tmp_path / "signe.pdf"
    sign_pdf(build_amendment_pdf(five_missing(content)), IdentitySpec("p12", path=consultant_p12.path,
                                                                       secret=P12_PASSWORD),
             SignatureRequest(signer_name="Étienne Léger", signer_role="DPO"), out_path=path)
    assert pdfsig_verdicts(path) == ["Signature is Valid."]
    assert run("qpdf", "--check", str(path)).returncode == 0


def test_the_docx_is_a_well_formed_word_package_in_its_language(content):
    # Written without python-docx: every part is well-formed XML, the package says what each part
    # is, and a reader finds the language (Word's spelling dictionary), the header and the title.
    import zipfile
    from xml.etree import ElementTree

    import docx

    data = build_amendment_docx(five_missing(content))
    with zipfile.ZipFile(BytesIO(data)) as package:
        for name in package.namelist():
            ElementTree.fromstring(package.read(name))  # raises on a malformed part
        assert "word/document.xml" in package.read("[Content_Types].xml").decode()
        assert 'w:lang w:val="fr-FR"' in package.read("word/styles.xml").decode()
    document = docx.Document(BytesIO(data))
    assert "Document de travail" in document.sections[0].header.paragraphs[0].text
    assert document.core_properties.title.startswith("Points à compléter au contrat")
    assert document.core_properties.language == "fr-FR"
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets and all(p.text.strip() for p in bullets)
