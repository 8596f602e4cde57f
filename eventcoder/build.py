"""The dataset builder: inputs -> Parquet parts + manifest.json + schema copy.

Work is cut into shards of consecutive input documents (eventcoder.shards), coded by the
same function whatever runs it (this process, worker processes, or a Dask cluster). The
build happens in a staging folder beside the target and is renamed into place at the end:
the target is complete or absent. An interrupted build resumes with only the missing shards
(`resume=True`) and ends with the rows an uninterrupted build gives. A lock file keeps two
builds out of one folder. Returns a BuildReport; never prints. Every input document ends up
in the manifest with its outcome (coded, no_events, duplicate, quarantined).

The run provenance (model, coder, gazetteer) comes from a loaded pipeline: this process's
with one worker, else the one a worker loaded (a shard runner hands it over before the first
shard), so the main process of a multi-worker build never loads a model, coder or gazetteer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from eventcoder.about import __version__
from eventcoder.card import write_card
from eventcoder.config import PROFILES, BuildConfig
from eventcoder.dataset import (
    DATA_DIR,
    PROFILES_DIR,
    QUARANTINE,
    SPLITS,
    Counts,
    DocumentOutcome,
    InputFile,
    Manifest,
    Part,
    ProfileFile,
    RunProvenance,
    ShardSummary,
    swap_into_place,
    write_atomic,
    write_manifest,
    write_part,
)
from eventcoder.engines import run_processes
from eventcoder.errors import EventcoderError
from eventcoder.ingest import input_files, read_inputs
from eventcoder.outputs import OutputLock, OutputLockedError, check_output
from eventcoder.pipeline import Pipeline
from eventcoder.schema import EVENT_SCHEMA_FILE, schema_text, schema_version
from eventcoder.shards import (
    BUILD_FILE,
    SHARDS_DIR,
    PipelineProvenance,
    ShardResult,
    ShardRunner,
    code_shard,
    cut_shards,
    part_schema,
    read_json,
    shard_chars_for,
)

BuildLockedError = OutputLockedError


class ResumeError(EventcoderError):
    """An interrupted build cannot be resumed as asked."""


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


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    config: BuildConfig | None = None,
    *,
    overwrite: bool = False,
    resume: bool = False,
    pipeline: Pipeline | None = None,
    workers: int = 1,
    runner: ShardRunner | None = None,
    on_document: Callable[[DocumentOutcome], None] | None = None,
    on_shard: Callable[[ShardResult, bool], None] | None = None,
) -> BuildReport:
    """Build an event dataset from input paths into `out_dir`, as `config` says.

    Refuses to write into a folder holding data unless `overwrite`; finishes an interrupted
    build when `resume`. `workers` > 1 codes shards in that many processes (forked from this
    one with its pipeline loaded where the OS allows, else each loading it); `runner`
    replaces the engine (e.g. a Dask cluster, see eventcoder.engines); `pipeline` is a loaded
    pipeline to use in this process.
    `on_document` hears of every document's outcome once, as soon as it is known (those of
    resumed shards first), `on_shard` of every shard finished (with True for a resumed one).
    """
    config = config or BuildConfig()
    paths = [Path(p) for p in inputs]
    out = Path(out_dir)
    if workers < 1:
        raise EventcoderError("workers must be at least 1")
    config.pipeline.coder_spec()  # an unknown coder or bad option fails before any work
    clock = time.perf_counter()
    staging = out.parent / f".{out.name}.building"
    with OutputLock(out):
        check_output(out, paths, overwrite=overwrite, kind="dataset", what="output")
        files = input_files(paths)
        settings = _settings(config, files)
        done = _prepare_staging(staging, settings, resume, overwrite)
        if pipeline is None and runner is None and workers == 1:
            pipeline = config.pipeline.load()
        if pipeline is not None:
            _record_provenance(staging, PipelineProvenance.of(pipeline))
        sink = partial(_record_provenance, staging)
        results = dict(done)
        todo = (
            s
            for s in cut_shards(
                read_inputs(paths, config.read),
                config.shard_size,
                config.dedupe,
                shard_chars_for(sum(i["bytes"] for i in settings["inputs"])),
            )
            if s.index not in done
        )
        told: set[int] = set()
        fresh: Iterable[ShardResult | DocumentOutcome]
        if runner is not None:
            fresh = runner(todo, config, staging, sink)
        elif workers > 1:
            fresh = run_processes(todo, config, staging, workers, sink)
        else:
            assert pipeline is not None
            live = partial(_tell_document, told=told, on_document=on_document)
            fresh = (code_shard(s, pipeline, config, staging, live) for s in todo)
        for index in sorted(done):
            _tell(done[index], True, told, on_document, on_shard)
        for item in fresh:
            if isinstance(item, DocumentOutcome):
                _tell_document(item, told, on_document)
                continue
            results[item.index] = item
            _tell(item, False, told, on_document, on_shard)
        report = _finish(staging, out, results, len(done), clock, config)
    return report


def _tell_document(
    outcome: DocumentOutcome,
    told: set[int],
    on_document: Callable[[DocumentOutcome], None] | None,
) -> None:
    """Tell `on_document` of an outcome as soon as it is known, noting it (by its input
    sequence number) until its shard's result arrives."""
    told.add(outcome.seq)
    if on_document is not None:
        on_document(outcome)


