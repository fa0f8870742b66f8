# Khabar — two commands set everything up on a fresh machine:
#   make run    install into .venv and build warehouse/khabar.duckdb from seeds/
#   make test   install into .venv and run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home

.PHONY: install run test test-fast ui bench clean-warehouse help

help:
	@echo "make run | test | ui | bench | clean-warehouse"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 required"'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) $(DAGSTER_HOME)/dagster.yaml

$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp dagster.yaml $(DAGSTER_HOME)/dagster.yaml

run: install
	$(BIN)/khabar run

test: install
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not slow"

ui: install  # dagster dev from $DAGSTER_HOME, quiet (khabar/ui.py)
	$(BIN)/python -m khabar.ui

bench: install
	$(BIN)/python bench/run_all.py

clean-warehouse:
	rm -rf warehouse/*.duckdb warehouse/*.duckdb.wal warehouse/.staging warehouse/*.lock
