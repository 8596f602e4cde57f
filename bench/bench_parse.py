"""The parse with eventcoder's attribute ruler and lemmatizer against spaCy's own pipeline.

    .venv/bin/python bench/bench_parse.py [CORPUS.jsonl] [--articles 200] [--rounds 2]

Parses the same articles with the pipeline as its package loads it and with the one
`eventcoder.nlp.load_nlp` returns, alternating batches of 16 so that both see the same
machine, and prints the CPU seconds of each, per component too, and whether every token's
tag, part of speech, morphology, lemma, dependency, head and entity is the same.
"""

from __future__ import annotations

import argparse
import importlib
import json
import time
from pathlib import Path
from typing import Any

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

from eventcoder.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "insightcrime_train.jsonl"
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]


def read_texts(corpus: Path, articles: int) -> list[str]:
    with corpus.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line, _ in zip(lines, range(articles), strict=False)]


def per_component(pipeline: Any, texts: list[str], seconds: dict[str, float]) -> list[Any]:
    docs = [pipeline.make_doc(text) for text in texts]
    for name, component in pipeline.pipeline:
        start = time.process_time()
        docs = list(component.pipe(docs, batch_size=16))
        seconds[name] = seconds.get(name, 0.0) + time.process_time() - start
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    texts = read_texts(args.corpus, args.articles)
    fast = load_nlp()
    stock = importlib.import_module(fast.info.package).load()
    times: dict[str, dict[str, float]] = {"spaCy": {}, "eventcoder": {}}
    differ = 0
    for round_number in range(args.rounds):
        for at in range(0, len(texts), 16):
            batch = texts[at : at + 16]
            left = per_component(stock, batch, times["spaCy"])
            right = per_component(fast.pipeline, batch, times["eventcoder"])
            if round_number == 0:
                differ += sum(
                    not (a.to_array(ATTRS) == b.to_array(ATTRS)).all()
                    or [t.lemma_ for t in a] != [t.lemma_ for t in b]
                    or [str(t.morph) for t in a] != [str(t.morph) for t in b]
                    for a, b in zip(left, right, strict=True)
                )
    names = list(times["spaCy"])
    print(f"{len(texts)} articles x {args.rounds} rounds (CPU seconds)")
    print("| component | spaCy | eventcoder |")
    print("|---|---|---|")
    for name in names:
        print(f"| {name} | {times['spaCy'][name]:.2f} | {times['eventcoder'][name]:.2f} |")
    total = {key: sum(value.values()) for key, value in times.items()}
    print(f"| all | {total['spaCy']:.2f} | {total['eventcoder']:.2f} |")
    print(f"eventcoder / spaCy: {total['eventcoder'] / total['spaCy']:.3f}")
    print(f"documents annotated differently: {differ} of {len(texts)}")


if __name__ == "__main__":
    main()
