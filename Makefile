# Reviewflow: `make run` starts the whole local system, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install install-dev system-deps lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-dev: $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'

system-deps:
	bash scripts/system-deps.sh $(DEPS)

run: install
	DEPS=run bash scripts/system-deps.sh run
	$(BIN)/python scripts/run_local.py

test: install-dev
	bash scripts/system-deps.sh test
	bash scripts/run_tests.sh

lint: install-dev
	$(BIN)/ruff check .
