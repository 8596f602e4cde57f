"""The public Python API: build, code, places, validate, evaluate, export, push, schema.

The command line wraps these functions and nothing else does more than they do. Each
returns a typed report or rows and raises an EventcoderError subclass whose message says what
to change; none prints. Load a pipeline once (`PipelineSpec().load()`) and pass it to code
many texts quickly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from eventcoder.build import BuildReport
from eventcoder.build import build as _build
from eventcoder.config import BuildConfig
from eventcoder.dataset import DocumentOutcome
from eventcoder.engines import dask_runner
from eventcoder.errors import InputError
from eventcoder.eval_acled import AcledEvalReport, score_acled
from eventcoder.eval_news import PlvReport, QuadReport, score_plv, score_quad
from eventcoder.eval_places import PlacesReport, document_mentions, score_places
from eventcoder.evaluate import EvalReport, PloverReport, petrarch_pipeline, score, score_plover
from eventcoder.export import ExportReport
from eventcoder.export import export as _export
from eventcoder.gold import gold_format, load_annotations, load_petrarch_validation
from eventcoder.hub import PushReport, push_dataset
from eventcoder.ingest import DEFAULT_MAX_CHARS, ReadOptions, document_from_text, read_inputs
from eventcoder.inspect_dataset import DatasetStats, dataset_stats, select_rows
from eventcoder.nlp import load_nlp
from eventcoder.pipeline import Pipeline, PipelineSpec
from eventcoder.report import ReportFiles, write_report
from eventcoder.schema import load_schema
from eventcoder.shards import ShardResult
from eventcoder.types import Document, PlaceMention, Quarantine
from eventcoder.validate import ValidationReport, validate_path


def _loaded(pipeline: Pipeline | PipelineSpec | None) -> Pipeline:
    if isinstance(pipeline, Pipeline):
        return pipeline
    return (pipeline or PipelineSpec()).load()


def build(
    inputs: Iterable[str | Path],
    out: str | Path,
    config: BuildConfig | None = None,
    *,
    overwrite: bool = False,
    resume: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    pipeline: Pipeline | None = None,
    on_document: Callable[[DocumentOutcome], None] | None = None,
    on_shard: Callable[[ShardResult, bool], None] | None = None,
) -> BuildReport:
    """Build a Parquet event dataset from text files, folders, JSONL, CSV, Parquet or Arrow.

    `config` holds everything the rows depend on (coder, model, read options, splits...);
    `workers` processes code shards in parallel, or the Dask cluster at `scheduler` does.
    `on_document` and `on_shard` hear of each document's outcome and each finished shard
    (resumed ones first).

    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (tmp / "a.txt").write_text("Iran condemned the US airstrike on Monday.")
    >>> report = build([tmp / "a.txt"], tmp / "out")
    >>> report.documents, report.events > 0
    (1, True)
    >>> sorted(p.name for p in (tmp / "out").iterdir())
    ['README.md', 'data', 'event.schema.json', 'manifest.json', 'quarantine.jsonl']
    """
    runner = dask_runner(scheduler) if scheduler else None
    return _build(
        inputs,
        out,
        config,
        overwrite=overwrite,
        resume=resume,
        pipeline=pipeline,
        workers=workers,
        runner=runner,
        on_document=on_document,
        on_shard=on_shard,
    )


def code(
    text: str, *, date: str | None = None, pipeline: Pipeline | PipelineSpec | None = None
) -> list[dict[str, Any]]:
    """The event rows of one text (each valid against the event schema).

    >>> rows = code("Iran condemned the US airstrike.", date="2024-01-05")
    >>> [(r["actor_code"], r["cameo_code"], r["target_code"]) for r in rows]
    [('IRN', '111', 'USA'), ('USA', '195', None)]
    """
    if len(text) > DEFAULT_MAX_CHARS:
        raise InputError(
            f"the text has {len(text):,} characters, over the limit of {DEFAULT_MAX_CHARS:,} "
            "for one document; split it, or build a dataset from it as several documents"
        )
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise InputError("the text holds bytes that are not valid UTF-8; re-encode it as UTF-8")
    loaded = _loaded(pipeline)
    return loaded.code_document(document_from_text(text, date=date)).rows


def places(text: str, *, pipeline: Pipeline | PipelineSpec | None = None) -> list[PlaceMention]:
    """Every place mention of a text, resolved against the gazetteer in the document's context.

    >>> [(p.text, p.place.country) for p in places("Protesters marched in Lagos, Nigeria.")]
    [('Lagos', 'NGA'), ('Nigeria', 'NGA')]
    """
    loaded = _loaded(pipeline)
    return loaded.locator.mentions(loaded.parse(document_from_text(text)))


def place_mentions(
    inputs: Iterable[str | Path],
    *,
    read: ReadOptions | None = None,
    pipeline: Pipeline | PipelineSpec | None = None,
    demonyms: bool = True,
    on_skip: Callable[[Quarantine], None] | None = None,
) -> Iterator[PlaceMention]:
    """Every place mention of the documents in the inputs (read and admitted as `build` reads
    them; `on_skip` hears of each item set aside), in document and text order.

    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (tmp / "a.txt").write_text("Turkish police raided a house near Ankara, the capital.")
    >>> [(m.text, m.place.country, m.reason) for m in place_mentions([tmp])][0]
    ('Turkish', 'TUR', 'demonym')
    """
    loaded = _loaded(pipeline)

    def documents() -> Iterator[Document]:
        for item in read_inputs(inputs, read):
            if isinstance(item, Document):
                yield item
            elif on_skip is not None:
                on_skip(item)

    for _, mentions in document_mentions(loaded, documents(), demonyms=demonyms):
        yield from mentions


def validate(path: str | Path) -> ValidationReport:
    """Check every row of a dataset folder, Parquet or JSONL file against the event schema.

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "rows.jsonl"
    >>> _ = bad.write_text('{"event_id": 1}\\n')
    >>> report = validate(bad)
    >>> report.ok, report.rows
    (False, 1)
    """
    return validate_path(path)


def evaluate(
    gold: str | Path,
    pipeline: Pipeline | PipelineSpec | None = None,
    *,
    exclude_roots: Iterable[str] = (),
    part: str = "all",
) -> EvalReport | PloverReport | PlvReport | QuadReport | PlacesReport | AcledEvalReport:
    """Score a coder against gold: annotation JSONL, PETRARCH validation XML, PLOVER gold
    records, ACLED-typed snippets or a news sentence file (PLOVER-typed pairs or quad
    classes); the last four on their `part` ("train", "dev" or "all", split by `gold_part`).

    >>> import json, tempfile, pathlib
    >>> gold = pathlib.Path(tempfile.mkdtemp()) / "gold.jsonl"
    >>> event = {"actor_code": "IRN", "target_code": "USA", "cameo_code": "111"}
    >>> record = {"kind": "sentence", "text": "Iran condemned the US.", "events": [event]}
    >>> _ = gold.write_text(json.dumps(record) + "\\n")
    >>> report = evaluate(gold)
    >>> report.levels["event"].f1
    1.0
    """
    loaded = _loaded(pipeline)
    kind = gold_format(gold)
    if kind == "plover":
        return score_plover(loaded, gold, part)
    if kind == "places":
        return score_places(loaded, gold)
    if kind == "acled":
        return score_acled(loaded, gold, part)
    if kind == "plv":
        return score_plv(loaded, gold, part)
    if kind == "quad":
        return score_quad(loaded, gold, part)
    if kind == "annotations":
        return score(loaded, load_annotations(gold), str(gold), frozenset(exclude_roots))
    validation = load_petrarch_validation(gold)
    return score(petrarch_pipeline(loaded), validation, str(gold), frozenset(exclude_roots))


def export(
    folder: str | Path,
    fmt: str,
    out: str | Path,
    *,
    inputs: Iterable[str | Path] | None = None,
    model: str | None = None,
    overwrite: bool = False,
) -> ExportReport:
    """Export a built dataset for training: spaCy DocBin, token or sentence labels.

    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (tmp / "a.txt").write_text("Iran condemned the US airstrike.")
    >>> _ = build([tmp / "a.txt"], tmp / "ds")
    >>> export(tmp / "ds", "token-classification", tmp / "tok").examples["train"] >= 0
    True
    """
    nlp = load_nlp(model) if model else None
    paths = list(inputs) if inputs is not None else None
    return _export(folder, fmt, out, inputs=paths, nlp=nlp, overwrite=overwrite)


def push(folder: str | Path, repo_id: str, **options: Any) -> PushReport:
    """Publish a built dataset folder, with its generated card, to a Hugging Face Hub repo.

    Options are those of eventcoder.hub.push_dataset (private, revision, commit_message,
    token, endpoint, template, license, allow_invalid, timeout, retries). The token defaults
    to HF_TOKEN.

    >>> push("not-a-dataset", "me/events")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    eventcoder.hub.PushError: not-a-dataset is not a built dataset folder
    """
    return push_dataset(folder, repo_id, **options)


def stats(folder: str | Path) -> DatasetStats:
    """The figures of a built dataset folder (as `eventcoder stats` prints them)."""
    return dataset_stats(folder)


def show(
    folder: str | Path, where: str | None = None, limit: int | None = 20
) -> list[dict[str, Any]]:
    """Rows of a built dataset folder that the filter `where` keeps (as `eventcoder show`),
    e.g. `show("out", "cameo_root=19 and actor_country=SYR")`."""
    return select_rows(folder, where, limit)


def report(folder: str | Path, out: str | Path, *, card: bool = False) -> ReportFiles:
    """Write an HTML report of a built dataset folder to `out` (plots inline, opens offline)
    and a PNG of its main plots beside it (as `eventcoder report`); with `card`, the PNG also
    goes into the folder as report.png and the dataset card shows it."""
    return write_report(folder, out, card=card)


def schema() -> dict[str, Any]:
    """The event JSON Schema (each row of a dataset is valid against it).

    >>> schema()["title"]
    'eventcoder event row'
    """
    return load_schema()
