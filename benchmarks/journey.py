"""A full headless journey: create, answer every visible question, plan, report, sign, verify.

Used by the memory benchmark (run as a child process, then ru_maxrss is read) and by the
offline test (run with every socket creation made to fail).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ANSWER_CYCLE = ("no", "partial", "unknown", "yes", "no")


def run_journey(data_dir: Path, out_pdf: Path, profile: str = "lab") -> dict[str, object]:
    from wizard.core.model import Organisation
    from wizard.operations.plans import export_signed_plan
    from wizard.operations.session import Session
    from wizard.signing import IdentitySpec, create_personal_identity, integrity_ok, verify_pdf
    from wizard.storage import Store

    store = Store(data_dir)
    created = store.create(profile, Organisation("Laboratoire des Tilleuls"), assessor="Zoé Martin")
    session = Session(store, created.id)
    answered = 0
    # Answer until every visible question has an answer (gates may reveal or hide others).
    while True:
        hidden = session.hidden()
        todo = [q for q in session.questionnaire.questions
                if q.id not in hidden and q.id not in session.assessment.answers]
        if not todo:
            break
        for q in todo:
            session.answer(q.id, ANSWER_CYCLE[answered % len(ANSWER_CYCLE)], note="Vérifié en atelier")
            answered += 1
    plan = session.plan()
    passphrase = "phrase secrète de test"
    create_personal_identity("Zoé Martin", "Laboratoire des Tilleuls", passphrase, data_dir=data_dir)
    identity = IdentitySpec(kind="personal", secret=passphrase, data_dir=data_dir)
    export_signed_plan(session, None, out_pdf, identity, signer_name="Zoé Martin", signer_role="Biologiste")
    checks = verify_pdf(out_pdf, data_dir=data_dir)
    return {"answered": answered, "actions": len(plan), "signatures": len(checks), "ok": integrity_ok(checks)}


def peak_memory_mb() -> float:
    """This process's peak resident memory. Linux keeps ru_maxrss across fork and exec, so a
    child started by a large parent would report the parent's peak: VmHWM is the process's own."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        result = run_journey(Path(tmp), Path(tmp) / "plan.pdf")
    peak_mb = peak_memory_mb()
    print(f"peak_mb={peak_mb:.1f} answered={result['answered']} actions={result['actions']} ok={result['ok']}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
