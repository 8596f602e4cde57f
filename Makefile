# eventcoder: `make demo` and `make test` are the whole set-up on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=python3"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24" "setuptools>=77" wheel
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventcoder build seeds --out build/seeds --overwrite
	$(BIN)/eventcoder validate build/seeds

lint: $(STAMP)
	$(BIN)/ruff check eventcoder tests tools bench
	$(BIN)/ruff format --check eventcoder tests tools bench

typecheck: $(STAMP)
	$(BIN)/mypy eventcoder

unit: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck unit

# make bench BENCH_ARGS="--limit 100 --workers-list 1,2 --repeat 10" (or a JSONL path)
bench: $(STAMP)
	$(BIN)/python bench/bench_build.py $(BENCH_ARGS)

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
