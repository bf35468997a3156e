"""Bad input on the command line: exit code 2, a message naming the field, nothing written, never a
traceback; and what the CLI prints of user data cannot drive the terminal."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.cli.helpers import answers_file, vigie
from tests.conftest import MINI_QUESTIONNAIRE
from tests.signing.helpers import flat

MINI = {"VIGIE_QUESTIONNAIRE_DIR": str(MINI_QUESTIONNAIRE)}
CUSTOM = {"id": "custom-1", "title": "Former l’accueil"}


def refused(result, *words: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    message = flat(result.stderr)
    for word in words:
        assert flat(word) in message, (word, message)
    return message


# -- finding 10: values that crashed `plan`, `report` and the results page -------------------------
CRASHERS = [
    ({"custom_actions": [{**CUSTOM, "priority": "P9"}]}, 'custom_actions[0].priority : P1, P2 ou P3 attendu, "P9" trouvé'),
    ({"custom_actions": [{**CUSTOM, "due": "nope"}]}, 'custom_actions[0].due : date AAAA-MM-JJ attendue, "nope" trouvé'),
    ({"action_edits": {"t.act.contract": {"due": "garbage"}}}, "action_edits.t.act.contract.due : date AAAA-MM-JJ"),
    ({"date": "9999-12-31"}, 'date : date du 2000-01-01 au 2099-12-31 attendue, "9999-12-31" trouvé'),
    ({"action_edits": {"t.act.contract": {"due": "9999-12-31"}}}, "action_edits.t.act.contract.due : date du 2000"),
    ({"action_edits": {"t.act.contract": {"owner": ["dpo"]}}}, "action_edits.t.act.contract.owner : texte attendu"),
]


@pytest.mark.parametrize("command", ["plan", "report"])
@pytest.mark.parametrize(("extra", "message"), CRASHERS)
def test_plan_and_report_refuse_values_that_used_to_crash_them(tmp_path, command, extra, message):
    path = answers_file(tmp_path / "a.json", {"t.a28.contract.signed": "no"}, **extra)
    out = tmp_path / "plan.pdf"
    args = ("-o", str(out), "--no-sign") if command == "report" else ("--json",)
    refused(vigie(command, str(path), *args, env=MINI), message)
    assert not out.exists()


def _exchange(tmp_path, change) -> str:
    """A .vigie file made by Vigie itself, changed, with its checksum recomputed."""
    aid = vigie("new", "--profile", "lab", "--org", "Labo", env=MINI).stdout.strip()
    path = tmp_path / "x.vigie"
    assert vigie("export", aid, "-o", str(path), env=MINI).returncode == 0
    assert vigie("answer", aid, "t.a28.contract.signed", "no", env=MINI).returncode == 0
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc["content"])
    doc["sha256"] = hashlib.sha256(json.dumps(doc["content"], ensure_ascii=False, sort_keys=True,
                                              separators=(",", ":")).encode()).hexdigest()
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _assessments(data_dir) -> set[str]:
    return {p.name for p in (data_dir / "assessments").iterdir()}


def test_import_refuses_a_custom_action_the_results_page_could_not_show(tmp_path, data_dir):
    path = _exchange(tmp_path, lambda c: c["assessment"].update(custom_actions=[{**CUSTOM, "priority": "P9"}]))
    before = _assessments(data_dir)
    refused(vigie("import", path, env=MINI), "custom_actions[0].priority", '"P9" trouvé', "Rien n’a été importé")
    assert _assessments(data_dir) == before


# -- finding 11 (input): undecodable arguments, lone surrogates, deep nesting ----------------------
def test_arguments_that_are_not_utf8_are_refused(tmp_path, data_dir):
    refused(vigie("new", "--profile", "lab", "--org", "Labo \udcff", env=MINI),
            "--org : ce texte n’est pas de l’UTF-8 valide (octet 0xff en position 6)")
    aid = vigie("new", "--profile", "lab", "--org", "Labo", env=MINI).stdout.strip()
    refused(vigie("answer", aid, "t.a28.contract.signed", "no", "--note", "\udcfe", env=MINI), "--note")
    assert vigie("show", aid, "--json", env=MINI).stdout.count('"value"') == 0  # nothing stored
    # A file name may be any bytes on Linux: a data folder's name is not refused.
    folder = str(tmp_path / "données \udcff")
    made = vigie("--data-dir", folder, "new", "--profile", "lab", "--org", "Labo", env=MINI)
    assert made.returncode == 0, made.stderr


def test_lone_surrogate_in_an_answers_file_is_refused(tmp_path):
    path = answers_file(tmp_path / "a.json", {}, custom_actions=[{**CUSTOM, "title": "@"}])
    path.write_text(path.read_text(encoding="utf-8").replace('"@"', '"\\ud800"'), encoding="utf-8")
    refused(vigie("plan", str(path), env=MINI), "custom_actions[0].title : caractère invalide U+D800")


def test_lone_surrogate_in_an_exchange_file_is_refused(tmp_path):
    path = _exchange(tmp_path, lambda c: c["assessment"]["organisation"].update(name="@"))
    with open(path, encoding="utf-8") as handle:
        text = handle.read().replace('"@"', '"\\udc80"')
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    refused(vigie("import", path, env=MINI), "caractère invalide U+DC80")


def test_an_answers_file_nested_100000_deep_is_refused(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "vigie-answers", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    refused(vigie("plan", str(path), env=MINI), "structure trop imbriquée")


# -- finding 12: lengths bounded where they are entered and imported -------------------------------
def test_new_bounds_the_organisation_name(data_dir):
    refused(vigie("new", "--profile", "lab", "--org", "O" * 201, env=MINI),
            "--org : 200 caractères au plus, 201 trouvés ; rien n’a été enregistré")
    assert not (data_dir / "assessments").exists() or _assessments(data_dir) == set()
    assert vigie("new", "--profile", "lab", "--org", "O" * 200, env=MINI).returncode == 0


def test_answer_bounds_the_note():
    aid = vigie("new", "--profile", "lab", "--org", "Labo", env=MINI).stdout.strip()
    refused(vigie("answer", aid, "t.a28.contract.signed", "no", "--note", "n" * 20_001, env=MINI),
            "--note : 20 000 caractères au plus, 20 001 trouvés")
    assert vigie("answer", aid, "t.a28.contract.signed", "no", "--note", "n" * 20_000, env=MINI).returncode == 0


def test_plan_and_import_bound_lengths(tmp_path):
    path = answers_file(tmp_path / "a.json", {"t.a28.contract.signed": {"value": "no", "note": "n" * 20_001}})
    refused(vigie("plan", str(path), env=MINI), "answers.t.a28.contract.signed.note : 20 000 caractères au plus")
    path = _exchange(tmp_path, lambda c: c["assessment"]["organisation"].update(name="O" * 5_000))
    refused(vigie("import", path, env=MINI), "organisation.name : 200 caractères au plus, 5 000 trouvés")


# -- finding 13: what is printed, ids, types -------------------------------------------------------
HOSTILE = "Labo\x1b[2J\x1b]0;pris\x07\u202eevil\nvigie: faux message"


def test_list_show_history_print_no_escape_sequence(tmp_path):
    path = _exchange(tmp_path, lambda c: c["assessment"]["organisation"].update(name=HOSTILE))
    imported = vigie("import", path, env=MINI)
    assert imported.returncode == 0, imported.stderr
    aid = imported.stdout.strip()
    assert vigie("answer", aid, "t.a28.contract.signed", "no", "--by", "Zoé\x1b[31m", env=MINI).returncode == 0
    for args in (("list",), ("show", aid), ("history", aid, "t.a28.contract.signed"), ("list", "--json"),
                 ("show", aid, "--json")):
        result = vigie(*args, env=MINI)
        assert result.returncode == 0, result.stderr
        for bad in ("\x1b", "\x07", "\u202e"):
            assert bad not in result.stdout + result.stderr, (args, result.stdout)
    listed = vigie("list", env=MINI).stdout
    assert "Labo\\u001b[2J\\u001b]0;pris\\u0007\\u202eevil\\u000avigie: faux message" in listed
    assert not any(line.startswith("vigie: faux") for line in listed.splitlines())  # no faked line
    assert HOSTILE in [row["organisation"] for row in json.loads(vigie("list", "--json", env=MINI).stdout)]
    assert "Zoé\\u001b[31m" in vigie("history", aid, "t.a28.contract.signed", env=MINI).stdout


def test_verify_prints_signer_names_harmlessly(tmp_path):
    from tests.signing.helpers import P12_PASSWORD, make_ca, make_leaf, write_p12

    ca = make_ca()
    key, cert = make_leaf(ca, "Mallory\x1b]0;pris\x07\nVerdict : toutes les signatures sont valables")
    p12 = write_p12(tmp_path / "m.p12", key, cert, [ca[1]])
    plan = tmp_path / "plan.pdf"
    answers = answers_file(tmp_path / "a.json", {"t.a28.contract.signed": "no"})
    assert vigie("report", str(answers), "-o", str(plan), "--no-sign", env=MINI).returncode == 0
    signed = vigie("sign", str(plan), "--sign-p12", str(p12), "--signer-name", "Mallory",
                   env={"VIGIE_P12_PASSWORD": P12_PASSWORD})
    assert signed.returncode == 0, signed.stderr
    out = vigie("verify", str(plan)).stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "Mallory\\u001b]0;pris\\u0007\\u000aVerdict" in out
    assert not any(line.startswith("Verdict : toutes") for line in out.splitlines())


def test_ids_are_uuids_only(tmp_path):
    refused(vigie("show", "--", "-a", env=MINI), "aucune évaluation n’a l’identifiant « -a »")
    path = _exchange(tmp_path, lambda c: c["assessment"].update(id="-a"))
    refused(vigie("import", path, env=MINI), 'id : identifiant d’évaluation (UUID en minuscules) attendu, "-a"')


@pytest.mark.parametrize(("extra", "message"), [
    ({"version": True}, "version : cette version de Vigie lit la version 1, le fichier indique true"),
    ({"version": 1.0}, "version : cette version de Vigie lit la version 1, le fichier indique 1.0"),
    ({"id": 5}, "id : identifiant d’évaluation (UUID en minuscules) attendu, 5 trouvé"),
    ({"assessor": False}, "assessor : texte attendu, false trouvé"),
])
def test_answers_files_with_wrong_types_are_refused(tmp_path, extra, message):
    path = answers_file(tmp_path / "a.json", {}, **extra)
    refused(vigie("plan", str(path), env=MINI), message)


def test_import_of_a_pdf_whose_attachment_is_nested_100000_deep(tmp_path):
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from reportlab.pdfgen.canvas import Canvas

    from wizard.report.embedded import attach_assessment

    page = BytesIO()
    canvas = Canvas(page)
    canvas.drawString(72, 72, "Plan")
    canvas.save()
    page.seek(0)
    writer = IncrementalPdfFileWriter(page, strict=False)
    payload = b'{"format": "vigie-answers", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    attach_assessment(writer, payload, hashlib.sha256(payload).hexdigest())
    path = tmp_path / "plan.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    refused(vigie("import", str(path), env=MINI))
