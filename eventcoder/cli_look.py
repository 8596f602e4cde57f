"""The `stats` and `show` commands: what a built dataset holds, printed for a reader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from eventcoder.cli_common import fail
from eventcoder.errors import EventcoderError
from eventcoder.inspect_dataset import DatasetStats, dataset_stats, select_rows

SHOWN = (
    ("doc_id", "doc"),
    ("event_date", "date"),
    ("actor_code", "actor"),
    ("cameo_code", "code"),
    ("target_code", "target"),
    ("location_name", "where"),
)
SPANS = (("actor", "bold cyan"), ("target", "bold magenta"), ("trigger", "bold yellow"))


@click.command(help="Figures of a built dataset: documents, event types, actors, dates, places.")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--top", default=10, show_default=True, type=click.IntRange(min=1), help="Rows per list."
)
def stats(folder: Path, as_json: bool, top: int) -> None:
    """Print a dataset's figures."""
    try:
        figures = dataset_stats(folder, top)
    except EventcoderError as err:
        fail(err)
        return
    if as_json:
        click.echo(json.dumps(figures.to_json(), indent=2, ensure_ascii=False))
        return
    _print_stats(figures)


def _print_stats(figures: DatasetStats) -> None:
    console = Console()
    outcomes = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in figures.outcomes.items())
    console.print(f"[bold]{figures.folder}[/bold]: {figures.documents} documents ({outcomes})")
    splits = ", ".join(f"{k} {v}" for k, v in figures.by_split.items())
    console.print(f"{figures.events} events ({splits})", markup=False)
    dated = f"{figures.with_date:.0%} with a date"
    if figures.first_date:
        dated += f" ({figures.first_date} to {figures.last_date})"
    console.print(f"{dated}; {figures.with_location:.0%} with a location", markup=False)
    if figures.quarantine_reasons:
        _table(console, "quarantined: reasons", ("reason", "documents"), figures.quarantine_reasons)
    _table(
        console,
        "events by CAMEO root",
        ("root", "name", "events"),
        figures.by_root,
    )
    quads = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict"}
    quads[4] = "material conflict"
    _table(
        console,
        "quad class",
        ("class", "events"),
        [(f"{k} {quads.get(k, '')}", v) for k, v in figures.by_quad.items()],
    )
    for title, header, items in (
        ("PLOVER event types", "type", figures.by_plover),
        ("ACLED sub-event types", "type", figures.by_acled),
        ("top actors", "actor code", figures.top_actors),
        ("top dyads", "actor -> target", figures.top_dyads),
        ("countries (actor or place)", "country", figures.countries),
    ):
        if items:
            _table(console, title, (header, "events"), items)


def _table(console: Console, title: str, headers: tuple[str, ...], rows: Any) -> None:
    table = Table(title=title, title_justify="left")
    for header in headers:
        table.add_column(header, justify="right" if header in ("events", "documents") else "left")
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
    console.print(table)


@click.command(help="Rows of a built dataset, with the sentence and its spans highlighted.")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--where",
    default=None,
    help="Keep rows that match: FIELD OP VALUE clauses (OP = != > >= < <= or ~ for contains) "
    "joined by 'and', e.g. \"cameo_root=19 and actor_country=SYR\".",
)
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(min=0),
    help="At most this many rows (0: all).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl"]),
    default="table",
    show_default=True,
    help="A readable table, or one JSON object per row.",
)
def show(folder: Path, where: str | None, limit: int, fmt: str) -> None:
    """Print chosen rows."""
    try:
        rows = select_rows(folder, where, limit or None)
    except EventcoderError as err:
        fail(err)
        return
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    console = Console()
    if not rows:
        console.print("no rows match", markup=False)
        return
    table = Table(show_lines=True)
    for _, header in SHOWN:
        table.add_column(header)
    table.add_column("sentence (actor, target, trigger)", ratio=3)
    for row in rows:
        cells = [str(row.get(name) or "") for name, _ in SHOWN]
        table.add_row(*cells, highlighted(row))
    console.print(table)


def highlighted(row: dict[str, Any]) -> Text:
    """The row's sentence with its actor, target and trigger spans styled."""
    sentence = row.get("sentence_text") or ""
    base = row.get("sentence_start") or 0
    text = Text(sentence)
    for span, style in SPANS:
        start, end = row.get(f"{span}_start"), row.get(f"{span}_end")
        if isinstance(start, int) and isinstance(end, int) and start < end:
            text.stylize(style, start - base, end - base)
    return text
