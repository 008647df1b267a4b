# Everything runs inside .venv, built from pyproject.toml + constraints.txt on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: help run test samples bench bench-quick ui clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP_INSTALL) -e .
	@touch $@

$(VENV)/.dev: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP_INSTALL) -e '.[dev]'
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

test: $(VENV)/.dev  ## Create the environment and run the tests
	$(BIN)/python -m pytest

samples: $(VENV)/.dev  ## Render the bundled sample replicas
	$(BIN)/python -m pipeline.replica data/samples

bench: $(VENV)/.dev  ## Benchmarks: extraction vs camelot and the text floor, builds of 25-100 reports (QUICK=1: a few)
	$(BIN)/python -m bench $(if $(QUICK),--quick)

bench-quick: $(VENV)/.dev  ## The benchmarks on a few reports, in under a minute
	$(BIN)/python -m bench --quick

clean:  ## Remove the environment and everything built
	rm -rf $(VENV) data/warehouse.duckdb data/snapshots data/raw data/staging .dagster_home/storage
