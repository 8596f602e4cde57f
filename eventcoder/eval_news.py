"""Scoring coders on annotated real-news sentence files: PLOVER-typed pairs and quad classes.

Two formats of sentence JSONL are read (told apart by `gold_format`):

- "plv": `{"id", "text", "pairs": [{"source", "target", "plover_type", "quad"}]}`, each pair
  a labelled event of the sentence (only the labelled pairs are gold);
- "quad": `{"id", "text", "quad"}` with, where spans were annotated, `"sources"`, `"targets"`
  and `"reciprocal"` (both sides of a symmetric event) as lists of the sentence's words.

Each sentence is coded on its own. A file is split by `gold_part(sentence_key(text))`; the
report covers one part ("train", "dev") or "all".

Figures (plv): per sentence, the set of gold PLOVER types against the set of types of the
coded events (`news_type`); per-type precision/recall/F1, their macro mean over the types with
gold or predictions, micro precision/recall; dyad accuracy: the share of gold pairs for which
an event of the pair's type was coded whose actor words overlap the gold source and whose
target words overlap the gold target.

Figures (quad): quad-class accuracy with the sentence's quad taken by `sentence_quad` (the
quad class of its first coded event that is not a statement, roots 01-02 scoring 0, no event
0) and, over the sentences with spans, source and target span precision/recall/F1: a coded
actor (target) is right when its words overlap a gold source (target) or reciprocal span.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from eventcoder.errors import InputError
from eventcoder.evaluate import Score
from eventcoder.gold import gold_part, sentence_key
from eventcoder.ingest import document_from_text
from eventcoder.pipeline import Pipeline
from eventcoder.types import Actor, CameoCode, Event

NEWS_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "AID",
    "COOPERATE",
    "YIELD",
    "ACCUSE",
    "REQUEST",
    "REJECT",
    "THREATEN",
    "ASSAULT",
    "COERCE",
    "MOBILIZE",
    "PROTEST",
    "SANCTION",
)
"""The 15 PLOVER types of the news files (PLOVER 2016 types merged as `TYPE_MERGES` says)."""

TYPE_MERGES: dict[str, str] = {
    "FIGHT": "ASSAULT",
    "CONCEDE": "YIELD",
    "RETREAT": "YIELD",
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "COOPERATION": "COOPERATE",
}

PARTS: tuple[str, ...] = ("all", "train", "dev")

STATEMENT_ROOTS = frozenset({"01", "02"})
"""CAMEO roots whose events are neutral (quad 0) in the quad file."""


def news_type(cameo: CameoCode) -> str | None:
    """The news-file type of a CAMEO code: its PLOVER 2016 type, merged; root 01 has none."""
    if cameo.root == "01":
        return None
    kind = "ASSAULT" if cameo.root == "19" else cameo.plover2016_event
    if kind is None:
        return None
    return TYPE_MERGES.get(kind, kind)


def event_quad(cameo: CameoCode) -> int:
    """An event's quad class as the quad file counts it: roots 01-02 are 0."""
    return 0 if cameo.root in STATEMENT_ROOTS else cameo.quad_class


def sentence_quad(events: Iterable[Event]) -> int:
    """The quad class of a sentence: that of its first coded event (in text order) outside
    roots 01-02; 0 when it has only statements or no event."""
    ordered = sorted(events, key=lambda e: e.candidate.trigger.start)
    for event in ordered:
        quad = event_quad(event.cameo)
        if quad:
            return quad
    return 0


@dataclass(frozen=True)
class NewsMiss:
    """A gold type (or quad) not found, or a coded one not in gold, with the sentence."""

    sentence: str
    text: str
    gold: str
    coded: str


