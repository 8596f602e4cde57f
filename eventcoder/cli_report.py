"""The `report` command: a self-contained HTML page with plots of a built dataset, and a PNG."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from eventcoder.errors import EventcoderError
from eventcoder.inspect_dataset import TOP
from eventcoder.report import write_report


@click.command(
    help="Write an HTML report of a built dataset (figures, events over time, a map, CAMEO and "
    "ACLED types, top dyads) that opens offline, and a PNG of its main plots beside it."
)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="The HTML file to write; its PNG goes beside it (same name, .png).",
)
@click.option(
    "--card",
    is_flag=True,
    help="Also put the PNG into the dataset folder (report.png) and show it in its card.",
)
@click.option(
    "--top", default=TOP, show_default=True, type=click.IntRange(min=1), help="Rows per list."
)
def report(folder: Path, out: Path, card: bool, top: int) -> None:
    """Write the report of a dataset folder."""
    try:
        files = write_report(folder, out, card=card, top=top)
    except EventcoderError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)
    click.echo(f"wrote {files.html} and {files.png}")
    if files.card_image is not None:
        shown = f"; the card {files.card} shows it" if files.card else ""
        click.echo(f"card image {files.card_image}{shown}")
    for note in files.notes:
        click.echo(f"note: {note}", err=True)
