"""Benchmark: the rule coder alone, on sentences parsed once.

Reads documents from a JSONL of {id, text} (default: ../shared/corpus/insightcrime_train.jsonl),
parses them with spaCy until --sentences sentences are reached (the parse is not timed), then
times only `RuleCoder.default().code(parsed)` over every parsed document, --repeat times,
and prints sentences/s of the best pass (and of the first and the median: the first pass is
the one a build sees, since a build codes each document once). With --profile it runs one
more pass under cProfile and prints the functions with the most cumulative and internal time.

The figure is per process on one core; it excludes everything the pipeline does after the
coder (places, dates, labels, validation, rows).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "insightcrime_train.jsonl"


def parsed_documents(corpus: Path, sentences: int) -> list[Any]:
    """ParsedDocuments of the corpus's first documents, `sentences` sentences or just over."""
    from eventcoder.ingest import document_from_text
    from eventcoder.nlp import load_nlp
    from eventcoder.nlp import sentences as split_sentences
    from eventcoder.types import ParsedDocument

    nlp = load_nlp()
    parsed: list[Any] = []
    total = 0
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            if total >= sentences:
                break
            if not line.strip():
                continue
            record = json.loads(line)
            document = document_from_text(record["text"], doc_id=str(record["id"]))
            doc = ParsedDocument(
                document, tuple(split_sentences(document, nlp.parse(document.text)))
            )
            parsed.append(doc)
            total += len(doc.sentences)
    return parsed


def code_all(coder: Any, parsed: list[Any]) -> int:
    """Code every document; the number of candidates."""
    return sum(len(coder.code(doc)) for doc in parsed)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sentences", type=int, default=2000, help="sentences to code")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes (best is reported)")
    parser.add_argument("--profile", action="store_true", help="one more pass under cProfile")
    parser.add_argument("--top", type=int, default=25, help="functions listed by --profile")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus {args.corpus} not found; pass a JSONL path")

    from eventcoder.coders.rules import RuleCoder

    print(f"$ {' '.join([Path(sys.executable).name, *sys.argv])}  ({os.cpu_count()} cores)")
    clock = time.perf_counter()
    parsed = parsed_documents(args.corpus, args.sentences)
    count = sum(len(doc.sentences) for doc in parsed)
    print(
        f"parsed {len(parsed)} documents, {count} sentences of {args.corpus.name} "
        f"in {time.perf_counter() - clock:.1f} s (not timed below)"
    )
    clock = time.perf_counter()
    coder = RuleCoder.default()
    print(f"RuleCoder.default() loaded in {time.perf_counter() - clock:.2f} s (not timed below)")
    rates = []
    events = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        events = code_all(coder, parsed)
        rates.append(count / (time.perf_counter() - start))
    print(f"events coded per pass: {events}")
    print(
        f"rule coder: best {max(rates):,.0f} sentences/s, first {rates[0]:,.0f}, "
        f"median {statistics.median(rates):,.0f} ({args.repeat} passes over {count} sentences)"
    )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(code_all, coder, parsed)
        stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
