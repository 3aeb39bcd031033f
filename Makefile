# houbei: two commands. `make run` serves the demo town; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOUBEI := $(BIN)/houbei
PYTEST := $(BIN)/pytest
# `make run PORT=8101 HOST=0.0.0.0`: where the development server listens. An empty HOST means
# 127.0.0.1. A HOST other than loopback is also allowed as a host name (ALLOWED_HOSTS); add the
# names people type (ALLOWED_HOSTS=192.168.1.5) when serving to other machines.
HOST ?= 127.0.0.1
override HOST := $(or $(strip $(HOST)),127.0.0.1)
PORT ?= 8000
# The address people open: 0.0.0.0 (all interfaces) is reached as 127.0.0.1 on this machine.
URL_HOST := $(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST))
URL := http://$(URL_HOST):$(PORT)/
# mypy's Django plugin and `houbei check` load the settings outside pytest: development mode
# there, so no SECRET_KEY is needed.
DEV_ENV := DEBUG=true

.PHONY: run test venv dev assets lock audit fmt lint check test-smoke test-sqlite test-postgres test-databases test-browser bench
# The stages share one virtualenv and run in order: never in parallel.
.NOTPARALLEL:

# Every package comes from the hash-locked files in requirements/ (see requirements/README.md);
# houbei itself is installed in place without fetching anything more.
LOCKED_INSTALL := $(BIN)/pip install -q --require-hashes -r
SELF_INSTALL := $(BIN)/pip install -q --no-deps --no-build-isolation -e .
LOCK := $(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --build-deps-for editable

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements/base.txt pyproject.toml | $(BIN)/python
	$(LOCKED_INSTALL) requirements/base.txt
	$(SELF_INSTALL)
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt pyproject.toml | $(BIN)/python
	$(LOCKED_INSTALL) requirements/dev.txt
	$(SELF_INSTALL)
	touch $@ $(VENV)/.installed

venv: $(VENV)/.installed
dev: $(VENV)/.installed-dev

# htmx and Chart.js from package-lock.json into src/houbei/static/vendor/ (npm ci only when stale).
assets: venv
	$(BIN)/python -m houbei.devtools.assets

run: venv assets
	$(DEV_ENV) $(HOUBEI) migrate --no-input -v 0
	$(DEV_ENV) $(HOUBEI) demo --if-empty --url $(URL)
	@echo
	@echo "houbei: $(URL)"
	@echo "Demo logins: printed by 'houbei demo' above and listed in README.md."
	@echo
	@# The background worker (houbei worker: imports and other jobs) runs beside the server and
	@# stops with it (Ctrl-C, or the end of make).
	$(DEV_ENV) $(HOUBEI) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(DEV_ENV) ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),127.0.0.1,localhost}" \
		$(HOUBEI) runserver $(HOST):$(PORT)

# Re-lock requirements/*.txt after a pin in pyproject.toml changed (needs the package registry).
lock: dev
	$(LOCK) -o requirements/base.txt pyproject.toml
	$(LOCK) --extra dev -o requirements/dev.txt pyproject.toml

# Known vulnerabilities of the locked Python and npm packages (requirements/audit-exceptions.txt).
audit: dev
	$(BIN)/python -m houbei.devtools.audit_deps

# Format and fix what ruff can (the same tools as lint and the pre-commit hooks).
fmt: dev
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

lint: dev
	$(BIN)/ruff format --check src tests
	$(BIN)/ruff check src tests
	$(DEV_ENV) $(BIN)/mypy src

check: dev
	$(DEV_ENV) $(HOUBEI) check

# The README's first command on a fresh `git clone` of HEAD, served and logged into over HTTP.
test-smoke: venv
	$(BIN)/python -m houbei.devtools.smoke

# The same suite on SQLite and on a throwaway PostgreSQL, side by side (one pass per core: the
# run takes about half as long; the file is .NOTPARALLEL, so the shell starts the second pass),
# then the browser tests. The PostgreSQL pass's output is printed after the SQLite pass's; either
# one failing fails the run. pytest's exit code 5 (no test collected) fails the run on purpose.
# Coverage is measured on the SQLite pass and reported (files below 100%, least covered first);
# it is a report, not a gate.
SQLITE_PASS = env -u DATABASE_URL $(PYTEST) -m "not browser" --cov --cov-report=term
POSTGRES_PASS = $(BIN)/python -m houbei.devtools.pgcluster -- $(PYTEST) -m "not browser"

test-sqlite: dev assets
	$(SQLITE_PASS)

test-postgres: dev assets
	$(POSTGRES_PASS)

test-browser: dev assets
	env -u DATABASE_URL $(PYTEST) -m browser

test-databases: dev assets
	@log=$$(mktemp); \
	echo '$(POSTGRES_PASS) (beside the SQLite pass)'; \
	$(POSTGRES_PASS) > $$log 2>&1 & postgres=$$!; \
	echo '$(SQLITE_PASS)'; \
	$(SQLITE_PASS); sqlite=$$?; \
	wait $$postgres; pg=$$?; \
	echo "== the PostgreSQL pass (run beside the SQLite pass)"; cat $$log; rm -f $$log; \
	test $$sqlite -eq 0 && test $$pg -eq 0

test: dev assets lint check audit test-smoke test-databases test-browser

# Every goal of docs/performance.md on a generated province (throwaway PostgreSQL and SQLite, pages
# through `houbei serve`), one line a goal: `make bench` (~15 min) or `make bench QUICK=1` (a
# county, < 3 min). Not part of `make test`.
bench: dev assets
	$(BIN)/python -m houbei.devtools.bench $(if $(QUICK),--quick)
