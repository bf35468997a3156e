# Runtime hook of the frozen executables, in place of PyInstaller's for PySide6: the same Qt
# plugin path, without importing PySide6.QtCore at every start. PyInstaller's hook imports it to
# check for an embedded qt.conf that PySide6's wheels make themselves; that loaded Qt, ICU and
# the bindings (60 ms) before `vigie --version` or any other command that shows no window.
import os
import sys


def _qt_paths() -> None:
    base = os.path.join(sys._MEIPASS, "PySide6") if sys.platform == "win32" else os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(base, "plugins")


_qt_paths()
del _qt_paths
