"""One resolver for every path: bundled data in source and frozen form, user data, portable mode."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wizard import paths


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """Pretend to be the one-file executable unpacked in a temporary folder."""
    exe_dir = tmp_path / "usb"
    exe_dir.mkdir()
    unpacked = tmp_path / "_MEI123"
    unpacked.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(unpacked), raising=False)
    monkeypatch.setattr(sys, "executable", str(exe_dir / "Vigie.exe"))
    monkeypatch.delenv("VIGIE_DATA_DIR", raising=False)
    monkeypatch.delenv("VIGIE_QUESTIONNAIRE_DIR", raising=False)
    return exe_dir, unpacked


def test_source_tree_resources_exist():
    assert (paths.questionnaires_dir() / "questionnaire.schema.json").exists()
    assert (paths.fonts_dir() / "DejaVuSans.ttf").exists()
    assert paths.locale_dir().name == "i18n"


def test_frozen_resources_come_from_the_unpack_folder(frozen):
    _, unpacked = frozen
    assert paths.bundle_root() == unpacked
    assert paths.questionnaires_dir() == unpacked / "questionnaires"
    assert paths.fonts_dir() == unpacked / "wizard" / "report" / "fonts"


def test_portable_marker_keeps_data_beside_the_executable(frozen):
    exe_dir, _ = frozen
    (exe_dir / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.user_data_dir() == exe_dir / "VigieData"
    assert (exe_dir / "VigieData").is_dir()


def test_without_marker_data_goes_to_the_platform_folder(frozen, monkeypatch, tmp_path):
    exe_dir, _ = frozen
    platform_dir = tmp_path / "platform"
    monkeypatch.setattr(paths, "_platform_data_dir", lambda: platform_dir)
    assert paths.user_data_dir() == platform_dir
    assert not (exe_dir / "VigieData").exists()


def test_explicit_folder_wins(frozen, tmp_path, monkeypatch):
    exe_dir, _ = frozen
    (exe_dir / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setenv("VIGIE_DATA_DIR", str(tmp_path / "env"))
    assert paths.user_data_dir() == tmp_path / "env"
    assert paths.user_data_dir(tmp_path / "cli") == tmp_path / "cli"


def test_source_run_is_never_portable(tmp_path, monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.portable_dir() is None
    assert Path(paths.bundle_root(), "wizard").is_dir()
