"""The dataset builder: inputs -> Parquet parts + manifest.json + schema copy.

Work is cut into shards of consecutive input documents. Each shard is coded by the same
function whatever runs it (this process, worker processes, or a Dask cluster), writes its
parts under temporary names, renames them into place and records itself as done; so an
interrupted build resumes with only the missing shards (`resume=True`) and ends with the
rows an uninterrupted build gives. The build happens in a staging folder beside the target
and is renamed into place at the end: the target is complete or absent. A lock file keeps
two builds out of one folder. Returns a BuildReport; never prints. Every input document
ends up in the manifest with its outcome (coded, no_events, duplicate, quarantined).

The run provenance (model, coder, gazetteer) comes from a loaded pipeline: this process's
with one worker, else the one a worker loaded (a shard runner hands it over before the first
shard), so the main process of a multi-worker build never loads a model, coder or gazetteer.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventcoder import __version__, acled
from eventcoder.card import write_card
from eventcoder.coders import get_coder, known_coders, split_spec
from eventcoder.errors import EventcoderError, OutputExistsError, UnknownCoderError
from eventcoder.ingest import ReadOptions, input_files, read_inputs, sha256_file
from eventcoder.nlp import load_nlp
from eventcoder.pipeline import Pipeline
from eventcoder.schema import EVENT_SCHEMA_FILE, arrow_schema, schema_text, schema_version
from eventcoder.types import Document, Quarantine

MANIFEST = "manifest.json"
QUARANTINE = "quarantine.jsonl"
DATA_DIR = "data"
PROFILES_DIR = "profiles"
SHARDS_DIR = "_shards"
BUILD_FILE = "_build.json"
PARQUET_METADATA_KEY = "eventcoder"
SPLITS: tuple[str, ...] = ("train", "validation", "test")
PROFILES: dict[str, tuple[tuple[str, ...], Callable[[dict[str, Any]], dict[str, Any] | None]]] = {
    "acled": (acled.PROFILE_COLUMNS, acled.acled_row),
}


class BuildLockedError(EventcoderError):
    """Another build is writing into the same output folder."""


class ResumeError(EventcoderError):
    """An interrupted build cannot be resumed as asked."""


@dataclass(frozen=True)
class Duplicate:
    """A document whose normalised text equals an earlier document's."""

    document: Document
    first_doc_id: str


@dataclass(frozen=True)
class BuildConfig:
    """Everything a worker needs to code shards: picklable, recorded in the manifest."""

    coder: str = "rules"
    model: str | None = None
    rows_per_part: int = 100_000
    batch_size: int = 16
    profiles: tuple[str, ...] = ()
    split_ratios: tuple[float, float, float] = (0.8, 0.1, 0.1)
    dictionaries: str | None = None


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
            pipeline.locator.gazetteer.provenance(),
        )


