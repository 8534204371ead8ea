# The front door: `make help` lists what is here.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core.
PYTEST_WORKERS ?= auto
# Loadgroup: the browser tests run on one worker, with one browser and one
# server; a module whose tests share pages built once runs whole on one worker.
# In collection order, which puts the browser tests first (tests/e2e/conftest.py).
PYTEST_PARALLEL = -n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder
HOST ?= 127.0.0.1
PORT ?= 8000

# Compiled modules are kept (__pycache__, git-ignored) even where the
# environment says not to write them: every process of a test run, and every
# run, imports the same modules, and would compile them all again each time.
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help install compile messages migrate demo run test test-fast screenshots lint format audit bench prod-local prod-admin

# The production set on this machine: local PostgreSQL and Redis, plain HTTP.
PG_SERVER ?= postgres://postgres@127.0.0.1:5432
PROD_DB ?= hazara_prodlocal
PROD_REDIS_URL ?= redis://127.0.0.1:6379/5
PROD_SECRET_FILE := var/prod-local/secret_key
PROD_ENV = DJANGO_SETTINGS_MODULE=settings.production \
	DATABASE_URL=$(PG_SERVER)/$(PROD_DB) REDIS_URL=$(PROD_REDIS_URL) \
	SECRET_KEY="$$(cat $(PROD_SECRET_FILE))" ALLOWED_HOSTS=127.0.0.1,localhost \
	SECURE_SSL_REDIRECT=off SERVE_MEDIA=on GUNICORN_BIND=$(HOST):$(PORT) \
	WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT)

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed ## Create the virtual environment and install the pinned requirements

# Each catalog compiled when its .po changed, as `manage.py compilemessages`
# would (msgfmt --check-format), without starting Django on every run.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

compile: install $(CATALOGS) ## Compile the Urdu and Hazaragi catalogs

%.mo: %.po
	msgfmt --check-format -o $@ $<

messages: install ## Extract every fixed string into locale/*/django.po, then compile
	$(PY) manage.py makemessages -l ur -l haz --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete
	$(MAKE) compile

migrate: compile ## Apply migrations (creates the three locales)
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo site in English, Urdu and Hazaragi (safe to repeat)
	$(PY) manage.py demo

run: demo ## Set up everything and serve the site with demo content on http://$(HOST):$(PORT)/
	$(PY) manage.py dev_admin
	$(PY) manage.py runserver $(HOST):$(PORT)

test: compile ## Run the whole test suite, on every core (DATABASE_URL=postgres://… to run it on PostgreSQL)
	$(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

test-fast: compile ## The edit-test loop: the suite without the browser tests (tests/e2e), 500 of the 10,000 hostile submissions
	HOSTILE_SUBMISSIONS=500 $(PY) -m pytest $(PYTEST_PARALLEL) --ignore=tests/e2e $(PYTEST_ARGS)

screenshots: compile ## Photograph each page type in every language at phone and desktop widths into docs/screenshots/ (Chromium)
	PHOTOGRAPHS_TO=docs/screenshots $(PY) -m pytest -p no:xdist tests/e2e/test_screenshots.py -k fits

lint: install ## Lint and check formatting with ruff
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

audit: install ## Check the installed dependencies against security advisories (pip-audit)
	$(PY) .ci/audit.py

format: install ## Format the code with ruff
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

$(PROD_SECRET_FILE):
	mkdir -p $(dir $@)
	$(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	chmod 600 $@

prod-local: compile $(PROD_SECRET_FILE) ## Production settings, gunicorn and the task worker on http://$(HOST):$(PORT)/ (local PostgreSQL and Redis)
	psql "$(PG_SERVER)/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$(PROD_DB)'" | grep -q 1 \
		|| psql "$(PG_SERVER)/postgres" -qc 'CREATE DATABASE "$(PROD_DB)"'
	$(PROD_ENV) $(PY) manage.py migrate --noinput
	$(PROD_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(PROD_ENV) $(PY) manage.py site_setup
	@echo "An admin account for this set: make prod-admin"
	$(PROD_ENV) $(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PROD_ENV) $(VENV)/bin/gunicorn -c gunicorn.conf.py

prod-admin: $(PROD_SECRET_FILE) ## Create an admin account in the prod-local database
	$(PROD_ENV) $(PY) manage.py createsuperuser

bench: compile ## Run every benchmark in benchmarks/ (needs wrk, chromium, npx, local PostgreSQL and Redis; half an hour to an hour)
	$(PY) -m benchmarks
