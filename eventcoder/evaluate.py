"""Scoring coders against gold annotations (the project's annotation JSONL).

Returns an EvalReport with precision/recall/F1 at three levels, per-root and per-category
breakdowns, and the misses and false alarms with the rules that fired; and, where gold events
carry a location (location_country and/or latitude/longitude), location figures: country
correct, within 50 km, median error.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.coders.base import own_codes_variant
from eventcoder.gold import GoldEvent, GoldSentence, GoldSet, gold_part
from eventcoder.ingest import document_from_text
from eventcoder.pipeline import Pipeline
from eventcoder.places.distance import distance_km
from eventcoder.types import Actor, CameoCode, Document, Place, Sentence

Key = tuple[str | None, str | None, str]
WITHIN_KM = 50.0


@dataclass(frozen=True)
class Score:
    """Counts and precision/recall/F1."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 0 when there is no gold."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float | int]:
        """Counts and rounded figures."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Mismatch:
    """A missed gold event or a false alarm, with where it is and (for alarms) the rule."""

    sentence: str
    text: str
    event: str
    rule_id: str | None = None


@dataclass(frozen=True)
class LocationScore:
    """Location figures over the gold events that carry a location.

    `events`: gold events with a location; `located`: of those, the ones whose matched
    predicted event has a place. Country accuracy is over the gold events with a country,
    within-50-km over those with coordinates (an event with no prediction or no predicted
    coordinates counts as wrong); the median error is over the pairs that both have
    coordinates.
    """

    events: int = 0
    located: int = 0
    country_total: int = 0
    country_correct: int = 0
    coord_total: int = 0
    within_km: int = 0
    errors_km: tuple[float, ...] = ()

    @property
    def country_accuracy(self) -> float:
        """Share of gold countries predicted correctly; 0 when there are none."""
        return self.country_correct / self.country_total if self.country_total else 0.0

    @property
    def within_rate(self) -> float:
        """Share of gold coordinates with a prediction within 50 km; 0 when there are none."""
        return self.within_km / self.coord_total if self.coord_total else 0.0

    @property
    def median_error_km(self) -> float | None:
        """Median distance between gold and predicted coordinates, None without pairs."""
        return statistics.median(self.errors_km) if self.errors_km else None

    def add(self, other: LocationScore) -> LocationScore:
        """The sum of two scores."""
        return LocationScore(
            self.events + other.events,
            self.located + other.located,
            self.country_total + other.country_total,
            self.country_correct + other.country_correct,
            self.coord_total + other.coord_total,
            self.within_km + other.within_km,
            self.errors_km + other.errors_km,
        )

    def to_json(self) -> dict[str, Any]:
        """Counts and rounded figures."""
        median = self.median_error_km
        return {
            "events": self.events,
            "located": self.located,
            "country_total": self.country_total,
            "country_correct": self.country_correct,
            "country_accuracy": round(self.country_accuracy, 4),
            "coord_total": self.coord_total,
            "within_50km": self.within_km,
            "within_50km_rate": round(self.within_rate, 4),
            "median_error_km": None if median is None else round(median, 1),
        }


@dataclass(frozen=True)
class LocationMiss:
    """A gold location the prediction got wrong: wrong country, over 50 km off, or none."""

    sentence: str
    text: str
    event: str
    gold: str
    predicted: str | None
    error_km: float | None = None


@dataclass
class EvalReport:
    """Figures at three levels plus breakdowns and the lists of errors."""

    gold_file: str
    sentences: int
    levels: dict[str, Score]
    per_root: dict[str, Score]
    per_category: dict[str, Score]
    misses: list[Mismatch] = field(default_factory=list)
    false_alarms: list[Mismatch] = field(default_factory=list)
    misaligned: list[str] = field(default_factory=list)
    locations: LocationScore | None = None
    locations_per_category: dict[str, LocationScore] = field(default_factory=dict)
    location_misses: list[LocationMiss] = field(default_factory=list)
    exact: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def exact_rate(self) -> float:
        """Share of sentences coded exactly: the same set of (actor, target, code) triples."""
        done, total = self.exact.get("all", (0, 0))
        return done / total if total else 0.0

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "gold_file": self.gold_file,
            "sentences": self.sentences,
            "exact": {k: {"exact": e, "sentences": n} for k, (e, n) in self.exact.items()},
            "levels": {k: v.to_json() for k, v in self.levels.items()},
            "per_root": {k: v.to_json() for k, v in self.per_root.items()},
            "per_category": {k: v.to_json() for k, v in self.per_category.items()},
            "misses": [asdict(m) for m in self.misses],
            "false_alarms": [asdict(m) for m in self.false_alarms],
            "misaligned": self.misaligned,
            "locations": None
            if self.locations is None
            else {
                **self.locations.to_json(),
                "per_category": {k: v.to_json() for k, v in self.locations_per_category.items()},
                "misses": [asdict(m) for m in self.location_misses],
            },
        }


LEVELS: dict[str, Callable[[Key], Key]] = {
    "event": lambda k: k,
    "root": lambda k: (k[0], k[1], k[2][:2]),
    "country": lambda k: (_country(k[0]), _country(k[1]), k[2][:2]),
}


def _country(code: str | None) -> str | None:
    return code[:3] if code else None


@dataclass(frozen=True)
class _Predicted:
    key: Key
    rule_id: str
    actor_text: str | None
    target_text: str | None
    place: Place | None = None
    acled_only: bool = False  # a row of the ACLED step alone: placed, not scored as CAMEO


def score(
    pipeline: Pipeline,
    gold: GoldSet,
    gold_file: str = "",
    exclude_roots: frozenset[str] = frozenset(),
) -> EvalReport:
    """Code every gold sentence (in its document where there is one) and score the events;
    events of `exclude_roots` (two-digit CAMEO roots), gold and predicted, are left out: for
    gold whose conventions do not annotate a root (e.g. plain statements, 01)."""
    coded_docs: dict[str, tuple[dict[int, Sentence], dict[int, list[_Predicted]]]] = {}
    for doc_id, document in gold.documents.items():
        coded_docs[doc_id] = _code(pipeline, document)
    counts: dict[str, Counter[str]] = {level: Counter() for level in LEVELS}
    per_root: dict[str, Counter[str]] = {}
    per_category: dict[str, Counter[str]] = {}
    report = EvalReport(gold_file, len(gold.sentences), {}, {}, {})
    locations: dict[str, LocationScore] = {}
    for sentence in gold.sentences:
        rows = _predictions_for(pipeline, sentence, coded_docs, report)
        predicted = [p for p in rows if p.key[2][:2] not in exclude_roots and not p.acled_only]
        events = [e for e in sentence.events if e.cameo_code[:2] not in exclude_roots]
        gold_keys = [(e.actor_code, e.target_code, e.cameo_code) for e in events]
        for level, project in LEVELS.items():
            _tally(
                counts[level], [project(k) for k in gold_keys], [project(p.key) for p in predicted]
            )
        for root in {k[2][:2] for k in gold_keys} | {p.key[2][:2] for p in predicted}:
            _tally(
                per_root.setdefault(root, Counter()),
                [k for k in gold_keys if k[2][:2] == root],
                [p.key for p in predicted if p.key[2][:2] == root],
            )
        if sentence.category:
            _tally(
                per_category.setdefault(sentence.category, Counter()),
                gold_keys,
                [p.key for p in predicted],
            )
        _record_errors(report, sentence, events, gold_keys, predicted)
        is_exact = set(gold_keys) == {p.key for p in predicted}
        for group in ("all", *([sentence.category] if sentence.category else [])):
            done, total = report.exact.get(group, (0, 0))
            report.exact[group] = (done + is_exact, total + 1)
        if any(e.has_location for e in sentence.events):
            placed = predicted + [p for p in rows if p.acled_only]
            found = score_locations(sentence, placed, report.location_misses)
            locations["all"] = locations.get("all", LocationScore()).add(found)
            if sentence.category:
                category = locations.get(sentence.category, LocationScore())
                locations[sentence.category] = category.add(found)
    if "all" in locations:
        report.locations = locations.pop("all")
        report.locations_per_category = dict(sorted(locations.items()))
    report.levels = {level: _score(c) for level, c in counts.items()}
    report.per_root = {r: _score(c) for r, c in sorted(per_root.items())}
    report.per_category = {c: _score(v) for c, v in sorted(per_category.items())}
    return report


def _code(
    pipeline: Pipeline, document: Document
) -> tuple[dict[int, Sentence], dict[int, list[_Predicted]]]:
    parsed = pipeline.parse(document)
    texts = {s.index: s for s, _ in parsed.sentences}
    by_sentence: dict[int, list[_Predicted]] = {}
    coded, acled_only = pipeline.all_events(parsed)
    flagged = [(e, False) for e in coded] + [(e, True) for e in acled_only]
    for event, acled_row in flagged:
        cand = event.candidate
        by_sentence.setdefault(cand.sentence_index, []).append(
            _Predicted(
                (
                    cand.actor.code if cand.actor else None,
                    cand.target.code if cand.target else None,
                    cand.cameo_code,
                ),
                cand.rule_id,
                cand.actor.text if cand.actor else None,
                cand.target.text if cand.target else None,
                cand.place,
                acled_row,
            )
        )
    return texts, by_sentence


def _predictions_for(
    pipeline: Pipeline,
    sentence: GoldSentence,
    coded_docs: dict[str, tuple[dict[int, Sentence], dict[int, list[_Predicted]]]],
    report: EvalReport,
) -> list[_Predicted]:
    if sentence.doc_id in coded_docs and sentence.start is not None and sentence.end is not None:
        parsed, by_sentence = coded_docs[sentence.doc_id]
        return _predictions_in_span(
            sentence, sentence.start, sentence.end, parsed, by_sentence, report
        )
    if sentence.doc_id in coded_docs and sentence.index is not None:
        texts, by_sentence = coded_docs[sentence.doc_id]
        coded = texts.get(sentence.index)
        if coded is None or coded.text != sentence.text.strip():
            report.misaligned.append(sentence.key)
        return by_sentence.get(sentence.index, [])
    document = document_from_text(sentence.text, doc_id=sentence.key, date=sentence.date)
    _, by_sentence = _code(pipeline, document)
    return [p for preds in by_sentence.values() for p in preds]


def _predictions_in_span(
    sentence: GoldSentence,
    start: int,
    end: int,
    parsed: dict[int, Sentence],
    by_sentence: dict[int, list[_Predicted]],
    report: EvalReport,
) -> list[_Predicted]:
    """The events of the parsed sentence containing a gold span.

    Where the parser split the text differently and no one sentence contains the span, the
    events of the sentences overlapping it are taken and the gold sentence is reported as
    misaligned.
    """
    containing = [s for s in parsed.values() if s.start <= start and end <= s.end]
    if containing:
        return by_sentence.get(containing[0].index, [])
    report.misaligned.append(sentence.key)
    overlapping = sorted(s.index for s in parsed.values() if s.start < end and start < s.end)
    return [p for index in overlapping for p in by_sentence.get(index, [])]


def _tally(counter: Counter[str], gold: Iterable[Key], predicted: Iterable[Key]) -> None:
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    counter["tp"] += tp
    counter["fp"] += sum(p.values()) - tp
    counter["fn"] += sum(g.values()) - tp


def _score(counter: Counter[str]) -> Score:
    return Score(counter["tp"], counter["fp"], counter["fn"])


def _describe(key: Key, actor_text: str | None, target_text: str | None) -> str:
    actor = f"{key[0]} ({actor_text})" if actor_text else str(key[0])
    target = f"{key[1]} ({target_text})" if target_text else str(key[1])
    return f"{actor} -> {target} : {key[2]}"


def _record_errors(
    report: EvalReport,
    sentence: GoldSentence,
    events: list[GoldEvent],
    gold_keys: list[Key],
    predicted: list[_Predicted],
) -> None:
    unmatched = Counter(p.key for p in predicted)
    for event, key in zip(events, gold_keys, strict=True):
        if unmatched[key] > 0:
            unmatched[key] -= 1
        else:
            desc = _describe(key, event.actor_text, event.target_text)
            report.misses.append(Mismatch(sentence.key, sentence.text, desc))
    remaining = Counter(gold_keys)
    for pred in predicted:
        if remaining[pred.key] > 0:
            remaining[pred.key] -= 1
            continue
        desc = _describe(pred.key, pred.actor_text, pred.target_text)
        report.false_alarms.append(Mismatch(sentence.key, sentence.text, desc, pred.rule_id))


def score_locations(
    sentence: GoldSentence,
    predicted: list[_Predicted],
    misses: list[LocationMiss] | None = None,
) -> LocationScore:
    """Location figures for one sentence's gold events, each matched to a predicted event.

    A gold event is matched to a predicted event with the same (actor, target, code), else
    one with the same CAMEO root, else any predicted event of the sentence; within each,
    one that has a place is preferred. Wrong ones are appended to `misses`.
    """
    total = LocationScore()
    for event in sentence.events:
        if not event.has_location:
            continue
        place = _matched_place(event, predicted)
        country_ok = place is not None and place.country == event.location_country
        error = None
        if (
            event.has_coordinates
            and place is not None
            and place.latitude is not None
            and place.longitude is not None
        ):
            assert event.latitude is not None and event.longitude is not None
            error = distance_km(event.latitude, event.longitude, place.latitude, place.longitude)
        within = error is not None and error <= WITHIN_KM
        has_country = event.location_country is not None
        total = total.add(
            LocationScore(
                events=1,
                located=int(place is not None),
                country_total=int(has_country),
                country_correct=int(has_country and country_ok),
                coord_total=int(event.has_coordinates),
                within_km=int(within),
                errors_km=() if error is None else (error,),
            )
        )
        wrong = (has_country and not country_ok) or (event.has_coordinates and not within)
        if wrong and misses is not None:
            key = (event.actor_code, event.target_code, event.cameo_code)
            misses.append(
                LocationMiss(
                    sentence.key,
                    sentence.text,
                    _describe(key, event.actor_text, event.target_text),
                    _describe_gold_place(event),
                    _describe_place(place),
                    None if error is None else round(error, 1),
                )
            )
    return total


def _matched_place(event: GoldEvent, predicted: list[_Predicted]) -> Place | None:
    key = (event.actor_code, event.target_code, event.cameo_code)
    tiers = (
        [p for p in predicted if p.key == key],
        [p for p in predicted if p.key[2][:2] == event.cameo_code[:2]],
        predicted,
    )
    for tier in tiers:
        if tier:
            with_place = [p for p in tier if p.place is not None]
            return (with_place or tier)[0].place
    return None


def _describe_gold_place(event: GoldEvent) -> str:
    where = event.location_text or "?"
    coords = f" ({event.latitude}, {event.longitude})" if event.has_coordinates else ""
    return f"{where} [{event.location_country or '?'}]{coords}"


def _describe_place(place: Place | None) -> str | None:
    if place is None:
        return None
    coords = f" ({place.latitude}, {place.longitude})" if place.latitude is not None else ""
    return f"{place.name} [{place.country}] p{place.precision}{coords}"


def petrarch_pipeline(pipeline: Pipeline) -> Pipeline:
    """The pipeline to score PETRARCH validation records with.

    Validation suites are written in their dictionaries' own codes (event codes outside CAMEO,
    ``---GOV`` for an agent without an actor): a coder that can keep them is asked to, with a
    CAMEO table that knows them. A pipeline with another coder is returned as it is.
    """
    keeping = own_codes_variant(pipeline.coder)
    if keeping is None:
        return pipeline
    coder, cameo = keeping.with_own_codes(pipeline.cameo)
    return Pipeline(pipeline.nlp, coder, cameo=cameo, validate=pipeline.validator is not None)


@dataclass(frozen=True)
class PloverReport:
    """The PLOVER dev-sample figures (scored as ../shared/eval/README.md says)."""

    gold_file: str
    records: int
    type_found: int
    coded: int
    coded_correct: int
    source_correct: int
    source_scored: int
    target_correct: int
    target_scored: int
    per_type: dict[str, tuple[int, int]]
    misses: list[Mismatch]

    @property
    def type_recall(self) -> float:
        """Share of records whose event type is among the coded events' types."""
        return self.type_found / self.records if self.records else 0.0

    @property
    def type_precision(self) -> float:
        """Share of coded events (root 01 aside) whose type is the record's type."""
        return self.coded_correct / self.coded if self.coded else 0.0

    @property
    def source_accuracy(self) -> float:
        """Of records whose type was found, share with a matching source country/class."""
        return self.source_correct / self.source_scored if self.source_scored else 0.0

    @property
    def target_accuracy(self) -> float:
        """Likewise for targets, over records with a gold target."""
        return self.target_correct / self.target_scored if self.target_scored else 0.0

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "gold_file": self.gold_file,
            "records": self.records,
            "type_recall": round(self.type_recall, 4),
            "type_precision": round(self.type_precision, 4),
            "source_accuracy": round(self.source_accuracy, 4),
            "target_accuracy": round(self.target_accuracy, 4),
            "counts": {
                "type_found": self.type_found,
                "coded": self.coded,
                "coded_correct": self.coded_correct,
                "source": [self.source_correct, self.source_scored],
                "target": [self.target_correct, self.target_scored],
            },
            "per_type": {k: {"found": f, "records": n} for k, (f, n) in self.per_type.items()},
            "misses": [asdict(m) for m in self.misses],
        }