@dataclass(frozen=True)
class DocumentOutcome:
    """What happened to one input document."""

    seq: int
    doc_id: str | None
    source: str
    outcome: str  # coded | no_events | duplicate | quarantined
    events: int = 0
    sentences: int = 0
    reason: str | None = None
    flags: tuple[str, ...] = ()
    split: str | None = None


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
    parts: tuple[dict[str, Any], ...]
    by_root: dict[str, int]
    invalid_rows: int
    profile_rows: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        """The shard record as JSON-ready data."""
        return {
            "index": self.index,
            "outcomes": [_outcome_json(o) for o in self.outcomes],
            "parts": list(self.parts),
            "by_root": self.by_root,
            "invalid_rows": self.invalid_rows,
            "profile_rows": self.profile_rows,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ShardResult:
        """A shard record read back."""
        outcomes = tuple(
            DocumentOutcome(**{**o, "flags": tuple(o["flags"])}) for o in data["outcomes"]
        )
        return cls(
            data["index"],
            outcomes,
            tuple(data["parts"]),
            data["by_root"],
            data["invalid_rows"],
            data["profile_rows"],
        )


@dataclass(frozen=True)
class BuildReport:
    """Counts and paths of a finished build."""

    out_dir: Path
    documents: int
    coded: int
    no_events: int
    duplicates: int
    quarantined: int
    sentences: int
    events: int
    invalid_rows: int
    by_root: dict[str, int]
    by_split: dict[str, int]
    parts: list[str]
    shards: int
    resumed_shards: int
    elapsed_s: float
    outcomes: list[DocumentOutcome] = field(default_factory=list)


ProvenanceSink = Callable[[PipelineProvenance], None]
# A shard runner codes shards elsewhere (worker processes, a Dask cluster) and yields their
# results. Given a sink (None: the build has its provenance already), it first hands the sink
# the provenance of the pipeline its workers loaded, before any shard is coded.
ShardRunner = Callable[
    [Iterable[Shard], BuildConfig, Path, ProvenanceSink | None], Iterator[ShardResult]
]


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    coder: str = "rules",
    dictionaries: str | None = None,
    overwrite: bool = False,
    resume: bool = False,
    model: str | None = None,
    pipeline: Pipeline | None = None,
    workers: int = 1,
    runner: ShardRunner | None = None,
    shard_size: int = 200,
    rows_per_part: int = 100_000,
    batch_size: int = 16,
    profiles: Iterable[str] = (),
    split_ratios: tuple[float, float, float] = (0.8, 0.1, 0.1),
    dedupe: bool = True,
    one_a_day: bool = False,
    read_options: ReadOptions | None = None,
    on_document: Callable[[DocumentOutcome], None] | None = None,
) -> BuildReport:
    """Build an event dataset from input paths into `out_dir`.

    Refuses to write into a folder holding data unless `overwrite`; finishes an interrupted
    build when `resume`. `workers` > 1 codes shards in that many processes (each loading the
    model once); `runner` replaces the engine (e.g. a Dask cluster, see eventcoder.engines).
    `one_a_day` keeps one event per (date, actor, target, code), PETRARCH style.
    """
    paths = [Path(p) for p in inputs]
    out = Path(out_dir)
    config = BuildConfig(
        coder,
        model,
        rows_per_part,
        batch_size,
        _check_profiles(profiles),
        _check_ratios(split_ratios),
        dictionaries,
    )
    if shard_size < 1 or workers < 1:
        raise EventcoderError("shard_size and workers must be at least 1")
    if split_spec(coder)[0] not in known_coders():
        raise UnknownCoderError(
            f"unknown coder {coder!r}; known coders: {', '.join(known_coders())}"
        )
    _check_target(out, overwrite)
    files = input_files(paths)
    options = read_options or ReadOptions()
    clock = time.perf_counter()
    staging = out.parent / f".{out.name}.building"
    with _lock(out):
        settings = _settings(config, options, files, shard_size, dedupe, one_a_day)
        done = _prepare_staging(staging, settings, resume)
        if pipeline is None and runner is None and workers == 1:
            pipeline = Pipeline(load_nlp(model), get_coder(coder, dictionaries))
        if pipeline is not None:
            _record_provenance(staging, PipelineProvenance.of(pipeline))
        sink = None if _has_provenance(staging) else partial(_record_provenance, staging)
        results = dict(done)
        todo = (
            s
            for s in _shards(read_inputs(paths, options), shard_size, dedupe)
            if s.index not in done
        )
        if runner is not None:
            fresh = runner(todo, config, staging, sink)
        elif workers > 1:
            from eventcoder.engines import run_processes

            fresh = run_processes(todo, config, staging, workers, sink)
        else:
            assert pipeline is not None
            fresh = (code_shard(s, pipeline, config, staging) for s in todo)
        for result in fresh:
            results[result.index] = result
            if on_document is not None:
                for outcome in result.outcomes:
                    on_document(outcome)
        report = _finish(staging, out, results, len(done), clock, one_a_day)
    return report


# --- shards ---------------------------------------------------------------------------------


def _shards(items: Iterable[Document | Quarantine], size: int, dedupe: bool) -> Iterator[Shard]:
    """Input items cut into shards of `size`, duplicates of earlier texts marked."""
    seen: dict[str, str] = {}

    def marked() -> Iterator[tuple[int, Document | Quarantine | Duplicate]]:
        for seq, item in enumerate(items):
            if dedupe and isinstance(item, Document):
                key = text_fingerprint(item.text)
                first = seen.setdefault(key, item.doc_id)
                if first != item.doc_id:
                    yield seq, Duplicate(item, first)
                    continue
            yield seq, item

    stream = marked()
    index = 0
    while chunk := tuple(islice(stream, size)):
        yield Shard(index, chunk)
        index += 1


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


