"""The dataset builder: inputs -> Parquet parts + manifest.json + schema copy, atomically.

Returns a BuildReport; never prints. Every input document ends up in the manifest with its
outcome (coded, no_events, quarantined), so none is lost without a trace.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventcoder import __version__, acled
from eventcoder.coders import get_coder
from eventcoder.errors import EventcoderError, OutputExistsError
from eventcoder.ingest import ReadOptions, input_files, read_inputs, sha256_file
from eventcoder.nlp import load_nlp
from eventcoder.pipeline import Pipeline
from eventcoder.schema import EVENT_SCHEMA_FILE, arrow_schema, schema_text, schema_version
from eventcoder.types import Document, Quarantine

MANIFEST = "manifest.json"
QUARANTINE = "quarantine.jsonl"
DATA_DIR = "data"
PROFILES_DIR = "profiles"
PARQUET_METADATA_KEY = "eventcoder"


@dataclass(frozen=True)
class DocumentOutcome:
    """What happened to one input document."""

    seq: int
    doc_id: str | None
    source: str
    outcome: str  # coded | no_events | quarantined
    events: int = 0
    sentences: int = 0
    reason: str | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class BuildReport:
    """Counts and paths of a finished build."""

    out_dir: Path
    documents: int
    coded: int
    no_events: int
    quarantined: int
    sentences: int
    events: int
    invalid_rows: int
    by_root: dict[str, int]
    parts: list[str]
    elapsed_s: float
    outcomes: list[DocumentOutcome] = field(default_factory=list)


@dataclass
class _PartWriter:
    """Buffers rows and writes them as numbered Parquet parts of bounded size."""

    folder: Path
    schema: pa.Schema
    rows_per_part: int
    parts: list[dict[str, Any]] = field(default_factory=list)
    buffer: list[dict[str, Any]] = field(default_factory=list)

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        self.buffer.extend(rows)
        while len(self.buffer) >= self.rows_per_part:
            self._flush(self.buffer[: self.rows_per_part])
            self.buffer = self.buffer[self.rows_per_part :]

    def close(self) -> None:
        if self.buffer or not self.parts:
            self._flush(self.buffer)
            self.buffer = []

    def _flush(self, rows: list[dict[str, Any]]) -> None:
        name = f"part-{len(self.parts):05d}.parquet"
        path = self.folder / name
        table = pa.Table.from_pylist(rows, schema=self.schema)
        pq.write_table(table, path)
        self.parts.append(
            {"path": f"{DATA_DIR}/{name}", "rows": len(rows), "sha256": sha256_file(path)}
        )


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    coder: str = "rules",
    overwrite: bool = False,
    model: str | None = None,
    pipeline: Pipeline | None = None,
    rows_per_part: int = 100_000,
    batch_size: int = 16,
    profiles: Iterable[str] = (),
    read_options: ReadOptions | None = None,
    on_document: Callable[[DocumentOutcome], None] | None = None,
) -> BuildReport:
    """Build an event dataset from input paths into `out_dir`.

    Refuses to write into a folder holding data unless `overwrite`; the folder appears
    complete or not at all (built beside it and renamed into place). Each named profile
    (e.g. "acled") also writes the rows in that community's column names under profiles/.
    """
    paths = [Path(p) for p in inputs]
    out = Path(out_dir)
    chosen_profiles = _check_profiles(profiles)
    _check_target(out, overwrite)
    files = input_files(paths)
    started = dt.datetime.now(dt.UTC)
    clock = time.perf_counter()
    if pipeline is None:
        chosen = get_coder(coder)
        pipeline = Pipeline(load_nlp(model), chosen)
    pipe = pipeline
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    (staging / DATA_DIR).mkdir(parents=True)
    try:
        provenance = _provenance(pipe, files, started)
        writer = _PartWriter(
            staging / DATA_DIR,
            arrow_schema({PARQUET_METADATA_KEY: json.dumps(provenance, sort_keys=True)}),
            rows_per_part,
        )
        outcomes: list[DocumentOutcome] = []
        by_root: Counter[str] = Counter()
        invalid = 0
        with ExitStack() as stack:
            quarantine = stack.enter_context((staging / QUARANTINE).open("w", encoding="utf-8"))
            exports = [stack.enter_context(_ProfileWriter(staging, p)) for p in chosen_profiles]
            for outcome, result in _code_all(pipe, read_inputs(paths, read_options), batch_size):
                outcomes.append(outcome)
                if outcome.outcome == "quarantined":
                    _write_jsonl(quarantine, {"kind": "document", **_outcome_json(outcome)})
                if result is not None:
                    writer.add(result.rows)
                    for export in exports:
                        export.add(result.rows)
                    by_root.update(row["cameo_root"] for row in result.rows)
                    for row, problems in result.invalid:
                        invalid += 1
                        _write_jsonl(
                            quarantine,
                            {"kind": "row", "row": row, "violations": [str(p) for p in problems]},
                        )
                if on_document is not None:
                    on_document(outcome)
        writer.close()
        finished = dt.datetime.now(dt.UTC)
        report = BuildReport(
            out_dir=out,
            documents=len(outcomes),
            coded=sum(o.outcome == "coded" for o in outcomes),
            no_events=sum(o.outcome == "no_events" for o in outcomes),
            quarantined=sum(o.outcome == "quarantined" for o in outcomes),
            sentences=sum(o.sentences for o in outcomes),
            events=sum(o.events for o in outcomes),
            invalid_rows=invalid,
            by_root=dict(sorted(by_root.items())),
            parts=[p["path"] for p in writer.parts],
            elapsed_s=round(time.perf_counter() - clock, 3),
            outcomes=outcomes,
        )
        manifest = {
            **provenance,
            "finished": finished.isoformat(),
            "elapsed_s": report.elapsed_s,
            "options": {
                "coder": coder,
                "rows_per_part": rows_per_part,
                "model": model,
                "profiles": list(chosen_profiles),
                "read": asdict(read_options or ReadOptions()),
            },
            "profiles": {e.name: {"path": e.relative, "rows": e.rows} for e in exports},
            "counts": {
                "documents": report.documents,
                "coded": report.coded,
                "no_events": report.no_events,
                "quarantined": report.quarantined,
                "sentences": report.sentences,
                "events": report.events,
                "invalid_rows": report.invalid_rows,
            },
            "by_root": report.by_root,
            "parts": writer.parts,
            "documents": [_outcome_json(o) for o in outcomes],
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        (staging / EVENT_SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
        _swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return report


PROFILES: dict[str, tuple[tuple[str, ...], Callable[[dict[str, Any]], dict[str, Any] | None]]] = {
    "acled": (acled.PROFILE_COLUMNS, acled.acled_row),
}


def _check_profiles(profiles: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(profiles))
    unknown = [p for p in chosen if p not in PROFILES]
    if unknown:
        known = ", ".join(sorted(PROFILES))
        raise EventcoderError(f"unknown profile(s) {', '.join(unknown)}; known profiles: {known}")
    return chosen


class _ProfileWriter:
    """Streams rows, mapped to a profile's columns, into profiles/NAME.csv."""

    def __init__(self, staging: Path, name: str) -> None:
        self.name = name
        self.relative = f"{PROFILES_DIR}/{name}.csv"
        self.columns, self.convert = PROFILES[name]
        self.path = staging / self.relative
        self.rows = 0

    def __enter__(self) -> _ProfileWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = self.path.open("w", encoding="utf-8", newline="")
        self._writer = csv.DictWriter(self._handle, fieldnames=list(self.columns))
        self._writer.writeheader()
        return self

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            converted = self.convert(row)
            if converted is not None:
                self._writer.writerow(converted)
                self.rows += 1

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def _code_all(
    pipe: Pipeline, items: Iterable[Document | Quarantine], batch_size: int
) -> Iterator[tuple[DocumentOutcome, Any]]:
    """Outcomes (and results for coded documents) in input order, parsing in batches."""
    pending: list[tuple[int, Document | Quarantine]] = []

    def flush() -> Iterator[tuple[DocumentOutcome, Any]]:
        docs = [(seq, item) for seq, item in pending if isinstance(item, Document)]
        parses = pipe.nlp.parse_many((d.text for _, d in docs), batch_size=batch_size)
        parsed_by_seq = dict(zip((seq for seq, _ in docs), parses, strict=True))
        for seq, item in pending:
            if isinstance(item, Quarantine):
                yield _quarantined(seq, item), None
                continue
            result = pipe.code_document(item, parsed_by_seq[seq])
            kind = "coded" if result.rows else "no_events"
            yield (
                DocumentOutcome(
                    seq,
                    item.doc_id,
                    item.source,
                    kind,
                    len(result.rows),
                    result.sentences,
                    None,
                    item.flags,
                ),
                result,
            )
        pending.clear()

    for seq, item in enumerate(items):
        pending.append((seq, item))
        if len(pending) >= batch_size * 4:
            yield from flush()
    yield from flush()


