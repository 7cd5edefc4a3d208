# Two commands: `make run` serves the demo desk, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000

.PHONY: run test lint venv

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

AXE := tests/browser/node_modules/axe-core/axe.min.js

venv: $(VENV)/.installed

# axe-core checks pages' accessibility in the browser tests; those tests skip without it
# locally and fail without it in CI.
$(AXE): tests/browser/package.json
	@if command -v npm >/dev/null; then \
	  npm install --prefix tests/browser --no-package-lock --no-audit --no-fund --silent \
	  && touch $@; \
	else echo "npm not found: browser tests will skip their accessibility checks"; fi

# Development only: with DEBUG on, settings accept the missing DJANGO_SECRET_KEY.
# Beside the web server: the background worker (database queue, no other service) and
# the feed poll every $(FEED_MINUTES) minutes; both stop with the server.
FEED_MINUTES ?= 30
run: export DJANGO_DEBUG := 1
run: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py intake_worker & worker=$$!; \
	$(BIN)/python manage.py poll_feeds --every $(FEED_MINUTES) & poller=$$!; \
	trap 'kill $$worker $$poller 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(ADDR)

test: venv $(AXE)
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