def code_shard(shard: Shard, pipeline: Pipeline, config: BuildConfig, folder: Path) -> ShardResult:
    """Code one shard into `folder` (a build's staging folder) and record it as done.

    Parts are written under temporary names and renamed into data/; the shard's record
    in _shards/ is written last, so a shard is done exactly when its record exists.
    """
    metadata = _read_json(folder / BUILD_FILE)["provenance"]
    schema = arrow_schema({PARQUET_METADATA_KEY: json.dumps(metadata, sort_keys=True)})
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
            quarantine.append(_jsonl({"kind": "document", **_outcome_json(outcome)}))
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
                quarantine.append(_jsonl({"kind": "row", "row": row, "violations": violations}))
            kind = "coded" if rows else "no_events"
            outcome = DocumentOutcome(
                seq,
                item.doc_id,
                item.source,
                kind,
                len(rows),
                result.sentences,
                None,
                item.flags,
                split,
            )
        outcomes.append(outcome)
    parts = _write_parts(folder, shard.index, rows_by_split, schema, config.rows_per_part)
    profile_rows = _write_shard_extras(folder, shard.index, rows_by_split, quarantine, config)
    done = ShardResult(
        shard.index, tuple(outcomes), tuple(parts), dict(by_root), invalid, profile_rows
    )
    _write_atomic(folder / SHARDS_DIR / f"{shard.index:05d}.json", json.dumps(done.to_json()))
    return done


def _write_parts(
    folder: Path,
    shard: int,
    rows_by_split: dict[str, list[dict[str, Any]]],
    schema: pa.Schema,
    rows_per_part: int,
) -> list[dict[str, Any]]:
    parts = []
    for split, rows in rows_by_split.items():
        for k, start in enumerate(range(0, len(rows), rows_per_part)):
            chunk = rows[start : start + rows_per_part]
            name = f"{split}-{shard:05d}-{k:03d}.parquet"
            parts.append(_write_part(folder, name, chunk, schema, split))
    return parts


def _write_part(
    folder: Path, name: str, rows: list[dict[str, Any]], schema: pa.Schema, split: str
) -> dict[str, Any]:
    """Write one Parquet part under a temporary name, then rename it into data/."""
    temp = folder / SHARDS_DIR / f".{name}.tmp"
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), temp)
    digest = sha256_file(temp)
    os.replace(temp, folder / DATA_DIR / name)
    return {"path": f"{DATA_DIR}/{name}", "rows": len(rows), "sha256": digest, "split": split}


def _write_shard_extras(
    folder: Path,
    shard: int,
    rows_by_split: dict[str, list[dict[str, Any]]],
    quarantine: list[str],
    config: BuildConfig,
) -> dict[str, int]:
    """The shard's quarantine lines and profile rows, to be joined in shard order at the end."""
    _write_atomic(folder / SHARDS_DIR / f"{shard:05d}.quarantine.jsonl", "".join(quarantine))
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
        _write_atomic(folder / SHARDS_DIR / f"{shard:05d}.{name}.csv", buffer.getvalue())
        counts[name] = len(converted)
    return counts


# --- staging, lock, resume ------------------------------------------------------------------


def _settings(
    config: BuildConfig,
    options: ReadOptions,
    files: list[Path],
    shard_size: int,
    dedupe: bool,
    one_a_day: bool,
) -> dict[str, Any]:
    """What must match for a staged build to be resumed: options and inputs."""
    return {
        "config": asdict(config),
        "read": asdict(options),
        "shard_size": shard_size,
        "dedupe": dedupe,
        "one_a_day": one_a_day,
        "inputs": [
            {"path": str(f), "sha256": sha256_file(f), "bytes": f.stat().st_size} for f in files
        ],
    }


def _prepare_staging(
    staging: Path, settings: dict[str, Any], resume: bool
) -> dict[int, ShardResult]:
    """A staging folder ready for shards; the shards already done when resuming."""
    build_file = staging / BUILD_FILE
    if staging.exists() and not resume:
        if build_file.exists():
            raise ResumeError(
                f"an interrupted build is in {staging}; pass --resume to finish it, or "
                "--overwrite to start again"
            )
        shutil.rmtree(staging)
    if resume and build_file.exists():
        previous = _read_json(build_file)
        if previous["settings"] != json.loads(json.dumps(settings)):
            raise ResumeError(
                f"the interrupted build in {staging} used other inputs or options; rerun it "
                "with the same ones, or pass --overwrite (without --resume) to start again"
            )
        return _completed_shards(staging)
    if staging.exists():
        shutil.rmtree(staging)
    (staging / DATA_DIR).mkdir(parents=True)
    (staging / SHARDS_DIR).mkdir()
    _write_atomic(build_file, json.dumps({"settings": settings}, indent=2))
    return {}


def _completed_shards(staging: Path) -> dict[int, ShardResult]:
    """Shard records on disk; files of unfinished shards are removed."""
    done = {}
    for record in sorted((staging / SHARDS_DIR).glob("[0-9]*.json")):
        result = ShardResult.from_json(_read_json(record))
        done[result.index] = result
    keep = {Path(p["path"]).name for r in done.values() for p in r.parts}
    for part in (staging / DATA_DIR).iterdir():
        if part.name not in keep:
            part.unlink()
    for extra in (staging / SHARDS_DIR).iterdir():
        match = re.match(r"(\d{5})\.", extra.name)
        if match is None or int(match.group(1)) not in done:
            extra.unlink()
    return done


