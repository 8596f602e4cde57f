"""Benchmark: place mentions against the spaCy parse they need, on the same documents.

Reads a JSONL of {id, text} (default: ../shared/corpus/insightcrime_train.jsonl; --limit N
documents, default 1000, repeated in order when the file holds fewer), loads the pipeline
once (model, gazetteer from its cache), parses every text with `nlp.parse_many` (batch size
16, as the build), and times separately:

- parse: the spaCy parse of all documents;
- places: `Locator.mentions` on the parsed documents (finding names, evidence, context,
  resolution, demonyms), i.e. what `eventcoder places` adds to the parse.

Each pass runs --rounds times (default 3); the figures are the best and the median. Start-up
(imports, model and gazetteer loading, a warm-up document) is excluded. The claim checked:
places cost less than the parse.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from eventcoder.ingest import document_from_text
from eventcoder.pipeline import PipelineSpec

DEFAULT_INPUT = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "insightcrime_train.jsonl"
)


def _texts(path: Path, limit: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                rows.append((str(record.get("id", len(rows))), str(record["text"])))
    if not rows:
        raise SystemExit(f"{path} holds no documents")
    return [rows[k % len(rows)] for k in range(limit)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input", nargs="?", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not args.input.exists():
        raise SystemExit(f"{args.input} not found: give a JSONL of {{id, text}}")
    rows = _texts(args.input, args.limit)
    pipeline = PipelineSpec().load()
    documents = [document_from_text(text, doc_id=f"{i}-{k}") for k, (i, text) in enumerate(rows)]
    pipeline.locator.mentions(pipeline.parse(documents[0]))  # warm-up
    parse_times: list[float] = []
    place_times: list[float] = []
    mentions = 0
    for _ in range(args.rounds):
        start = time.perf_counter()
        docs = list(pipeline.nlp.parse_many(d.text for d in documents))
        parse_times.append(time.perf_counter() - start)
        parsed = [pipeline.parse(d, s) for d, s in zip(documents, docs, strict=True)]
        start = time.perf_counter()
        mentions = sum(len(pipeline.locator.mentions(p)) for p in parsed)
        place_times.append(time.perf_counter() - start)
    n = len(documents)
    for name, times in (("parse", parse_times), ("places", place_times)):
        best, median = min(times), statistics.median(times)
        print(f"{name:7s} best {best:7.2f} s ({n / best:7.1f} docs/s)  median {median:7.2f} s")
    ratio = min(place_times) / min(parse_times)
    print(f"{n} documents, {mentions} place mentions; places cost {ratio:.1%} of the parse")


if __name__ == "__main__":
    main()
