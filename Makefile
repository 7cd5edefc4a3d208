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

run: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(ADDR)

test: venv $(AXE)
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
