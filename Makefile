# cwframe — `make help` lists the targets. Needs only python3 (>= 3.11) and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.DEFAULT_GOAL := help
.PHONY: help run install dev test browser lint format golden normalise docs check bench bench-scale bench-search bench-crosswalk clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

# pip >= 25.1 reads [dependency-groups]; the venv's pip is upgraded above.
$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e . --group dev
	@touch $@ $(RUN_STAMP)

install: $(RUN_STAMP) ## create .venv and install cwframe

dev: $(DEV_STAMP) ## install cwframe with the test and lint tools

run: $(RUN_STAMP) ## install, then search the bundled corpus for "attachment"
	$(BIN)/cwframe search attachment

# The review page is tested in a real browser: Debian's chromium and chromedriver, installed
# here when missing and we may (root, as CI is); elsewhere the browser test is skipped.
browser: ## install chromium and chromium-driver for the browser test (needs root or sudo)
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing chromium and chromium-driver for the browser test"; \
	  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else echo "note: no chromium/chromedriver (apt-get install chromium chromium-driver): the browser test is skipped"; fi

test: $(DEV_STAMP) browser ## install what the tests need, run the whole suite, validate the bundled sources
	$(BIN)/cwframe validate data/raw --strict
	$(BIN)/python -m pytest -q

lint: $(DEV_STAMP) ## ruff check and format check
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(DEV_STAMP) ## apply ruff fixes and formatting
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

normalise: $(RUN_STAMP) ## regenerate data/normalised/ and docs/corpus.schema.json from data/raw/
	$(BIN)/cwframe build --raw data/raw --out data/normalised --schema docs/corpus.schema.json

golden: $(DEV_STAMP) ## rewrite the golden files under tests/golden (review the diff!)
	$(BIN)/python tests/make_golden.py

docs: $(DEV_STAMP) ## regenerate docs/cli-reference.md and docs/families.md from the code
	$(BIN)/python tests/make_docs.py

check: lint test ## what a careful contributor runs before pushing

bench: $(RUN_STAMP) ## parse and start-up benchmarks (medians and ratios)
	$(BIN)/python benchmarks/bench_foundation.py

SIZES ?= 2000 5000 20000
bench-scale: $(RUN_STAMP) ## issue #14's targets at SIZES units (writes /tmp/cwframe-nos-N once): build, latency, vs rg, crosswalk, validate
	$(BIN)/python benchmarks/bench_scale.py $(SIZES)

bench-search: $(RUN_STAMP) ## the same at 20,000 units only
	$(BIN)/python benchmarks/bench_scale.py 20000

bench-crosswalk: $(RUN_STAMP) ## crosswalk a 20,000-unit corpus onto the SDF, cold and warm
	$(BIN)/python benchmarks/make_corpus.py /tmp/cwframe-nos-20000 --units 20000
	$(BIN)/python benchmarks/bench_crosswalk.py /tmp/cwframe-nos-20000

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
