"""The request file and a response's description: what they carry, and every way they are refused."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest

from wizard.core.parties import Party
from wizard.core.questionnaire import load_questionnaire
from wizard.core.request_file import Request, RequestFileError, canonical, read_request, request_bytes
from wizard.core.response_file import ResponseFileError, ResponseInfo, read_response_info, response_bytes

RID = "8002ea83-ff59-4b80-9078-f224b52f258b"


@pytest.fixture(scope="module")
def content():
    return load_questionnaire()


def request(content, **changes: object) -> Request:
    base = Request(RID, "2026-12-04", "2027-01-03", Party("Laboratoire des Tilleuls", "12345678900011", contact="Zoé"),
                   Party("BioLogiciel SA"), ("lis", "hosting"), ("patient_health",), content.framework.id,
                   content.framework.content_version, "password", "Merci !")
    return replace(base, **changes)


def resealed(doc: dict) -> bytes:
    """The file with its checksum made again: what a careful forger would do."""
    doc["sha256"] = hashlib.sha256(canonical(doc["request"])).hexdigest()
    return json.dumps(doc).encode()


def test_a_request_reads_back_as_it_was_made(content):
    made = request(content)
    assert read_request(request_bytes(made), content) == made


def test_an_altered_request_is_refused(content):
    doc = json.loads(request_bytes(request(content)))
    doc["request"]["due"] = "2027-06-30"
    with pytest.raises(RequestFileError, match="somme de contrôle.*modifiée"):
        read_request(json.dumps(doc).encode(), content)


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(format="vigie-exchange"), "ce n’est pas une demande Vigie"),
    (lambda d: d.update(version=2), "format 2.*lit jusqu’au format 1"),
    (lambda d: d["request"]["content"].update(version="2099.01"), "version 2099.01 du contenu, plus récente"),
    (lambda d: d["request"]["content"].update(framework="iso-27001"), r"référentiel «\W*iso-27001"),
    (lambda d: d["request"].update(services=["teleportation"]), r"request\.services\[0\]"),
    (lambda d: d["request"].update(due="2026-01-01"), "précède la date de la demande"),
    (lambda d: d["request"].update(id="../../etc/passwd"), r"request\.id\W+identifiant de demande"),
    (lambda d: d["request"]["lab"].update(name=""), r"request\.lab\.name\W+texte obligatoire"),
    (lambda d: d["request"].update(extra=1), "clé inconnue extra"),
])
def test_a_wrong_foreign_or_newer_request_is_refused_naming_what_is_wrong(content, change, message):
    doc = json.loads(request_bytes(request(content)))
    change(doc)
    with pytest.raises(RequestFileError, match=message):
        read_request(resealed(doc), content)


def test_a_file_that_is_not_json_is_refused(content):
    with pytest.raises(RequestFileError, match="JSON invalide"):
        read_request(b"%PDF-1.7 not a request", content)


def test_an_older_known_content_version_is_accepted(content):
    older = next(v for v in content.versions if v != content.framework.content_version)
    assert read_request(request_bytes(request(content, content_version=older)), content).content_version == older


def info(content, **changes: object) -> ResponseInfo:
    base = ResponseInfo(RID, Party("Laboratoire des Tilleuls", "12345678900011"), "2026-12-04", "2027-01-03",
                        Party("BioLogiciel SA", dpo="Jeanne"), "5f1c2a9e-7b3d-4e8a-9c61-2d4b8e0f7a13", "b" * 64,
                        "2026-12-01", ("lis",), ("patient_health",), ("vendor.a32.governance.hds",), content.framework.id,
                        content.framework.content_version, "2026-12-05")
    return replace(base, **changes)


def test_a_response_description_reads_back(content):
    made = info(content)
    assert read_response_info(response_bytes(made), content) == made


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(format="vigie-request"), "ce n’est pas une réponse Vigie"),
    (lambda d: d.update(version=9), "format 9"),
    (lambda d: d["content"].update(version="2099.01"), "plus récente"),
    (lambda d: d["assessment"].update(sha256="abc"), r"assessment\.sha256\W+empreinte SHA-256"),
    (lambda d: d["request"].update(id="x"), r"request\.id"),
])
def test_a_wrong_response_description_is_refused(content, change, message):
    doc = json.loads(response_bytes(info(content)))
    change(doc)
    with pytest.raises(ResponseFileError, match=message):
        read_response_info(json.dumps(doc).encode(), content)
