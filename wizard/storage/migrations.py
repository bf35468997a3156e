"""Format versions of assessment files and the ordered steps that upgrade old ones.

Version 1: a bare TinyDB file (tables meta, answers, action_edits, custom_actions), the
format and version written inside the meta document.
Version 2: an envelope {format, version, id, app, sha256 | cipher…, data} whose data holds
the same tables plus history (the audit trail), and may be encrypted.
Version 3: the meta document records the content the assessment was answered on (framework,
content version, digest of its files). Every file of an earlier version was written on the
first published content, framework rgpd-sous-traitance version 2026.11 (digest not kept).
Version 4: an action edit may hold the organisation's own wording of the action's title
(« title »). Nothing to convert: the number is there so that an older Vigie, whose action
edits have no such key, says that the file is newer instead of taking it for a damaged one.

Each step takes the tables of version N and returns those of version N + 1; the store backs
the file up before writing the upgraded version. Keep a fixture of every version under
tests/fixtures/storage/ and a test that opens it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

ASSESSMENT_FORMAT = "vigie-assessment"
CURRENT_VERSION = 4
FIRST_CONTENT = {"framework": "rgpd-sous-traitance", "version": "2026.11", "digest": ""}

Tables = dict[str, dict[str, dict[str, Any]]]


def _v1_to_v2(tables: Tables) -> Tables:
    upgraded: Tables = copy.deepcopy(tables)
    for doc in upgraded.get("meta", {}).values():
        meta = dict(doc)
        meta.pop("format", None)
        meta.pop("version", None)
        meta.setdefault("created", meta.get("modified", ""))
        doc.clear()
        doc.update(meta)
    for name in ("answers", "action_edits", "custom_actions", "history"):
        upgraded.setdefault(name, {})
    return upgraded


def _v2_to_v3(tables: Tables) -> Tables:
    upgraded: Tables = copy.deepcopy(tables)
    for doc in upgraded.get("meta", {}).values():
        doc.setdefault("content", dict(FIRST_CONTENT))
    return upgraded


def _v3_to_v4(tables: Tables) -> Tables:
    return copy.deepcopy(tables)  # no edit of version 3 holds a title: nothing to convert


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def is_version_1(doc: Any) -> bool:
    """A bare TinyDB file of version 1 (no envelope)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("meta"), dict):
        return False
    metas = list(doc["meta"].values())
    return bool(metas) and isinstance(metas[0], dict) and metas[0].get("format") == ASSESSMENT_FORMAT \
        and metas[0].get("version") == 1


def upgrade(tables: Tables, version: int) -> Tables:
    """Apply every step from version to CURRENT_VERSION, in order."""
    while version < CURRENT_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
    return tables
