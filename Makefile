# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The demo and the tests run with development settings, whatever the shell says.
export DEBUG := true
PORT ?= 8000

.PHONY: demo test install assets migrate seed serve lint format check pg-test screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

# Bootstrap comes from the npm registry, pinned by package-lock.json; served by the portal.
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
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Set up and serve the portal with fresh demo data on SQLite at http://127.0.0.1:8000
## (another port: make demo PORT=8001)
demo: install assets
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
	$(MAKE) --no-print-directory seed serve

## The whole test suite (SQLite by default; DATABASE_URL=postgres://... for PostgreSQL).
## pytest fails on no tests collected (exit 5) like on any failure: nothing is masked.
## collectstatic first: WhiteNoise warns (an error in the suite) without STATIC_ROOT.
test: install assets
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0
	$(BIN)/pytest $(PYTEST_ARGS)

## The suite on the local PostgreSQL server (trust auth, user postgres)
pg-test:
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua $(MAKE) --no-print-directory test

## Refresh docs/screenshots/ from the browser tests
screenshots: install
	UPDATE_SCREENSHOTS=1 $(BIN)/pytest tests/browser -q

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 db.sqlite3-wal db.sqlite3-shm