def _tell(
    result: ShardResult,
    resumed: bool,
    told: set[int],
    on_document: Callable[[DocumentOutcome], None] | None,
    on_shard: Callable[[ShardResult, bool], None] | None,
) -> None:
    """Tell of a finished shard, and of its documents not told yet (so `told` holds only the
    documents of shards in flight)."""
    for outcome in result.outcomes:
        if outcome.seq in told:
            told.discard(outcome.seq)
        elif on_document is not None:
            on_document(outcome)
    if on_shard is not None:
        on_shard(result, resumed)


# --- staging, lock, resume ------------------------------------------------------------------


def _settings(config: BuildConfig, files: list[Path]) -> dict[str, Any]:
    """What must match for a staged build to be resumed: the config and the inputs."""
    return {
        "config": config.to_json(),
        "inputs": [InputFile.of(f).__dict__ for f in files],
    }


def _prepare_staging(
    staging: Path, settings: dict[str, Any], resume: bool, overwrite: bool
) -> dict[int, ShardResult]:
    """A staging folder ready for shards; the shards already done when resuming (an
    interrupted build is started again when overwriting without resuming)."""
    build_file = staging / BUILD_FILE
    if staging.exists() and not resume:
        if build_file.exists() and not overwrite:
            raise ResumeError(
                f"an interrupted build is in {staging}; resume it to finish it, or overwrite "
                "to start again"
            )
        shutil.rmtree(staging)
    if resume and build_file.exists():
        try:
            previous = read_json(build_file)["settings"]
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise ResumeError(
                f"the interrupted build in {staging} cannot be read ({err}); overwrite "
                "(without resuming) to start again"
            ) from None
        wanted = json.loads(json.dumps(settings))
        if previous != wanted:
            raise ResumeError(
                f"the interrupted build in {staging} used other inputs or options "
                f"({_difference(previous, wanted)}); rerun it with the same ones, or "
                "overwrite (without resuming) to start again"
            )
        return _completed_shards(staging)
    if staging.exists():
        shutil.rmtree(staging)
    (staging / DATA_DIR).mkdir(parents=True)
    (staging / SHARDS_DIR).mkdir()
    write_atomic(build_file, json.dumps({"settings": settings}, indent=2))
    return {}


def _difference(previous: dict[str, Any], wanted: dict[str, Any]) -> str:
    """What differs between two staged settings, in words."""
    if previous.get("inputs") != wanted.get("inputs"):
        return "the input files differ"
    try:
        old = BuildConfig.from_json(previous["config"])
    except (KeyError, TypeError, EventcoderError):
        return "a build of another version"
    changes = old.differences(BuildConfig.from_json(wanted["config"]))
    return "; ".join(changes) or "the settings differ"


