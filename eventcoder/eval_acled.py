"""Scoring ACLED typing against snippets labelled with ACLED sub-event types.

A gold file holds one JSON object a line: `id`, `text`, `acled_event_type`,
`acled_sub_event_type`. A snippet may instead point into a text that is not shipped:
`source` (a JSONL file, relative to the gold file), `record_id`, `start`, `end` and a
`text_sha1` prefix of the snippet. The sub-event type `none` marks a sentence that tells no
event ACLED records; `"disputed": true` marks a label a coder could dispute (left out of
the figures).

Each snippet is coded on its own; its predicted label is the ACLED sub-event type of its
first ACLED-typed event (none: wrong). Figures over the event snippets: weighted F1 over the
gold sub-event types (per-type F1 weighted by gold support, as scikit-learn's 'weighted'),
accuracy, the share of snippets typed, the most frequent confusions, the same figures for
the file's train and dev parts (`gold_part` of the record id), and how often a snippet that
states a death toll gets a fatality count. Over the `none` snippets: how many were typed
all the same, and the precision of all typed snippets.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.acled import ACLED_TYPES
from eventcoder.errors import InputError
from eventcoder.gold import gold_part, record_text, source_path, text_sha1
from eventcoder.ingest import document_from_text
from eventcoder.pipeline import Pipeline

NONE_LABEL = "none"
CONFUSIONS_SHOWN = 10

# A deliberately simple, independent detector of "the text states a death toll": a number
# (digits or a number word) next to a word of dying, either order, a few words apart.
_NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|dozens?|"
    r"hundreds?|scores?)"
)
_DEATH = r"(?:kill(?:ed|ing|s)?|dead|died|deaths?|lives|bodies|fatalities|lifeless|slain)"
_TOLL = re.compile(
    rf"\b{_NUMBER}\b(?:\W+\w+){{0,4}}?\W+{_DEATH}\b|\b{_DEATH}\b(?:\W+\w+){{0,3}}?\W+{_NUMBER}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AcledGoldRecord:
    """One gold snippet and its ACLED event and sub-event type."""

    id: str
    text: str
    event_type: str
    sub_event_type: str
    disputed: bool = False


@dataclass(frozen=True)
class AcledPrediction:
    """What was predicted for one snippet: its label and the first typed event's toll."""

    id: str
    gold: str
    predicted: str
    fatalities: int | None
    states_toll: bool


@dataclass(frozen=True)
class AcledScore:
    """Figures over a set of snippets."""

    snippets: int
    weighted_f1: float
    accuracy: float
    typed: float
    per_type: dict[str, tuple[float, float, float, int]]

    def to_json(self) -> dict[str, Any]:
        """Rounded figures; per type: precision, recall, F1 and gold support."""
        return {
            "snippets": self.snippets,
            "weighted_f1": round(self.weighted_f1, 4),
            "accuracy": round(self.accuracy, 4),
            "typed": round(self.typed, 4),
            "per_type": {
                k: {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "n": n}
                for k, (p, r, f, n) in self.per_type.items()
            },
        }


@dataclass(frozen=True)
class NonEventScore:
    """Snippets that tell no event ACLED records, how many of them were typed, and the
    precision of every typed snippet (events and non-events) of the same part."""

    snippets: int
    typed: int
    precision: float

    @property
    def rate(self) -> float:
        """Share of the non-event snippets given an ACLED type."""
        return self.typed / self.snippets if self.snippets else 0.0

    def to_json(self) -> dict[str, Any]:
        """Counts and rounded rates."""
        return {
            "snippets": self.snippets,
            "typed": self.typed,
            "rate": round(self.rate, 4),
            "typed_precision": round(self.precision, 4),
        }


@dataclass(frozen=True)
class TollScore:
    """How often a snippet that states a death toll (by the simple detector) gets a count."""

    stating: int
    counted: int
    violent: int = 0
    """Of the toll-stating snippets, those whose first typed event records fatalities (not
    a strategic development, peaceful protest or protest with intervention)."""

    @property
    def rate(self) -> float:
        """Share of toll-stating snippets whose first typed event has a fatality count."""
        return self.counted / self.stating if self.stating else 0.0

    def to_json(self) -> dict[str, Any]:
        """Counts and the rounded rate."""
        return {
            "stating": self.stating,
            "counted": self.counted,
            "rate": round(self.rate, 4),
            "stating_violent": self.violent,
        }


