"""Benchmark: coding throughput of the rule coder, the model coder and the ensemble.

On the same documents, with the same spaCy pipeline, in one process, for each coder spec
(default `rules`, `model:MODEL_DIR`, `ensemble:MODEL_DIR`):

- **coder only**: `coder.code(parsed)` over documents parsed once beforehand (what the coder
  itself costs: for the model, building a Doc per sentence, its tok2vec/tagger/textcat, and
  actor resolution);
- **end to end**: `Pipeline.code_document` (parse, code, places, dates, rows, validation),
  the per-document work of `eventcoder build` with one worker.

Loading (model, lexicons, gazetteer) and a warm-up on the first documents are excluded.
Coders alternate within each round; the figures are the median over `--rounds` rounds of
sentences per second (wall clock) and per CPU-second (this process's user + system time),
with each coder's ratio to the first coder's. The 1-minute load average is printed before
and after, since the machine may be shared.

    .venv/bin/python bench/bench_coders.py [--model-dir models/default] [--limit 100]
        [--rounds 3] [CORPUS.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "insightcrime_train.jsonl"
WARM_DOCS = 3


def _documents(path: Path, limit: int) -> list[Any]:
    from eventcoder.ingest import document_from_text

    docs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and len(docs) < limit:
                record = json.loads(line)
                docs.append(document_from_text(record["text"], doc_id=str(record["id"])))
    return docs


def _cpu() -> float:
    times = os.times()
    return times.user + times.system


def _timed(work: Any) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), _cpu()
    work()
    return time.perf_counter() - wall, _cpu() - cpu


def main() -> None:
    """Parse the arguments, run the rounds and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--model-dir", default=str(ROOT / "models" / "default"))
    parser.add_argument("--coders", default=None, help="comma-separated specs (default: all)")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_file():
        raise SystemExit(f"corpus {args.corpus} not found; pass a JSONL of {{id, text}}")
    specs = (args.coders or f"rules,model:{args.model_dir},ensemble:{args.model_dir}").split(",")

    from eventcoder.coders.registry import get_coder
    from eventcoder.nlp import load_nlp
    from eventcoder.pipeline import Pipeline

    print(f"load average before: {os.getloadavg()[0]:.2f}")
    nlp = load_nlp()
    docs = _documents(args.corpus, args.limit)
    pipelines = {spec: Pipeline(nlp, get_coder(spec)) for spec in specs}
    first = pipelines[specs[0]]
    for pipeline in pipelines.values():  # warm-up: lazy tables, first batches
        for doc in docs[:WARM_DOCS]:
            pipeline.code_document(doc)
    parsed = [first.parse(doc) for doc in docs]
    sentences = sum(len(p.sentences) for p in parsed)
    print(f"{len(docs)} documents, {sentences} sentences, {args.rounds} rounds")
    coder_only: dict[str, list[tuple[float, float]]] = {s: [] for s in specs}
    end_to_end: dict[str, list[tuple[float, float]]] = {s: [] for s in specs}
    for _ in range(args.rounds):
        for spec, pipeline in pipelines.items():
            coder = pipeline.coder
            coder_only[spec].append(_timed(lambda c=coder: [c.code(p) for p in parsed]))
            end_to_end[spec].append(
                _timed(lambda p=pipeline: [p.code_document(doc) for doc in docs])
            )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    for title, table in (("coder only", coder_only), ("end to end", end_to_end)):
        print(f"\n{title}: sentences/s (wall), sentences/CPU-s, ratio to {specs[0]}")
        base = None
        for spec in specs:
            wall = statistics.median(sentences / w for w, _ in table[spec])
            cpu = statistics.median(sentences / c for _, c in table[spec] if c > 0)
            lo = min(sentences / w for w, _ in table[spec])
            hi = max(sentences / w for w, _ in table[spec])
            base = base or (wall, cpu)
            print(
                f"  {spec:<40} {wall:9.1f} ({lo:.1f}-{hi:.1f})  {cpu:9.1f}  "
                f"x{wall / base[0]:.2f} wall, x{cpu / base[1]:.2f} CPU"
            )


if __name__ == "__main__":
    main()
