# Everything runs inside .venv, built from pyproject.toml + constraints.txt on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: help run test lint test-cluster samples bench bench-quick ui clean system-deps

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP_INSTALL) -e .
	@touch $@

$(VENV)/.dev: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP_INSTALL) -e '.[dev,cluster]'
	@touch $@ $(VENV)/.runtime

# The project's Dagster instance: run history, schedule and sensor state survive between runs.
export DAGSTER_HOME := $(CURDIR)/.dagster_home

$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	@mkdir -p $(DAGSTER_HOME)
	cp dagster.yaml $@

run: $(VENV)/.runtime $(DAGSTER_HOME)/dagster.yaml  ## Create the environment and run the pipeline on the bundled sample
	$(BIN)/ogi run

ui: $(VENV)/.runtime $(DAGSTER_HOME)/dagster.yaml  ## Dagster UI and daemon (the nightly schedule runs while it is up)
	$(BIN)/dg dev

# Tests print pages with a real browser and render Chinese text: Debian's chromium and Noto CJK;
# the cluster tests start a PostgreSQL server of their own; LibreOffice is the third producer of printed
# pages and converts Word files (.doc, .wps, .rtf, .odt) to .docx; the OCR benchmark runs Tesseract
# (chi_sim) beside RapidOCR and renders scans with poppler.
SYSTEM_DEPS := chromium fonts-noto-cjk postgresql libreoffice-writer-nogui tesseract-ocr tesseract-ocr-chi-sim poppler-utils

system-deps:  ## Install the Debian packages the tests use (chromium, fonts-noto-cjk, postgresql, libreoffice-writer-nogui, tesseract-ocr, tesseract-ocr-chi-sim, poppler-utils), when missing
	@missing=$$(for p in $(SYSTEM_DEPS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing $$missing (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
		echo "missing Debian packages: $$missing; install them with: sudo apt-get install $$missing" >&2; exit 1; \
	fi

lint: $(VENV)/.dev  ## ruff (lint and format) and the layers of the package (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Test workers (pytest-xdist): one per core; each takes whole test files. TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto

test: $(VENV)/.dev system-deps lint  ## Create the environment, install what the tests need, lint and run the tests (the cluster tests too) on every core
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

test-cluster: $(VENV)/.dev system-deps  ## Only the slow deployment tests: PostgreSQL instance, daemon, code server; pip install .
	$(BIN)/python -m pytest -m cluster

samples: $(VENV)/.dev  ## Render the bundled sample replicas
	$(BIN)/python -m pipeline.replica data/samples

bench: $(VENV)/.dev  ## Benchmarks: extraction vs camelot and the text floor, scans by OCR, builds of 25-100 reports (QUICK=1: a few)
	$(BIN)/python -m bench $(if $(QUICK),--quick)

bench-quick: $(VENV)/.dev  ## The benchmarks on a few reports, in under a minute
	$(BIN)/python -m bench --quick

clean:  ## Remove the environment and everything built
	rm -rf $(VENV) data/warehouse.duckdb data/.ogi-run.lock data/snapshots data/raw data/staging .dagster_home/storage
