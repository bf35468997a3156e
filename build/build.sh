#!/usr/bin/env bash
# Build the one-file executable for this platform (make package). Output: build/dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" -m wizard.tools.catalogs compile
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build/work --distpath build/dist build/vigie.spec
ls -l build/dist
