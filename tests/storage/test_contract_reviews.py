"""Contract reviews: one more kind of document on the data folder, kept like the registers.

Format 1 opens from its fixture; every change is backed up and a damaged file comes back from its
backup; a passphrase change re-encrypts the reviews with the rest of the folder; a file holding
what a review cannot hold, or of a newer format, is never read as data; no id names another file.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import pytest

from tests.conftest import FIXTURES
from wizard.core.contract_review import ContractReview, ElementReview
from wizard.storage import StorageError, Store
from wizard.storage.contract_reviews import ContractReviews

PID = "5a1e0c9d3b7f"


@pytest.fixture
def store(data_dir):
    s = Store(data_dir)
    yield s
    s.close()


def test_format_1_opens(store, data_dir):
    (data_dir / "contracts").mkdir()
    shutil.copy(FIXTURES / "storage" / "contract-review-v1.vigie.json",
                data_dir / "contracts" / f"processor-{PID}.vigie.json")
    reviews = ContractReviews(store.data)
    review = reviews.get(PID)
    assert (review.processor, review.reviewer, review.hosting) == (PID, "Zoé Martin", True)
    assert review.of("28-3-b") == ElementReview("partial", "art. 7", "3", "Ne vise que les salariés")
    assert review.status("28-3-a") == "absent" and review.status("28-9") == "unknown"
    assert review.status("28-3-h") == "unknown"  # never mentioned: unknown, never present
    assert reviews.processors() == [PID] and not reviews.has_template()


def test_every_change_is_backed_up_and_a_damaged_review_comes_back(store, data_dir):
    reviews = ContractReviews(store.data)
    reviews.update("", lambda r: r.with_element("28-3-a", status="present", article="art. 3"))
    reviews.update("", lambda r: r.with_element("28-3-b", status="absent"))
    path = data_dir / "contracts" / "template.vigie.json"
    path.write_bytes(path.read_bytes().replace(b"absent", b"prsent"))  # the checksum no longer matches
    fresh = ContractReviews(store.data).get("")
    assert fresh.status("28-3-a") == "present" and fresh.status("28-3-b") == "absent"  # the newest good backup
    assert any("revue d’un contrat" in n for n in store.notices)
    assert list((data_dir / "quarantine").iterdir())


def test_content_a_review_cannot_hold_is_damage_not_data(store, data_dir):
    reviews = ContractReviews(store.data)
    reviews.update(PID, lambda r: r.with_element("28-3-a", status="partial"))
    bad = {"processor": PID, "elements": {"28-3-a": {"status": "peut-être"}}}
    (data_dir / "contracts" / f"processor-{PID}.vigie.json").write_bytes(
        store.data.seal("vigie-contract-review", 1, f"processor-{PID}", bad))
    assert ContractReviews(store.data).get(PID).status("28-3-a") == "partial"  # the backup, not the bad value


def test_a_newer_format_is_refused_and_left_alone(store, data_dir):
    ContractReviews(store.data).update("", lambda r: replace(r, reviewer="Marc Leroy"))
    path = data_dir / "contracts" / "template.vigie.json"
    doc = json.loads(path.read_bytes())
    doc["version"] = 2
    path.write_text(json.dumps(doc))
    before = path.read_bytes()
    with pytest.raises(StorageError, match="format 2"):
        ContractReviews(store.data).get("")
    assert path.read_bytes() == before


def test_a_passphrase_change_reencrypts_the_reviews(data_dir):
    store = Store(data_dir)
    reviews = ContractReviews(store.data)
    reviews.update(PID, lambda r: replace(r, document="Contrat Tilleuls-Bio").with_element("28-3-c", status="present"))
    store.change_passphrase("phrase de passe des revues", cost=2**10)
    store.close()
    raw = (data_dir / "contracts" / f"processor-{PID}.vigie.json").read_bytes()
    assert b"Tilleuls-Bio" not in raw and json.loads(raw)["cipher"]
    reopened = Store(data_dir, passphrase="phrase de passe des revues")
    again = ContractReviews(reopened.data).get(PID)
    assert again.document == "Contrat Tilleuls-Bio" and again.status("28-3-c") == "present"
    reopened.close()


def test_an_id_never_names_another_file_and_a_review_stays_its_processor_s(store):
    reviews = ContractReviews(store.data)
    for wrong in ("../assessments/x", "PROCESSOR", "5a1e0c9d3b7"):
        with pytest.raises(StorageError):
            reviews.get(wrong)
    with pytest.raises(StorageError):
        reviews.update(PID, lambda r: ContractReview(processor="bbbbbbbbbbbb"))
    assert reviews.get(PID) is None  # nothing written
    assert reviews.remove(PID) is False
