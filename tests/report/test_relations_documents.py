"""The documents of the loop: the annex of the lab's plan, the covering letter, the clients register."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.signing.helpers import flat, pdffonts_rows, pdftext
from wizard.core.client_rules import request_lines
from wizard.core.clients import Client, ClientsRegister, ReceivedRequest
from wizard.core.evaluation import evaluate
from wizard.core.model import Assessment, Organisation
from wizard.core.parties import Party
from wizard.core.processor_attention import linked_evaluation, register_states
from wizard.core.processors import HdsCertificate, Processor, ProcessorsRegister
from wizard.core.questionnaire import load_questionnaire
from wizard.core.request_file import Request
from wizard.report import build_report
from wizard.report.clients_register import build_clients_register
from wizard.report.clients_sheet import build_clients_sheet
from wizard.report.covering_letter import build_letter

RID = "8002ea83-ff59-4b80-9078-f224b52f258b"


@pytest.fixture(scope="module")
def content():
    return load_questionnaire()


def lab_assessment() -> Assessment:
    return Assessment(profile="lab", organisation=Organisation("Laboratoire des Tilleuls"), date=date(2026, 12, 4),
                      assessor="Zoé Martin")


def test_the_annex_lists_each_processor_with_what_needs_attention(content, tmp_path):
    view = content.for_profile("lab")
    register = ProcessorsRegister(Party("Labo"), (
        Processor("aaaaaaaaaaaa", "Hébergeur Santé", services=("hosting",),
                  hds=HdsCertificate("HDS-9", "1 à 6", "2026-01-31")),
        Processor("bbbbbbbbbbbb", "Automates & Cie", services=("analysers",), contract_reference="C-1",
                  last_review="2026-10-01", next_review="2027-10-01")))
    a = lab_assessment()
    evaluation = linked_evaluation(evaluate(view, a), register_states(register, content.relations, date(2026, 12, 4)))
    data, _info = build_report(a, view, evaluation=evaluation)
    (tmp_path / "plan.pdf").write_bytes(data)
    text = flat(pdftext(tmp_path / "plan.pdf"))
    assert "Annexe — Vos prestataires" in text and "Hébergeur Santé" in text and "Automates & Cie" in text
    assert "certificat HDS expiré le 31/01/2026" in text
    assert "Faire le point avec le prestataire « Hébergeur Santé »" in text  # its action, in the plan
    assert all("yes" in row.split()[-5:] for row in pdffonts_rows(tmp_path / "plan.pdf"))  # fonts embedded


def test_a_plan_not_linked_to_a_register_has_no_annex(content, tmp_path):
    view = content.for_profile("lab")
    data, _info = build_report(lab_assessment(), view)
    (tmp_path / "plan.pdf").write_bytes(data)
    assert "Annexe — Vos prestataires" not in flat(pdftext(tmp_path / "plan.pdf"))


def test_the_covering_letter_says_what_is_asked_and_what_to_do(content, tmp_path):
    request = Request(RID, "2026-12-04", "2027-01-03", Party("Laboratoire des Tilleuls", contact="Zoé Martin",
                                                            dpo="Jeanne Dupré"),
                      Party("BioLogiciel SA", contact="Paul"), ("lis", "hosting"), ("patient_health",),
                      content.framework.id, content.framework.content_version, "password", "Merci !")
    (tmp_path / "lettre.pdf").write_bytes(build_letter(request, content.relations, file_name="demande.json",
                                                       file_sha256="c" * 64))
    text = flat(pdftext(tmp_path / "lettre.pdf"))
    for expected in ("À l’attention de Paul, BioLogiciel SA", RID, "Système de gestion du laboratoire (SGL)",
                     "« demande.json »", "3 janvier 2027", "mot de passe", "Jeanne Dupré", "c" * 64):
        assert expected in text, expected
    english = build_letter(request, content.relations, file_name="demande.json", file_sha256="c" * 64, lang="en")
    (tmp_path / "letter.pdf").write_bytes(english)
    assert "Dear Sir or Madam" in flat(pdftext(tmp_path / "letter.pdf"))


def clients_register() -> ClientsRegister:
    request = ReceivedRequest(RID, "2026-12-04", "2026-12-01", "2026-12-31")
    return ClientsRegister(
        Party("BioLogiciel SA", contact="Paul", dpo="Claire Roux"), security="MFA, chiffrement", transfers="",
        clients=(Client("aaaaaaaaaaaa", Party("=HYPERLINK(\"http://x.example\";\"clic\")", contact="@cmd", dpo="Jeanne"),
                        ("lis",), ("patient_health",), since="2026-12-04", requests=(request,)),
                 Client("bbbbbbbbbbbb", Party("Laboratoire du Lac\u0007", siret="999"), ("hosting",))))


def test_the_clients_register_pdf_holds_the_art_30_2_entries_and_a_signature_field(content, tmp_path):
    register = clients_register()
    data = build_clients_register(register, register.clients, content.relations)
    (tmp_path / "registre.pdf").write_bytes(data)
    text = flat(pdftext(tmp_path / "registre.pdf"))
    for expected in ("article 30.2", "BioLogiciel SA", "Claire Roux", "MFA, chiffrement", "Laboratoire du Lac",
                     "Système de gestion du laboratoire (SGL)", "Hébergement des données"):
        assert expected in text, expected
    assert b"/FT /Sig" in data or b"/FT/Sig" in data


def test_the_spreadsheet_writes_what_users_typed_as_text_never_as_a_formula(content, tmp_path):
    from openpyxl import load_workbook

    register = clients_register()
    data = build_clients_sheet(register, register.clients, request_lines(register, date(2026, 12, 4)),
                               content.relations)
    (tmp_path / "registre.xlsx").write_bytes(data)
    book = load_workbook(tmp_path / "registre.xlsx")
    sheet = book.worksheets[0]
    names = {row[0].value: row[0] for row in sheet.iter_rows(min_row=10)}
    cell = names['=HYPERLINK("http://x.example";"clic")']
    assert cell.data_type == "s"  # a name, not a formula
    assert sheet.cell(row=10, column=4).data_type == "s"
    assert "Laboratoire du Lac" in names  # the control character dropped, the row kept
    requests = book.worksheets[1]
    assert [c.value for c in requests[2]][4] == "En attente"


def test_nothing_in_the_register_changes_when_laid_out(content):
    register = clients_register()
    before = replace(register)
    build_clients_register(register, register.clients, content.relations)
    assert register == before