def _has_provenance(staging: Path) -> bool:
    """Whether the staged build has its run provenance recorded (a resumed one may)."""
    return "provenance" in _read_json(staging / BUILD_FILE)


def _record_provenance(staging: Path, pipeline: PipelineProvenance) -> None:
    """Record the run provenance, once per staged build (a resumed build keeps its start)."""
    build_file = staging / BUILD_FILE
    data = _read_json(build_file)
    if "provenance" not in data:
        started = dt.datetime.now(dt.UTC)
        data["provenance"] = {
            "eventcoder_version": __version__,
            "schema_version": schema_version(),
            "schema_sha256": hashlib.sha256(schema_text().encode()).hexdigest(),
            "started": started.isoformat(),
            "spacy_model": pipeline.spacy_model,
            "coder": pipeline.coder,
            "gazetteer": pipeline.gazetteer,
            "inputs": data["settings"]["inputs"],
        }
        _write_atomic(build_file, json.dumps(data, indent=2))


class _lock:
    """An exclusive lock file beside the output folder; a stale one (dead process) is taken."""

    def __init__(self, out: Path) -> None:
        self.path = out.parent / f".{out.name}.lock"

    def __enter__(self) -> _lock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                holder = _lock_holder(self.path)
                if holder is not None:
                    raise BuildLockedError(
                        f"another build (pid {holder}) is writing {self.path.parent}; wait "
                        f"for it to finish, or remove {self.path} if that process is gone"
                    ) from None
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(f"{os.getpid()} {socket.gethostname()}\n")
            return self
        raise BuildLockedError(f"could not take the lock {self.path}; remove it and retry")

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)


def _lock_holder(path: Path) -> int | None:
    """The pid holding the lock if it is alive on this host, else None."""
    try:
        pid_text, host = path.read_text().split()
        pid = int(pid_text)
    except (OSError, ValueError):
        return None
    if host != socket.gethostname():
        return pid
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


# --- finishing ------------------------------------------------------------------------------


def _finish(
    staging: Path,
    out: Path,
    results: dict[int, ShardResult],
    resumed: int,
    clock: float,
    one_a_day: bool,
) -> BuildReport:
    """Join the shards into the final folder: manifest, quarantine, profiles, then rename."""
    data = _read_json(staging / BUILD_FILE)
    settings, provenance = data["settings"], data["provenance"]
    ordered = [results[i] for i in sorted(results)]
    outcomes = [o for r in ordered for o in r.outcomes]
    parts = [p for r in ordered for p in r.parts]
    dropped = 0
    if one_a_day:
        parts, dropped = _one_a_day(staging, parts)
    if not parts:
        schema = arrow_schema({PARQUET_METADATA_KEY: json.dumps(provenance, sort_keys=True)})
        (staging / SHARDS_DIR).mkdir(exist_ok=True)
        parts = [_write_part(staging, f"{SPLITS[0]}-00000-000.parquet", [], schema, SPLITS[0])]
    _join(staging, [f"{r.index:05d}.quarantine.jsonl" for r in ordered], QUARANTINE)
    profiles = {}
    for name in settings["config"]["profiles"]:
        header = ",".join(PROFILES[name][0]) + "\r\n"
        relative = f"{PROFILES_DIR}/{name}.csv"
        _join(staging, [f"{r.index:05d}.{name}.csv" for r in ordered], relative, header)
        profiles[name] = {"path": relative, "rows": sum(r.profile_rows[name] for r in ordered)}
    by_root: Counter[str] = Counter()
    for r in ordered:
        by_root.update(r.by_root)
    by_split: Counter[str] = Counter()
    for p in parts:
        by_split[p["split"]] += p["rows"]
    elapsed = round(time.perf_counter() - clock, 3)
    kinds = Counter(o.outcome for o in outcomes)
    report = BuildReport(
        out_dir=out,
        documents=len(outcomes),
        coded=kinds["coded"],
        no_events=kinds["no_events"],
        duplicates=kinds["duplicate"],
        quarantined=kinds["quarantined"],
        sentences=sum(o.sentences for o in outcomes),
        events=sum(p["rows"] for p in parts),
        invalid_rows=sum(r.invalid_rows for r in ordered),
        by_root=dict(sorted(by_root.items())) if not dropped else _roots(staging, parts),
        by_split={s: by_split[s] for s in SPLITS},
        parts=[p["path"] for p in parts],
        shards=len(ordered),
        resumed_shards=resumed,
        elapsed_s=elapsed,
        outcomes=outcomes,
    )
    manifest = {
        **provenance,
        "finished": dt.datetime.now(dt.UTC).isoformat(),
        "elapsed_s": elapsed,
        "options": {
            **settings["config"],
            "shard_size": settings["shard_size"],
            "dedupe": settings["dedupe"],
            "one_a_day": settings["one_a_day"],
            "read": settings["read"],
        },
        "counts": {
            "documents": report.documents,
            "coded": report.coded,
            "no_events": report.no_events,
            "duplicates": report.duplicates,
            "quarantined": report.quarantined,
            "sentences": report.sentences,
            "events": report.events,
            "invalid_rows": report.invalid_rows,
            "one_a_day_dropped": dropped,
        },
        "by_root": report.by_root,
        "by_split": report.by_split,
        "parts": parts,
        "profiles": profiles,
        "shards": [
            {
                "index": r.index,
                "first_seq": r.outcomes[0].seq if r.outcomes else None,
                "documents": len(r.outcomes),
                "events": sum(p["rows"] for p in r.parts),
            }
            for r in ordered
        ],
        "documents": [_outcome_json(o) for o in outcomes],
    }
    _write_atomic(staging / MANIFEST, json.dumps(manifest, indent=2) + "\n")
    _write_atomic(staging / EVENT_SCHEMA_FILE, schema_text())
    write_card(staging, name=out.name)
    shutil.rmtree(staging / SHARDS_DIR)
    (staging / BUILD_FILE).unlink()
    swap_into_place(staging, out)
    return report


