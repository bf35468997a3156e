"""Shared helpers of the storage tests: a store in a fresh folder, fixtures, folder snapshots."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from wizard.core.model import Organisation, Participant
from wizard.storage import Store

STORAGE_FIXTURES = FIXTURES / "storage"
FIXTURE_ID = "da947cb8-746a-4604-b140-5db4b1455392"
FIXTURE_PASSPHRASE = "phrase de passe du jeu d’essai"
FAST_COST = 2**10  # scrypt cost for tests; the application uses crypto.DEFAULT_COST


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder and its bytes: to prove that nothing was modified."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def install(fixture: str, store: Store, assessment_id: str = FIXTURE_ID) -> Path:
    target = store.path_of(assessment_id)
    shutil.copy(STORAGE_FIXTURES / fixture, target)
    return target


@pytest.fixture
def store(tmp_path) -> Store:
    s = Store(tmp_path / "store")
    yield s
    s.close()


@pytest.fixture
def lab(store):
    """A new lab assessment with two participants."""
    return store.create("lab", Organisation("Laboratoire des Tilleuls", "12345678900012"),
                        assessor="Claire Martin",
                        participants=[Participant("Jean Dupont", "DSI"), Participant("Zoé Leroy", "Qualité")])


@pytest.fixture(autouse=True)
def _mini_questionnaire(mini_questionnaire_dir):
    """Storage tests answer the small stable questionnaire's questions."""
    yield
