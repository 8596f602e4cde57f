"""Scoring a model on the held-back sentences and choosing its threshold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventcoder.coders.labels import (
    NONE_LABEL,
    SPAN_LABELS,
    decide_root,
    label_of,
    root_probabilities,
    tag_spans,
)
from eventcoder.export import bio_spans
from eventcoder.train.records import Labelled

THRESHOLDS: tuple[float, ...] = tuple(round(0.05 * k, 2) for k in range(2, 20))


@dataclass(frozen=True)
class SpanScore:
    """Exact-match span figures for one label."""

    tp: int
    fp: int
    fn: int

    def to_json(self) -> dict[str, float | int]:
        """Counts, precision, recall and F1 (rounded)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
        }


@dataclass(frozen=True)
class HeldBackScores:
    """The model's figures on the held-back sentences."""

    sentences: int
    label_accuracy: float  # the argmax label (none or a code label) equals the first event's
    root_accuracy: float  # the best root (or none) is one of the sentence's roots (or none)
    threshold: float
    event_precision: float
    event_recall: float
    event_f1: float
    curve: dict[str, dict[str, float]]
    spans: dict[str, SpanScore]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return {
            "sentences": self.sentences,
            "label_accuracy": round(self.label_accuracy, 4),
            "root_accuracy": round(self.root_accuracy, 4),
            "threshold": self.threshold,
            "event_precision": round(self.event_precision, 4),
            "event_recall": round(self.event_recall, 4),
            "event_f1": round(self.event_f1, 4),
            "threshold_curve": self.curve,
            "spans": {k: v.to_json() for k, v in self.spans.items()},
        }


def predict(nlp: Any, docs: Sequence[Any], batch_size: int = 64) -> list[Any]:
    """The docs with the pipeline's annotations (cats and tags)."""
    return list(nlp.pipe(docs, batch_size=batch_size))


def score_held_back(
    nlp: Any, held: Sequence[tuple[Labelled, Any]], labels: Sequence[str]
) -> HeldBackScores:
    """Label and root accuracy, event figures per threshold, and span figures."""
    docs = predict(nlp, [doc.copy() for _, doc in held])
    label_ok = root_ok = 0
    probabilities: list[dict[str, float]] = []
    spans: dict[str, Counter[str]] = {label: Counter() for label in SPAN_LABELS}
    for (sentence, _), doc in zip(held, docs, strict=True):
        cats = dict(doc.cats)
        label_ok += max(cats, key=lambda k: cats[k]) == label_of(sentence.codes, labels)
        roots = root_probabilities(cats)
        probabilities.append(roots)
        predicted_root = max(roots, key=lambda r: roots[r])
        truth = sentence.roots or frozenset({NONE_LABEL})
        root_ok += predicted_root in truth
        if sentence.triggers_known:
            _tally_spans(spans, sentence, doc)
    curve = {}
    chosen = (-1.0, 0.5, 0.0, 0.0)
    for threshold in THRESHOLDS:
        tp = fp = 0
        for (sentence, _), roots in zip(held, probabilities, strict=True):
            decided = decide_root(roots, threshold)
            if decided is not None:
                if decided[0] in sentence.roots:
                    tp += 1
                else:
                    fp += 1
        events = sum(1 for s, _ in held if s.codes)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / events if events else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        curve[f"{threshold:.2f}"] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }
        if f1 > chosen[0]:
            chosen = (f1, threshold, precision, recall)
    n = max(len(held), 1)
    return HeldBackScores(
        len(held),
        label_ok / n,
        root_ok / n,
        chosen[1],
        chosen[2],
        chosen[3],
        max(chosen[0], 0.0),
        curve,
        {label: SpanScore(c["tp"], c["fp"], c["fn"]) for label, c in spans.items()},
    )


def _tally_spans(spans: dict[str, Counter[str]], sentence: Labelled, doc: Any) -> None:
    kept, _ = bio_spans(sentence.spans)
    gold = set()
    for start, end, kind in kept:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            gold.add((span.start, span.end, kind))
    found = set(tag_spans([t.tag_ or "O" for t in doc]))
    for kind in SPAN_LABELS:
        g = {s for s in gold if s[2] == kind}
        f = {s for s in found if s[2] == kind}
        spans[kind]["tp"] += len(g & f)
        spans[kind]["fp"] += len(f - g)
        spans[kind]["fn"] += len(g - f)