def _one_a_day(staging: Path, parts: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Keep the first event per (date, actor, target, code) across the dataset, in part order."""
    seen: set[tuple[Any, ...]] = set()
    kept_parts = []
    dropped = 0
    for part in parts:
        path = staging / part["path"]
        table = pq.read_table(path)
        rows = table.to_pylist()
        keep = []
        for row in rows:
            key = (row["event_date"], row["actor_code"], row["target_code"], row["cameo_code"])
            if key in seen:
                dropped += 1
                continue
            seen.add(key)
            keep.append(row)
        path.unlink()
        if keep:
            name = Path(part["path"]).name
            kept_parts.append(_write_part(staging, name, keep, table.schema, part["split"]))
    return kept_parts, dropped


def _roots(staging: Path, parts: list[dict[str, Any]]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for part in parts:
        counts.update(
            pq.read_table(staging / part["path"], columns=["cameo_root"])["cameo_root"].to_pylist()
        )
    return dict(sorted(counts.items()))


def _join(staging: Path, names: list[str], target: str, header: str = "") -> None:
    path = staging / target
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(header)
        for name in names:
            out.write((staging / SHARDS_DIR / name).read_text(encoding="utf-8"))


def _check_profiles(profiles: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(profiles))
    unknown = [p for p in chosen if p not in PROFILES]
    if unknown:
        known = ", ".join(sorted(PROFILES))
        raise EventcoderError(f"unknown profile(s) {', '.join(unknown)}; known profiles: {known}")
    return chosen


def _check_ratios(ratios: tuple[float, float, float]) -> tuple[float, float, float]:
    values = tuple(float(r) for r in ratios)
    if len(values) != 3 or any(r < 0 for r in values) or abs(sum(values) - 1) > 1e-6:
        raise EventcoderError(
            f"split ratios must be three non-negative numbers summing to 1 (train, validation, "
            f"test), got {ratios}"
        )
    return (values[0], values[1], values[2])


def _outcome_json(outcome: DocumentOutcome) -> dict[str, Any]:
    data = asdict(outcome)
    data["flags"] = list(outcome.flags)
    return data


def _jsonl(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def _read_json(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _write_atomic(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def _has_data(out: Path) -> bool:
    return out.exists() and (not out.is_dir() or any(out.iterdir()))


def _check_target(out: Path, overwrite: bool) -> None:
    if out.exists() and not out.is_dir():
        raise OutputExistsError(f"{out} exists and is not a folder; choose another --out")
    if _has_data(out) and not overwrite:
        raise OutputExistsError(
            f"{out} already holds data; pass --overwrite to replace it, or choose another --out"
        )


def swap_into_place(staging: Path, out: Path) -> None:
    """Replace `out` with the finished staging folder."""
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        out.rename(old)
        staging.rename(out)
        shutil.rmtree(old)
    else:
        staging.rename(out)