@dataclass(frozen=True)
class SpanScore:
    """Coded actor (or target) spans against gold spans, counted on each side."""

    predicted: int = 0
    predicted_right: int = 0
    gold: int = 0
    gold_found: int = 0

    @property
    def precision(self) -> float:
        """Share of coded spans that overlap a gold span."""
        return self.predicted_right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of gold spans overlapped by a coded span."""
        return self.gold_found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float | int]:
        """Counts and rounded figures."""
        return {
            **asdict(self),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class PlvReport:
    """Figures on a PLOVER-typed pair file (one part of it)."""

    gold_file: str
    part: str
    sentences: int
    per_type: dict[str, Score]
    dyad_correct: int
    dyad_total: int
    misses: tuple[NewsMiss, ...]
    false_alarms: tuple[NewsMiss, ...]

    @property
    def micro(self) -> Score:
        """Counts over all (sentence, type) pairs."""
        scores = self.per_type.values()
        return Score(
            sum(s.tp for s in scores), sum(s.fp for s in scores), sum(s.fn for s in scores)
        )

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the types that have gold or predictions in the part."""
        scored = [s.f1 for s in self.per_type.values() if s.tp + s.fp + s.fn]
        return sum(scored) / len(scored) if scored else 0.0

    @property
    def dyad_accuracy(self) -> float:
        """Share of gold pairs coded with their type, source and target."""
        return self.dyad_correct / self.dyad_total if self.dyad_total else 0.0

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "gold_file": self.gold_file,
            "format": "plv",
            "part": self.part,
            "sentences": self.sentences,
            "type_macro_f1": round(self.macro_f1, 4),
            "type_micro": self.micro.to_json(),
            "dyad_accuracy": round(self.dyad_accuracy, 4),
            "dyads": [self.dyad_correct, self.dyad_total],
            "per_type": {k: v.to_json() for k, v in self.per_type.items()},
            "misses": [asdict(m) for m in self.misses],
            "false_alarms": [asdict(m) for m in self.false_alarms],
        }


