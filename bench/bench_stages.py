"""Benchmark: what each stage of coding costs beside the spaCy parse, and start-up.

Loads the default pipeline (timed: the start-up a worker pays), parses --limit documents of
a JSONL corpus with `nlp.pipe` (timed: the parse), then codes each parsed document with
`Pipeline.code_document`, timing the stages through wrappers on the loaded pipeline's parts:
the coder, ACLED typing, places, dates, row validation, and the rest (rows, event records).
Prints each stage's seconds and its share of the parse time; the target is that all stages
after the parse together cost at most 5% of it. `--cpu` times with the process's CPU clock
instead of the wall clock (steadier on a busy machine); `--profile STAGE` prints the cProfile
of one stage (coder, ACLED typing, places, dates, validation).

    .venv/bin/python bench/bench_stages.py [--limit 300] [--cpu] [--profile places] [CORPUS.jsonl]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from collections import defaultdict
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

from eventcoder.ingest import document_from_text
from eventcoder.pipeline import Pipeline, PipelineSpec

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "insightcrime_train.jsonl"


def timed(
    spent: dict[str, float],
    name: str,
    function: Callable[..., Any],
    clock: Callable[[], float] = time.perf_counter,
    profile: cProfile.Profile | None = None,
) -> Callable[..., Any]:
    """`function`, adding the seconds each call takes to spent[name] (and profiling it)."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = clock()
        if profile is not None:
            profile.enable()
        try:
            return function(*args, **kwargs)
        finally:
            if profile is not None:
                profile.disable()
            spent[name] += clock() - started

    return wrapper


def instrument(
    pipeline: Pipeline,
    spent: dict[str, float],
    clock: Callable[[], float] = time.perf_counter,
    profiled: str | None = None,
    profile: cProfile.Profile | None = None,
) -> None:
    """Wrap the pipeline's stages so that their time adds up in `spent` (the stage named
    `profiled` also under `profile`)."""

    def wrap(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        return timed(spent, name, function, clock, profile if name == profiled else None)

    pipeline.coder.code = wrap("coder", pipeline.coder.code)  # type: ignore[method-assign]
    acled = pipeline.acled
    acled.type_document = wrap("ACLED typing", acled.type_document)  # type: ignore[method-assign]
    locator = pipeline.locator
    locator.locate = wrap("places", locator.locate)  # type: ignore[method-assign]
    pipeline.dates.resolve = wrap("dates", pipeline.dates.resolve)  # type: ignore[method-assign]
    if pipeline.validator is not None:
        validator = pipeline.validator
        validator.violations = wrap("validation", validator.violations)  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--cpu", action="store_true", help="time with the process CPU clock")
    parser.add_argument("--profile", metavar="STAGE", help="print the cProfile of one stage")
    args = parser.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    with args.corpus.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in islice(handle, args.limit)]
    started = clock()
    pipeline = PipelineSpec().load()
    startup = clock() - started
    documents = [document_from_text(r["text"], str(r["id"])) for r in records]
    pipeline.code_document(documents[0])  # warm-up
    started = clock()
    parsed = list(pipeline.nlp.parse_many((d.text for d in documents), batch_size=16))
    parse = clock() - started
    spent: dict[str, float] = defaultdict(float)
    profile = cProfile.Profile() if args.profile else None
    instrument(pipeline, spent, clock, args.profile, profile)
    started = clock()
    sentences = rows = 0
    for document, doc in zip(documents, parsed, strict=True):
        result = pipeline.code_document(document, doc)
        sentences += result.sentences
        rows += len(result.rows)
    coding = clock() - started
    spent["rows and the rest"] = coding - sum(spent.values())
    print(
        f"{len(documents)} documents, {sentences} sentences, {rows} rows; "
        f"start-up (model, coder, gazetteer, ACLED): {startup:.2f} s"
    )
    print(f"parse: {parse:.2f} s ({sentences / parse:.0f} sentences/s)")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<20} {seconds:7.3f} s  {seconds / parse:6.1%} of the parse")
    print(f"  {'all after the parse':<20} {coding:7.3f} s  {coding / parse:6.1%} of the parse")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
