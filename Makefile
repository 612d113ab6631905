# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The demo and the tests run with development settings, whatever the shell says.
export DEBUG := true
PORT ?= 8000

.PHONY: demo test install assets migrate seed serve lint format check pg-test screenshots clean \
	test-packages pdf-packages

$(BIN)/python:
	$(call system_packages,venv)
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

# Bootstrap comes from the npm registry, pinned by package-lock.json; served by the portal.
node_modules/.package-lock.json: package.json package-lock.json
	$(call system_packages,npm)
	npm ci --no-audit --no-fund --silent

install: $(VENV)/.installed node_modules/.package-lock.json

# Debian packages: python3-venv and npm to install the project, libpango for WeasyPrint
# (PDF documents); for the tests also Chromium
# (browser tests) and poppler-utils (pdftoppm, pdftotext, pdffonts). Missing ones are
# installed with apt-get as root or through `sudo -n` (no password prompt); otherwise the
# one apt-get line to run is printed and the tests that need them skip, naming them
# (under CI=true a skip is a failure). The documents' font ships in node_modules.
define system_packages
	@need=""; \
	for check in $(1); do \
	  case $$check in \
	    pango) ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" \
	           || need="$$need libpango-1.0-0 libpangoft2-1.0-0";; \
	    venv) $(PYTHON) -c "import ensurepip, venv" 2>/dev/null || need="$$need python3-venv";; \
	    npm) command -v npm >/dev/null 2>&1 || need="$$need nodejs npm";; \
	    chromium) [ -x /usr/bin/chromium ] || need="$$need chromium";; \
	    poppler) command -v pdftoppm >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1 \
	             || need="$$need poppler-utils";; \
	  esac; \
	done; \
	if [ -n "$$need" ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	  else sudo=no; fi; \
	  if [ "$$sudo" != no ] && echo "== Installing system packages:$$need" \
	     && $$sudo apt-get update -qq \
	     && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	          --no-install-recommends $$need; then :; \
	  else \
	    echo "== Missing system packages; the tests that need them skip. Install them with:"; \
	    echo "   sudo apt-get install -y$$need"; \
	  fi; \
	fi
endef

pdf-packages:
	$(call system_packages,pango)

test-packages:
	$(call system_packages,pango chromium poppler)

assets: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

# DEMO=true: DEBUG off as in production (the portal's own 403/404/500 pages, static files
# through WhiteNoise from `make assets`), plain http on 127.0.0.1 (portal/settings.py).
serve:
	DEMO=true $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Set up and serve the portal with fresh demo data on SQLite at http://127.0.0.1:8000
## (another port: make demo PORT=8001)
demo: install assets pdf-packages
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
	$(MAKE) --no-print-directory seed serve

## The whole test suite (SQLite by default; DATABASE_URL=postgres://... for PostgreSQL).
## pytest fails on no tests collected (exit 5) like on any failure: nothing is masked.
## collectstatic first: WhiteNoise warns (an error in the suite) without STATIC_ROOT.
test: install assets test-packages
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
