"""The one place that knows where things are.

Bundled data (questionnaires, catalogs, fonts) lives in the source tree or, in a frozen
executable, in PyInstaller's unpack folder. User data lives in the platform's data folder,
in a folder given by --data-dir / VIGIE_DATA_DIR, or next to the executable in portable mode.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Vigie"
PORTABLE_MARKER = "vigie-portable.txt"
LOCATION_FILE = "data-folder.txt"  # in the platform folder: the data folder chosen in the settings


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def bundle_root() -> Path:
    """Folder holding questionnaires/, i18n/ and the package's own data."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def questionnaires_dir() -> Path:
    """The bundled questionnaire, or the folder named by VIGIE_QUESTIONNAIRE_DIR (custom content)."""
    override = os.environ.get("VIGIE_QUESTIONNAIRE_DIR")
    return Path(override) if override else bundle_root() / "questionnaires"


def locale_dir() -> Path:
    """Compiled gettext catalogs: <dir>/<lang>/LC_MESSAGES/wizard.mo."""
    return bundle_root() / "i18n"


def window_icon() -> Path:
    """The icon of every window (the title bar, the task bar); drawn by build/make_icon.py."""
    return bundle_root() / "wizard" / "ui" / "icons" / "vigie.png"


def guide_dir() -> Path:
    """The guides, in Markdown, one folder per language (docs/guide/fr, docs/guide/en)."""
    return bundle_root() / "docs" / "guide"


def fonts_dir() -> Path:
    """The fonts shipped with the app: a frozen .exe cannot rely on the system's."""
    return bundle_root() / "wizard" / "report" / "fonts"


def portable_dir() -> Path | None:
    """The folder beside the executable when the portable marker sits there."""
    if not is_frozen():
        return None
    here = Path(sys.executable).resolve().parent
    return here / "VigieData" if (here / PORTABLE_MARKER).exists() else None


class DataFolderError(OSError):
    """The data folder asked for cannot be one; the message (for the user) says which and why."""


def data_folder_problem(path: Path, exc: OSError | ValueError) -> str:
    """Why path cannot serve as the data folder, in the user's words."""
    import errno

    from wizard.i18n import _
    from wizard.typography import french

    code = exc.errno if isinstance(exc, OSError) else None
    if path.exists() and not path.is_dir():
        reason = _("c’est un fichier, pas un dossier")
    elif code == errno.ENOTDIR:
        reason = _("un élément du chemin est un fichier, pas un dossier")
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = _("accès refusé")
    elif code == errno.ENOENT:
        reason = _("ce chemin ne peut pas être créé")
    else:
        reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
    return french(_("{folder} ne peut pas servir de dossier de données : {reason}.")).format(
        folder=path, reason=reason)


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where assessments, identities and settings live, created on demand (DataFolderError
    when the path cannot be a folder)."""
    chosen = override or os.environ.get("VIGIE_DATA_DIR")
    if chosen:
        path = Path(chosen).expanduser()
    else:
        path = portable_dir() or chosen_data_dir() or _platform_data_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as exc:
        if not path.is_dir():
            raise DataFolderError(data_folder_problem(path, exc)) from None
    return path


def cache_dir() -> Path:
    """Data Vigie can rebuild at any time (the checked questionnaire); beside the data in
    portable mode, so that a USB key leaves nothing on the computers it visits."""
    chosen = os.environ.get("VIGIE_CACHE_DIR")
    if chosen:
        return Path(chosen).expanduser()
    portable = portable_dir()
    if portable is not None:
        return portable / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def location_file() -> Path:
    """The file naming the data folder the user chose in the settings (read at start-up)."""
    return _platform_data_dir() / LOCATION_FILE


def chosen_data_dir(pointer: Path | None = None) -> Path | None:
    try:
        text = (pointer or location_file()).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(text) if text else None


def _platform_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)
