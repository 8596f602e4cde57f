"""What `eventcoder eval` prints for the annotated news sentence files (plv and quad)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from rich.console import Console
from rich.table import Table

from eventcoder.eval_news import NewsMiss, PlvReport, QuadReport


def print_news(report: PlvReport | QuadReport, show_errors: bool) -> None:
    """The figures of a news sentence file; with `show_errors`, the misses by type."""
    if isinstance(report, PlvReport):
        _print_plv(report, show_errors)
    else:
        _print_quad(report, show_errors)


def _print_plv(report: PlvReport, show_errors: bool) -> None:
    console = Console()
    console.width = max(console.width, 120)
    micro = report.micro
    table = Table(
        title=f"{report.gold_file} (part {report.part}): {report.sentences} sentences, PLOVER types"
    )
    for header in ("figure", "value", "counts"):
        table.add_column(header)
    table.add_row("type macro-F1", f"{report.macro_f1:.3f}", "")
    table.add_row(
        "type micro precision", f"{micro.precision:.3f}", f"{micro.tp}/{micro.tp + micro.fp}"
    )
    table.add_row("type micro recall", f"{micro.recall:.3f}", f"{micro.tp}/{micro.tp + micro.fn}")
    table.add_row("type micro F1", f"{micro.f1:.3f}", "")
    table.add_row(
        "dyad accuracy", f"{report.dyad_accuracy:.3f}", f"{report.dyad_correct}/{report.dyad_total}"
    )
    console.print(table)
    per_type = Table(title="per type")
    for header in ("type", "precision", "recall", "F1", "tp", "fp", "fn"):
        per_type.add_column(header)
    for kind, score in report.per_type.items():
        per_type.add_row(
            kind,
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
            str(score.tp),
            str(score.fp),
            str(score.fn),
        )
    console.print(per_type)
    if show_errors:
        _print_by_type(console, "miss", report.misses, lambda m: m.gold)
        _print_by_type(console, "false", report.false_alarms, lambda m: m.coded.split(":")[0])


def _print_by_type(
    console: Console, label: str, items: tuple[NewsMiss, ...], kind: Callable[[NewsMiss], str]
) -> None:
    grouped: dict[str, list[NewsMiss]] = defaultdict(list)
    for item in items:
        grouped[kind(item)].append(item)
    for name in sorted(grouped):
        console.print(f"{label} {name}: {len(grouped[name])}", style="bold", markup=False)
        for item in grouped[name]:
            console.print(
                f"  {item.sentence}: gold {item.gold}; coded {item.coded} | {item.text}",
                markup=False,
            )


def _print_quad(report: QuadReport, show_errors: bool) -> None:
    console = Console()
    console.width = max(console.width, 120)
    table = Table(
        title=f"{report.gold_file} (part {report.part}): {report.sentences} sentences, quad class"
    )
    for header in ("figure", "value", "counts"):
        table.add_column(header)
    table.add_row(
        "quad accuracy", f"{report.quad_accuracy:.3f}", f"{report.quad_correct}/{report.sentences}"
    )
    for side, score in (("source", report.source), ("target", report.target)):
        table.add_row(
            f"{side} span P/R/F1",
            f"{score.precision:.3f}/{score.recall:.3f}/{score.f1:.3f}",
            f"{score.predicted_right}/{score.predicted} coded, "
            f"{score.gold_found}/{score.gold} gold ({report.span_sentences} sentences)",
        )
    console.print(table)
    confusion = Table(title="gold quad (rows) by predicted quad (columns)")
    confusion.add_column("gold")
    for quad in range(5):
        confusion.add_column(str(quad))
    for gold in range(5):
        confusion.add_row(
            str(gold), *(str(report.confusion.get((gold, quad), 0)) for quad in range(5))
        )
    console.print(confusion)
    if show_errors:
        _print_by_type(console, "miss", report.misses, lambda m: m.gold)
