# Lumen CMS — `make help` lists the targets.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
E2E_ARGS ?= --output test-artifacts/playwright --screenshot only-on-failure --tracing retain-on-failure

.DEFAULT_GOAL := help
.PHONY: help install run port-free serve seed test test-pg test-e2e chromium lighthouse-install lighthouse lint format migrations-check check check-deploy serve-prod bench load-forms clean

help: ## List the targets
	@grep -E '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	@test -x $(BIN)/python || { echo "Creating the virtualenv $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	@total=$$(grep -cE '^[A-Za-z0-9_.-]+==' requirements.lock); log=$(VENV)/install.log; start=$$(date +%s); \
	echo "Installing $$total pinned packages from requirements.lock (first time: a minute or two; log: $$log)"; \
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off -r requirements.lock >$$log 2>&1 & pid=$$!; \
	while kill -0 $$pid 2>/dev/null; do \
	  if grep -q '^Installing collected' $$log; then step="installing"; \
	  else step="$$(grep -cE '^(Collecting|Requirement already)' $$log) of $$total fetched"; fi; \
	  [ -t 1 ] && printf '\r  %s…   ' "$$step"; sleep 1; \
	done; \
	if wait $$pid; then printf '\r  %s packages ready in %s s.          \n' "$$total" "$$(( $$(date +%s) - start ))"; \
	else printf '\n'; tail -n 25 $$log; echo "Install failed: see $$log"; exit 1; fi
	@touch $(STAMP)

install: $(STAMP) ## Create the virtualenv and install the pinned requirements

# make run serves on HOST:PORT, so links the site and its mails generate point there
# (the seed sets the site record from it) unless WAGTAILADMIN_BASE_URL is exported.
BASE_URL_HOST := $(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST))
seed run: export WAGTAILADMIN_BASE_URL ?= http://$(BASE_URL_HOST):$(PORT)

seed: install ## Migrate and load the seeded site (fills gaps only: editors' changes are kept)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_lumen_site
	$(MANAGE) ensure_dev_admin

port-free:
	@$(PYTHON) -c "import socket, sys; s = socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('$(BASE_URL_HOST)', $(PORT))) == 0)" \
	  || { echo "Port $(PORT) on $(HOST) is already in use (another server?): try make run PORT=$$(( $(PORT) + 1 ))"; exit 1; }

run: port-free seed ## Set up and serve the site on http://$(HOST):$(PORT) with the mail/task worker (PORT=8001 make run)
	@echo "Serving $$WAGTAILADMIN_BASE_URL/ (admin: $$WAGTAILADMIN_BASE_URL/admin/). Outgoing mail and task errors print below. Ctrl-C stops."
	@$(MANAGE) db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the test suite (SQLite unless DATABASE_URL is set)
	$(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

test-pg: install ## Run the test suite against the local PostgreSQL server
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/lumen $(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

chromium: ## Install Debian's Chromium for the browser tests and Lighthouse if missing
	@test -x $(CHROMIUM) || { echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive \
	  $(SUDO) apt-get install -y -o DPkg::Lock::Timeout=600 chromium; }

test-e2e: install chromium ## Browser tests: flows, axe-core at 1366 and 390 px, overflow, screenshots
	LUMEN_E2E_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -q -p no:cacheprovider -m e2e tests/e2e $(E2E_ARGS) $(PYTEST_ARGS)
	@echo "Screenshots: $(CURDIR)/test-artifacts/screenshots/"

LIGHTHOUSE_DIR := tools/lighthouse

lighthouse-install: ## Install the pinned npm lighthouse (tools/lighthouse, npm ci; node_modules not committed)
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y -o DPkg::Lock::Timeout=600 npm; }
	@test -x $(LIGHTHOUSE_DIR)/node_modules/.bin/lighthouse || npm ci --prefix $(LIGHTHOUSE_DIR) --no-audit --no-fund

lighthouse: install chromium lighthouse-install ## Lighthouse a11y, best practices, SEO on key pages (fails below 95)
	LUMEN_E2E_CHROMIUM=$(CHROMIUM) $(BIN)/python -m bench.bench_lighthouse

lint: install ## Ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Ruff fix and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install ## Fail if models and migrations disagree
	$(MANAGE) makemigrations --check --dry-run

check: lint migrations-check test ## Everything CI runs on SQLite
	$(MANAGE) check

PROD := DJANGO_SETTINGS_MODULE=lumen_cms.settings.production

check-deploy: install ## `check --deploy` on production settings (needs the production env, see README)
	$(PROD) $(MANAGE) check --deploy --fail-level WARNING

serve-prod: install ## Production: collectstatic, migrate, then gunicorn + the task worker (env: README "Production")
	$(PROD) $(MANAGE) collectstatic --noinput -v 0
	$(PROD) $(MANAGE) migrate --noinput
	@$(PROD) $(MANAGE) db_worker --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PROD) $(BIN)/gunicorn -c gunicorn.conf.py lumen_cms.wsgi

bench: install chromium lighthouse-install ## Run the benchmarks (bench/bench_*.py; local PostgreSQL and Redis); BENCH=name runs a subset
	@command -v wrk >/dev/null 2>&1 || (apt-get update && apt-get install -y wrk)
	$(BIN)/python bench/run.py $(BENCH)

load-forms: install ## 200 concurrent form posts against gunicorn; SMTP down, then up: count what arrives
	$(BIN)/python bench/run.py forms_load

clean: ## Remove the virtualenv, database, static and media files
	rm -rf $(VENV) db.sqlite3 staticfiles media