@dataclass(frozen=True)
class QuadReport:
    """Figures on a quad-class file with source/target spans (one part of it)."""

    gold_file: str
    part: str
    sentences: int
    quad_correct: int
    confusion: dict[tuple[int, int], int]
    span_sentences: int
    source: SpanScore
    target: SpanScore
    misses: tuple[NewsMiss, ...]

    @property
    def quad_accuracy(self) -> float:
        """Share of sentences whose quad class is the gold one."""
        return self.quad_correct / self.sentences if self.sentences else 0.0

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data (confusion keyed "gold->predicted")."""
        return {
            "gold_file": self.gold_file,
            "format": "quad",
            "part": self.part,
            "sentences": self.sentences,
            "quad_accuracy": round(self.quad_accuracy, 4),
            "quad_correct": self.quad_correct,
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            "span_sentences": self.span_sentences,
            "source": self.source.to_json(),
            "target": self.target.to_json(),
            "misses": [asdict(m) for m in self.misses],
        }


def read_news(path: str | Path, part: str) -> list[dict[str, Any]]:
    """The records of a news sentence file in `part` ("all", "train" or "dev")."""
    if part not in PARTS:
        raise InputError(f"unknown part {part!r}: use one of {', '.join(PARTS)}")
    file = Path(path)
    records = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{file}:{number}: not valid JSON: {err.msg}") from err
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{file}:{number}: a news sentence record needs a 'text'")
        if part == "all" or gold_part(sentence_key(record["text"])) == part:
            records.append(record)
    return records


def _coded(pipeline: Pipeline, record: dict[str, Any], number: int) -> list[Event]:
    doc_id = str(record.get("id", f"line{number}"))
    document = document_from_text(record["text"], doc_id=doc_id, date=None)
    return list(pipeline.events(pipeline.parse(document)))


def _span(text: str, words: str) -> tuple[int, int] | None:
    """Where gold words sit in the sentence (exact, then case-folded), None if nowhere."""
    at = text.find(words)
    if at < 0:
        at = text.casefold().find(words.casefold())
    return None if at < 0 else (at, at + len(words))


def _content_words(words: str) -> set[str]:
    return {w.casefold().strip(".,'\"()") for w in words.split() if len(w) > 2}


def overlaps(text: str, actor: Actor | None, gold_words: str) -> bool:
    """Whether a coded actor's words overlap gold words of the sentence: by character span
    where the gold words are found in the text, else by a shared word of three letters."""
    if actor is None or not gold_words:
        return False
    span = _span(text, gold_words)
    if span is not None:
        return actor.start < span[1] and span[0] < actor.end
    return bool(_content_words(actor.text) & _content_words(gold_words))


def score_plv(pipeline: Pipeline, path: str | Path, part: str = "all") -> PlvReport:
    """Score a coder on a PLOVER-typed pair file (see the module docstring)."""
    records = read_news(path, part)
    counts: dict[str, Counter[str]] = {t: Counter() for t in NEWS_TYPES}
    dyad_ok = dyad_n = 0
    misses: list[NewsMiss] = []
    alarms: list[NewsMiss] = []
    for number, record in enumerate(records, start=1):
        events = _coded(pipeline, record, number)
        typed = [(news_type(e.cameo), e) for e in events]
        found = {t for t, _ in typed if t is not None}
        pairs = record.get("pairs") or []
        gold = {p["plover_type"] for p in pairs}
        coded = ", ".join(
            f"{t} {e.cameo.code} ({e.candidate.rule_id})" for t, e in typed if t is not None
        )
        key, text = str(record.get("id", number)), record["text"]
        for kind in gold | found:
            tally = counts.setdefault(kind, Counter())
            if kind in gold and kind in found:
                tally["tp"] += 1
            elif kind in gold:
                tally["fn"] += 1
                misses.append(NewsMiss(key, text, kind, coded or "none"))
            else:
                tally["fp"] += 1
                alarms.append(NewsMiss(key, text, ", ".join(sorted(gold)), f"{kind}: {coded}"))
        for pair in pairs:
            dyad_n += 1
            dyad_ok += any(
                t == pair["plover_type"]
                and overlaps(text, e.candidate.actor, pair.get("source") or "")
                and overlaps(text, e.candidate.target, pair.get("target") or "")
                for t, e in typed
            )
    per_type = {k: Score(c["tp"], c["fp"], c["fn"]) for k, c in counts.items()}
    return PlvReport(
        str(path), part, len(records), per_type, dyad_ok, dyad_n, tuple(misses), tuple(alarms)
    )


def score_quad(pipeline: Pipeline, path: str | Path, part: str = "all") -> QuadReport:
    """Score a coder on a quad-class file with spans (see the module docstring)."""
    records = read_news(path, part)
    correct = span_sentences = 0
    confusion: Counter[tuple[int, int]] = Counter()
    sides: dict[str, dict[str, int]] = {"source": Counter(), "target": Counter()}
    misses: list[NewsMiss] = []
    for number, record in enumerate(records, start=1):
        events = _coded(pipeline, record, number)
        gold_quad, quad = int(record["quad"]), sentence_quad(events)
        confusion[(gold_quad, quad)] += 1
        correct += gold_quad == quad
        text = record["text"]
        if gold_quad != quad:
            coded = ", ".join(
                f"{e.cameo.code} q{event_quad(e.cameo)} ({e.candidate.rule_id})" for e in events
            )
            misses.append(
                NewsMiss(str(record.get("id", number)), text, f"quad {gold_quad}", coded or "none")
            )
        if "sources" not in record:
            continue
        span_sentences += 1
        both = list(record.get("reciprocal") or [])
        for side, gold_words in (
            ("source", list(record.get("sources") or []) + both),
            ("target", list(record.get("targets") or []) + both),
        ):
            actors = {
                (a.start, a.end): a
                for a in (
                    e.candidate.actor if side == "source" else e.candidate.target for e in events
                )
                if a is not None
            }
            _tally_spans(sides[side], text, list(actors.values()), gold_words)
    return QuadReport(
        str(path),
        part,
        len(records),
        correct,
        dict(confusion),
        span_sentences,
        SpanScore(**sides["source"]),
        SpanScore(**sides["target"]),
        tuple(misses),
    )


def _tally_spans(counter: dict[str, int], text: str, actors: list[Actor], gold: list[str]) -> None:
    """Predicted spans overlapping a gold span are right; gold spans overlapped are found."""
    counter["predicted"] += len(actors)
    counter["predicted_right"] += sum(any(overlaps(text, a, g) for g in gold) for a in actors)
    counter["gold"] += len(gold)
    counter["gold_found"] += sum(any(overlaps(text, a, g) for a in actors) for g in gold)
