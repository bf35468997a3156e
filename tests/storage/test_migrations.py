"""Every on-disk version opens; old ones are upgraded after a backup; newer ones are never touched."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.storage.conftest import FIXTURE_ID, FIXTURE_PASSPHRASE, STORAGE_FIXTURES, install, snapshot
from wizard.core.model import Answer
from wizard.operations.session import Session
from wizard.storage import NewerVersion, Store
from wizard.storage.migrations import CURRENT_VERSION


def _check_fixture_content(a):
    assert a.organisation.name == "Laboratoire Béranger"
    assert a.organisation.siret == "12345678900012"
    assert a.assessor == "Claire Martin"
    assert [(p.name, p.role) for p in a.participants] == [("Jean Dupont", "DSI"), ("Zoé Leroy", "Qualité")]
    assert a.date.isoformat() == "2026-03-14"
    signed = a.answers["t.a28.contract.signed"]
    assert (signed.value, signed.note, signed.justification, signed.by) == (
        "partial", "Avenant en cours", "Contrat de 2019", "Jean Dupont")
    assert a.answers["t.a32.access.individual"].evidence == "Liste des comptes LDAP"
    assert a.action_edits["t.act.contract"].owner == "dpo"
    assert a.action_edits["t.act.contract"].status == "doing"
    assert [(c.id, c.title, c.priority) for c in a.custom_actions] == [("c1", "Former l’équipe", "P3")]
    assert a.position == "t.a28.sub.any"


def test_version_1_is_upgraded_after_a_backup_copy_of_the_original_bytes(store):
    original = (STORAGE_FIXTURES / "v1-lab.vigie.json").read_bytes()
    path = install("v1-lab.vigie.json", store)
    a = store.load(FIXTURE_ID)
    _check_fixture_content(a)
    assert a.answers["t.a28.sub.any"].value == "no"
    # Upgraded on disk to the current version…
    upgraded = json.loads(path.read_bytes())
    assert (upgraded["format"], upgraded["version"]) == ("vigie-assessment", CURRENT_VERSION)
    # …after a backup holding exactly the old file, which can still be restored.
    backups = store.list_backups(FIXTURE_ID)
    assert [b.reason for b in backups] == ["migration"]
    assert (store.backups.folder(FIXTURE_ID) / backups[0].name).read_bytes() == original
    _check_fixture_content(store.read_backup(FIXTURE_ID, backups[0].name))
    # And it keeps working: an answer saved after the upgrade goes into the audit trail.
    store.save_answer(FIXTURE_ID, "t.a28.sub.any", Answer("yes"), by="Zoé Leroy")
    assert [(h.old_value, h.new_value, h.by) for h in store.history(FIXTURE_ID, "t.a28.sub.any")] == [
        ("no", "yes", "Zoé Leroy")]


def test_version_1_listed_and_upgraded_through_the_list(store):
    install("v1-lab.vigie.json", store)
    [summary] = store.list()
    assert (summary.organisation, summary.answered, summary.profile) == ("Laboratoire Béranger", 3, "lab")
    assert json.loads(store.path_of(FIXTURE_ID).read_bytes())["version"] == CURRENT_VERSION


def test_version_2_is_upgraded_and_records_the_content_it_was_answered_on(store):
    original = (STORAGE_FIXTURES / "v2-lab.vigie.json").read_bytes()
    path = install("v2-lab.vigie.json", store)
    a = store.load(FIXTURE_ID)
    _check_fixture_content(a)
    # Every file of format 2 was answered on the first published content.
    assert (a.content.framework, a.content.version) == ("rgpd-sous-traitance", "2026.11")
    assert json.loads(path.read_bytes())["version"] == CURRENT_VERSION
    backups = store.list_backups(FIXTURE_ID)
    assert [b.reason for b in backups] == ["migration"]
    assert (store.backups.folder(FIXTURE_ID) / backups[0].name).read_bytes() == original
    history = store.history(FIXTURE_ID, "t.a28.sub.any")
    assert [(h.old_value, h.new_value, h.by) for h in history] == [("no", "yes", "Zoé Leroy")]


def test_version_3_is_upgraded_after_a_backup_copy_and_reads_as_it_was(store):
    original = (STORAGE_FIXTURES / "v3-lab.vigie.json").read_bytes()
    path = install("v3-lab.vigie.json", store)
    a = store.load(FIXTURE_ID)
    _check_fixture_content(a)
    assert a.content.version == "2026.11" and a.answers["t.a28.sub.any"].value == "yes"
    assert a.action_edits["t.act.contract"].title is None  # the catalogue's wording
    assert json.loads(path.read_bytes())["version"] == CURRENT_VERSION == 4
    backups = store.list_backups(FIXTURE_ID)
    assert [b.reason for b in backups] == ["migration"]
    assert (store.backups.folder(FIXTURE_ID) / backups[0].name).read_bytes() == original


def test_version_4_opens_without_being_rewritten_with_the_organisations_wording(store, mini):
    from wizard.core.action_plan import build_plan

    path = install("v4-lab.vigie.json", store)
    before = path.read_bytes()
    a = store.load(FIXTURE_ID)
    _check_fixture_content(a)
    assert a.action_edits["t.act.contract"].title == "Faire signer l’avenant RGPD au contrat de l’hébergeur"
    store.list()
    assert path.read_bytes() == before  # reading never writes
    assert store.list_backups(FIXTURE_ID) == []
    [action] = [x for x in build_plan(mini.for_profile("lab"), a) if x.id == "t.act.contract"]
    assert action.title.get("fr") == "Faire signer l’avenant RGPD au contrat de l’hébergeur"
    assert action.reworded and action.catalogue_title.get("fr") == "Signer un contrat conforme"


def test_encrypted_version_2_folder_opens_with_its_passphrase(tmp_path):
    data = tmp_path / "enc"
    shutil.copytree(STORAGE_FIXTURES / "v2-encrypted", data)
    store = Store(data, passphrase=FIXTURE_PASSPHRASE)
    _check_fixture_content(store.load(FIXTURE_ID))
    assert store.history(FIXTURE_ID, "t.a28.sub.authorised")[0].new_value == "unknown"
    store.close()


def _newer_copy(store, version=CURRENT_VERSION + 1):
    doc = json.loads((STORAGE_FIXTURES / "v2-lab.vigie.json").read_bytes())
    doc["version"], doc["app"] = version, "9.4.0"
    path = store.path_of(FIXTURE_ID)
    path.write_bytes(json.dumps(doc).encode())
    return path


def test_newer_version_is_refused_with_the_version_needed_and_never_modified(store):
    path = _newer_copy(store)
    before = snapshot(store.data_dir)
    with pytest.raises(NewerVersion) as err:
        store.load(FIXTURE_ID)
    message = str(err.value)
    assert "9.4.0" in message and f"format {CURRENT_VERSION + 1}" in message
    assert "n’a pas été modifié" in message
    with pytest.raises(NewerVersion):
        store.save_answer(FIXTURE_ID, "t.a28.sub.any", Answer("no"))
    with pytest.raises(NewerVersion):
        Session(store, FIXTURE_ID)
    assert store.list() == []
    assert [aid for aid, _ in store.problems] == [FIXTURE_ID]
    Store(store.data_dir).list()  # a fresh start does not touch it either
    after = snapshot(store.data_dir)
    assert after[str(path.relative_to(store.data_dir))] == before[str(path.relative_to(store.data_dir))]
    assert not (store.data_dir / "quarantine").exists()
    assert store.list_backups(FIXTURE_ID) == []
    assert store.holder(FIXTURE_ID) is None  # the refused session released its lock


def test_a_vigie_of_format_3_says_the_version_4_fixture_is_newer_and_leaves_it_alone(store, monkeypatch):
    """What the version number is for: a reworded title is a key the action edits of format 3 do
    not have; a Vigie reading up to format 3 must call the file newer, never damaged."""
    from wizard.storage import assessment_files, migrations

    path = install("v4-lab.vigie.json", store)
    monkeypatch.setattr(assessment_files, "FILE_VERSION", 3)
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 3)
    older = Store(store.data_dir)
    before = snapshot(store.data_dir)
    with pytest.raises(NewerVersion) as err:
        older.load(FIXTURE_ID)
    assert "format 4" in str(err.value) and "lit jusqu’au format 3" in str(err.value)
    with pytest.raises(NewerVersion):
        older.save_answer(FIXTURE_ID, "t.a28.sub.any", Answer("no"))
    assert older.list() == [] and [aid for aid, _ in older.problems] == [FIXTURE_ID]
    assert snapshot(store.data_dir) == before and path.read_bytes() == (STORAGE_FIXTURES / "v4-lab.vigie.json").read_bytes()
    assert not (store.data_dir / "quarantine").exists()
    older.close()


def test_version_1_read_while_another_process_writes_is_upgraded_in_memory_only(store):
    path = install("v1-lab.vigie.json", store)
    writer = Store(store.data_dir)
    assert writer.lock(FIXTURE_ID) is None  # someone else has it open
    session = Session(store, FIXTURE_ID)
    assert session.read_only
    _check_fixture_content(session.assessment)
    assert path.read_bytes() == (STORAGE_FIXTURES / "v1-lab.vigie.json").read_bytes()
    session.close()
    writer.close()


def test_newer_version_is_not_replaced_by_a_restore_or_an_import(store, lab):
    from tests.storage.test_exchange import QUESTIONNAIRE

    store.save_answer(lab.id, "t.a28.sub.any", Answer("yes"))
    backup = store.list_backups(lab.id)[0].name
    exported = store.export_exchange(lab.id)
    path = store.path_of(lab.id)
    doc = json.loads(path.read_bytes())
    doc["version"] = CURRENT_VERSION + 1
    path.write_bytes(json.dumps(doc).encode())
    before = path.read_bytes()
    with pytest.raises(NewerVersion):
        store.restore(lab.id, backup)
    with pytest.raises(NewerVersion):
        store.import_exchange(exported, QUESTIONNAIRE, replace=True)
    assert path.read_bytes() == before


def test_opening_an_assessment_of_an_earlier_content_says_so_and_the_first_change_records_today(store):
    """The v3 fixture was answered on content 2026.11 of the bundled framework; its test
    questions are unknown there, so they are reported as retired."""
    from wizard import paths
    from wizard.core.registry import ContentRegistry

    install("v3-lab.vigie.json", store)
    bundled = ContentRegistry([paths.bundle_root() / "questionnaires"]).default
    session = Session(store, FIXTURE_ID, bundled)
    [notice] = [n for n in session.notices if "version" in n]
    assert "version 2026.11 du questionnaire" in notice and "retirées" in notice
    # The new questions are named by their number, so that they can be found.
    import re

    listed = re.search(r"Questions\s: ([\d., ]+)", notice)
    assert listed and all(re.fullmatch(r"\d+\.\d+", n) for n in listed.group(1).rstrip(".…").split(", "))
    assert session.assessment.content.version == "2026.11"
    first = bundled.for_profile("lab").questions[0].id
    session.answer(first, "yes")
    assert store.load(FIXTURE_ID).content == bundled.framework.stamp
    session.close()
    assert not [n for n in Session(store, FIXTURE_ID, bundled, read_only=True).notices if "version" in n]
