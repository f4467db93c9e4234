# Journey Assistant: `make run` starts the app, `make test` runs the tests.
# Both create .venv and install on first use (CPU torch first, or pip pulls a CUDA build).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check torch==2.13.0
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[all,dev,llmtest]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	JOURNEY_MODEL=$${JOURNEY_MODEL:-offline} $(BIN)/journey ui

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
