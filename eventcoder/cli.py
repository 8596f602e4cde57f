"""The `eventcoder` command line: thin commands over the Python API; with cli_output, the only
modules that print."""

from __future__ import annotations

import datetime as dt
import errno
import gc
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from eventcoder import api
from eventcoder.about import __version__
from eventcoder.cli_common import dictionaries_option, fail, iso_date, read_options
from eventcoder.cli_eval import eval_
from eventcoder.cli_look import show, stats
from eventcoder.cli_output import (
    _DocumentProgress,
    _print_build_summary,
    _print_table,
    _undated,
    _unreadable_inputs,
)
from eventcoder.cli_places import places
from eventcoder.cli_report import report
from eventcoder.cli_train import export, train
from eventcoder.coders.registry import known_coders
from eventcoder.config import BuildConfig
from eventcoder.errors import EventcoderError, InputError
from eventcoder.ingest import ReadOptions, estimate_documents
from eventcoder.pipeline import PipelineSpec
from eventcoder.schema import schema_text
from eventcoder.shards import ShardResult

_OS_HINTS = {
    errno.ENOSPC: "free some disk space, or write to another disk",
    errno.ENAMETOOLONG: "use a shorter file or folder name",
    errno.EACCES: "check the permissions, or write elsewhere",
    errno.EROFS: "write to a folder on a writable disk",
}


