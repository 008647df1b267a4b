# Everything runs inside .venv, built from pyproject.toml + constraints.txt on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: help run test samples bench ui clean

help:  ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP_INSTALL) -e .
	@touch $@

$(VENV)/.dev: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP_INSTALL) -e '.[dev]'
	@touch $@ $(VENV)/.runtime

test: $(VENV)/.dev  ## Create the environment and run the tests
	$(BIN)/python -m pytest

samples: $(VENV)/.dev  ## Render the bundled sample replicas
	$(BIN)/python -m pipeline.replica data/samples

clean:  ## Remove the environment and everything built
	rm -rf $(VENV) data/warehouse.duckdb data/snapshots data/raw data/staging .dagster_home/storage
