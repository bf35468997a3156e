"""`vigie questions` and `vigie plan`: the stable CLI contract, on the small fixture questionnaire."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import answers_file, vigie, vigie_process
from tests.conftest import MINI_QUESTIONNAIRE
from tests.signing.helpers import flat

MINI = {"VIGIE_QUESTIONNAIRE_DIR": str(MINI_QUESTIONNAIRE)}


def test_questions_json_lists_sections_questions_and_options():
    result = vigie("questions", "--profile", "lab", "--json", env=MINI)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["profile"] == "lab"
    assert [s["id"] for s in data["sections"]] == ["t.a28.contract", "t.a28.sub", "t.a32.access"]
    q = data["sections"][1]["questions"][1]
    assert q["id"] == "t.a28.sub.authorised"
    assert q["section"] == "t.a28.sub"
    assert q["text"] == "Avez-vous autorisé chaque sous-traitant ?"
    assert q["references"] == ["28.2", "28.4"]
    assert q["depends_on"] == [{"question": "t.a28.sub.any", "in": ["yes", "partial", "unknown"]}]
    assert q["help"]["why"] == "Pourquoi."
    # « Non applicable » is not an answer this question takes (the content gives it no help.na).
    assert (q["na_allowed"], q["critical"]) == (False, q["weight"] == 3)
    assert q["options"] == [
        {"value": "yes", "label": "Oui"}, {"value": "partial", "label": "Partiellement"},
        {"value": "no", "label": "Non"}, {"value": "unknown", "label": "Je ne sais pas"},
    ]
    allowing = [q for s in data["sections"] for q in s["questions"] if q["na_allowed"]]
    assert allowing and all(q["options"][-1] == {"value": "na", "label": "Non applicable"} for q in allowing)


def test_questions_for_vendor_profile_only_hold_vendor_questions():
    data = json.loads(vigie("questions", "--profile", "vendor", "--json", env=MINI).stdout)
    ids = [q["id"] for s in data["sections"] for q in s["questions"]]
    assert "t.a32.access.vendor_only" in ids and "t.a28.sub.any" not in ids


def test_plan_json_scores_and_actions(tmp_path):
    path = answers_file(tmp_path / "a.json", {
        "t.a28.contract.signed": "no", "t.a28.contract.audit": "partial",
        "t.a28.sub.any": "no", "t.a32.access.individual": "partial"})
    result = vigie("plan", str(path), "--json", env=MINI)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # Contract: 0.5 / 4 → 13 (half up); sub-processors: only the gate, not scored; access: 1.5 / 3 → 50.
    assert data["scores"]["sections"] == {"t.a28.contract": 13, "t.a28.sub": None, "t.a32.access": 50}
    assert data["scores"]["articles"] == {"28": 13, "32": 50}
    assert data["scores"]["overall"] == 29  # 2 / 7
    actions = data["actions"]
    assert [(a["id"], a["priority"], a["due"]) for a in actions] == [
        ("t.act.contract", "P1", "2026-12-28"),
        ("t.act.accounts", "P1", "2026-12-28"),  # a critical question's « Partiellement » stays P1
        ("t.act.list_sub", "P3", "2027-01-27"),
    ]
    first = actions[0]
    assert first["title"] == "Signer un contrat conforme"
    assert first["owner_role"] == "purchasing"
    assert first["question_ids"] == ["t.a28.contract.signed", "t.a28.contract.audit"]
    assert first["references"] == ["28.3", "28.9", "28.3.h"]


def test_plan_json_gives_the_organisations_wording_and_the_catalogues(tmp_path):
    path = answers_file(tmp_path / "a.json", {"t.a28.contract.signed": "no", "t.a32.access.individual": "no"},
                        action_edits={"t.act.contract": {"title": "Faire signer l’avenant RGPD"}})
    result = vigie("plan", str(path), "--json", env=MINI)
    assert result.returncode == 0, result.stderr
    actions = {a["id"]: a for a in json.loads(result.stdout)["actions"]}
    assert (actions["t.act.contract"]["title"], actions["t.act.contract"]["catalogue_title"]) == (
        "Faire signer l’avenant RGPD", "Signer un contrat conforme")
    assert actions["t.act.accounts"]["catalogue_title"] is None
    blank = answers_file(tmp_path / "b.json", {"t.a28.contract.signed": "no"},
                        action_edits={"t.act.contract": {"title": " "}})
    refused = vigie("plan", str(blank), "--json", env=MINI)
    assert refused.returncode == 2 and refused.stdout == ""
    assert "action_edits.t.act.contract.title : texte obligatoire" in flat(refused.stderr)


def test_plan_json_states_coverage_critical_gaps_contradictions_and_held_down(tmp_path):
    path = answers_file(tmp_path / "a.json", {
        "t.a28.contract.signed": "no", "t.a28.contract.audit": "yes", "t.a28.sub.any": "no"})
    result = vigie("plan", str(path), "--json", env=MINI)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # Visible: signed, audit, the gate sub.any, access (unanswered); the sub-processor questions are hidden.
    assert data["coverage"] == {"answered": 3, "visible": 4}
    # Contract: 1 of 4 → 25 (held under 50 by the critical « Non »); access: unanswered → 0;
    # overall: 1 of 7 → 14, under the share answered (2 of 3 scored → 66) and under its cap of 79.
    assert data["scores"] == {"overall": 14, "articles": {"28": 25, "32": 0},
                              "sections": {"t.a28.contract": 25, "t.a28.sub": None, "t.a32.access": 0}}
    assert data["critical_gaps"] == [{"question": "t.a28.contract.signed", "answer": "no", "article": "28"}]
    assert data["contradictions"] == [{"id": "t.contradiction.audit_without_contract",
                                       "text": "Pas de contrat, mais une clause d’audit.",
                                       "questions": ["t.a28.contract.signed", "t.a28.contract.audit"]}]
    assert data["not_applicable"] == {"counted": 0, "counted_as_unknown": []}
    assert data["held_down"] == ["overall", "28", "t.a28.contract"]
    assert [a["id"] for a in data["actions"]] == ["t.act.contract", "t.act.list_sub"]


def test_plan_json_counts_justified_not_applicable_and_holds_nothing_down(tmp_path):
    path = answers_file(tmp_path / "a.json", {
        "t.a28.contract.signed": "yes",
        "t.a28.contract.audit": {"value": "na", "justification": "Le prestataire n’accède jamais aux données."},
        "t.a28.sub.any": "no", "t.a32.access.individual": "partial"})
    data = json.loads(vigie("--lang", "en", "plan", str(path), "--json", env=MINI).stdout)
    # Contract: 3 of 3 (audit left out) → 100; access: 1.5 of 3 → 50; overall 4.5 of 6 → 75.
    assert data["scores"]["overall"] == 75 and data["scores"]["articles"] == {"28": 100, "32": 50}
    assert data["coverage"] == {"answered": 4, "visible": 4}
    assert data["not_applicable"] == {"counted": 1, "counted_as_unknown": []}
    assert data["critical_gaps"] == [] and data["contradictions"] == [] and data["held_down"] == []


def test_plan_text_speaks_of_a_maturity_index_with_its_coverage_and_critical_gaps(tmp_path):
    path = answers_file(tmp_path / "a.json", {
        "t.a28.contract.signed": "no", "t.a28.contract.audit": "yes", "t.a28.sub.any": "no"})
    result = vigie("plan", str(path), env=MINI)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Évaluation incomplète\u00a0: 1 question sans réponse\n")
    assert "Indice de maturité global\u00a0: 14\u202f/\u202f100 (plafonné)\n" in out
    assert "  Art. 28\u00a0: 25\u202f/\u202f100 (plafonné)\n  Art. 32\u00a0: 0\u202f/\u202f100\n" in out
    assert "Questions répondues\u00a0: 3 sur 4" in out
    assert "Points critiques à traiter d’abord (1)\n  [t.a28.contract.signed] Le contrat est-il signé ? — Non " \
           "(Art. 28)\n" in out
    assert "Incohérences à lever (1)\n  Pas de contrat, mais une clause d’audit. " \
           "[t.a28.contract.signed, t.a28.contract.audit]\n" in out
    assert "score" not in out.lower()
    english = vigie("--lang", "en", "plan", str(path), env=MINI).stdout
    assert "Overall maturity index: 14/100 (capped)" in english and "Questions answered: 3 of 4" in english
    assert "Incomplete assessment: 1 question unanswered" in english and "score" not in english.lower()


@pytest.mark.parametrize("command", ["plan", "report"])
@pytest.mark.parametrize("answer, words", [
    ({"value": "na", "justification": "Aucun contrat."},  # the content does not allow N/A here
     ["« Non applicable » n’est pas possible pour la question t.a28.contract.signed"]),
    ({"value": "na"}, ["« Non applicable » demande une justification pour la question t.a28.contract.audit"]),
    ({"value": "na", "justification": " \n "}, ["demande une justification pour la question t.a28.contract.audit"]),
])
def test_an_unearned_not_applicable_is_refused_with_exit_2(tmp_path, command, answer, words):
    question = "t.a28.contract.signed" if "n’est pas possible" in words[0] else "t.a28.contract.audit"
    path = answers_file(tmp_path / "a.json", {question: answer})
    args = ("report", str(path), "-o", str(tmp_path / "out.pdf"), "--no-sign") if command == "report" else \
        ("plan", str(path), "--json")
    result = vigie(*args, env=MINI)
    assert result.returncode == 2
    assert result.stderr.startswith(f"vigie: {path}")
    for word in words:
        assert word in flat(result.stderr), (word, result.stderr)
    assert result.stdout == "" and not (tmp_path / "out.pdf").exists()


def test_plan_in_english_uses_english_content(tmp_path):
    path = answers_file(tmp_path / "a.json", {"t.a28.contract.signed": "no"})
    data = json.loads(vigie("--lang", "en", "plan", str(path), "--json", env=MINI).stdout)
    assert data["actions"][0]["title"] == "Sign a compliant contract"


@pytest.mark.parametrize("answers, extra, words", [
    ({"t.zz.nothing": "no"}, {}, ["answers.t.zz.nothing", "identifiant de question inconnu"]),
    ({"t.a28.contract.signed": "maybe"}, {}, ["answers.t.a28.contract.signed.value", '"maybe" trouvé']),
    ({"t.a32.access.vendor_only": "no"}, {}, ["answers.t.a32.access.vendor_only", "ne concerne pas le profil"]),
    ({}, {"profile": "hospital"}, ["profile", "lab ou vendor attendu", '"hospital"']),
    ({}, {"date": "28/11/2026"}, ["date", "AAAA-MM-JJ", '"28/11/2026"']),
    ({}, {"version": 9}, ["version", "lit la version 1", "indique 9"]),
    ({}, {"organisation": {"name": " "}}, ["organisation.name", "obligatoire"]),
    ({}, {"participants": "Zoé"}, ["participants", "liste"]),
    ({}, {"custom_actions": 3}, ["custom_actions", "liste attendue"]),
    ({"t.a28.contract.signed": {"value": "no", "colour": "red"}}, {}, ["clé inconnue colour"]),
])
def test_plan_rejects_bad_answers_files_with_exit_2(tmp_path, answers, extra, words):
    path = answers_file(tmp_path / "a.json", answers, **extra)
    result = vigie("plan", str(path), "--json", env=MINI)
    assert result.returncode == 2
    assert result.stderr.startswith(f"vigie: {path}")
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    assert result.stdout == ""


def test_plan_rejects_invalid_json_and_missing_file(tmp_path):
    """Through a real process: exit code 2 and the message are what a script sees."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "vigie-answers",', encoding="utf-8")
    result = vigie_process("plan", str(bad), env=MINI)
    assert result.returncode == 2 and "JSON invalide, ligne 1" in result.stderr
    result = vigie_process("plan", str(tmp_path / "absent.json"), env=MINI)
    assert result.returncode == 2 and "fichier introuvable" in result.stderr


def test_messages_in_english_with_lang_en(tmp_path):
    path = answers_file(tmp_path / "a.json", {"t.zz.nothing": "no"})
    result = vigie("--lang", "en", "plan", str(path), env=MINI)
    assert result.returncode == 2 and "answers.t.zz.nothing" in result.stderr
    assert "identifiant" not in result.stderr


def test_broken_questionnaire_gives_exit_2(tmp_path):
    import shutil

    folder = tmp_path / "q"
    folder.mkdir()
    shutil.copy(MINI_QUESTIONNAIRE / "framework.yaml", folder)
    (folder / "x.yaml").write_text("format: vigie-questionnaire\nversion: 9\n", encoding="utf-8")
    result = vigie("questions", "--json", env={"VIGIE_QUESTIONNAIRE_DIR": str(folder)})
    assert result.returncode == 2
    assert "x.yaml" in result.stderr and "version" in result.stderr
    (folder / "framework.yaml").unlink()
    result = vigie("questions", "--json", env={"VIGIE_QUESTIONNAIRE_DIR": str(folder)})
    assert result.returncode == 2 and "framework.yaml" in result.stderr


def test_version():
    from wizard import __version__

    result = vigie("--version")
    assert result.returncode == 0 and __version__ in result.stdout
