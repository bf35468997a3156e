"""The .vigie exchange file: one assessment, self-contained, to move between computers.

{"format": "vigie-exchange", "version": 1, "app": "0.1.0", "exported": "<ISO time>",
 "sha256": "<hex digest of the canonical JSON of content>",
 "content": {"assessment": <answers-file form: answers, notes, participants, action edits,
                            custom actions, notes>, "position": "…", "history": [<audit entries>],
             "plan_history": [<the plan's named changes>]}}

Version 2 adds the decisions of a merge to the audit trail (an entry's "merge" key, see
wizard.core.merge); version 3 the organisation's own wording of an action's title (an action
edit's "title" key). A file is written in the lowest version that holds what it carries (3 when
an action is reworded, else 2 when its trail holds a merge decision, else 1), so that every
other file stays readable by an older Vigie, and one it could not read is refused by its
version, clearly.

Reading checks everything (format, version, checksum, every entry against the questionnaire)
before anything is stored, and raises ExchangeError with a message saying what is wrong.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from wizard import __version__
from wizard.core import checks, limits
from wizard.core.answers_file import AnswersFileError, assessment_from_dict, assessment_to_dict, check_tree
from wizard.core.model import ANSWER_VALUES, Assessment
from wizard.i18n import _
from wizard.storage.crypto import canonical
from wizard.storage.errors import StorageError
from wizard.storage.tables import AUDITED, PLAN_HISTORY_KEYS
from wizard.typography import french

if TYPE_CHECKING:  # the questionnaire (YAML, JSON Schema) is not loaded to open a store
    from wizard.core.questionnaire import Questionnaire

FORMAT = "vigie-exchange"
VERSION = 3
SUFFIX = ".vigie"
MAX_BYTES = limits.FILE_BYTES  # far above any real assessment; refuses absurd files early


class ExchangeError(StorageError):
    """The file cannot be imported; nothing was stored."""


def export_bytes(assessment: Assessment, history: list[dict[str, Any]],
                 plan_history: list[dict[str, Any]] | None = None) -> bytes:
    content = {"assessment": assessment_to_dict(assessment), "position": assessment.position,
               "history": history}
    if plan_history:  # absent when empty: the file reads the same in a Vigie without it
        content["plan_history"] = plan_history
    version = _version_for(assessment, history)
    doc = {"format": FORMAT, "version": version, "app": __version__,
           "exported": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
           "sha256": hashlib.sha256(canonical(content)).hexdigest(), "content": content}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def _version_for(assessment: Assessment, history: list[dict[str, Any]]) -> int:
    """The lowest version of the format that holds all the file carries."""
    if any(edit.title is not None for edit in assessment.action_edits.values()):
        return 3
    return 2 if any("merge" in entry for entry in history) else 1


def _fail(message: str, merging: bool) -> ExchangeError:
    template = _("Fichier d’échange invalide : {detail}. Rien n’a été fusionné.") if merging else \
        _("Fichier d’échange invalide : {detail}. Rien n’a été importé.")
    return ExchangeError(french(template).format(detail=message))


def _unreadable_json(exc: ValueError) -> str:
    """Where the JSON breaks off, in the user's words (the parser's own are English)."""
    if isinstance(exc, json.JSONDecodeError):
        return _("JSON illisible ou fichier tronqué (ligne {line}, colonne {column})").format(
            line=exc.lineno, column=exc.colno)
    return _("JSON illisible ou fichier tronqué")


def read_exchange(raw: bytes, questionnaire: Questionnaire, *, merging: bool = False
                  ) -> tuple[Assessment, list[dict[str, Any]], list[dict[str, Any]]]:
    """The assessment, the answers' audit trail and the plan's of a .vigie file, fully checked;
    raises ExchangeError (saying that nothing was merged when merging, else imported)."""
    if len(raw) > MAX_BYTES:
        raise _fail(_("fichier trop volumineux ({size} octets)").format(size=len(raw)), merging)
    try:
        doc = json.loads(raw.decode("utf-8"))
        check_tree(doc)
    except UnicodeDecodeError:
        raise _fail(_("ce n’est pas un fichier Vigie (contenu binaire ou encodage inconnu)"), merging) from None
    except AnswersFileError as exc:  # a text that cannot be written back, a structure too deep
        raise _fail(str(exc), merging) from None
    except ValueError as exc:
        raise _fail(_unreadable_json(exc), merging) from None
    except RecursionError:
        raise _fail(_("structure trop imbriquée"), merging) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _fail(_("ce n’est pas un fichier d’échange Vigie (.vigie)"), merging)
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _fail(_("version de format absente"), merging)
    if version > VERSION:
        newer = _("Ce fichier a été exporté par Vigie {app} (format {version}) ; cette version lit jusqu’au "
                  "format {current}. Installez Vigie {app} ou plus récent. Rien n’a été fusionné.") if merging else \
            _("Ce fichier a été exporté par Vigie {app} (format {version}) ; cette version lit jusqu’au format "
              "{current}. Installez Vigie {app} ou plus récent. Rien n’a été importé.")
        raise ExchangeError(french(newer).format(app=doc.get("app", "?"), version=version, current=VERSION))
    if version < 1:
        raise _fail(_("version de format invalide"), merging)
    content, digest = doc.get("content"), doc.get("sha256")
    if not isinstance(content, dict) or not isinstance(digest, str):
        raise _fail(_("contenu ou somme de contrôle absent"), merging)
    if hashlib.sha256(canonical(content)).hexdigest() != digest:
        raise _fail(french(_("la somme de contrôle ne correspond pas : le fichier a été modifié ou abîmé")), merging)
    try:
        assessment = assessment_from_dict(content.get("assessment"), questionnaire)
        assessment.position = checks.text(content.get("position", ""), "position", limits.POSITION)
        history = _history(content.get("history", []), questionnaire, assessment.profile)
        plan_history = _plan_history(content.get("plan_history", []))
    except AnswersFileError as exc:
        raise _fail(str(exc), merging) from None
    return assessment, history, plan_history


_HISTORY_KEYS = {"question", "at", "by", "old", "new"}
_MERGE_KEYS = {"kept", "rule", "copy", "other", "other_by", "other_at"}


def _history(raw: Any, questionnaire: Questionnaire, profile: str) -> list[dict[str, Any]]:
    """The audit trail: entries for this profile's questions, real answers, real moments."""
    if not isinstance(raw, list):
        raise AnswersFileError(_("history : liste attendue, {got} trouvé").format(got=checks.got(raw)))
    known = {q.id for q in questionnaire.for_profile(profile).questions}
    out = []
    for i, entry in enumerate(raw):
        where = f"history[{i}]"
        if not isinstance(entry, dict) or set(entry) - {"merge"} != _HISTORY_KEYS:
            raise AnswersFileError(_("{where} : objet avec les clés {keys} attendu").format(
                where=where, keys=", ".join(sorted(_HISTORY_KEYS))))
        if not isinstance(entry["question"], str) or entry["question"] not in known:
            raise AnswersFileError(_("{where}.question : question du profil « {profile} » attendue, {got} trouvé")
                                   .format(where=where, profile=profile, got=checks.got(entry["question"])))
        checks.moment(entry["at"], f"{where}.at", required=True)
        checks.text(entry["by"], f"{where}.by", limits.NAME)
        for side in ("old", "new"):
            _audited(entry[side], f"{where}.{side}")
        kept = {k: entry[k] for k in ("question", "at", "by", "old", "new")}
        if "merge" in entry:
            kept["merge"] = _merge_decision(entry["merge"], f"{where}.merge")
        out.append(kept)
    return out