class _Commands(click.Group):
    """The command group: a system error (disk full, name too long, no permission) ends a
    command with a one-line message, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        # What is loaded by now (modules, and the spaCy model a command loads into objects
        # already here) lives as long as the command: keep the garbage collector from
        # traversing it again and again (a tenth of a cold `code` run otherwise).
        gc.freeze()
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise
        except OSError as err:
            where = f" ({err.filename})" if err.filename else ""
            hint = _OS_HINTS.get(err.errno or 0)
            message = f"{err.strerror or err}{where}" + (f"; {hint}" if hint else "")
            click.echo(f"error: {message}", err=True)
            sys.exit(2)
        finally:
            gc.unfreeze()  # for callers that go on (tests, notebooks)


@click.group(
    cls=_Commands, help="Turn news text into CAMEO-coded event datasets (Parquet), offline."
)
@click.version_option(__version__, prog_name="eventcoder")
def main() -> None:
    """The eventcoder command group."""


@main.command(
    help="Build an event dataset from .txt files, folders of them, JSONL, CSV, Parquet or Arrow "
    "files, or local Hugging Face dataset folders."
)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Dataset folder to write (data/*.parquet, manifest.json, schema).",
)
@click.option(
    "--coder",
    default="rules",
    show_default=True,
    help=f"Coder to use ({', '.join(known_coders())}; NAME:ARGUMENT where the coder takes one).",
)
@dictionaries_option()
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace the output folder if it is a dataset eventcoder built, and start an "
    "interrupted build again (a folder of other files is never replaced).",
)
@click.option("--model", default=None, help="spaCy pipeline package (default: en_core_web_sm).")
@read_options
@click.option("--resume", is_flag=True, help="Finish an interrupted build of the same inputs.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes, sharing one loaded model where the OS allows (default: the cores).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Code shards in local processes, or on a Dask cluster (with --scheduler).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler address for --engine dask; its workers must see the --out folder.",
)
@click.option(
    "--shard-size",
    type=click.IntRange(min=1),
    default=None,
    help="Documents per shard (the unit of work and of resuming); by default shards are cut "
    "by the size of their text, about 48 to a build, so every worker stays busy.",
)
@click.option(
    "--split-ratios",
    type=(float, float, float),
    default=(0.8, 0.1, 0.1),
    show_default=True,
    help="Train, validation and test shares; assigned per document by a stable hash.",
)
@click.option(
    "--dedupe/--no-dedupe",
    default=True,
    show_default=True,
    help="Code documents with identical (normalised) text once.",
)
@click.option(
    "--one-a-day",
    is_flag=True,
    help="Keep one event per date, actor, target and code (PETRARCH's filter).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar (default: only on a terminal).",
)
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=click.Choice(["acled"]),
    help="Also write rows in a community's column names (acled: profiles/acled.csv).",
)
def build(
    inputs: tuple[Path, ...],
    out_dir: Path,
    coder: str,
    dictionaries: str | None,
    overwrite: bool,
    model: str | None,
    read: ReadOptions,
    profiles: tuple[str, ...],
    resume: bool,
    workers: int | None,
    engine: str,
    scheduler: str | None,
    shard_size: int | None,
    split_ratios: tuple[float, float, float],
    dedupe: bool,
    one_a_day: bool,
    progress: bool | None,
) -> None:
    """Build a dataset and print its summary."""
    show = sys.stderr.isatty() if progress is None else progress
    _check_engine(engine, scheduler)
    try:
        config = BuildConfig(
            pipeline=PipelineSpec(model, coder, dictionaries),
            read=read,
            shard_size=shard_size,
            profiles=profiles,
            split_ratios=split_ratios,
            dedupe=dedupe,
            one_a_day=one_a_day,
        )
        with _DocumentProgress(estimate_documents(inputs) if show else None) as bar:
            report = api.build(
                inputs,
                out_dir,
                config,
                overwrite=overwrite,
                resume=resume,
                workers=workers or os.cpu_count() or 1,
                scheduler=scheduler if engine == "dask" else None,
                on_document=bar.advance if show else None,
                on_shard=None if sys.stderr.isatty() else _log_shard,
            )
    except EventcoderError as err:
        fail(err)
        return
    except KeyboardInterrupt:
        click.echo(
            f"\ninterrupted: the shards finished so far are kept; run the same command with "
            f"--resume to finish the build into {out_dir} (or --overwrite to start again)",
            err=True,
        )
        sys.exit(130)
    _print_build_summary(report)
    undated = _undated(report)
    if undated:
        click.echo(f"warning: {undated}", err=True)
    causes = _unreadable_inputs(report)
    if causes:
        click.echo("error: no input document could be coded:", err=True)
        for cause in causes:
            click.echo(f"  {cause}", err=True)
        sys.exit(1)
    if report.invalid_rows:
        click.echo(
            f"error: {report.invalid_rows} rows failed validation; see "
            f"{report.out_dir}/quarantine.jsonl",
            err=True,
        )
        sys.exit(1)


def _log_shard(result: ShardResult, resumed: bool) -> None:
    """One log line per finished shard (when stderr is not a terminal)."""
    events = sum(p.rows for p in result.parts)
    state = "resumed" if resumed else "coded"
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    click.echo(
        f"{stamp} shard {result.index}: {state}, {len(result.outcomes)} documents, {events} events",
        err=True,
    )


def _text_argument(text: str) -> str:
    """The text itself, or the contents of the file it names (a path ending in .txt that
    exists, or any existing file path without a space)."""
    path = Path(text)
    looks_like_path = (
        "\n" not in text and len(text) < 4096 and (text.lower().endswith(".txt") or " " not in text)
    )
    if looks_like_path and path.is_file():
        raw = path.read_bytes()
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise InputError(
                f"{path} is not valid UTF-8 (byte {err.start}); re-encode it as UTF-8"
            ) from None
    return text


def _read_stdin() -> str:
    raw = sys.stdin.buffer.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"standard input is not valid UTF-8 (byte {err.start}); re-encode it as UTF-8"
        ) from None


def _check_engine(engine: str, scheduler: str | None) -> None:
    """--engine dask needs --scheduler, and only it takes one."""
    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
    if engine != "dask" and scheduler:
        raise click.UsageError("--scheduler is only used with --engine dask")


@main.command(help="Code one text (argument, a .txt file's path, or stdin) and print its events.")
@click.argument("text", required=False)
@click.option("--date", default=None, callback=iso_date, help="Publication date, YYYY-MM-DD.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--coder", default="rules", show_default=True, help="Coder to use.")
@dictionaries_option()
@click.option("--model", default=None, help="spaCy pipeline package.")
def code(
    text: str | None,
    date: str | None,
    fmt: str,
    coder: str,
    dictionaries: str | None,
    model: str | None,
) -> None:
    """Code a text and print its events."""
    try:
        body = _text_argument(text) if text is not None else _read_stdin()
        rows = api.code(body, date=date, pipeline=PipelineSpec(model, coder, dictionaries))
    except EventcoderError as err:
        fail(err)
        return
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    _print_table(rows)


@main.command(help="Check a dataset folder, Parquet or JSONL file against the event schema.")
@click.argument("path", type=click.Path(path_type=Path))
def validate(path: Path) -> None:
    """Validate rows; exit 1 and list every violation if any."""
    try:
        report = api.validate(path)
    except EventcoderError as err:
        fail(err)
        return
    for violation in report.violations:
        click.echo(str(violation))
    if not report.ok:
        click.echo(f"{len(report.violations)} violations in {report.rows} rows", err=True)
        sys.exit(1)
    click.echo(f"ok: {report.rows} rows in {len(report.files)} files conform to the schema")


@main.command(help="Print the event JSON Schema.")
def schema() -> None:
    """Print the schema."""
    click.echo(schema_text(), nl=False)


@main.command(help="Publish a built dataset folder to the Hugging Face Hub (token: HF_TOKEN).")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--repo-id", required=True, help="OWNER/NAME of the dataset repo (created if missing)."
)
@click.option(
    "--private", is_flag=True, help="Create the repo private (no effect on an existing one)."
)
@click.option(
    "--revision", default=None, help="Branch to commit to (created from main if missing)."
)
@click.option("--commit-message", default=None, help="Commit message (default: a summary).")
@click.option(
    "--card-template",
    default=None,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Markdown template with {{ placeholders }} for the dataset card.",
)
@click.option("--license", "license_", default=None, help="Licence id for the card.")
@click.option("--endpoint", default=None, help="Hub endpoint (default: $HF_ENDPOINT or the Hub).")
@click.option(
    "--allow-invalid", is_flag=True, help="Push even if the build set invalid rows aside."
)
@click.option(
    "--timeout",
    default=60.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds each request waits for the Hub to connect or answer.",
)
@click.option(
    "--retries",
    default=2,
    show_default=True,
    type=click.IntRange(min=0),
    help="Tries again this many times after a timeout or a lost connection.",
)
def push(
    folder: Path,
    repo_id: str,
    private: bool,
    revision: str | None,
    commit_message: str | None,
    card_template: Path | None,
    license_: str | None,
    endpoint: str | None,
    allow_invalid: bool,
    timeout: float,
    retries: int,
) -> None:
    """Upload the dataset with its generated card."""
    try:
        report = api.push(
            folder,
            repo_id,
            private=private,
            revision=revision,
            commit_message=commit_message,
            endpoint=endpoint,
            template=card_template,
            license=license_,
            allow_invalid=allow_invalid,
            timeout=timeout,
            retries=retries,
        )
    except EventcoderError as err:
        fail(err)
        return
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"pushed {len(report.files)} files to {report.repo_url}: {report.commit_url}")


main.add_command(places)
main.add_command(eval_)
main.add_command(export)
main.add_command(train)
main.add_command(stats)
main.add_command(show)
main.add_command(report)
