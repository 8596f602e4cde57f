"""Scoring place mentions against gold toponyms (GeoVirus-style JSONL: text, places with
character offsets and coordinates): recall within 161 km, precision, worst errors, by part."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.errors import InputError
from eventcoder.gold import gold_part
from eventcoder.ingest import document_from_text
from eventcoder.pipeline import Pipeline
from eventcoder.places.distance import distance_km
from eventcoder.types import Document, PlaceMention

RECALL_KM = 161.0
"""A gold toponym counts as found when the nearest overlapping prediction lies this close
(100 miles, the usual geoparsing threshold)."""
WORST_ERRORS = 20
EXACT_NOTE = (
    "exact match needs GeoNames ids on both sides; this gold gives coordinates and Wikipedia "
    "pages only, so it is not scored"
)
PARTS = ("train", "dev")


@dataclass(frozen=True)
class GoldPlace:
    """One gold toponym: its span in the document text and its point."""

    name: str
    start: int
    end: int
    latitude: float
    longitude: float
    page: str | None = None
    geonames_id: int | None = None


@dataclass(frozen=True)
class GoldPlaceDocument:
    """A gold document with its toponyms."""

    doc_id: str
    text: str
    places: tuple[GoldPlace, ...]

    @property
    def part(self) -> str:
        """The gold part ("train" or "dev") of the record."""
        return gold_part(self.doc_id)


@dataclass(frozen=True)
class PlaceFigures:
    """Figures over a set of documents."""

    documents: int = 0
    gold: int = 0
    found: int = 0  # gold toponyms overlapped by a prediction
    within: int = 0  # ... whose nearest overlapping prediction is within RECALL_KM
    exact: int = 0
    exact_scored: int = 0  # gold toponyms with a GeoNames id
    predicted: int = 0
    predicted_overlapping: int = 0
    demonyms: int = 0  # demonym mentions predicted (not scored: gold marks toponyms)
    median_km: float | None = None

    @property
    def recall_161(self) -> float:
        """Share of gold toponyms found within RECALL_KM."""
        return self.within / self.gold if self.gold else 0.0

    @property
    def detection_recall(self) -> float:
        """Share of gold toponyms overlapped by a prediction, however far."""
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        """Share of predicted toponym mentions that overlap a gold toponym."""
        return self.predicted_overlapping / self.predicted if self.predicted else 0.0

    @property
    def exact_match(self) -> float | None:
        """Share of gold toponyms with a GeoNames id resolved to that id (None: no ids)."""
        return self.exact / self.exact_scored if self.exact_scored else None

    def to_json(self) -> dict[str, Any]:
        """The figures with the derived shares."""
        return asdict(self) | {
            "recall_161": round(self.recall_161, 4),
            "detection_recall": round(self.detection_recall, 4),
            "precision": round(self.precision, 4),
            "exact_match": self.exact_match,
        }


@dataclass(frozen=True)
class PlaceError:
    """A gold toponym missed or resolved far away, or a prediction no gold toponym overlaps."""

    doc_id: str
    part: str
    kind: str  # "far", "missed" or "spurious"
    text: str
    start: int
    end: int
    gold_name: str | None = None
    predicted: str | None = None
    country: str | None = None
    km: float | None = None
    reason: str | None = None


@dataclass(frozen=True)
class PlacesReport:
    """What `eventcoder eval` reports for a gold file of toponyms."""

    gold_path: str
    overall: PlaceFigures
    parts: dict[str, PlaceFigures]
    errors: tuple[PlaceError, ...]
    exact_note: str | None = EXACT_NOTE
    error_counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "gold": self.gold_path,
            "kind": "places",
            "recall_km": RECALL_KM,
            "overall": self.overall.to_json(),
            "parts": {k: v.to_json() for k, v in self.parts.items()},
            "exact_note": self.exact_note,
            "error_counts": self.error_counts,
            "errors": [asdict(e) for e in self.errors],
        }


def load_place_gold(path: str | Path) -> list[GoldPlaceDocument]:
    """Gold documents with toponyms from JSONL: {"id", "text", "places": [{"name", "start",
    "end", "lat", "lon", "page"?, "geonames_id"?}]}."""
    file = Path(path)
    out = []
    with file.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                places = tuple(
                    GoldPlace(
                        str(p["name"]),
                        int(p["start"]),
                        int(p["end"]),
                        float(p["lat"]),
                        float(p["lon"]),
                        p.get("page"),
                        int(p["geonames_id"]) if p.get("geonames_id") else None,
                    )
                    for p in record["places"]
                )
                doc_id = str(record.get("id") or f"{file.stem}-{number}")
                out.append(GoldPlaceDocument(doc_id, str(record["text"]), places))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
                raise InputError(
                    f"{file} line {number}: not a toponym gold record ({err}); each line needs "
                    '"text" and "places" with "name", "start", "end", "lat", "lon"'
                ) from err
    return out


MentionFinder = Callable[[Iterable[Document]], Iterator[tuple[Document, list[PlaceMention]]]]


def document_mentions(
    pipeline: Pipeline, documents: Iterable[Document], *, demonyms: bool = True
) -> Iterator[tuple[Document, list[PlaceMention]]]:
    """Each document with its place mentions, parsed lazily in batches by the pipeline's model."""
    pending: list[Document] = []

    def texts() -> Iterator[str]:
        for document in documents:
            pending.append(document)
            yield document.text

    for spacy_doc in pipeline.nlp.parse_many(texts()):
        document = pending.pop(0)
        parsed = pipeline.parse(document, spacy_doc)
        yield document, pipeline.locator.mentions(parsed, demonyms=demonyms)


