"""`eventcoder places`: every place mention of the inputs; and the printer of toponym scores."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from eventcoder import api
from eventcoder.cli_common import read_options
from eventcoder.errors import EventcoderError
from eventcoder.eval_places import RECALL_KM, PlaceFigures, PlacesReport
from eventcoder.ingest import ReadOptions
from eventcoder.pipeline import PipelineSpec
from eventcoder.types import PlaceMention, Quarantine

TABLE_HEADERS = ("doc", "start", "text", "name", "country", "feature", "reason")


def mention_json(m: PlaceMention) -> dict[str, Any]:
    """One place mention as the JSON object `eventcoder places` writes."""
    p = m.place
    return {
        "doc_id": m.doc_id,
        "sentence_index": m.sentence_index,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "name": p.name,
        "country": p.country,
        "admin1": p.admin1,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "geonames_id": p.geonames_id,
        "feature": p.feature,
        "geo_precision": p.precision,
        "reason": m.reason,
    }


@click.command(
    "places",
    help="List every place mention of the inputs (files, folders, JSONL, CSV, Parquet, Arrow, "
    "as build reads them): offsets, the place resolved in the document's context, and why.",
)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="One JSON object per mention, or a table.",
)
@click.option("--model", default=None, help="spaCy pipeline package (default: en_core_web_sm).")
@click.option(
    "--demonyms/--no-demonyms",
    default=True,
    show_default=True,
    help="Also list demonyms and adjectives as mentions of their country ('Turkish').",
)
@read_options
def places(
    inputs: tuple[Path, ...],
    fmt: str,
    model: str | None,
    demonyms: bool,
    read: ReadOptions,
) -> None:
    """Print the place mentions of the inputs."""

    def skipped(item: Quarantine) -> None:
        click.echo(f"skipped {item.doc_id or item.source}: {item.reason}", err=True)

    found = api.place_mentions(
        inputs, read=read, pipeline=PipelineSpec(model), demonyms=demonyms, on_skip=skipped
    )
    try:
        if fmt == "jsonl":
            for m in found:
                sys.stdout.write(json.dumps(mention_json(m), ensure_ascii=False) + "\n")
            return
        table = Table(*TABLE_HEADERS)
        for m in found:
            p = m.place
            table.add_row(
                m.doc_id, str(m.start), m.text, p.name or "", p.country or "", p.feature or "",
                m.reason,
            )  # fmt: skip
        Console().print(table)
    except EventcoderError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _print_places(report: PlacesReport, show_errors: bool) -> None:
    """Print a toponym report: figures overall and by part, then the worst errors."""
    console = Console()
    table = Table(
        "part", "docs", "gold", f"≤{RECALL_KM:.0f} km", "overlap", "pred", "prec", "med km",
        "demonyms",
        title=f"Place mentions against {report.gold_path}",
    )  # fmt: skip
    rows: list[tuple[str, PlaceFigures]] = [("all", report.overall), *report.parts.items()]
    for name, f in rows:
        table.add_row(
            name, str(f.documents), str(f.gold), f"{f.recall_161:.1%} ({f.within})",
            f"{f.detection_recall:.1%}", str(f.predicted), f"{f.precision:.1%}",
            "" if f.median_km is None else f"{f.median_km:.1f}", str(f.demonyms),
        )  # fmt: skip
    console.print(table)
    exact = report.overall.exact_match
    console.print(
        f"exact match: {_share(exact)}" + (f" ({report.exact_note})" if exact is None else "")
    )
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(report.error_counts.items()))
    console.print(f"errors: {counts}")
    if not show_errors or not report.errors:
        return
    errors = Table("part", "doc", "kind", "text", "predicted", "country", "km", "reason",
                   title="Worst errors")  # fmt: skip
    for e in report.errors:
        errors.add_row(
            e.part, e.doc_id, e.kind, e.text, e.predicted or "", e.country or "",
            "" if e.km is None else f"{e.km:.0f}", e.reason or "",
        )  # fmt: skip
    console.print(errors)
