# Journey Assistant: `make run` starts the app, `make test` runs the tests.
# Both create .venv and install on first use (CPU torch first, or pip pulls a CUDA build).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check
STAMP  := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test

.PHONY: install run test lint bench eval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) torch==2.13.0
	$(PIP) -e '.[all,dev]'
	touch $(STAMP)

# The LLM server tests need llama.cpp (compiled once, about 8 minutes; pip caches the wheel);
# the browser test needs Debian's chromium (installed here when apt-get is available).
$(TESTSTAMP): $(STAMP)
	$(PIP) -e '.[all,dev,llmtest]'
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium) \
		|| echo "chromium could not be installed: the browser test will be skipped"
	touch $(TESTSTAMP)

install: $(STAMP)

run: $(STAMP)
	JOURNEY_MODEL=$${JOURNEY_MODEL:-offline} $(BIN)/journey ui

test: $(TESTSTAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# The full evaluation suite, offline, compared with its committed baseline.
eval: $(STAMP)
	$(BIN)/journey eval evals/suites/full.yaml --model offline --fail-on-regression

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
