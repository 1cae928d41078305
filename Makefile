# Two commands for a fresh machine: `make build` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test serve lint screenshots clean

build: $(STAMP)
	$(BIN)/site-builder build

test: $(STAMP) node_modules/.installed
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/site-builder serve

lint: $(STAMP)
	$(BIN)/ruff check site_builder tests scripts benchmarks
	$(BIN)/ruff format --check site_builder

screenshots: build
	$(BIN)/python scripts/screenshots.py output --dest screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund
	touch $@

clean:
	rm -rf output screenshots .pytest_cache