def score_plover(pipeline: Pipeline, path: str | Path, part: str = "all") -> PloverReport:
    """Score a coder on PLOVER gold records: type recall/precision, source/target accuracy;
    on the records of one `part` ("train" or "dev", by `gold_part` of the record id) or all."""
    file = Path(path)
    records = [json.loads(line) for line in file.read_text("utf-8").splitlines() if line.strip()]
    if part != "all":
        records = [r for r in records if gold_part(str(r["id"])) == part]
    found = coded = correct = src_ok = src_n = tgt_ok = tgt_n = 0
    per_type: dict[str, list[int]] = {}
    misses: list[Mismatch] = []
    for record in records:
        gold_type = record["event"]
        document = document_from_text(record["text"], doc_id=str(record["id"]), date=None)
        events = pipeline.events(pipeline.parse(document))
        typed = [(plover_type(e.cameo), e) for e in events]
        typed = [(t, e) for t, e in typed if t is not None]
        coded += len(typed)
        hits = [e for t, e in typed if t == gold_type]
        correct += len(hits)
        tally = per_type.setdefault(gold_type, [0, 0])
        tally[1] += 1
        if not hits:
            coded_types = ", ".join(f"{t} ({e.candidate.rule_id})" for t, e in typed) or "none"
            misses.append(
                Mismatch(str(record["id"]), record["text"], f"{gold_type}; coded {coded_types}")
            )
            continue
        found += 1
        tally[0] += 1
        src_n += 1
        src_ok += any(_side(e.candidate.actor) in _gold_codes(record["source"]) for e in hits)
        if record.get("target"):
            tgt_n += 1
            tgt_ok += any(_side(e.candidate.target) in _gold_codes(record["target"]) for e in hits)
    return PloverReport(
        str(file),
        len(records),
        found,
        coded,
        correct,
        src_ok,
        src_n,
        tgt_ok,
        tgt_n,
        {k: (v[0], v[1]) for k, v in sorted(per_type.items())},
        misses,
    )


def plover_type(cameo: CameoCode) -> str | None:
    """The PLOVER 0.6 type a CAMEO code scores as (root 01 has none)."""
    if cameo.root == "01":
        return None
    if cameo.root == "19":
        return "FIGHT"
    return cameo.plover2016_event


def _side(actor: Actor | None) -> str | None:
    if actor is None or actor.code is None:
        return None
    return actor.country or actor.code[:3]


def _gold_codes(actors: list[dict[str, Any]]) -> set[str]:
    return {str(a["code"])[:3] for a in actors if a.get("code")}
