"""User settings, declared once with their type, default and translatable label.

The settings dialog is driven from SETTINGS; values live in settings.json in the data folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from wizard import paths
from wizard.atomic_files import atomic_write_bytes
from wizard.i18n import LANGUAGES, N_

FILE_NAME = "settings.json"


@dataclass(frozen=True)
class Setting:
    key: str
    label: str  # marked with N_, translated where shown
    default: Any
    choices: tuple[Any, ...] = ()


SETTINGS: tuple[Setting, ...] = (
    Setting("language", N_("Langue"), "fr", tuple(LANGUAGES)),
    Setting("text_scale", N_("Taille du texte (%)"), 100, (100, 125, 150, 175, 200)),
    Setting("auto_advance", N_("Passer à la question suivante après une réponse"), False, (False, True)),
    Setting("reopen_last", N_("Rouvrir la dernière évaluation au démarrage"), False, (False, True)),
    Setting("signer_name", N_("Nom du signataire"), ""),
    Setting("signer_role", N_("Fonction du signataire"), ""),
)


RECENT = 6  # assessments listed under « Récemment ouvertes »


@dataclass
class Settings:
    language: str = "fr"
    text_scale: int = 100
    auto_advance: bool = False
    reopen_last: bool = False
    signer_name: str = ""
    signer_role: str = ""
    # Remembered by the application, not chosen in the settings window:
    window_geometry: str = ""  # where the main window was left (Qt's saveGeometry, base64)
    export_folder: str = ""  # where the last signed plan went
    recent: list[str] = field(default_factory=list)  # ids of the assessments last opened, newest first
    demo_id: str = ""  # the demonstration assessment, told apart and removable
    # The last plan exported from each assessment: {id: {"day": "2026-11-28", "signed": true}}
    exports: dict[str, dict] = field(default_factory=dict)


def exported(settings: Settings, assessment_id: str, day: str, signed: bool) -> Settings:
    """The settings with the last export of an assessment recorded."""
    from dataclasses import replace

    return replace(settings, exports={**settings.exports, assessment_id: {"day": day, "signed": signed}})


def opened(settings: Settings, assessment_id: str) -> Settings:
    """The settings with an assessment at the head of the recently opened ones."""
    from dataclasses import replace

    recent = [assessment_id, *(a for a in settings.recent if a != assessment_id)][:RECENT]
    return replace(settings, recent=recent)


def _path(data_dir: str | Path | None) -> Path:
    return paths.user_data_dir(data_dir) / FILE_NAME


def load_settings(data_dir: str | Path | None = None) -> Settings:
    """Saved settings; a missing or unreadable file gives the defaults (it holds no user work)."""
    try:
        raw = json.loads(_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
    for name, kind in (("window_geometry", str), ("export_folder", str), ("demo_id", str)):
        if not isinstance(values.get(name, ""), kind):
            values.pop(name)
    if not (isinstance(values.get("recent", []), list) and all(isinstance(a, str) for a in values.get("recent", []))):
        values.pop("recent")
    exports = values.get("exports", {})
    if not (isinstance(exports, dict) and all(isinstance(v, dict) and isinstance(v.get("day"), str)
                                              and isinstance(v.get("signed"), bool) for v in exports.values())):
        values.pop("exports", None)
    settings = Settings(**values)
    for setting in SETTINGS:
        if setting.choices and getattr(settings, setting.key) not in setting.choices:
            setattr(settings, setting.key, setting.default)
    return settings


def save_settings(settings: Settings, data_dir: str | Path | None = None) -> None:
    data = {f.name: getattr(settings, f.name) for f in fields(Settings)}
    atomic_write_bytes(_path(data_dir), json.dumps(data, indent=2).encode("utf-8"))
