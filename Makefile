# Khabar — two commands set everything up on a fresh machine:
#   make run    install into .venv and build warehouse/khabar.lake.sqlite (+ khabar.lake/) from seeds/
#   make test   install into .venv and run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home

.PHONY: install system-deps run test test-fast test-reliability ui bench report clean-warehouse help train-ner ner-lexicon ner-embeddings ner-mined ner-dev

help:
	@echo "make run | test | ui | report | bench | clean-warehouse"

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

# Debian packages some tests need (headless Chromium for the report screenshot test). Installed when
# running as root with apt-get (CI, the dev machines); elsewhere those tests skip and say why.
system-deps:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian packages: chromium fonts-dejavu-core"; \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core) \
	    >/tmp/khabar-apt.log 2>&1 || echo "warning: chromium could not be installed (see /tmp/khabar-apt.log); screenshot tests will skip"; \
	else echo "note: chromium is not installed and this is not root: screenshot tests will skip"; fi

# The suite runs on every core (pytest-xdist; a test file stays on one worker, so module fixtures are built
# once): most tests wait on Dagster runs and subprocesses. `PYTEST_WORKERS=0 make test` runs it serially.
PYTEST_WORKERS ?= auto
PYTEST_PAR := -n $(PYTEST_WORKERS) --dist loadfile

test: install system-deps
	$(BIN)/pytest $(PYTEST_PAR)

test-fast: install
	$(BIN)/pytest $(PYTEST_PAR) -m "not slow"

test-reliability: install  # the fault-injection suite (docs/reliability.md); part of `make test`
	$(BIN)/pytest $(PYTEST_PAR) tests/reliability

ui: install  # dagster dev from $DAGSTER_HOME, quiet (khabar/ui.py)
	$(BIN)/python -m khabar.ui

report: install
	$(BIN)/khabar report

bench: install
	$(BIN)/python bench/run_all.py

clean-warehouse:
	rm -rf warehouse/*.duckdb warehouse/*.duckdb.wal warehouse/.staging warehouse/*.lock \
	  warehouse/*.lake.sqlite warehouse/*.lake.sqlite-* warehouse/*.lake warehouse/.khabar

# --- entity tagger (ner stream): retrain the committed CRF and neural network from ../shared/corpus/ner
# (a few minutes on one thread, deterministic, the same bytes on any CPU: the network is trained in numpy);
# ner-lexicon rebuilds the CRF's word clusters and frequent words and ner-embeddings the network's
# subword vectors from the ANT corpus (gensim); ner-dev prints the exact-span dev scores of the
# committed tagger (one pass; `.venv/bin/python -m pipeline.evaluate.ner --second-pass` for the
# opt-in second pass)
train-ner: install
	$(BIN)/pip install --quiet -e '.[train]'
	OMP_NUM_THREADS=1 $(BIN)/python scripts/train_ner.py

ner-embeddings: install
	$(BIN)/pip install --quiet -e '.[train]'
	OMP_NUM_THREADS=1 PYTHONHASHSEED=0 $(BIN)/python scripts/build_ner_embeddings.py

ner-lexicon: install
	$(BIN)/pip install --quiet -e '.[train]'
	$(BIN)/python scripts/build_ner_lexicon.py

# ner-mined rebuilds the names mined from the ANT corpus by their left context (pure Python,
# deterministic; model/mined_names.tsv, the tagger's M… flags when trained with --opts mined)
ner-mined: install
	$(BIN)/python scripts/build_ner_mined.py

ner-dev: install
	$(BIN)/python -m pipeline.evaluate.ner