def _completed_shards(staging: Path) -> dict[int, ShardResult]:
    """Shard records on disk; files of unfinished shards are removed."""
    done = {}
    for record in sorted((staging / SHARDS_DIR).glob("[0-9]*.json")):
        try:
            result = ShardResult.from_json(read_json(record))
        except (OSError, ValueError, KeyError, TypeError):
            record.unlink()  # cut short (a crash while writing): the shard is coded again
            continue
        if not all((staging / part.path).is_file() for part in result.parts):
            record.unlink()  # a part lost after its record: the shard is coded again
            continue
        done[result.index] = result
    keep = {Path(p.path).name for r in done.values() for p in r.parts}
    for part in (staging / DATA_DIR).iterdir():
        if part.name not in keep:
            part.unlink()
    for extra in (staging / SHARDS_DIR).iterdir():
        match = re.match(r"(\d{5})\.", extra.name)
        if match is None or int(match.group(1)) not in done:
            extra.unlink()
    return done


def _record_provenance(staging: Path, pipeline: PipelineProvenance) -> None:
    """Record the run provenance, once per staged build (a resumed build keeps its start);
    a resumed build whose pipeline differs from the one that started it is refused."""
    build_file = staging / BUILD_FILE
    data = read_json(build_file)
    provenance = RunProvenance(
        eventcoder_version=__version__,
        schema_version=schema_version(),
        schema_sha256=hashlib.sha256(schema_text().encode()).hexdigest(),
        started=dt.datetime.now(dt.UTC).isoformat(),
        spacy_model=pipeline.spacy_model,
        coder=pipeline.coder,
        gazetteer=pipeline.gazetteer,
        inputs=tuple(InputFile(**i) for i in data["settings"]["inputs"]),
    )
    if "provenance" in data:
        changed = _provenance_changes(data["provenance"], provenance.to_json())
        if changed:
            raise ResumeError(
                f"the interrupted build in {staging} was coded with another pipeline "
                f"({'; '.join(changed)}); its rows would mix two versions: overwrite "
                "(without resuming) to start again, or restore what it was built with"
            )
        return
    data["provenance"] = provenance.to_json()
    write_atomic(build_file, json.dumps(data, indent=2))


_COMPARED = ("eventcoder_version", "schema_version", "schema_sha256", "coder", "gazetteer")


