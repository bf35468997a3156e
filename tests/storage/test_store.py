"""The store's everyday work: changes, audit trail, index, backups, restore, delete."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from wizard.core.model import ActionEdit, Answer, CustomAction, Organisation
from wizard.operations.session import Session
from wizard.storage import Store
from wizard.storage.backups import KEEP_DAYS, KEEP_LAST


def test_every_change_is_on_disk_when_the_call_returns(store, lab):
    store.save_answer(lab.id, "t.a28.contract.signed", Answer("partial", note="Avenant"))
    store.save_action_edit(lab.id, "t.act.contract", ActionEdit(owner="dpo", due="2026-12-31"))
    store.save_custom_actions(lab.id, [CustomAction("c1", "Former l’équipe")])
    store.save_position(lab.id, "t.a28.sub.any")
    a = Store(store.data_dir).load(lab.id)  # another process's view
    assert a.answers["t.a28.contract.signed"].note == "Avenant"
    assert a.action_edits["t.act.contract"].due == "2026-12-31"
    assert [c.title for c in a.custom_actions] == ["Former l’équipe"]
    assert a.position == "t.a28.sub.any"


def test_history_records_when_who_and_previous_value(store, lab):
    session = Session(store, lab.id)
    session.answer("t.a28.contract.signed", "unknown")
    session.answer("t.a28.contract.signed", "partial", note="Avenant en cours", by="Jean Dupont")
    session.answer("t.a28.contract.signed", "partial", note="Avenant en cours", by="Jean Dupont")  # no change
    session.answer("t.a28.contract.signed", "yes", by="Zoé Leroy")
    session.answer("t.a28.contract.signed", None)
    history = session.history("t.a28.contract.signed")
    assert [(h.by, h.old_value, h.new_value) for h in history] == [
        ("Claire Martin", None, "unknown"), ("Jean Dupont", "unknown", "partial"),
        ("Zoé Leroy", "partial", "yes"), ("Claire Martin", "yes", None)]
    assert history[2].old["note"] == "Avenant en cours"
    for h in history:
        datetime.fromisoformat(h.at)
    assert session.history("t.a28.sub.any") == []
    session.close()


def test_list_uses_the_index_and_sees_changes_made_elsewhere(store, lab):
    other = store.create("vendor", Organisation("Éditeur Dupuis"))
    assert {s.organisation: s.answered for s in store.list()} == {
        "Laboratoire des Tilleuls": 0, "Éditeur Dupuis": 0}
    index = store.index.path.read_bytes()
    Store(store.data_dir).save_answer(other.id, "t.a28.contract.signed", Answer("yes"))
    assert store.index.path.read_bytes() == index  # saving never rewrites the index
    listed = store.list()
    assert listed[0].organisation == "Éditeur Dupuis" and listed[0].answered == 1  # newest change first


def test_missing_or_damaged_index_is_rebuilt(store, lab):
    store.list()
    store.index.path.write_bytes(b"\x00garbage")
    assert [s.id for s in store.list()] == [lab.id]
    store.index.path.unlink()
    assert [s.id for s in store.list()] == [lab.id]
    assert store.index.path.exists()


def test_backups_keep_the_last_versions_and_one_per_day(store, lab):
    folder = store.backups.folder(lab.id)
    # Old copies from earlier days: one of 40 days ago, two of 3 days ago.
    noon = datetime.now().astimezone().replace(hour=12, minute=0).astimezone(UTC)  # away from midnight
    old_names = []
    for days, minute in ((40, 0), (3, 1), (3, 2)):
        when = noon - timedelta(days=days, minutes=minute)
        name = f"{when:%Y%m%dT%H%M%S.%fZ}-{days:012x}-auto.bak"
        (folder / name).write_bytes(store.path_of(lab.id).read_bytes())
        old_names.append(name)
    for i in range(KEEP_LAST + 5):
        store.save_answer(lab.id, "t.a28.contract.signed", Answer("yes", note=str(i)))
    names = [b.name for b in store.list_backups(lab.id)]
    assert old_names[0] not in names  # beyond KEEP_DAYS
    assert old_names[1] in names and old_names[2] not in names  # the newest of that day stays
    today = [n for n in names if n not in old_names]
    assert len(today) == KEEP_LAST
    assert KEEP_DAYS >= 30


def test_restore_brings_back_a_version_and_keeps_the_current_one(store, lab):
    store.save_answer(lab.id, "t.a28.contract.signed", Answer("no"))
    target = store.list_backups(lab.id)[0].name
    store.save_answer(lab.id, "t.a28.contract.signed", Answer("yes"))
    store.save_answer(lab.id, "t.a28.sub.any", Answer("yes"))
    restored = store.restore(lab.id, target)
    assert {q: a.value for q, a in restored.answers.items()} == {"t.a28.contract.signed": "no"}
    assert store.load(lab.id).answers["t.a28.contract.signed"].value == "no"
    versions = [set(store.read_backup(lab.id, b.name).answers) for b in store.list_backups(lab.id)]
    assert {"t.a28.contract.signed", "t.a28.sub.any"} in versions  # the replaced version is still there


def test_deleted_assessment_can_be_restored_from_its_backups(store, lab):
    store.save_answer(lab.id, "t.a28.contract.signed", Answer("no"))
    store.delete(lab.id)
    assert store.list() == []
    store.restore(lab.id, store.list_backups(lab.id)[0].name)
    assert store.load(lab.id).answers["t.a28.contract.signed"].value == "no"


def test_stale_temporary_files_of_dead_writers_are_cleaned_at_start(store, lab):
    dead = store.folder / ".vigie-tmp-999999999-abc"
    live = store.folder / f".vigie-tmp-{__import__('os').getpid()}-abc"
    dead.write_bytes(b"half")
    live.write_bytes(b"in progress")
    Store(store.data_dir)
    assert not dead.exists() and live.exists()


def test_stale_temporary_files_in_a_backup_folder_go_at_its_next_save(store, lab):
    """Backup folders are not walked at every start (one per assessment, hundreds of them):
    a writer's leftover there goes the next time that assessment is saved."""
    folder = store.backups.folder(lab.id)
    folder.mkdir(parents=True, exist_ok=True)
    dead = folder / ".vigie-tmp-999999999-abc"
    dead.write_bytes(b"half a backup")
    store.save_answer(lab.id, "t.a28.contract.signed", Answer("yes"))
    assert not dead.exists()
    assert all(b.name.endswith(".bak") for b in store.list_backups(lab.id))


def test_every_name_the_package_exports_resolves():
    import wizard.storage as storage

    assert set(storage.__all__) == set(storage._WHERE)
    for name in storage.__all__:
        assert getattr(storage, name).__name__ == name