@dataclass
class AcledEvalReport:
    """ACLED figures over the whole file and its parts, confusions and the misses."""

    gold_file: str
    all: AcledScore
    parts: dict[str, AcledScore]
    confusions: list[tuple[str, str, int]]
    tolls: dict[str, TollScore]
    predictions: list[AcledPrediction] = field(default_factory=list)
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)
    non_events: dict[str, NonEventScore] = field(default_factory=dict)
    disputed: int = 0

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "gold_file": self.gold_file,
            "all": self.all.to_json(),
            "parts": {k: v.to_json() for k, v in self.parts.items()},
            "confusions": [{"gold": g, "predicted": p, "n": n} for g, p, n in self.confusions],
            "fatalities": {k: v.to_json() for k, v in self.tolls.items()},
            "non_events": {k: v.to_json() for k, v in self.non_events.items()},
            "disputed_left_out": self.disputed,
            "predictions": [asdict(p) for p in self.predictions],
            "misses": [
                {"id": i, "gold": g, "predicted": p, "text": t} for i, g, p, t in self.misses
            ],
        }


def load_acled_gold(path: str | Path) -> list[AcledGoldRecord]:
    """Read an ACLED-labelled snippet file (JSONL); a bad line raises InputError naming it,
    and so does a snippet whose source is missing or has changed."""
    file = Path(path)
    if not file.exists():
        raise InputError(f"gold file {file} does not exist")
    records = []
    sources: dict[Path, dict[str, str]] = {}
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{file}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{where}: not valid JSON: {err.msg}") from err
        keys = ("id", "acled_sub_event_type") + (("text",) if "source" not in item else ())
        missing = [
            k for k in keys if not isinstance(item, dict) or not isinstance(item.get(k), str | int)
        ]
        if missing:
            raise InputError(f"{where}: an ACLED gold record needs {', '.join(missing)}")
        text = item["text"] if "source" not in item else _source_text(item, file, sources, where)
        records.append(
            AcledGoldRecord(
                str(item["id"]),
                str(text),
                str(item.get("acled_event_type") or ""),
                str(item["acled_sub_event_type"]),
                bool(item.get("disputed", False)),
            )
        )
    return records


def _source_text(
    item: dict[str, Any], file: Path, sources: dict[Path, dict[str, str]], where: str
) -> str:
    """The snippet at `start`:`end` of record `record_id` of the JSONL file `source`
    (relative to the gold file), checked against its `text_sha1` prefix."""
    needed = ("record_id", "start", "end", "text_sha1")
    missing = [k for k in needed if k not in item]
    if missing:
        raise InputError(f"{where}: a snippet read from a source needs {', '.join(missing)}")
    source = source_path(file, str(item["source"]), f"{where}: the snippet")
    document = record_text(source, str(item["record_id"]), sources, where)
    start, end = int(item["start"]), int(item["end"])
    text = document[start:end]
    if not 0 <= start < end <= len(document) or not text_sha1(text).startswith(
        str(item["text_sha1"])
    ):
        raise InputError(
            f"{where}: the text at {start}:{end} of {item['record_id']!r} does not match "
            f"text_sha1 {item['text_sha1']} (the source has changed since it was labelled)"
        )
    return text


def states_toll(text: str) -> bool:
    """Whether a text states a death toll, by a simple pattern independent of the extractor.

    >>> states_toll("The blast killed at least 12 people."), states_toll("A bomb exploded.")
    (True, False)
    """
    return _TOLL.search(text) is not None


def predict(pipeline: Pipeline, record: AcledGoldRecord) -> AcledPrediction:
    """The snippet coded on its own: its first ACLED-typed event's sub-event type and toll."""
    document = document_from_text(record.text, doc_id=record.id)
    rows = pipeline.code_document(document).rows
    ordered = sorted(
        (r for r in rows if r["acled_sub_event_type"]), key=lambda r: r["sentence_index"]
    )
    first = ordered[0] if ordered else None
    return AcledPrediction(
        record.id,
        record.sub_event_type,
        first["acled_sub_event_type"] if first else NONE_LABEL,
        first.get("fatalities") if first else None,
        states_toll(record.text),
    )


