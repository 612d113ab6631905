# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DEBUG ?= true

.PHONY: demo test install assets migrate seed serve lint format pg-test bench-rush clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

install: $(VENV)/.installed node_modules/.package-lock.json

assets: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

serve:
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## Set up and serve the portal with demo data on SQLite at http://127.0.0.1:8000
demo: install assets
	rm -f db.sqlite3
	$(MAKE) --no-print-directory seed serve

## The whole test suite (SQLite by default; DATABASE_URL=postgres://... for PostgreSQL)
test: install assets
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0
	$(BIN)/pytest $(PYTEST_ARGS)

pg-test:
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua $(MAKE) --no-print-directory test

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
