"""What the command line prints: tables, summaries and the progress bar."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from eventcoder.build import BuildReport
from eventcoder.dataset import DocumentOutcome
from eventcoder.evaluate import EvalReport, PloverReport
from eventcoder.inspect_dataset import grouped_reasons

TABLE_COLUMNS = (
    "sentence_index",
    "actor_code",
    "target_code",
    "cameo_code",
    "trigger_text",
    "event_date",
    "location_name",
    "location_country",
)
HEADERS = ("sent", "actor", "target", "cameo", "trigger", "date", "where", "country")


class _DocumentProgress:
    """A progress bar over documents with documents/s, events/s and an ETA (on stderr).

    It is redrawn as documents finish (at most every REDRAW_S), never by a timer thread, so
    worker processes forked during the build are forked from a process without threads."""

    REDRAW_S = 0.1

    def __init__(self, total: int | None) -> None:
        self.enabled = total is not None
        self.progress = Progress(
            TextColumn("building"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            disable=not self.enabled,
            auto_refresh=False,
        )
        self.task = self.progress.add_task("build", total=total, rate="")
        self.started = time.perf_counter()
        self.drawn = self.started
        self.events = 0
        self.documents = 0

    def __enter__(self) -> _DocumentProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.refresh()
        self.progress.stop()

    def advance(self, outcome: DocumentOutcome) -> None:
        self.documents += 1
        self.events += outcome.events
        now = time.perf_counter()
        elapsed = max(now - self.started, 1e-9)
        rate = f"{self.documents / elapsed:.1f} docs/s, {self.events / elapsed:.1f} events/s"
        self.progress.update(self.task, advance=1, rate=rate)
        if now - self.drawn >= self.REDRAW_S:
            self.drawn = now
            self.progress.refresh()


def _print_build_summary(report: BuildReport) -> None:
    console = Console()
    console.print(f"Built [bold]{report.out_dir}[/bold] in {report.elapsed_s:.1f}s")
    resumed = f", {report.resumed_shards} resumed" if report.resumed_shards else ""
    console.print(
        f"documents {report.documents} (coded {report.coded}, no events {report.no_events}, "
        f"duplicates {report.duplicates}, quarantined {report.quarantined}); "
        f"sentences {report.sentences}; events {report.events}; "
        f"shards {report.shards}{resumed}"
    )
    if report.by_root:
        roots = ", ".join(f"{root}: {n}" for root, n in report.by_root.items())
        console.print(f"events by CAMEO root: {roots}")
    splits = ", ".join(f"{split}: {n}" for split, n in report.by_split.items())
    console.print(f"events by split: {splits}")
    quarantined = [o for o in report.outcomes if o.outcome == "quarantined"]
    if len(quarantined) <= 10:
        for outcome in quarantined:
            console.print(
                f"quarantined {outcome.source}: {outcome.reason}", style="yellow", markup=False
            )
        return
    for reason, count in grouped_reasons(o.reason or "" for o in quarantined)[:10]:
        console.print(f"quarantined {count} documents: {reason}", style="yellow", markup=False)
    console.print(
        f"(every quarantined item, with its file and line: {report.out_dir}/quarantine.jsonl)",
        markup=False,
    )


def _undated(report: BuildReport) -> str | None:
    """A warning when documents read have no publication date, else None."""
    read = [o for o in report.outcomes if o.outcome in ("coded", "no_events")]
    undated = sum(1 for o in read if "no_date" in o.flags)
    if not undated:
        return None
    return (
        f"{undated} of {len(read)} documents ({undated / len(read):.0%}) have no publication "
        "date, so their events have no date unless the text gives one in full; name the date "
        'column (--date-column) or give NAME.meta.json sidecars with a "date"'
    )


def _unreadable_inputs(report: BuildReport) -> list[str]:
    """One line per cause when no input document could be read (none coded or without
    events); empty otherwise."""
    if report.coded or report.no_events:
        return []
    if not report.documents:
        return ["the inputs hold no documents"]
    reasons = grouped_reasons(o.reason or "" for o in report.outcomes if o.outcome == "quarantined")
    return [f"{count} documents: {reason}" for reason, count in reasons]


def _print_table(rows: list[dict[str, Any]]) -> None:
    table = Table(show_lines=False)
    for header in (*HEADERS, "name"):
        table.add_column(header, no_wrap=header not in ("where", "name"))
    for row in rows:
        cells = ["" if row.get(c) is None else str(row[c]) for c in TABLE_COLUMNS]
        table.add_row(*cells, row["cameo_name"])
    console = Console()
    console.width = max(console.width, 120)
    console.print(table)
    if not rows:
        click.echo("no events found")


def _write_report(path: Path | None, data: dict[str, Any]) -> None:
    if path is not None:
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _print_plover(report: PloverReport, show_errors: bool) -> None:
    """The PLOVER figures: type recall/precision, source/target accuracy, per type."""
    console = Console()
    console.width = max(console.width, 120)
    table = Table(title=f"{report.gold_file}: {report.records} PLOVER records")
    for header in ("figure", "value", "counts"):
        table.add_column(header)
    table.add_row(
        "type recall", f"{report.type_recall:.3f}", f"{report.type_found}/{report.records}"
    )
    table.add_row(
        "type precision", f"{report.type_precision:.3f}", f"{report.coded_correct}/{report.coded}"
    )
    table.add_row(
        "source accuracy",
        f"{report.source_accuracy:.3f}",
        f"{report.source_correct}/{report.source_scored}",
    )
    table.add_row(
        "target accuracy",
        f"{report.target_accuracy:.3f}",
        f"{report.target_correct}/{report.target_scored}",
    )
    for kind, (found, total) in report.per_type.items():
        table.add_row(f"type {kind}", f"{found / total:.3f}", f"{found}/{total}")
    console.print(table)
    if show_errors:
        for miss in report.misses:
            console.print(f"miss  {miss.sentence}: {miss.event} | {miss.text}", markup=False)


def _print_locations(console: Console, report: EvalReport, show_errors: bool) -> None:
    """The location figures: country correct, within 50 km, median error, by category."""
    table = Table(title="locations (gold events with a location)")
    for header in ("set", "events", "located", "country", "within 50 km", "median km"):
        table.add_column(header)
    assert report.locations is not None
    for name, loc in (("all", report.locations), *report.locations_per_category.items()):
        median = loc.median_error_km
        table.add_row(
            name if name == "all" else f"category {name}",
            str(loc.events),
            str(loc.located),
            f"{loc.country_correct}/{loc.country_total} ({loc.country_accuracy:.1%})",
            f"{loc.within_km}/{loc.coord_total} ({loc.within_rate:.1%})",
            "" if median is None else f"{median:.1f}",
        )
    console.print(table)
    if show_errors:
        for miss in report.location_misses:
            error = "" if miss.error_km is None else f", {miss.error_km} km"
            console.print(
                f"place {miss.sentence}: gold {miss.gold}; got {miss.predicted}{error}",
                markup=False,
                highlight=False,
            )


def _print_eval(gold_path: Path, report: EvalReport, show_errors: bool) -> None:
    console = Console()
    console.width = max(console.width, 120)
    table = Table(title=f"{gold_path}: {report.sentences} sentences")
    for header in ("level", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(header)
    for name, figures in (
        *report.levels.items(),
        *[(f"root {r}", s) for r, s in report.per_root.items()],
        *[(f"category {c}", s) for c, s in report.per_category.items()],
    ):
        table.add_row(
            name,
            str(figures.tp),
            str(figures.fp),
            str(figures.fn),
            f"{figures.precision:.3f}",
            f"{figures.recall:.3f}",
            f"{figures.f1:.3f}",
        )
    console.print(table)
    if report.locations is not None:
        _print_locations(console, report, show_errors)
    if show_errors:
        for miss in report.misses:
            console.print(f"miss  {miss.sentence}: {miss.event}", markup=False)
        for alarm in report.false_alarms:
            console.print(f"false {alarm.sentence}: {alarm.event} [{alarm.rule_id}]", markup=False)
    if report.misaligned:
        console.print(
            f"{len(report.misaligned)} gold sentences did not match the coded "
            f"sentence text: {', '.join(report.misaligned[:5])}",
            style="yellow",
        )
    if report.exact:
        exact = ", ".join(f"{k} {e}/{n}" for k, (e, n) in report.exact.items())
        console.print(f"sentences coded exactly: {report.exact_rate:.1%} ({exact})", markup=False)
