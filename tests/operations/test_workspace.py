"""The workspace, the one door to the data folder: what each operation stores, in how many writes."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.core.model import Answer, Organisation
from wizard.operations.errors import OperationError
from wizard.operations.workspace import Workspace


@pytest.fixture
def workspace(data_dir, mini_questionnaire_dir):
    ws = Workspace.open(data_dir)
    yield ws
    ws.close()


def test_a_new_assessment_records_the_content_it_is_answered_on(workspace):
    made = workspace.create("lab", Organisation("Laboratoire des Tilleuls"), assessor="Zoé")
    stamp = workspace.load(made.id).content
    assert (stamp.framework, stamp.version) == ("test-mini", "1") and len(stamp.digest) == 64


def test_an_unknown_profile_is_refused_naming_the_ones_there_are(workspace):
    with pytest.raises(OperationError, match="hospital.*lab ou vendor"):
        workspace.create("hospital", Organisation("CHU"))
    assert workspace.summaries() == []


def test_reassessing_is_one_write_and_keeps_who_answered(workspace):
    old = workspace.create("lab", Organisation("Labo"), assessor="Claire")
    store = workspace.store
    store.save_answer(old.id, "t.a28.contract.signed", Answer("partial", note="avenant", by="Paul"))
    store.save_answer(old.id, "t.a28.contract.audit", Answer("yes", by="Hélène"))
    new = workspace.reassess(old.id, when=date(2027, 11, 28))
    assert len(workspace.backups(new.id)) == 1  # one version written, not one per answer
    stored = workspace.load(new.id)
    assert stored.previous_id == old.id and stored.date == date(2027, 11, 28)
    assert {q: (a.value, a.by, a.review) for q, a in stored.answers.items()} == {
        "t.a28.contract.signed": ("partial", "Paul", True), "t.a28.contract.audit": ("yes", "Hélène", True)}
    assert workspace.history(new.id) == []  # no one re-answered anything
    assert workspace.load(old.id).answers["t.a28.contract.signed"].review is False  # the earlier one untouched


def test_a_deleted_assessment_comes_back(workspace):
    made = workspace.create("lab", Organisation("Labo"))
    workspace.store.save_answer(made.id, "t.a28.contract.signed", Answer("no"))
    workspace.delete(made.id)
    assert workspace.summaries() == []
    back = workspace.undelete(made.id)
    assert back.answers["t.a28.contract.signed"].value == "no"
    assert [s.id for s in workspace.summaries()] == [made.id]


def test_deleted_assessments_are_found_without_their_id_and_come_back(workspace):
    """Deleted in Vigie, or its file removed by hand: both are listed by what they held, the
    newest first, and come back whole; one still in the folder is not « brought back »."""
    kept = workspace.create("lab", Organisation("Labo gardé"))
    gone = workspace.create("lab", Organisation("Labo des Tilleuls"), when=date(2026, 5, 4))
    workspace.store.save_answer(gone.id, "t.a28.contract.signed", Answer("no"))
    workspace.delete(gone.id)
    by_hand = workspace.create("vendor", Organisation("Éditeur"))
    workspace.store.save_answer(by_hand.id, "t.v28.contract.signed", Answer("yes"))
    workspace.store.path_of(by_hand.id).unlink()
    listed = workspace.deleted()
    assert [(d.id, d.organisation, d.profile, d.answered) for d in listed] == [
        (by_hand.id, "Éditeur", "vendor", 1), (gone.id, "Labo des Tilleuls", "lab", 1)]
    assert listed[1].date == date(2026, 5, 4)
    with pytest.raises(OperationError, match="n’est pas supprimée"):
        workspace.undelete(kept.id)
    assert workspace.undelete(by_hand.id).answers["t.v28.contract.signed"].value == "yes"
    assert [d.id for d in workspace.deleted()] == [gone.id]
    assert {s.id for s in workspace.summaries()} == {kept.id, by_hand.id}


def test_a_deleted_assessment_whose_newest_copy_is_torn_comes_back_from_the_one_before(workspace):
    made = workspace.create("lab", Organisation("Labo"))
    workspace.store.save_answer(made.id, "t.a28.contract.signed", Answer("no"))
    workspace.store.save_answer(made.id, "t.a28.contract.audit", Answer("yes"))
    workspace.store.path_of(made.id).unlink()
    newest = workspace.backups(made.id)[0]
    backup = workspace.store.backups.path(made.id, newest.name)
    backup.write_bytes(backup.read_bytes()[:40])  # a copy a crash cut short
    (listed,) = workspace.deleted()
    assert listed.backup != newest.name and listed.answered == 1
    assert set(workspace.undelete(made.id).answers) == {"t.a28.contract.signed"}


def test_a_deleted_assessment_with_no_readable_backup_is_listed_and_refused_plainly(workspace):
    made = workspace.create("lab", Organisation("Labo"))
    workspace.store.save_answer(made.id, "t.a28.contract.signed", Answer("no"))
    workspace.delete(made.id)
    for info in workspace.backups(made.id):
        workspace.store.backups.path(made.id, info.name).write_bytes(b"{abime")
    (listed,) = workspace.deleted()
    assert (listed.id, listed.organisation, listed.backup) == (made.id, None, "")  # said, not hidden
    with pytest.raises(OperationError, match="aucune sauvegarde lisible"):
        workspace.undelete(made.id)
    assert workspace.summaries() == [] and len(workspace.backups(made.id)) >= 1  # nothing removed


def test_exchange_files_go_out_and_come_back_as_a_copy(workspace, tmp_path):
    made = workspace.create("vendor", Organisation("Éditeur"))
    out = workspace.export_exchange(made.id, tmp_path / "copie")
    assert out.name == "copie.vigie" and out.stat().st_mode & 0o077 == 0  # for its owner only
    imported = workspace.import_file(out)
    assert imported.mode == "copy" and imported.assessment.id != made.id
    assert imported.assessment.organisation.name == "Éditeur"
    with pytest.raises(OperationError, match="n’existe pas"):
        workspace.export_exchange(made.id, tmp_path / "absent" / "x.vigie")
