"""Starting the application from the sources, as `make run` does: the window comes up with the
assessments, in Vigie's style, quits cleanly, and leaves the heavy layers for later."""

from __future__ import annotations

import os
import subprocess
import sys

from wizard.core.model import Organisation
from wizard.storage import Store

START = """
import sys
from wizard.cli.common import Context
from wizard.ui.app import make_app
from wizard.ui.main_window import MainWindow
from wizard.ui.workspace_opening import open_workspace

context = Context.create()
app = make_app(context.lang, context.data_dir)
window = MainWindow(open_workspace(context.data_dir))
window.show()
print("style", app.style().name())
print("icon", min((s.width() for s in app.windowIcon().availableSizes()), default=0))
print("rows", window.home.model.rowCount())
print("loaded", " ".join(sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY})))
"""
# Not needed to show the list: the questionnaire (YAML, JSON Schema, the model's classes),
# TinyDB (changes only), the report and signing stacks, Babel.
HEAVY = {"yaml", "jsonschema", "tinydb", "reportlab", "pyhanko", "cryptography", "babel"}


def run(code: str, data_dir, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "VIGIE_DATA_DIR": str(data_dir), **env})


def stored(data_dir, names):
    store = Store(data_dir)
    for name in names:
        store.create("lab", Organisation(name))
    store.list()  # the index, as the previous session leaves it
    store.close()


def test_the_home_window_is_built_without_the_heavy_layers(data_dir):
    stored(data_dir, ["Laboratoire A", "Laboratoire B", "Laboratoire C"])
    done = run(START.replace("{HEAVY}", repr(HEAVY)), data_dir)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) if " " in line else (line, "") for line in done.stdout.splitlines())
    assert lines["rows"] == "3"
    assert int(lines["icon"]) >= 64  # Vigie's shield in the title and task bars, not a blank icon
    assert lines["loaded"] == "", f"imported at start-up: {lines['loaded']}"


def test_the_style_is_vigies_whatever_the_environment_asks(data_dir):
    # Set on QApplication's command line (cheaper than setStyle): it must win over the
    # environment, as setStyle did.
    done = run(START.replace("{HEAVY}", "set()"), data_dir, QT_STYLE_OVERRIDE="windows")
    assert "style fusion" in done.stdout, done.stdout + done.stderr


def test_start_and_quit_from_the_command_line_exit_cleanly(data_dir):
    stored(data_dir, [f"Laboratoire {n}" for n in range(30)])
    for _round in range(3):  # an abort on quitting is what a broken binding shows first
        done = subprocess.run([sys.executable, "-m", "wizard"], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "VIGIE_DATA_DIR": str(data_dir), "VIGIE_READY_PROBE": "1"})
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.split() == ["ready", "listed"]


# Vigie's own start, with a spy on the first paint: which of Vigie's data layers are loaded by then.
FIRST_PAINT = """
import sys
import wizard.ui.app as app_module
from wizard.cli.common import Context

original = app_module.after_first_paint

def spy(window, *then):
    def painted():
        layers = sorted({m.split(".")[1] for m in sys.modules if m.startswith("wizard.") and m.count(".") >= 1})
        print("painted", window.isVisible(), " ".join(l for l in layers if l in {"storage", "operations", "core"}))
    original(window, painted, *then)

def rows():
    window = next(w for w in app_module.QApplication.topLevelWidgets() if hasattr(w, "home"))
    print("rows", window.home.model.rowCount())

app_module.after_first_paint = spy
import wizard.ui.main_window as main_window
attach = main_window.MainWindow.attach_workspace
main_window.MainWindow.attach_workspace = lambda self, ws: (attach(self, ws), rows())
sys.exit(app_module.run_gui(Context.create()))
"""


def test_the_window_is_painted_before_the_data_folder_is_opened_then_the_list_fills(data_dir):
    stored(data_dir, ["Laboratoire A", "Laboratoire B"])
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "VIGIE_DATA_DIR": str(data_dir), "VIGIE_READY_PROBE": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    # Painted with none of the data layers loaded (no storage, no operations, no core), then
    # the probe's "ready", then the folder opened and the list filled.
    assert lines == ["painted True ", "ready", "rows 2", "listed"], lines
