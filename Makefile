# Vigie — `make run` starts the application, `make test` runs the whole suite.
# Both install what they need first (a .venv here, Debian packages when run as root).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)


.PHONY: run test test-fast lint i18n catalogs bench package installer smoke screenshots docs clean sysdeps sysdeps-test

run: sysdeps $(STAMP) catalogs
	$(PY) -m wizard

# The suite runs on every core (pytest-xdist); `make test-fast` leaves out the kill loops and races.
PYTEST := QT_QPA_PLATFORM=offscreen VIGIE_REQUIRE_TOOLS=pdf,nss,spelling,pkcs11,installer $(PY) -m pytest -q -n auto

test: sysdeps-test $(STAMP) catalogs
	$(VENV)/bin/ruff check wizard tests build
	$(VENV)/bin/mypy
	$(PYTEST)

test-fast: $(STAMP) catalogs
	$(PYTEST) -m "not slow"

sysdeps:
	@bash build/system-deps.sh run

sysdeps-test:
	@bash build/system-deps.sh test

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,build]'
	rm -f $(VENV)/.installed-* && touch $@

catalogs: $(STAMP)
	$(PY) -m wizard.tools.catalogs compile

i18n: $(STAMP)
	$(PY) -m wizard.tools.catalogs update

docs: $(STAMP)
	$(PY) -m wizard.tools.reference_doc docs/questionnaires.md

# Every speed and memory goal in one run and one table (docs/BENCHMARKS.md); the packaged rows
# measure what build/dist holds (make package first to include them).
bench: sysdeps-test $(STAMP) catalogs
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks.run

# Both variants from one spec: the one-file executable (build/dist/vigie) and the one-folder
# application (build/dist/Vigie/); `make installer` wraps the latter (Windows: the lab PCs' setup).
package: sysdeps $(STAMP) catalogs
	$(PY) build/package.py

installer: package sysdeps-test
	$(PY) build/installer.py

screenshots: sysdeps-test $(STAMP) catalogs
	QT_QPA_PLATFORM=offscreen $(PY) -m wizard.tools.screenshots docs/screenshots

clean:
	rm -rf build/dist build/work .pytest_cache

# Build both variants, then smoke-test each built binary (not the source).
smoke: package sysdeps-test
	VIGIE_EXECUTABLE=$(CURDIR)/build/dist/vigie QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/frozen
	VIGIE_EXECUTABLE=$(CURDIR)/build/dist/Vigie/vigie QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/frozen
