"""The core, storage, report and signing layers load no Qt: they are shared by CLI, UI and tests."""

from __future__ import annotations

import subprocess
import sys


def test_lower_layers_import_no_pyside6():
    code = (
        "import sys\n"
        "import wizard.core.questionnaire, wizard.core.flow, wizard.core.scoring, wizard.core.action_plan\n"
        "import wizard.core.answers_file, wizard.core.typography\n"
        "import wizard.storage, wizard.report, wizard.signing, wizard.service, wizard.cli\n"
        "import pkgutil, importlib, wizard\n"
        "for pkg in ('wizard.core', 'wizard.storage', 'wizard.report', 'wizard.signing'):\n"
        "    mod = importlib.import_module(pkg)\n"
        "    for info in pkgutil.walk_packages(mod.__path__, pkg + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
