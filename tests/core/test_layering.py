"""The core, storage, report, exports and signing layers load no Qt: they are shared by CLI, UI and tests."""

from __future__ import annotations

import subprocess
import sys


def test_lower_layers_import_no_pyside6():
    code = (
        "import sys\n"
        "import wizard.core.questionnaire, wizard.core.flow, wizard.core.scoring, wizard.core.action_plan\n"
        "import wizard.core.answers_file, wizard.typography\n"
        "import wizard.storage, wizard.report, wizard.signing, wizard.operations.session, wizard.cli\n"
        "import pkgutil, importlib, wizard\n"
        "for pkg in ('wizard.core', 'wizard.storage', 'wizard.report', 'wizard.exports', 'wizard.signing',\n"
        "            'wizard.operations'):\n"
        "    mod = importlib.import_module(pkg)\n"
        "    for info in pkgutil.walk_packages(mod.__path__, pkg + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


# What each layer may import (besides itself): the one door is wizard.operations, the only way
# from the screens and the command line to the stored assessments, the reports and the signatures.
BASE = {"wizard", "paths", "i18n", "typography", "atomic_files"}
ALLOWED = {
    # The base modules every layer uses import only each other: i18n once reached into the core.
    "paths": {"wizard", "i18n", "typography"}, "typography": {"wizard", "i18n"},
    "atomic_files": {"wizard", "i18n"},
    "i18n": {"wizard", "paths", "typography"},
    "core": BASE,
    "storage": BASE | {"core"},
    "report": BASE | {"core"},
    "exports": BASE | {"core"},  # spreadsheets and calendars: bytes in, bytes out
    "signing": BASE | {"core", "report", "storage"},
    "settings": BASE,
    "operations": BASE | {"core", "storage", "report", "exports", "signing", "settings"},
    "ui": BASE | {"core", "operations", "settings"},
    "cli": BASE | {"core", "operations", "settings", "ui"},
}


def _imports() -> dict[str, set[str]]:
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "wizard"
    found: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        module = ".".join(path.relative_to(root.parent).with_suffix("").parts).removesuffix(".__init__")
        names = found.setdefault(module, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names if a.name.startswith("wizard"))
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("wizard"):
                names.add(node.module)
    return found


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "wizard"


def test_each_layer_imports_only_the_layers_below_it():
    wrong = sorted(f"{module} -> {target}"
                   for module, targets in _imports().items() if _layer(module) in ALLOWED
                   for target in targets
                   if _layer(target) != _layer(module) and _layer(target) not in ALLOWED[_layer(module)])
    assert wrong == []


def test_the_screens_and_the_commands_reach_storage_reports_and_signatures_only_through_the_door():
    below = ("wizard.storage", "wizard.report", "wizard.exports", "wizard.signing")
    wrong = sorted(f"{module} -> {target}" for module, targets in _imports().items()
                   if _layer(module) in ("ui", "cli") for target in targets if target.startswith(below))
    assert wrong == []
