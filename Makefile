# Two commands do everything on a fresh machine: `make demo` and `make test`.
# Everything is installed into .venv (Python) and node_modules (GOV.UK Frontend, axe-core).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PB := $(BIN)/publicbenefit
CSS := build/static/publicbenefit/application.css

.PHONY: demo test lint audit lock bench assets install install-dev browser screenshots clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed: install python3.11 and try again"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip

# Dependencies come from the lock files, pinned with hashes (`make lock` re-pins them); the
# project itself is installed on top without resolving anything else.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/base.lock
	$(BIN)/pip install -qq --require-hashes -r requirements/base.lock
	$(BIN)/pip install -qq --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev.lock
	$(BIN)/pip install -qq --require-hashes -r requirements/dev.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

$(CSS): node_modules/.installed $(wildcard assets/scss/*.scss)
	npm run --silent build

assets: $(CSS)

install: $(VENV)/.installed assets

install-dev: $(VENV)/.installed-dev assets

## make demo: install, migrate the SQLite database, load the demo data and serve on :8000
demo: install
	$(PB) migrate --no-input -v 0
	$(PB) demo_load
	@echo ""
	@echo "Serving on http://127.0.0.1:8000 (Ctrl+C to stop)"
	$(PB) runserver 127.0.0.1:8000

## make test: lint, architecture contracts, the whole test suite (browser journeys included)
test: install-dev browser
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory audit
	$(BIN)/pytest -q -n auto --dist loadgroup

## make lint: ruff, mypy on the core, import-linter contracts, no missing migrations
lint: install-dev
	$(BIN)/ruff check src tests tools bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=publicbenefit.settings.test $(PB) makemigrations --check --dry-run -v 0

## make audit: bandit on the code (fails on high severity), the lock files against
## pyproject.toml, and pip-audit on the pinned dependencies (fails on a known vulnerability)
audit: install-dev
	$(BIN)/bandit -q -r src -x '*/tests/*' --severity-level high
	$(BIN)/python tools/supply_chain.py lock vulnerabilities

## make lock: re-pin every dependency, with hashes, after a change to pyproject.toml
LOCK_FLAGS := -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock:
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install -qq pip-tools
	build/lock-venv/bin/pip-compile $(LOCK_FLAGS) -o requirements/base.lock pyproject.toml
	build/lock-venv/bin/pip-compile $(LOCK_FLAGS) --extra dev -o requirements/dev.lock pyproject.toml
	rm -rf build/lock-venv

## make bench: the benchmarks in bench/, each against its named peer in the same run
bench: install-dev
	$(BIN)/python bench/run.py

## Debian's Chromium for the browser tests (never a downloaded browser build)
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## make screenshots: retake the screenshots in docs/ from the browser journeys
screenshots: install-dev browser
	PUBLICBENEFIT_SCREENSHOTS=docs $(BIN)/pytest -q -m browser

clean:
	rm -rf $(VENV) node_modules build var
