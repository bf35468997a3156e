"""Every value of a .vigie file is checked before anything is stored: a wrong one is refused with
its field named, so that the plan, the report and the results page never meet it."""

from __future__ import annotations

import json

import pytest

from tests.conftest import MINI_QUESTIONNAIRE
from tests.storage.conftest import STORAGE_FIXTURES
from wizard.core.questionnaire import load_questionnaire
from wizard.storage.crypto import canonical
from wizard.storage.errors import UnknownAssessment
from wizard.storage.exchange import ExchangeError

QUESTIONNAIRE = load_questionnaire(MINI_QUESTIONNAIRE)
VALID = json.loads((STORAGE_FIXTURES / "exchange-v1-lab.vigie").read_bytes())


def signed(change) -> bytes:
    """The fixture with one change and its checksum recomputed: only the value checks can refuse it."""
    import copy
    import hashlib

    doc = copy.deepcopy(VALID)
    change(doc["content"], doc["content"]["assessment"])
    doc["sha256"] = hashlib.sha256(canonical(doc["content"])).hexdigest()
    return json.dumps(doc, ensure_ascii=False).encode()


def _set(path: str, value):
    """A change setting content[path] (keys separated by /; "a/" for the assessment)."""
    def change(content, assessment):
        node = content
        keys = path.split("/")
        if keys[0] == "a":
            node, keys = assessment, keys[1:]
        for key in keys[:-1]:
            node = node[int(key)] if key.isdigit() else node[key]
        last = keys[-1]
        node[int(last) if last.isdigit() else last] = value
    return change


LONG = "x" * 20_001
BAD_VALUES = [
    # finding 10: values that crashed `plan`, `report` and the results page after import
    ("a/custom_actions/0/priority", "P9", 'custom_actions[0].priority : P1, P2 ou P3 attendu, "P9" trouvé'),
    ("a/custom_actions/0/due", "nope", 'custom_actions[0].due : date AAAA-MM-JJ attendue, "nope" trouvé'),
    ("a/action_edits/t.act.contract", {"due": "garbage"}, 'action_edits.t.act.contract.due : date AAAA-MM-JJ'),
    ("a/date", "9999-12-31", 'date : date du 2000-01-01 au 2099-12-31 attendue, "9999-12-31" trouvé'),
    ("a/custom_actions/0/due", "1999-12-31", "custom_actions[0].due : date du 2000-01-01 au 2099-12-31"),
    ("a/date", "20261128", 'date : date AAAA-MM-JJ attendue, "20261128" trouvé'),
    ("a/custom_actions/0/status", "wip", 'custom_actions[0].status : todo, doing, done ou dropped attendu'),
    ("a/custom_actions/0/owner", 42, "custom_actions[0].owner : texte attendu, 42 trouvé"),
    ("a/custom_actions/0/id", "-a", 'custom_actions[0].id : identifiant d’action attendu'),
    ("a/custom_actions/0/title", " ", "custom_actions[0].title : texte obligatoire"),
    ("a/action_edits/t.act.contract", {"owner": "x" * 201}, "action_edits.t.act.contract.owner : 200 caractères"),
    ("a/answers/t.a28.contract.signed/at", "hier", "answers.t.a28.contract.signed.at : date et heure ISO 8601"),
    ("history/0/question", "t.a32.access.vendor_only", "history[0].question : question du profil « lab »"),
    ("history/0/question", "no.such.question", "history[0].question"),
    ("history/0/at", "garbage", 'history[0].at : date et heure ISO 8601 attendues, "garbage" trouvé'),
    ("history/0/at", "9999-01-01T00:00:00", "history[0].at : date du 2000-01-01 au 2099-12-31"),
    ("history/0/new/value", "maybe", 'history[0].new.value : yes, partial, no, unknown ou na attendu'),
    ("history/0/new/note", LONG, "history[0].new.note : 20 000 caractères au plus, 20 001 trouvés"),
    # finding 12: lengths bounded where they are imported
    ("a/answers/t.a28.contract.signed/note", LONG, "answers.t.a28.contract.signed.note : 20 000 caractères au plus"),
    ("a/organisation/name", "O" * 201, "organisation.name : 200 caractères au plus, 201 trouvés"),
    ("a/custom_actions/0/title", "T" * 301, "custom_actions[0].title : 300 caractères au plus"),
    ("a/participants", [{"name": "P"}] * 101, "participants : 100 entrées au plus, 101 trouvées"),
    ("position", "p" * 201, "position : 200 caractères au plus"),
    # finding 13: ids and types
    ("a/id", "-a", 'id : identifiant d’évaluation (UUID en minuscules) attendu, "-a" trouvé'),
    ("a/previous_id", "../x", "previous_id : identifiant d’évaluation"),
    ("a/version", True, "version : cette version de Vigie lit la version 1, le fichier indique true"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD_VALUES, ids=[f"{p}={str(v)[:12]}" for p, v, _m in BAD_VALUES])
def test_bad_values_are_refused_naming_the_field(store, path, value, message):
    from wizard.typography import french

    with pytest.raises(ExchangeError) as err:
        store.import_exchange(signed(_set(path, value)), QUESTIONNAIRE)
    assert french(message) in french(str(err.value))
    assert store.list() == [] and not any(store.folder.iterdir())


def test_a_lone_surrogate_is_refused_not_a_traceback(store):
    data = signed(_set("a/answers/t.a28.contract.signed/note", "é")).replace("é".encode(), b"\\ud800", 1)
    with pytest.raises(ExchangeError) as err:
        store.import_exchange(data, QUESTIONNAIRE)
    assert "caractère invalide U+D800" in str(err.value)


def test_the_fixture_itself_passes(store):
    imported, mode = store.import_exchange(signed(lambda content, a: None), QUESTIONNAIRE)
    assert mode == "new" and store.load(imported.id).custom_actions[0].priority == "P3"


@pytest.mark.parametrize("bad", ["-a", "abc", "----", "da947cb8746a4604b1405db4b1455392"])
def test_only_uuids_name_a_file(store, bad):
    with pytest.raises(UnknownAssessment):
        store.path_of(bad)