def weighted_scores(pairs: list[tuple[str, str]]) -> AcledScore:
    """Weighted F1, accuracy and share typed over (gold, predicted) label pairs."""
    support = Counter(g for g, _ in pairs)
    predicted = Counter(p for _, p in pairs)
    hits = Counter(g for g, p in pairs if g == p)
    per_type = {}
    for label, n in sorted(support.items()):
        precision = hits[label] / predicted[label] if predicted[label] else 0.0
        recall = hits[label] / n
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_type[label] = (precision, recall, f1, n)
    total = len(pairs)
    weighted = sum(f * n for _, _, f, n in per_type.values()) / total if total else 0.0
    return AcledScore(
        total,
        weighted,
        sum(hits.values()) / total if total else 0.0,
        sum(1 for _, p in pairs if p != NONE_LABEL) / total if total else 0.0,
        per_type,
    )


def score_acled(pipeline: Pipeline, path: str | Path, part: str = "all") -> AcledEvalReport:
    """Score the pipeline's ACLED typing on an ACLED-labelled snippet file (its `part`:
    "train", "dev" or "all", split by `gold_part` of the record id)."""
    if part not in {"all", "train", "dev"}:
        raise InputError(f"part must be all, train or dev, got {part!r}")
    records = [r for r in load_acled_gold(path) if part == "all" or gold_part(r.id) == part]
    scored = [r for r in records if not r.disputed]
    text = {r.id: r.text for r in scored}
    predictions = [predict(pipeline, r) for r in scored]
    return report_from(str(path), predictions, text, disputed=len(records) - len(scored))


_NO_TOLL_TYPES = frozenset(
    {*ACLED_TYPES["Strategic developments"], "Peaceful protest", "Protest with intervention"}
)


def _records_toll(sub_event_type: str) -> bool:
    return sub_event_type != NONE_LABEL and sub_event_type not in _NO_TOLL_TYPES


def report_from(
    gold_file: str, predictions: list[AcledPrediction], texts: dict[str, str], disputed: int = 0
) -> AcledEvalReport:
    """The report over predictions: figures overall and by part (over the event snippets),
    non-events typed, confusions, misses, tolls."""
    events = [p for p in predictions if p.gold != NONE_LABEL]
    by_part: dict[str, list[AcledPrediction]] = {"train": [], "dev": []}
    for p in events:
        by_part[gold_part(p.id)].append(p)
    confusions = Counter((p.gold, p.predicted) for p in predictions if p.gold != p.predicted)
    tolls = {
        name: TollScore(
            sum(1 for p in part if p.states_toll),
            sum(1 for p in part if p.states_toll and p.fatalities),
            sum(1 for p in part if p.states_toll and _records_toll(p.predicted)),
        )
        for name, part in (("all", events), *by_part.items())
    }
    non_events = {}
    if len(events) < len(predictions):
        for name in ("all", "train", "dev"):
            part = [p for p in predictions if name == "all" or gold_part(p.id) == name]
            typed = [p for p in part if p.predicted != NONE_LABEL]
            non_events[name] = NonEventScore(
                sum(1 for p in part if p.gold == NONE_LABEL),
                sum(1 for p in typed if p.gold == NONE_LABEL),
                sum(1 for p in typed if p.gold == p.predicted) / len(typed) if typed else 0.0,
            )
    return AcledEvalReport(
        gold_file,
        weighted_scores([(p.gold, p.predicted) for p in events]),
        {k: weighted_scores([(p.gold, p.predicted) for p in v]) for k, v in by_part.items()},
        [(g, p, n) for (g, p), n in confusions.most_common(CONFUSIONS_SHOWN)],
        tolls,
        predictions,
        [(p.id, p.gold, p.predicted, texts[p.id]) for p in predictions if p.gold != p.predicted],
        non_events,
        disputed,
    )
