"""Every test runs offscreen, in French, with a fresh data folder of its own."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from wizard.tools.screens import use_offscreen_screens  # noqa: E402

use_offscreen_screens()  # a large primary screen, and the laptop and projector sizes beside it
os.environ.pop("VIGIE_QUESTIONNAIRE_DIR", None)
# The checked-questionnaire cache of this run (child processes too), never the user's own.
os.environ["VIGIE_CACHE_DIR"] = tempfile.mkdtemp(prefix="vigie-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
# Outside programs some tests check with; where absent those tests skip, so a run that must have
# them lists them in VIGIE_REQUIRE_TOOLS (`make test`: all; the Windows workflow: the PDF ones).
TOOLS = {"pdf": ("pdfsig", "pdftotext", "pdfinfo", "pdffonts", "pdftoppm", "qpdf"), "nss": ("certutil",),
         "spelling": ("hunspell",), "pkcs11": ("softhsm2-util", "pkcs11-tool"), "installer": ("makensis", "7z")}
FIXTURES = ROOT / "tests" / "fixtures"
MINI_QUESTIONNAIRE = FIXTURES / "questionnaires"


def pytest_sessionstart(session):
    wanted = [name.strip() for name in os.environ.get("VIGIE_REQUIRE_TOOLS", "").split(",") if name.strip()]
    unknown = [name for name in wanted if name not in TOOLS]
    missing = [tool for name in wanted if name in TOOLS for tool in TOOLS[name] if shutil.which(tool) is None]
    if unknown or missing:
        pytest.exit(f"VIGIE_REQUIRE_TOOLS: unknown {unknown}, not installed {missing}", returncode=2)


@pytest.fixture(autouse=True)
def _fresh_environment(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("VIGIE_DATA_DIR", str(data))
    monkeypatch.delenv("VIGIE_LANG", raising=False)
    for var in ("VIGIE_P12_PASSWORD", "VIGIE_IDENTITY_PASSPHRASE", "VIGIE_PKCS11_PIN", "VIGIE_STORE_PASSPHRASE"):
        monkeypatch.delenv(var, raising=False)
    from wizard import i18n

    i18n.set_language("fr")
    yield
    i18n.set_language("fr")


@pytest.fixture
def data_dir() -> Path:
    return Path(os.environ["VIGIE_DATA_DIR"])


@pytest.fixture
def mini_questionnaire_dir(monkeypatch) -> Path:
    """Point the application at the small stable questionnaire of tests/fixtures."""
    monkeypatch.setenv("VIGIE_QUESTIONNAIRE_DIR", str(MINI_QUESTIONNAIRE))
    return MINI_QUESTIONNAIRE


@pytest.fixture
def mini():
    from wizard.core.questionnaire import load_questionnaire

    return load_questionnaire(MINI_QUESTIONNAIRE)


@pytest.fixture
def read_only():
    """read_only(folder): make folder (and all it holds) unwritable until the test ends — by its
    permissions, or, as root (whom permissions do not stop), by a read-only bind mount."""
    import subprocess
    from contextlib import ExitStack

    if os.name != "posix":
        pytest.skip("a read-only folder is made with POSIX permissions or mounts")
    undo = ExitStack()

    def make(folder: Path) -> None:
        if os.geteuid() != 0:
            folders = [folder, *(p for p in folder.rglob("*") if p.is_dir())]
            for path in folders:
                path.chmod(0o555)
            undo.callback(lambda: [path.chmod(0o700) for path in folders])
            return
        mount = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
        if mount.returncode != 0:
            pytest.skip(f"root without the right to mount: {mount.stderr.decode().strip()}")
        undo.callback(lambda: subprocess.run(["umount", str(folder)], check=True))
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True, capture_output=True)

    with undo:
        yield make
