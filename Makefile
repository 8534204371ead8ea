# The front door: `make help` lists what is here.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install compile messages migrate demo run test lint format audit bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed ## Create the virtual environment and install the pinned requirements

compile: install ## Compile the Urdu and Hazaragi catalogs
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

messages: install ## Extract every fixed string into locale/*/django.po, then compile
	$(PY) manage.py makemessages -l ur -l haz --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete
	$(MAKE) compile

migrate: compile ## Apply migrations (creates the three locales)
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo site in English, Urdu and Hazaragi (safe to repeat)
	$(PY) manage.py site_setup

run: demo ## Set up everything and serve the site with demo content on http://$(HOST):$(PORT)/
	$(PY) manage.py dev_admin
	$(PY) manage.py runserver $(HOST):$(PORT)

test: compile ## Run the whole test suite (DATABASE_URL=postgres://… to run it on PostgreSQL)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install ## Lint and check formatting with ruff
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

audit: install ## Check the installed dependencies against security advisories (pip-audit)
	$(PY) .ci/audit.py

format: install ## Format the code with ruff
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .
