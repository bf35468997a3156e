"""The registers behind the workspace: linked to the lab's assessments, re-keyed with the folder."""

from __future__ import annotations

import json

import pytest

from wizard.core.model import Organisation
from wizard.core.parties import Party
from wizard.operations.errors import OperationError
from wizard.operations.workspace import Workspace


@pytest.fixture
def workspace(data_dir):
    ws = Workspace.open(data_dir)
    yield ws
    ws.close()


def test_a_passphrase_change_from_a_fresh_workspace_reencrypts_the_registers(data_dir):
    first = Workspace.open(data_dir)
    first.processors.add({"name": "BioLogiciel SA", "services": ["lis"]})
    first.clients.set_vendor(Party("Éditeur"), security="MFA")
    first.close()
    fresh = Workspace.open(data_dir)  # has not read the registers yet
    fresh.change_passphrase("phrase de passe des registres")
    fresh.close()
    for folder in ("processors", "clients"):
        (path,) = (data_dir / folder).glob("*.vigie.json")
        assert "cipher" in json.loads(path.read_bytes())
    reopened = Workspace.open(data_dir, passphrase="phrase de passe des registres")
    assert [p.name for p in reopened.processors.register().processors] == ["BioLogiciel SA"]
    assert reopened.clients.register().security == "MFA"
    reopened.close()


def lab_with_processor(workspace: Workspace, org: str = "Laboratoire des Tilleuls"):
    lab = workspace.create("lab", Organisation(org))
    workspace.processors.set_lab(Party("Laboratoire des Tilleuls"))
    added = workspace.processors.add({"name": "Hébergeur Santé", "services": ["hosting"]})
    return lab, added


def test_a_processor_action_can_be_edited_like_any_other(workspace):
    lab, added = lab_with_processor(workspace)
    action = f"processor.{added.id}"
    with workspace.open_session(lab.id) as session:
        assert any(a.id == action for a in session.plan())
        session.edit_plan_action(action, owner="Claire Roux", status="doing")
        edited = next(a for a in session.plan() if a.id == action)
        assert (edited.owner, edited.status) == ("Claire Roux", "doing")
    stored = workspace.load(lab.id).action_edits[action]
    assert (stored.owner, stored.status) == ("Claire Roux", "doing")


def test_a_processor_action_can_be_reworded_and_reset(workspace):
    lab, added = lab_with_processor(workspace)
    action = f"processor.{added.id}"
    with workspace.open_session(lab.id) as session:
        session.edit_plan_action(action, title="Obtenir le certificat HDS de l’hébergeur")
        edited = next(a for a in session.plan() if a.id == action)
        assert edited.title.get("fr") == "Obtenir le certificat HDS de l’hébergeur"
        assert edited.catalogue_title is not None
        assert edited.catalogue_title.get("fr") == "Faire le point avec le prestataire «\u202fHébergeur Santé\u202f»"
        session.reset_plan_action(action)
        assert not next(a for a in session.plan() if a.id == action).reworded
    assert action not in workspace.load(lab.id).action_edits


def test_the_register_is_linked_only_to_the_laboratory_it_names(workspace):
    lab, _added = lab_with_processor(workspace)
    other = workspace.create("lab", Organisation("Laboratoire du Lac"))
    vendor = workspace.create("vendor", Organisation("BioLogiciel SA"))
    assert any(a.id.startswith("processor.") for a in workspace.evaluation(lab.id).plan)
    for unlinked in (other, vendor):
        assert not any(a.id.startswith("processor.") for a in workspace.evaluation(unlinked.id).plan)
        assert workspace.evaluation(unlinked.id).processors == ()
    with workspace.open_session(lab.id) as session:
        assert session.facts("lab.a28.choice.hds")[0].processor == "Hébergeur Santé"
    with workspace.open_session(other.id) as session:
        assert session.facts("lab.a28.choice.hds") == []


def test_fields_a_person_may_not_set_are_refused(workspace):
    _lab, added = lab_with_processor(workspace)
    with pytest.raises(OperationError, match="pinned"):
        workspace.processors.edit(added.id, {"pinned": "0" * 64})
    with pytest.raises(OperationError, match="services"):
        workspace.processors.edit(added.id, {"services": ["téléportation"]})
    assert workspace.processors.find(added.id) == added


def test_a_difference_names_a_question_of_the_vendor_profile(workspace):
    from wizard.core.clients import Client

    client = Client("aaaaaaaaaaaa", Party("Laboratoire des Tilleuls"))
    workspace.relation_files.clients.update(lambda r: r.__class__(clients=(client,)))
    with pytest.raises(OperationError, match="lab.a28.choice.hds"):
        workspace.clients.set_difference("aaaaaaaaaaaa", "lab.a28.choice.hds", "no")
    changed = workspace.clients.set_difference("Laboratoire des Tilleuls", "vendor.a32.governance.hds", "na",
                                               justification="pas d’hébergement")
    assert changed.differences["vendor.a32.governance.hds"].justification == "pas d’hébergement"
    assert workspace.clients.edit("aaaaaaaaaaaa", {"transfers": "aucun"}).differences == changed.differences


@pytest.mark.parametrize("question, justification, why", [
    ("vendor.a28.role.written", "sans objet", "n’est pas possible pour la question vendor.a28.role.written"),
    ("vendor.a32.governance.hds", "", "demande une justification pour la question vendor.a32.governance.hds"),
])
def test_a_client_s_answer_follows_the_rules_of_non_applicable(workspace, question, justification, why):
    """The answer given for one client goes into its signed response: N/A only where the content
    allows it, and justified, as for any answer."""
    from wizard.core.clients import Client

    client = Client("aaaaaaaaaaaa", Party("Laboratoire des Tilleuls"))
    workspace.relation_files.clients.update(lambda r: r.__class__(clients=(client,)))
    with pytest.raises(OperationError, match=why):
        workspace.clients.set_difference("aaaaaaaaaaaa", question, "na", justification=justification)
    assert workspace.clients.find("aaaaaaaaaaaa").differences == {}
