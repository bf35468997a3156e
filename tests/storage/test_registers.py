"""The registers of the relation and their correspondence: kept like the assessments are.

Each on-disk format version opens from its fixture; a damaged file comes back from its backup;
a passphrase change re-encrypts them with the rest of the folder; an altered file never reads.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from wizard.core.parties import Party
from wizard.core.processors import Processor
from wizard.storage import StorageError, Store
from wizard.storage.registers import RelationFiles

STORAGE = FIXTURES / "storage"
RID = "3c0d7b52-2f64-4c1e-9a57-0d1e6f4b8a21"


@pytest.fixture
def store(data_dir):
    s = Store(data_dir)
    yield s
    s.close()


def put(fixture: str, data_dir: Path, folder: str, name: str) -> None:
    (data_dir / folder).mkdir(exist_ok=True)
    shutil.copy(STORAGE / fixture, data_dir / folder / name)


def test_processors_register_format_1_opens(store, data_dir):
    put("processors-v1.vigie.json", data_dir, "processors", "processors.vigie.json")
    register = RelationFiles(store.data).processors.load()
    assert register.lab.name == "Laboratoire Béranger" and register.lab.address == "1 rue des Lilas\n74000 Annecy"
    (p,) = register.processors
    assert (p.name, p.hds.number, p.services, p.pinned) == ("BioLogiciel SA", "HDS-2024-117", ("lis", "hosting"), "7" * 64)
    (got,) = p.assessments
    assert (got.overall, got.axes, got.critical_gaps[0].question) == (64, {"28": 70, "32": 45},
                                                                     "vendor.a32.migration.encryption")
    assert got.p1_actions[0].title.en == "Encrypt extracts" and p.requests[0].protection == "password"


def test_clients_register_format_1_opens(store, data_dir):
    put("clients-v1.vigie.json", data_dir, "clients", "clients.vigie.json")
    register = RelationFiles(store.data).clients.load()
    assert register.vendor.name == "BioLogiciel SA" and register.security.startswith("Chiffrement")
    (c,) = register.clients
    assert c.lab.dpo == "Jeanne Dupré" and c.differences["vendor.a32.governance.hds"].value == "partial"
    assert c.requests[0].answered == "2026-12-01" and register.request(RID) is not None


def test_correspondence_format_1_opens(store, data_dir):
    put("correspondence-v1.vigie.json", data_dir, "correspondence", f"received-{RID}.vigie.json")
    kept = RelationFiles(store.data).correspondence.get("received", RID)
    assert kept["request"]["lab"]["name"] == "Laboratoire Béranger" and kept["response"]["protected"] is True
    assert RelationFiles(store.data).correspondence.ids("received") == [RID]


def test_every_change_is_backed_up_and_a_damaged_register_comes_back(store, data_dir):
    files = RelationFiles(store.data).processors
    files.update(lambda r: replace(r, processors=(Processor("aaaaaaaaaaaa", "Premier"),)))
    files.update(lambda r: replace(r, processors=(*r.processors, Processor("bbbbbbbbbbbb", "Second"))))
    path = data_dir / "processors" / "processors.vigie.json"
    path.write_bytes(path.read_bytes().replace(b"Second", b"Autre!"))  # the checksum no longer matches
    fresh = RelationFiles(store.data).processors.load()
    assert [p.name for p in fresh.processors] == ["Premier", "Second"]  # the newest good backup
    assert any("registre des prestataires" in n for n in store.notices)
    assert list((data_dir / "quarantine").iterdir())


def test_content_the_register_cannot_hold_is_damage_not_data(store, data_dir):
    """A file sealed correctly but holding a wrong entry (a hand-made file) is never read as data."""
    files = RelationFiles(store.data)
    files.processors.update(lambda r: replace(r, lab=Party("Labo")))
    bad = {"lab": {"name": "Labo"}, "processors": [{"id": "../../x", "name": "Évasion"}]}
    raw = store.data.seal("vigie-processors", 1, "processors", bad)
    (data_dir / "processors" / "processors.vigie.json").write_bytes(raw)
    assert RelationFiles(store.data).processors.load().processors == ()


def test_a_newer_format_is_refused_and_left_alone(store, data_dir):
    files = RelationFiles(store.data).clients
    files.update(lambda r: replace(r, security="MFA"))
    path = data_dir / "clients" / "clients.vigie.json"
    doc = json.loads(path.read_bytes())
    doc["version"] = 2
    path.write_text(json.dumps(doc))
    before = path.read_bytes()
    with pytest.raises(StorageError, match="format 2"):
        RelationFiles(store.data).clients.load()
    assert path.read_bytes() == before


def test_a_passphrase_change_reencrypts_the_registers_with_the_assessments(data_dir):
    store = Store(data_dir)
    files = RelationFiles(store.data)
    files.processors.update(lambda r: replace(r, lab=Party("Laboratoire des Tilleuls")))
    files.clients.update(lambda r: replace(r, security="Chiffrement"))
    files.correspondence.put("sent", RID, {"request": {"id": RID}, "party": "aaaaaaaaaaaa", "response": None})
    store.change_passphrase("phrase de passe du registre", cost=2**10)
    store.close()
    for folder in ("processors", "clients", "correspondence"):
        for path in (data_dir / folder).glob("*.vigie.json"):
            assert b"Tilleuls" not in path.read_bytes() and b"Chiffrement" not in path.read_bytes()
            assert json.loads(path.read_bytes())["cipher"]
    reopened = Store(data_dir, passphrase="phrase de passe du registre")
    again = RelationFiles(reopened.data)
    assert again.processors.load().lab.name == "Laboratoire des Tilleuls"
    assert again.clients.load().security == "Chiffrement"
    assert again.correspondence.get("sent", RID)["party"] == "aaaaaaaaaaaa"
    reopened.close()


def test_a_request_id_never_names_another_file(store):
    with pytest.raises(StorageError):
        RelationFiles(store.data).correspondence.get("sent", "../assessments/x")
