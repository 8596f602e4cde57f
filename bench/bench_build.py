"""Benchmark: end-to-end build throughput against bare spaCy parsing of the same documents.

Prints sentences/s for a bare `nlp.pipe` pass and for `eventcoder.build.build`, their ratio,
the rule coder's own throughput (excluding spaCy), and peak RSS. Reads a JSONL of {id, text}
(default: ../shared/corpus/insightcrime_train.jsonl).
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from eventcoder.build import build
from eventcoder.coders import ParsedDocument
from eventcoder.coders.rules import RuleCoder
from eventcoder.ingest import document_from_text
from eventcoder.nlp import load_nlp, sentences
from eventcoder.pipeline import Pipeline

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "insightcrime_train.jsonl"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200, help="documents to use (0: all)")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus {args.corpus} not found; pass a JSONL path")
    lines = args.corpus.read_text(encoding="utf-8").splitlines()
    if args.limit:
        lines = lines[: args.limit]
    texts = [json.loads(line)["text"] for line in lines]
    nlp = load_nlp()
    coder = RuleCoder.default()
    list(nlp.parse_many(texts[:10]))  # warm-up, so neither timed pass pays for it

    start = time.perf_counter()
    n_sent = sum(len(list(doc.sents)) for doc in nlp.parse_many(texts))
    bare_s = time.perf_counter() - start

    sample = [document_from_text(t, doc_id=str(i)) for i, t in enumerate(texts[:100])]
    parses = nlp.parse_many(d.text for d in sample)
    ready = [ParsedDocument(d, tuple(sentences(d, p))) for d, p in zip(sample, parses, strict=True)]
    coder_sentences = sum(len(pd.sentences) for pd in ready)
    start = time.perf_counter()
    events = sum(len(coder.code(pd)) for pd in ready)
    coder_s = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "input.jsonl"
        subset.write_text("\n".join(lines) + "\n", encoding="utf-8")
        start = time.perf_counter()
        report = build([subset], Path(tmp) / "out", pipeline=Pipeline(nlp, coder))
        build_s = time.perf_counter() - start

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents            {len(texts)}")
    print(f"sentences            {n_sent}")
    print(f"bare spaCy           {n_sent / bare_s:8.1f} sentences/s")
    print(f"build end-to-end     {report.sentences / build_s:8.1f} sentences/s")
    print(f"ratio build/bare     {(report.sentences / build_s) / (n_sent / bare_s):8.3f}")
    print(f"rule coder alone     {coder_sentences / coder_s:8.1f} sentences/s ({events} events)")
    print(f"events in build      {report.events}")
    print(f"peak RSS             {rss_mb:8.1f} MiB")


if __name__ == "__main__":
    main()
