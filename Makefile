# eventcoder: `make demo` and `make test` are the whole set-up on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench bench-stages bench-coder model clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=python3"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24" "setuptools>=77" wheel
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	$(BIN)/python -m compileall -q eventcoder
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventcoder build seeds --out build/seeds --overwrite
	$(BIN)/eventcoder validate build/seeds

lint: $(STAMP)
	$(BIN)/ruff check eventcoder tests tools bench
	$(BIN)/ruff format --check eventcoder tests tools bench

typecheck: $(STAMP)
	$(BIN)/mypy eventcoder

unit: $(STAMP) browser
	$(BIN)/pytest -q

# Chromium from the system packages, for the report's browser test (tests/test_report.py, which
# skips without it): installed with apt-get when that is here and we are root, else a note.
.PHONY: browser
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends chromium; } || echo "note: chromium could not be installed"; \
	  else echo "note: no chromium and no apt-get as root: the report's browser test skips"; fi; }

test: lint typecheck unit

# make bench: whole commands against bare spaCy at 60 and 300 articles, start-up included, and
# a Dask LocalCluster against the local engine (bench_e2e.py, BENCH_E2E_ARGS="--rounds 3 --dask");
# the parse with eventcoder's attribute ruler and lemmatizer against spaCy's own, and whether
# they annotate alike (bench_parse.py, BENCH_PARSE_ARGS); each stage after the parse as a share of it, in CPU time (bench_stages.py); then throughput
# without start-up, 2-to-1 worker scaling and peak RSS (bench_build.py,
# BENCH_ARGS="--limit 100 --workers-list 1,2 --repeat 10", or a JSONL path)
# The package is byte-compiled first, as a wheel install does (an editable install leaves it to
# the first run, or to every run where PYTHONDONTWRITEBYTECODE is set).
BENCH_E2E_ARGS ?= --rounds 3 --dask
BENCH_PARSE_ARGS ?= --articles 100 --rounds 1
bench: $(STAMP)
	$(BIN)/python -m compileall -q eventcoder
	$(BIN)/python bench/bench_e2e.py $(BENCH_E2E_ARGS)
	$(BIN)/python bench/bench_parse.py $(BENCH_PARSE_ARGS)
	$(BIN)/python bench/bench_stages.py --cpu $(BENCH_STAGES_ARGS)
	$(BIN)/python bench/bench_build.py $(BENCH_ARGS)

# what each stage after the parse costs, as a share of the parse, and a worker's start-up:
# make bench-stages BENCH_STAGES_ARGS="--limit 300"
bench-stages: $(STAMP)
	$(BIN)/python bench/bench_stages.py $(BENCH_STAGES_ARGS)

# the rule coder alone on pre-parsed sentences: make bench-coder BENCH_CODER_ARGS="--sentences 5000"
bench-coder: $(STAMP)
	$(BIN)/python bench/bench_coder.py $(BENCH_CODER_ARGS)

# place mentions against the spaCy parse: make bench-places BENCH_PLACES_ARGS="--limit 1000"
.PHONY: bench-places
bench-places: $(STAMP)
	$(BIN)/python bench/bench_places.py $(BENCH_PLACES_ARGS)

# make model: the model coder's default model into models/default (git-ignored), from the
# InSight Crime corpus in ../shared (GPL: never shipped) coded by the rules, plus annotations/
# (hold-out files aside) and, where ../shared has them, the PETRARCH2 unit-test records as gold
# and the CAMEO.2.0 verb dictionary as template sentences (read at build time, never
# committed); fixed seed. Then: eventcoder build ... --coder ensemble:models/default
MODEL_CORPUS ?= ../shared/corpus/insightcrime_train.jsonl
MODEL_PEER ?= ../shared/peer/petrarch2
MODEL_GOLD ?= $(filter-out %holdout.jsonl,$(sort $(wildcard annotations/*.jsonl))) $(wildcard $(MODEL_PEER)/PETR.UnitTest.records.xml)
MODEL_VERBS ?= $(wildcard $(MODEL_PEER)/CAMEO.2.0.txt)
MODEL_ARGS ?= --epochs 20 --seed 0
model: $(STAMP)
	@test -f $(MODEL_CORPUS) || { echo "error: $(MODEL_CORPUS) not found; put shared/ beside the checkout or run make model MODEL_CORPUS=FILE.jsonl"; exit 1; }
	$(BIN)/eventcoder build $(MODEL_CORPUS) --out build/model-data --overwrite --no-progress
	$(BIN)/eventcoder train --data build/model-data $(addprefix --gold ,$(MODEL_GOLD)) $(addprefix --verbs ,$(MODEL_VERBS)) --out models/default --overwrite $(MODEL_ARGS)

# make model-news: the model coder for real news into models/news (git-ignored): what `make model`
# learns from plus the train part of the annotated news files of ../shared/train (their dev part
# is never learnt from; score it: eventcoder eval --gold FILE --part dev --coder ensemble:models/news),
# starting from en_core_web_sm's trained tok2vec; fixed seed.
.PHONY: model-news
NEWS_GOLD ?= ../shared/train/plv_train.jsonl ../shared/train/conflibert_cameo_train.jsonl
NEWS_ARGS ?= --epochs 6 --seed 0 --pretrained-tok2vec
model-news: $(STAMP)
	@for f in $(MODEL_CORPUS) $(NEWS_GOLD); do test -f $$f || { echo "error: $$f not found; put shared/ beside the checkout or name the files (make model-news NEWS_GOLD='A.jsonl B.jsonl' MODEL_CORPUS=FILE.jsonl)"; exit 1; }; done
	$(BIN)/eventcoder build $(MODEL_CORPUS) --out build/model-data --overwrite --no-progress
	$(BIN)/eventcoder train --data build/model-data $(addprefix --gold ,$(MODEL_GOLD) $(NEWS_GOLD)) $(addprefix --verbs ,$(MODEL_VERBS)) --out models/news --overwrite $(NEWS_ARGS)

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
