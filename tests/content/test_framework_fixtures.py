"""The content owns its words: a third profile and a framework of other axes need no Python.

tests/fixtures/frameworks/three-profiles adds a health-data host profile; iso-like is a second
framework whose axes are not article numbers (and are declared out of alphabetical order).
Both go through the new-assessment dialog, `vigie questions`, `vigie plan` and the report.
"""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import answers_file, vigie
from tests.conftest import FIXTURES
from tests.signing.helpers import flat, pdftext

THREE = FIXTURES / "frameworks" / "three-profiles"
ISO = FIXTURES / "frameworks" / "iso-like"


def test_a_third_profile_reaches_questions_plan_and_report(tmp_path):
    env = {"VIGIE_QUESTIONNAIRE_DIR": str(THREE)}
    listed = vigie("questions", "--profile", "host", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    questions = [q["id"] for s in json.loads(listed.stdout)["sections"] for q in s["questions"]]
    assert questions == ["h.a32.hosting.certified", "h.a32.hosting.encrypted"]

    answers = answers_file(tmp_path / "host.json", {"h.a32.hosting.certified": "no",
                                                   "h.a32.hosting.encrypted": "yes"}, profile="host")
    plan = vigie("plan", str(answers), "--json", env=env)
    assert plan.returncode == 0, plan.stderr
    data = json.loads(plan.stdout)
    assert data["scores"]["articles"] == {"32": 40}  # 2 of 5 points: the host profile has no Art. 28 question
    assert [(a["id"], a["owner"]) for a in data["actions"]] == [("h.act.certify", "Responsable d’exploitation")]

    out = tmp_path / "host.pdf"
    report = vigie("report", str(answers), "-o", str(out), "--no-sign", env=env)
    assert report.returncode == 0, report.stderr
    text = flat(pdftext(out))
    assert "Profil évalué Hébergeur de données de santé (HDS)" in text
    assert "Auto-évaluation de l’article 32 du RGPD : sous-traitance et hébergement" in text
    assert "Direction de l’hébergeur" in text  # the profile's countersigner, on the signature page
    assert "Référentiel HDS 2024." in text


def test_an_unknown_profile_is_refused_naming_the_ones_there_are(tmp_path):
    env = {"VIGIE_QUESTIONNAIRE_DIR": str(THREE)}
    result = vigie("questions", "--profile", "hospital", env=env)
    assert result.returncode == 2
    assert "hospital" in result.stderr and "lab, vendor ou host" in result.stderr
    answers = answers_file(tmp_path / "a.json", {}, profile="hospital")
    result = vigie("plan", str(answers), env=env)
    assert result.returncode == 2 and "lab, vendor ou host attendu" in result.stderr


def test_a_framework_whose_axes_are_not_articles_goes_through_plan_and_report(tmp_path):
    env = {"VIGIE_QUESTIONNAIRE_DIR": str(ISO)}
    answers = answers_file(tmp_path / "iso.json", {"i.a5.policies.approved": "partial",
                                                  "i.a8.tech.crypto": "no"}, profile="org")
    plan = vigie("plan", str(answers), "--json", env=env)
    assert plan.returncode == 0, plan.stderr
    data = json.loads(plan.stdout)
    assert list(data["scores"]["articles"].items()) == [("A.8", 0), ("A.5", 50)]  # the framework's order
    assert [a["id"] for a in data["actions"]] == ["i.act.crypto", "i.act.policy"]
    text_plan = vigie("plan", str(answers), env=env).stdout
    assert "  A.8\u00a0: 0\u202f/\u202f100 (plafonné)\n  A.5\u00a0: 50\u202f/\u202f100\n" in text_plan and "[RSSI]" in text_plan

    out = tmp_path / "iso.pdf"
    report = vigie("report", str(answers), "-o", str(out), "--no-sign", env=env)
    assert report.returncode == 0, report.stderr
    text = flat(pdftext(out))
    assert "Plan d’action sécurité" in text
    assert "Auto-évaluation des domaines A.8 et A.5 de l’ISO/IEC 27001" in text
    assert "Le point le plus faible est le domaine A.8 (technique)" in text
    assert "Chiffrement (domaine A.8)" in text
    assert "RGPD" not in text and "article" not in text.lower()


def test_the_new_assessment_dialog_offers_the_frameworks_profiles(qtbot):
    from wizard.core.questionnaire import load_questionnaire
    from wizard.ui.dialogs.new_assessment import NewAssessmentDialog

    framework = load_questionnaire(THREE).framework
    dialog = NewAssessmentDialog(framework)
    qtbot.addWidget(dialog)
    assert list(dialog.profile_buttons) == ["lab", "vendor", "host"]
    assert dialog.profile_buttons["host"].text() == "Hébergeur de données de santé (HDS)"
    dialog.name.setText("HébergeSanté")
    dialog.profile_buttons["host"].setChecked(True)
    assert dialog.result_data().profile == "host"


@pytest.mark.parametrize("edit, message", [
    (("axis: \"32\"", "axis: \"33\""), "axis '33' is not one of the framework's (28, 32)"),
    (("profiles: [host]", "profiles: [hospital]"), "profile 'hospital' is not one of the framework's"),
    (("owner: exploitation, delay_days: 15", "owner: cto, delay_days: 15"), "owner 'cto' is not one of"),
])
def test_content_naming_what_the_framework_does_not_declare_is_refused(tmp_path, edit, message):
    import shutil

    from wizard.core.questionnaire import ContentError, load_questionnaire

    folder = tmp_path / "content"
    shutil.copytree(THREE, folder)
    path = folder / "host.yaml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(ContentError, match="host.yaml, line [0-9]+") as err:
        load_questionnaire(folder)
    assert message in str(err.value)
