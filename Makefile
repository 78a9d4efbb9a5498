# Crypty Desktop — the two commands a newcomer needs:
#   make run    set everything up and start the app
#   make test   set up what the tests need and run the whole suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
DISTSTAMP := $(VENV)/.installed-dist

.PHONY: run test lint typecheck bench bench-quick bench-peers dist clean translations

$(STAMP): pyproject.toml
	bash scripts/system-deps.sh run
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(DEVSTAMP): $(STAMP)
	bash scripts/system-deps.sh test
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

$(DISTSTAMP): $(STAMP)
	$(PY) -m pip install -q -e '.[dist]'
	touch $@

run: $(STAMP)
	$(PY) -m crypty_desktop

test: $(DEVSTAMP)
	$(VENV)/bin/ruff check crypty_desktop tests bench
	$(VENV)/bin/ruff format --check crypty_desktop tests bench
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen dbus-run-session -- bash scripts/with-keyring.sh \
		$(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

lint: $(DEVSTAMP)
	$(VENV)/bin/ruff check crypty_desktop tests bench
	$(VENV)/bin/ruff format --check crypty_desktop tests bench

typecheck: $(DEVSTAMP)
	$(VENV)/bin/mypy

bench: $(DEVSTAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run

bench-quick: $(DEVSTAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run --quick

# Crypty against Freqtrade (installed by the bench into ~/.cache/crypty-bench, never a dependency of
# the app; not run by CI): backtest time and memory, identical fills, optimiser throughput.
bench-peers: $(DEVSTAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.peer_freqtrade

# The installers: dist/crypty-desktop/ (frozen app), and on Linux a .tar.gz and a .deb.
dist: $(DISTSTAMP)
	PY=$(PY) bash scripts/build-dist.sh

# The French interface: collect the strings of gui/ into the .ts (translated in it, by hand or
# with pyside6-linguist), then compile the .qm the app loads. Commit both files.
TS := resources/translations/crypty_fr.ts
translations: $(STAMP)
	$(VENV)/bin/python scripts/translations.py $(FILL)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
