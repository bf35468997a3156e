"""The lab ↔ vendor loop at scale: a vendor with 200 clients answers 200 requests; a lab lists 50 processors.

Each request is a real request file imported through the workspace; each response is made, signed
(personal identity, RSA 3072) and written as in the application, from the one vendor assessment
with each client's differences applied. Listing is timed on a freshly opened workspace (the
register read, checked and decoded from disk) and again once it is in memory.

python -m benchmarks.relations_bench prints the rows alone.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from benchmarks.measure import median_time, row
from wizard.core.model import Organisation
from wizard.core.parties import Party
from wizard.core.request_file import Request, request_bytes

CLIENTS = 200
PROCESSORS = 50
PASSPHRASE = "phrase de passe du banc d’essai"
TODAY = date.today()


def _vendor(folder: Path) -> tuple[list[float], float, dict[str, float]]:
    """(seconds of each response, seconds of all imports, listing times)."""
    from wizard.operations.workspace import Workspace
    from wizard.signing import IdentitySpec, create_personal_identity

    workspace = Workspace.open(folder)
    framework = workspace.registry.default.framework
    requests = []
    for i in range(CLIENTS):
        request = Request(str(uuid.uuid4()), TODAY.isoformat(), (TODAY + timedelta(days=30)).isoformat(),
                          Party(f"Laboratoire n° {i}", f"{10_000_000_000_000 + i}", f"{i} rue des Lilas", "Zoé Martin",
                                f"contact{i}@labo.example", dpo="Jeanne Dupré"),
                          Party("BioLogiciel SA"), ("lis", "hosting"), ("patient_health", "patient_identity"),
                          framework.id, framework.content_version, "password" if i % 2 else "none")
        path = folder / f"demande-{i}.json"
        path.write_bytes(request_bytes(request))
        requests.append((request, path))
    start = time.perf_counter()
    for _request, path in requests:
        imported = workspace.clients.import_request(path)
    imports = time.perf_counter() - start
    assessment = imported.assessment
    with workspace.open_session(assessment.id) as session:
        for i, question in enumerate(session.questionnaire.questions):
            session.answer(question.id, ("yes", "partial", "no", "yes")[i % 4], note="Constat du banc d’essai")
    create_personal_identity("Paul Vendeur", "BioLogiciel SA", PASSPHRASE, data_dir=folder)
    identity = IdentitySpec("personal", secret=PASSPHRASE, data_dir=folder)
    clients = workspace.clients.clients()
    for client in clients[::10]:  # what differs for some clients
        workspace.clients.set_difference(client.id, "vendor.a32.governance.hds", "partial", note="hébergement à part")
    seconds = []
    for i, (request, _path) in enumerate(requests):
        start = time.perf_counter()
        workspace.clients.respond(assessment.id, request.id, folder / f"reponse-{i}.pdf", identity,
                                  password="convenu au téléphone" if request.protection == "password" else None)
        seconds.append(time.perf_counter() - start)
    counts = workspace.clients.counts()
    assert counts["answered"] == CLIENTS, counts
    workspace.close()

    def cold() -> None:
        fresh = Workspace.open(folder, registry=workspace.registry)
        fresh.clients.clients()
        fresh.clients.requests()
        fresh.clients.counts()
        fresh.close()

    warm_ws = Workspace.open(folder, registry=workspace.registry)

    def warm() -> None:
        warm_ws.clients.clients()
        warm_ws.clients.requests()
        warm_ws.clients.counts()

    listing = {"cold": median_time(cold, runs=11), "warm": median_time(warm, runs=11)}
    warm_ws.close()
    return seconds, imports, listing


def _made_up_siret(stem: int) -> str:
    """13 digits and the key that makes them a SIRET the registers accept (it checks typed ones)."""
    from wizard.core.siret import siret_problem

    return next(s for s in (f"{stem:013d}{d}" for d in range(10)) if not siret_problem(s))


def _lab(folder: Path) -> dict[str, float]:
    from wizard.operations.workspace import Workspace

    workspace = Workspace.open(folder)
    workspace.create("lab", Organisation("Laboratoire des Tilleuls"))
    for i in range(PROCESSORS):
        workspace.processors.add({
            "name": f"Prestataire n° {i}", "siret": _made_up_siret(2_000_000_000_000 + i), "services": ["lis", "hosting"],
            "data": ["patient_health"], "hds": {"number": f"HDS-{i}", "activities": "1 à 6",
                                                "expires": (TODAY + timedelta(days=30 * (i % 12))).isoformat()},
            "contract_reference": f"C-{i}" if i % 3 else "", "last_review": (TODAY - timedelta(days=20 * i)).isoformat(),
            "subprocessors": ["OVHcloud", "Sauvegardes SAS"], "notes": "Revue annuelle. " * 20})
    registry = workspace.registry
    workspace.close()

    def cold() -> None:
        fresh = Workspace.open(folder, registry=registry)
        fresh.processors.states()
        fresh.close()

    warm_ws = Workspace.open(folder, registry=registry)
    listing = {"cold": median_time(cold, runs=11), "warm": median_time(lambda: warm_ws.processors.states(), runs=11)}
    warm_ws.close()
    return listing


def run() -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as vendor, tempfile.TemporaryDirectory() as lab:
        seconds, imports, clients = _vendor(Path(vendor))
        processors = _lab(Path(lab))
    one = statistics.median(seconds)
    return [
        row(f"Vendor: import {CLIENTS} requests (one by one)", imports,
            f"{imports / CLIENTS * 1000:.1f} ms a request: file checked, client added, request recorded"),
        row(f"Vendor: produce one signed response ({CLIENTS} in a row)", one,
            f"median of {CLIENTS}; max {max(seconds) * 1000:.0f} ms; half protected by a password (AES-256); "
            "plan + response page + attachments + PAdES signature, file written", "≤ 1.5 s", one <= 1.5),
        row(f"Vendor: list {CLIENTS} clients and their {CLIENTS} requests", clients["cold"],
            f"freshly opened folder (register read, checked, decoded); {clients['warm'] * 1000:.1f} ms once in memory",
            "≤ 50 ms", clients["cold"] <= 0.05),
        row(f"Lab: list {PROCESSORS} processors with what needs attention", processors["cold"],
            f"freshly opened folder; {processors['warm'] * 1000:.1f} ms once in memory", "≤ 50 ms",
            processors["cold"] <= 0.05),
    ]


if __name__ == "__main__":
    for r in run():
        print(r)
