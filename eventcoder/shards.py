"""Shards: input documents cut into consecutive groups, and the one function that codes one.

Every engine (this process, worker processes, a Dask cluster) codes a shard with
`code_shard`, which writes the shard's parts into a build's staging folder under temporary
names, renames them into place and records the shard as done last; so an interrupted build
resumes with only the missing shards.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventcoder.config import PROFILES, BuildConfig
from eventcoder.dataset import (
    PARQUET_METADATA_KEY,
    SPLITS,
    DocumentOutcome,
    Part,
    write_atomic,
    write_part,
)
from eventcoder.pipeline import Pipeline
from eventcoder.places.roles import ROLE_PLACES_VERSION
from eventcoder.schema import arrow_schema
from eventcoder.types import Document, Quarantine

if TYPE_CHECKING:
    import pyarrow as pa

SHARDS_DIR = "_shards"
BUILD_FILE = "_build.json"


@dataclass(frozen=True)
class Duplicate:
    """A document whose normalised text equals an earlier document's."""

    document: Document
    first_doc_id: str


@dataclass(frozen=True)
class Shard:
    """Consecutive input items (with their sequence numbers) coded together."""

    index: int
    items: tuple[tuple[int, Document | Quarantine | Duplicate], ...]


@dataclass(frozen=True)
class ShardResult:
    """What coding one shard produced (also saved as the shard's completion record)."""

    index: int
    outcomes: tuple[DocumentOutcome, ...]
    parts: tuple[Part, ...]
    by_root: dict[str, int]
    invalid_rows: int
    profile_rows: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        """The shard record as JSON-ready data."""
        return {
            "index": self.index,
            "outcomes": [o.to_json() for o in self.outcomes],
            "parts": [asdict(p) for p in self.parts],
            "by_root": self.by_root,
            "invalid_rows": self.invalid_rows,
            "profile_rows": self.profile_rows,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ShardResult:
        """A shard record read back."""
        return cls(
            data["index"],
            tuple(DocumentOutcome.from_json(o) for o in data["outcomes"]),
            tuple(Part(**p) for p in data["parts"]),
            data["by_root"],
            data["invalid_rows"],
            data["profile_rows"],
        )


@dataclass(frozen=True)
class PipelineProvenance:
    """What a loaded pipeline was built from: spaCy model, coder and gazetteer (manifest)."""

    spacy_model: dict[str, Any]
    coder: dict[str, str]
    gazetteer: dict[str, str]

    @classmethod
    def of(cls, pipeline: Pipeline) -> PipelineProvenance:
        """The provenance of a loaded pipeline."""
        return cls(
            asdict(pipeline.nlp.info),
            pipeline.coder.provenance(),
            {**pipeline.locator.gazetteer.provenance(), "role_places": ROLE_PLACES_VERSION},
        )


ProvenanceSink = Callable[[PipelineProvenance], None]
DocumentSink = Callable[[DocumentOutcome], None]
# A shard runner codes shards elsewhere (worker processes, a Dask cluster) and yields their
# results, and may yield each document's outcome as soon as a worker has coded it (progress;
# the shard's result repeats it). Given a sink (None: the build has its provenance already),
# it first hands the sink the provenance of the pipeline its workers loaded, before any shard
# is coded.
ShardRunner = Callable[
    [Iterable[Shard], BuildConfig, Path, ProvenanceSink | None],
    Iterator[ShardResult | DocumentOutcome],
]


MAX_SHARD_DOCUMENTS = 1000
TARGET_SHARDS = 48
SHARD_CHARS_RANGE = (20_000, 1_000_000)


def shard_chars_for(total_bytes: int) -> int:
    """Characters of text per shard for inputs of `total_bytes` bytes: about TARGET_SHARDS
    shards, so that every worker has several to the end, within SHARD_CHARS_RANGE."""
    low, high = SHARD_CHARS_RANGE
    return min(high, max(low, total_bytes // TARGET_SHARDS))


def cut_shards(
    items: Iterable[Document | Quarantine],
    size: int | None,
    dedupe: bool,
    max_chars: int | None = None,
) -> Iterator[Shard]:
    """Input items cut into consecutive shards, duplicates of earlier texts marked.

    A shard closes at `size` items, or (size None) once its documents hold `max_chars`
    characters of text or it has MAX_SHARD_DOCUMENTS items. The cut depends on the inputs
    and these numbers only, never on how many workers code the shards.
    """
    seen: dict[str, str] = {}
    limit = size or MAX_SHARD_DOCUMENTS
    chars_limit = max_chars if size is None else None

    def marked() -> Iterator[tuple[int, Document | Quarantine | Duplicate]]:
        for seq, item in enumerate(items):
            if dedupe and isinstance(item, Document):
                key = text_fingerprint(item.text)
                first = seen.setdefault(key, item.doc_id)
                if first != item.doc_id:
                    yield seq, Duplicate(item, first)
                    continue
            yield seq, item

    index = 0
    chunk: list[tuple[int, Document | Quarantine | Duplicate]] = []
    chars = 0
    for entry in marked():
        chunk.append(entry)
        if isinstance(entry[1], Document):
            chars += len(entry[1].text)
        if len(chunk) >= limit or (chars_limit is not None and chars >= chars_limit):
            yield Shard(index, tuple(chunk))
            index, chunk, chars = index + 1, [], 0
    if chunk:
        yield Shard(index, tuple(chunk))


def text_fingerprint(text: str) -> str:
    """Hash of the text, case and whitespace normalised (for de-duplication)."""
    normal = " ".join(text.lower().split())
    return hashlib.blake2b(normal.encode(), digest_size=16).hexdigest()


def split_of(doc_id: str, ratios: tuple[float, float, float]) -> str:
    """The document's split, from a stable hash of its id."""
    digest = hashlib.blake2b(doc_id.encode(), digest_size=8).digest()
    point = int.from_bytes(digest, "big") / 2**64
    if point < ratios[0]:
        return SPLITS[0]
    return SPLITS[1] if point < ratios[0] + ratios[1] else SPLITS[2]


def jsonl(record: dict[str, Any]) -> str:
    """One JSON line, keys sorted."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object read from `path`."""
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def part_schema(provenance: dict[str, Any]) -> pa.Schema:
    """The Arrow schema of a part, the run provenance in its metadata."""
    return arrow_schema({PARQUET_METADATA_KEY: json.dumps(provenance, sort_keys=True)})


def code_shard(
    shard: Shard,
    pipeline: Pipeline,
    config: BuildConfig,
    folder: Path,
    on_document: DocumentSink | None = None,
) -> ShardResult:
    """Code one shard into `folder` (a build's staging folder) and record it as done.

    Parts are written under temporary names and renamed into data/; the shard's record
    in _shards/ is written last, so a shard is done exactly when its record exists.
    `on_document` hears of each document's outcome as soon as it is known (progress).
    """
    schema = part_schema(read_json(folder / BUILD_FILE)["provenance"])
    rows_by_split: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    outcomes: list[DocumentOutcome] = []
    quarantine: list[str] = []
    by_root: Counter[str] = Counter()
    invalid = 0
    docs = [(seq, item) for seq, item in shard.items if isinstance(item, Document)]
    parses = pipeline.nlp.parse_many((d.text for _, d in docs), batch_size=config.batch_size)
    parsed = dict(zip((seq for seq, _ in docs), parses, strict=True))
    for seq, item in shard.items:
        if isinstance(item, Quarantine):
            outcome = DocumentOutcome(
                seq, item.doc_id, item.source, "quarantined", reason=item.reason
            )
            quarantine.append(jsonl({"kind": "document", **outcome.to_json()}))
        elif isinstance(item, Duplicate):
            doc = item.document
            reason = f"same text as document {item.first_doc_id!r}; coded once"
            outcome = DocumentOutcome(seq, doc.doc_id, doc.source, "duplicate", reason=reason)
        else:
            split = split_of(item.doc_id, config.split_ratios)
            result = pipeline.code_document(item, parsed[seq])
            rows = [{**row, "split": split} for row in result.rows]
            rows_by_split[split].extend(rows)
            by_root.update(row["cameo_root"] for row in rows)
            for row, problems in result.invalid:
                invalid += 1
                violations = [str(p) for p in problems]
                quarantine.append(jsonl({"kind": "row", "row": row, "violations": violations}))
            outcome = DocumentOutcome(
                seq,
                item.doc_id,
                item.source,
                "coded" if rows else "no_events",
                len(rows),
                result.sentences,
                None,
                item.flags,
                split,
            )
        outcomes.append(outcome)
        if on_document is not None:
            on_document(outcome)
    parts = _write_parts(folder, shard.index, rows_by_split, schema, config.rows_per_part)
    profile_rows = _write_shard_extras(folder, shard.index, rows_by_split, quarantine, config)
    done = ShardResult(
        shard.index, tuple(outcomes), tuple(parts), dict(by_root), invalid, profile_rows
    )
    write_atomic(folder / SHARDS_DIR / f"{shard.index:05d}.json", json.dumps(done.to_json()))
    return done


def _write_parts(
    folder: Path,
    shard: int,
    rows_by_split: dict[str, list[dict[str, Any]]],
    schema: pa.Schema,
    rows_per_part: int,
) -> list[Part]:
    parts = []
    for split, rows in rows_by_split.items():
        for k, start in enumerate(range(0, len(rows), rows_per_part)):
            chunk = rows[start : start + rows_per_part]
            name = f"{split}-{shard:05d}-{k:03d}.parquet"
            parts.append(write_part(folder, folder / SHARDS_DIR, name, chunk, schema, split))
    return parts


def _write_shard_extras(
    folder: Path,
    shard: int,
    rows_by_split: dict[str, list[dict[str, Any]]],
    quarantine: list[str],
    config: BuildConfig,
) -> dict[str, int]:
    """The shard's quarantine lines and profile rows, to be joined in shard order at the end."""
    write_atomic(folder / SHARDS_DIR / f"{shard:05d}.quarantine.jsonl", "".join(quarantine))
    counts = {}
    ordered = sorted(
        (row for rows in rows_by_split.values() for row in rows),
        key=lambda r: (r["doc_id"], r["sentence_index"], r["trigger_start"], r["event_id"]),
    )
    for name in config.profiles:
        columns, convert = PROFILES[name]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(columns))
        converted = [c for row in ordered if (c := convert(row)) is not None]
        writer.writerows(converted)
        write_atomic(folder / SHARDS_DIR / f"{shard:05d}.{name}.csv", buffer.getvalue())
        counts[name] = len(converted)
    return counts