def _merge_decision(value: Any, where: str) -> dict[str, Any]:
    """What a merge decided for one question: the version kept, by which rule, from which copy,
    and the version set aside (who gave it, when)."""
    if not isinstance(value, dict) or set(value) != _MERGE_KEYS:
        raise AnswersFileError(_("{where} : objet avec les clés {keys} attendu").format(
            where=where, keys=", ".join(sorted(_MERGE_KEYS))))
    checks.choice(value["kept"], f"{where}.kept", ("mine", "theirs"))
    checks.choice(value["rule"], f"{where}.rule", ("chosen", "mine", "theirs", "newest"))
    checks.text(value["copy"], f"{where}.copy", limits.NAME)
    _audited(value["other"], f"{where}.other")
    checks.text(value["other_by"], f"{where}.other_by", limits.NAME)
    checks.moment(value["other_at"], f"{where}.other_at")
    return {k: value[k] for k in sorted(_MERGE_KEYS)}


def _audited(value: Any, where: str) -> None:
    """None (no answer) or the audited fields of an answer (storage.tables.AUDITED)."""
    if value is None:
        return
    if not isinstance(value, dict) or not set(value) <= set(AUDITED) or "value" not in value:
        raise AnswersFileError(_("{where} : null ou objet {keys} attendu").format(
            where=where, keys=", ".join(AUDITED)))
    checks.choice(value["value"], f"{where}.value", ANSWER_VALUES)
    for name in ("note", "justification", "evidence"):  # None: a field older files did not have
        checks.optional_text(value.get(name), f"{where}.{name}", limits.TEXT)
    if value.get("review") is not None:
        checks.flag(value["review"], f"{where}.review")


_PLAN_FIELDS = ("owner", "due", "status", "priority", "note")


def _plan_history(raw: Any) -> list[dict[str, Any]]:
    """The plan's audit trail: named changes, each field change with its stored values."""
    if not isinstance(raw, list):
        raise AnswersFileError(_("plan_history : liste attendue, {got} trouvé").format(got=checks.got(raw)))
    out = []
    for i, entry in enumerate(raw):
        where = f"plan_history[{i}]"
        if not isinstance(entry, dict) or set(entry) != set(PLAN_HISTORY_KEYS):
            raise AnswersFileError(_("{where} : objet avec les clés {keys} attendu").format(
                where=where, keys=", ".join(sorted(PLAN_HISTORY_KEYS))))
        checks.moment(entry["at"], f"{where}.at", required=True)
        checks.text(entry["by"], f"{where}.by", limits.NAME)
        checks.text(entry["operation"], f"{where}.operation", limits.NAME)
        checks.text(entry["source"], f"{where}.source", limits.NAME)
        changes = entry["changes"]
        if not isinstance(changes, list):
            raise AnswersFileError(_("{where}.changes : liste attendue, {got} trouvé").format(
                where=where, got=checks.got(changes)))
        for j, change in enumerate(changes):
            here = f"{where}.changes[{j}]"
            if not isinstance(change, dict) or set(change) != {"action", "field", "old", "new"}:
                raise AnswersFileError(_("{where} : objet avec les clés {keys} attendu").format(
                    where=here, keys="action, field, new, old"))
            checks.action_id(change["action"], f"{here}.action")
            checks.choice(change["field"], f"{here}.field", _PLAN_FIELDS)
            for side in ("old", "new"):
                checks.text(change[side], f"{here}.{side}", limits.TEXT)
        out.append({k: entry[k] for k in PLAN_HISTORY_KEYS})
    return out