def pipeline_finder(pipeline: Pipeline) -> MentionFinder:
    """A finder giving the pipeline's place mentions of documents."""

    def find(documents: Iterable[Document]) -> Iterator[tuple[Document, list[PlaceMention]]]:
        return document_mentions(pipeline, documents)

    return find


@dataclass
class _Tally:
    documents: int = 0
    gold: int = 0
    found: int = 0
    within: int = 0
    exact: int = 0
    exact_scored: int = 0
    predicted: int = 0
    predicted_overlapping: int = 0
    demonyms: int = 0
    km: list[float] = field(default_factory=list)

    def figures(self) -> PlaceFigures:
        return PlaceFigures(
            self.documents,
            self.gold,
            self.found,
            self.within,
            self.exact,
            self.exact_scored,
            self.predicted,
            self.predicted_overlapping,
            self.demonyms,
            round(statistics.median(self.km), 1) if self.km else None,
        )


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_places(pipeline: Pipeline, gold_path: str | Path) -> PlacesReport:
    """Score the pipeline's place mentions against a toponym gold file."""
    return score_mentions(pipeline_finder(pipeline), load_place_gold(gold_path), str(gold_path))


def score_mentions(
    finder: MentionFinder, gold: list[GoldPlaceDocument], gold_path: str
) -> PlacesReport:
    """Score the mentions a finder gives for the gold documents.

    Demonyms ("Kenyan") are mentions of their country but not toponyms, so they are counted
    apart and left out of precision.
    """
    tallies = {"all": _Tally(), **{p: _Tally() for p in PARTS}}
    errors: list[PlaceError] = []
    by_id = {g.doc_id: g for g in gold}
    documents = (document_from_text(g.text, doc_id=g.doc_id) for g in gold)
    for document, mentions in finder(documents):
        g = by_id[document.doc_id]
        part = g.part
        counted = [tallies["all"], tallies[part]]
        toponyms = [m for m in mentions if m.reason != "demonym"]
        for t in counted:
            t.documents += 1
            t.demonyms += len(mentions) - len(toponyms)
            t.predicted += len(toponyms)
        for m in toponyms:
            hit = any(_overlaps(m.start, m.end, p.start, p.end) for p in g.places)
            if hit:
                for t in counted:
                    t.predicted_overlapping += 1
            else:
                errors.append(
                    PlaceError(
                        g.doc_id, part, "spurious", m.text, m.start, m.end, None,
                        m.place.name, m.place.country, None, m.reason,
                    )
                )  # fmt: skip
        for p in g.places:
            _score_gold(p, g, toponyms, counted, errors)
    report_errors = sorted((e for e in errors if e.kind == "far"), key=lambda e: -(e.km or 0.0)) + [
        e for e in errors if e.kind != "far"
    ]
    counts: dict[str, int] = {}
    for e in errors:
        counts[e.kind] = counts.get(e.kind, 0) + 1
    return PlacesReport(
        gold_path,
        tallies["all"].figures(),
        {p: tallies[p].figures() for p in PARTS},
        tuple(report_errors[:WORST_ERRORS]),
        None if any(t.exact_scored for t in tallies.values()) else EXACT_NOTE,
        counts,
    )


def _score_gold(
    p: GoldPlace,
    g: GoldPlaceDocument,
    mentions: list[PlaceMention],
    counted: list[_Tally],
    errors: list[PlaceError],
) -> None:
    over = [m for m in mentions if _overlaps(m.start, m.end, p.start, p.end)]
    for t in counted:
        t.gold += 1
        if p.geonames_id is not None:
            t.exact_scored += 1
    text = g.text[p.start : p.end]
    if not over:
        errors.append(PlaceError(g.doc_id, g.part, "missed", text, p.start, p.end, p.name))
        return
    best: tuple[float, PlaceMention] | None = None
    for m in over:
        if m.place.latitude is None or m.place.longitude is None:
            continue
        km = distance_km(p.latitude, p.longitude, m.place.latitude, m.place.longitude)
        if best is None or km < best[0]:
            best = (km, m)
    for t in counted:
        t.found += 1
        if best is not None:
            t.km.append(best[0])
            if best[0] <= RECALL_KM:
                t.within += 1
        if p.geonames_id is not None and any(m.place.geonames_id == p.geonames_id for m in over):
            t.exact += 1
    if best is None or best[0] > RECALL_KM:
        m = best[1] if best is not None else over[0]
        errors.append(
            PlaceError(
                g.doc_id, g.part, "far", text, p.start, p.end, p.name, m.place.name,
                m.place.country, round(best[0], 1) if best else None, m.reason,
            )
        )  # fmt: skip
