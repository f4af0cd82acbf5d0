# Reviewflow: `make run` starts the whole local system, `make test` runs the whole suite.
# Both work on a fresh Debian 12 with python3.11 as root: what is missing is installed with apt and pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install install-dev system-deps lint bench bench-quick translations clean

# A venv that really works: Debian's python3 makes a half venv without pip when python3-venv is
# missing, so that case is thrown away, python3-venv installed, and the venv made again.
$(VENV)/.created:
	@$(PYTHON) -m venv $(VENV) >/dev/null 2>&1 || { \
	  rm -rf $(VENV); echo "python3 -m venv failed: installing python3-venv"; \
	  bash scripts/system-deps.sh venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install -q --upgrade pip
	@touch $@

# Editable installs, redone only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml $(VENV)/.created
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

system-deps:
	bash scripts/system-deps.sh $(or $(DEPS),run)

# Redis is installed and started by the script only when none answers (see scripts/run_local.py).
run: install
	$(BIN)/python scripts/run_local.py

test: install-dev
	bash scripts/system-deps.sh test
	bash scripts/run_tests.sh

lint: install-dev
	$(BIN)/ruff check .

# Benchmarks print figures and assert nothing about speed; they are not part of the test suite.
# The scale, search and reports benchmarks seed 200 and 20,000 drafts (~1,000,000 comments) into throwaway
# PostgreSQL and SQLite servers they start themselves: the full run takes the better part of an hour;
# `make bench-quick` runs them on smaller sets for development.
bench: install-dev
	$(BIN)/python -m benchmarks.bench_letter
	$(BIN)/python -m benchmarks.bench_anchors
	$(BIN)/python -m benchmarks.bench_scale
	$(BIN)/python -m benchmarks.bench_search
	$(BIN)/python -m benchmarks.bench_reports

bench-quick: install-dev
	$(BIN)/python -m benchmarks.bench_letter
	$(BIN)/python -m benchmarks.bench_anchors
	$(BIN)/python -m benchmarks.bench_scale --quick
	$(BIN)/python -m benchmarks.bench_search --quick
	$(BIN)/python -m benchmarks.bench_reports --quick

# Extract the English source strings, update the lt and en catalogues, compile them (see the script).
translations: install-dev
	bash scripts/translations.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
