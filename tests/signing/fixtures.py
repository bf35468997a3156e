"""Fixtures shared by the report, signing and CLI document tests (imported by their conftest)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.signing.helpers import PASSPHRASE, install_identity, make_ca, make_leaf, write_p12, write_pem


@dataclass(frozen=True)
class P12:
    path: Path
    certificate: Path  # the signer's certificate (PEM)
    ca_certificate: Path  # the issuing test authority (PEM)
    name: str


@pytest.fixture(scope="session")
def identity_source(tmp_path_factory) -> Path:
    """A data folder holding a personal identity for Zoé Martin, made once per test session."""
    from wizard.signing import create_personal_identity

    folder = tmp_path_factory.mktemp("identity")
    create_personal_identity("Zoé Martin", "Laboratoire des Tilleuls", PASSPHRASE, data_dir=folder)
    return folder


@pytest.fixture
def personal(identity_source, data_dir):
    """The personal identity installed in this test's data folder, with its passphrase."""
    from wizard.signing import IdentitySpec

    install_identity(identity_source, data_dir)
    return IdentitySpec("personal", secret=PASSPHRASE, data_dir=data_dir)


@pytest.fixture(scope="session")
def consultant_p12(tmp_path_factory) -> P12:
    """A .p12 for a consultant, issued by a test authority (not a self-signed certificate)."""
    folder = tmp_path_factory.mktemp("p12")
    ca = make_ca()
    key, cert = make_leaf(ca, "Étienne Léger")
    return P12(write_p12(folder / "etienne.p12", key, cert, [ca[1]]), write_pem(folder / "etienne.pem", cert),
               write_pem(folder / "ca.pem", ca[1]), "Étienne Léger")


def answer_no_everywhere(profile: str, folder: Path | None = None):
    """(assessment, profile view): 'no' to every visible question of the questionnaire.

    Skip logic can hide questions once others are answered, so answering repeats until the
    visible set is stable.
    """
    from wizard.core.flow import visible_questions
    from wizard.core.model import Answer, Assessment, Organisation, Participant
    from wizard.core.questionnaire import load_questionnaire

    view = load_questionnaire(folder or ROOT / "questionnaires").for_profile(profile)
    answers: dict[str, Answer] = {}
    for _ in range(10):
        shown = visible_questions(view, answers)
        new = {q.id: Answer("no", note="Pas de procédure écrite ; « à vérifier » !") for q in shown}
        if new.keys() == answers.keys():
            break
        answers = new
    assessment = Assessment(
        profile=profile, organisation=Organisation("Laboratoire des Tilleuls d'Annecy"), date=date(2026, 11, 28),
        assessor="Zoé Martin", participants=[Participant("Jérôme Dupré", "biologiste responsable")],
        answers=answers, id="5f1c2a9e-7b3d-4e8a-9c61-2d4b8e0f7a13")  # ids are UUIDs
    return assessment, view


@pytest.fixture(scope="session")
def signed_plan(tmp_path_factory, identity_source):
    """The lab's report built from the real questionnaire, answered 'no' everywhere, signed and
    certified by the personal identity: (path, assessment, view)."""
    from wizard.operations.plans import export_signed_plan
    from wizard.signing import IdentitySpec

    assessment, view = answer_no_everywhere("lab")
    out = tmp_path_factory.mktemp("plan") / "plan.pdf"
    identity = IdentitySpec("personal", secret=PASSPHRASE, data_dir=identity_source)
    export_signed_plan(assessment, view, out, identity, signer_name="Zoé Martin",
                       signer_role="Évaluatrice, consultante RGPD", certify=True)
    return out, assessment, view