def _quarantined(seq: int, item: Quarantine) -> DocumentOutcome:
    return DocumentOutcome(seq, item.doc_id, item.source, "quarantined", reason=item.reason)


def _outcome_json(outcome: DocumentOutcome) -> dict[str, Any]:
    data = asdict(outcome)
    data["flags"] = list(outcome.flags)
    return data


def _write_jsonl(handle: Any, record: dict[str, Any]) -> None:
    handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def _provenance(pipe: Pipeline, files: list[Path], started: dt.datetime) -> dict[str, Any]:
    """Run provenance shared by the manifest and the Parquet key-value metadata."""
    return {
        "eventcoder_version": __version__,
        "schema_version": schema_version(),
        "schema_sha256": hashlib.sha256(schema_text().encode()).hexdigest(),
        "started": started.isoformat(),
        "spacy_model": asdict(pipe.nlp.info),
        "coder": pipe.coder.provenance(),
        "inputs": [
            {"path": str(f), "sha256": sha256_file(f), "bytes": f.stat().st_size} for f in files
        ],
    }


def _has_data(out: Path) -> bool:
    return out.exists() and (not out.is_dir() or any(out.iterdir()))


def _check_target(out: Path, overwrite: bool) -> None:
    if out.exists() and not out.is_dir():
        raise OutputExistsError(f"{out} exists and is not a folder; choose another --out")
    if _has_data(out) and not overwrite:
        raise OutputExistsError(
            f"{out} already holds data; pass --overwrite to replace it, or choose another --out"
        )


def _swap_into_place(staging: Path, out: Path) -> None:
    """Replace `out` with the finished staging folder."""
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        out.rename(old)
        staging.rename(out)
        shutil.rmtree(old)
    else:
        staging.rename(out)