def _provenance_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What differs between the provenance a build started with and the one resuming it."""
    changes: list[str] = []
    for key in _COMPARED:
        before, after = old.get(key), new.get(key)
        if isinstance(before, dict) and isinstance(after, dict):
            changes.extend(
                f"{key} {k}: {before.get(k)} != {after.get(k)}"
                for k in sorted(set(before) | set(after))
                if before.get(k) != after.get(k)
            )
        elif before != after:
            changes.append(f"{key}: {before} != {after}")
    model_old, model_new = old.get("spacy_model", {}), new.get("spacy_model", {})
    for k in ("lang", "name", "version"):
        if model_old.get(k) != model_new.get(k):
            changes.append(f"spaCy model {k}: {model_old.get(k)} != {model_new.get(k)}")
    return changes


# --- finishing ------------------------------------------------------------------------------


def _finish(
    staging: Path,
    out: Path,
    results: dict[int, ShardResult],
    resumed: int,
    clock: float,
    config: BuildConfig,
) -> BuildReport:
    """Join the shards into the final folder: manifest, quarantine, profiles, then rename."""
    provenance = RunProvenance.from_json(read_json(staging / BUILD_FILE)["provenance"])
    ordered = [results[i] for i in sorted(results)]
    outcomes = [o for r in ordered for o in r.outcomes]
    parts = [p for r in ordered for p in r.parts]
    dropped = 0
    if config.one_a_day:
        parts, dropped = _one_a_day(staging, parts)
    if not parts:
        schema = part_schema(provenance.to_json())
        (staging / SHARDS_DIR).mkdir(exist_ok=True)
        name = f"{SPLITS[0]}-00000-000.parquet"
        parts = [write_part(staging, staging / SHARDS_DIR, name, [], schema, SPLITS[0])]
    _join(staging, [f"{r.index:05d}.quarantine.jsonl" for r in ordered], QUARANTINE)
    profiles = {}
    for name in config.profiles:
        header = ",".join(PROFILES[name][0]) + "\r\n"
        relative = f"{PROFILES_DIR}/{name}.csv"
        _join(staging, [f"{r.index:05d}.{name}.csv" for r in ordered], relative, header)
        profiles[name] = ProfileFile(relative, sum(r.profile_rows[name] for r in ordered))
    by_root: Counter[str] = Counter()
    for r in ordered:
        by_root.update(r.by_root)
    by_split: Counter[str] = Counter()
    for p in parts:
        by_split[p.split] += p.rows
    elapsed = round(time.perf_counter() - clock, 3)
    kinds = Counter(o.outcome for o in outcomes)
    counts = Counts(
        documents=len(outcomes),
        coded=kinds["coded"],
        no_events=kinds["no_events"],
        duplicates=kinds["duplicate"],
        quarantined=kinds["quarantined"],
        sentences=sum(o.sentences for o in outcomes),
        events=sum(p.rows for p in parts),
        invalid_rows=sum(r.invalid_rows for r in ordered),
        one_a_day_dropped=dropped,
    )
    manifest = Manifest(
        provenance=provenance,
        finished=dt.datetime.now(dt.UTC).isoformat(),
        elapsed_s=elapsed,
        config=config,
        counts=counts,
        by_root=dict(sorted(by_root.items())) if not dropped else _roots(staging, parts),
        by_split={s: by_split[s] for s in SPLITS},
        parts=tuple(parts),
        profiles=profiles,
        shards=tuple(
            ShardSummary(
                r.index,
                r.outcomes[0].seq if r.outcomes else None,
                len(r.outcomes),
                sum(p.rows for p in r.parts),
            )
            for r in ordered
        ),
        documents=tuple(outcomes),
    )
    write_manifest(staging, manifest)
    write_atomic(staging / EVENT_SCHEMA_FILE, schema_text())
    write_card(staging, name=out.name)
    shutil.rmtree(staging / SHARDS_DIR)
    (staging / BUILD_FILE).unlink()
    swap_into_place(staging, out)
    return BuildReport(
        out_dir=out,
        documents=counts.documents,
        coded=counts.coded,
        no_events=counts.no_events,
        duplicates=counts.duplicates,
        quarantined=counts.quarantined,
        sentences=counts.sentences,
        events=counts.events,
        invalid_rows=counts.invalid_rows,
        by_root=manifest.by_root,
        by_split=manifest.by_split,
        parts=[p.path for p in parts],
        shards=len(ordered),
        resumed_shards=resumed,
        elapsed_s=elapsed,
        outcomes=outcomes,
    )


def _one_a_day(staging: Path, parts: list[Part]) -> tuple[list[Part], int]:
    """Keep the first event per (date, actor, target, code) across the dataset, in part order."""
    import pyarrow.parquet as pq  # imported on use, for start-up time

    seen: set[tuple[Any, ...]] = set()
    kept_parts = []
    dropped = 0
    for part in parts:
        path = staging / part.path
        table = pq.read_table(path)
        keep = []
        for row in table.to_pylist():
            key = (row["event_date"], row["actor_code"], row["target_code"], row["cameo_code"])
            if key in seen:
                dropped += 1
                continue
            seen.add(key)
            keep.append(row)
        path.unlink()
        if keep:
            name = Path(part.path).name
            temp_dir = staging / SHARDS_DIR
            kept_parts.append(write_part(staging, temp_dir, name, keep, table.schema, part.split))
    return kept_parts, dropped


def _roots(staging: Path, parts: list[Part]) -> dict[str, int]:
    import pyarrow.parquet as pq  # imported on use, for start-up time

    counts: Counter[str] = Counter()
    for part in parts:
        table = pq.read_table(staging / part.path, columns=["cameo_root"])
        counts.update(table["cameo_root"].to_pylist())
    return dict(sorted(counts.items()))


def _join(staging: Path, names: list[str], target: str, header: str = "") -> None:
    path = staging / target
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(header)
        for name in names:
            out.write((staging / SHARDS_DIR / name).read_text(encoding="utf-8"))
