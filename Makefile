# Two commands: `make run` serves the demo desk, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000

.PHONY: run test lint venv lock screenshots

# The venv holds exactly the locked versions (requirements/dev.txt, hashes checked), with
# the stock pip of any Python from 3.11 on: the lock names every package, so no pip quirk
# about extras can leave one out. --use-pep517: jamdict-data comes only as source.
$(VENV)/.installed: requirements/dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --use-pep517 -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
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
	DJANGO_DEBUG=1 $(BIN)/lint-imports --no-cache
	$(BIN)/pytest $(PYTEST_ARGS)

# The README's pictures (docs/images/) are taken by the browser tests from the demo desk
# when FACTDESK_SCREENSHOTS is set; the other screenshots go to that folder (a scratch one
# unless given).
screenshots: venv $(AXE)
	FACTDESK_SCREENSHOTS=$${FACTDESK_SCREENSHOTS:-$$(mktemp -d)} $(BIN)/pytest -p no:cacheprovider tests/browser

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Refreshes the lock from pyproject.toml's ranges with pip-tools, kept out of the app's venv.
# Keeps every pin still allowed; `make lock LOCK_ARGS=--upgrade` moves all to the newest,
# `LOCK_ARGS="-P django"` one package. dev and semantic are held to default's versions.
# The semantic lock takes torch's CPU build (2.13.0+cpu), which pip must be able to find
# (PyTorch's CPU wheel index as an extra index, or the wheel in a find-links folder).
LOCK_VENV := .venv-lock
PIP_TOOLS := pip-tools==7.7.0
COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
	$(LOCK_ARGS)
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || \
	  { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install --quiet $(PIP_TOOLS); }
	$(COMPILE) -o requirements/default.txt pyproject.toml
	$(COMPILE) -c requirements/default.txt --extra dev -o requirements/dev.txt pyproject.toml
	$(COMPILE) -c requirements/default.txt --extra semantic -o requirements/semantic.txt pyproject.toml
	@grep -q '^torch==.*+cpu ' requirements/semantic.txt || \
	  { echo "requirements/semantic.txt: torch is not the CPU build (see above)"; exit 1; }
