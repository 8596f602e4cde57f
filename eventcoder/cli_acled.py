"""What `eventcoder eval` prints for a file of snippets labelled with ACLED sub-event types."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from eventcoder.eval_acled import AcledEvalReport


def print_acled(report: AcledEvalReport, show_errors: bool) -> None:
    """Weighted F1, accuracy and share typed (all, train and dev parts), the fatality
    counts, non-events typed, the most frequent confusions; with `show_errors`, the
    snippets missed."""
    console = Console()
    console.width = max(console.width, 120)
    table = Table(title=f"{report.gold_file}: ACLED sub-event types, one label per snippet")
    for header in ("part", "snippets", "weighted F1", "accuracy", "typed", "tolls counted"):
        table.add_column(header)
    parts = {"all": report.all, **report.parts}
    for name, score in parts.items():
        toll = report.tolls.get(name)
        table.add_row(
            name,
            str(score.snippets),
            f"{score.weighted_f1:.3f}",
            f"{score.accuracy:.3f}",
            f"{score.typed:.3f}",
            f"{toll.counted}/{toll.stating} ({toll.violent} typed as violence)" if toll else "",
        )
    console.print(table)
    if report.non_events:
        non_events = Table(title="sentences that tell no ACLED event")
        for header in ("part", "sentences", "typed all the same", "precision of typed snippets"):
            non_events.add_column(header)
        for name, none in report.non_events.items():
            non_events.add_row(
                name, str(none.snippets), f"{none.typed} ({none.rate:.3f})", f"{none.precision:.3f}"
            )
        console.print(non_events)
    if report.disputed:
        console.print(f"{report.disputed} snippets with disputed labels left out")
    per_type = Table(title="per sub-event type (all)")
    for header in ("sub-event type", "precision", "recall", "F1", "gold"):
        per_type.add_column(header)
    for kind, (precision, recall, f1, n) in report.all.per_type.items():
        per_type.add_row(kind, f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}", str(n))
    console.print(per_type)
    confusions = Table(title="most frequent confusions")
    for header in ("gold", "predicted", "snippets"):
        confusions.add_column(header)
    for gold, predicted, n in report.confusions:
        confusions.add_row(gold, predicted, str(n))
    console.print(confusions)
    if show_errors:
        misses = Table(title="misses")
        for header in ("id", "gold", "predicted", "text"):
            misses.add_column(header)
        for record_id, gold, predicted, text in report.misses:
            misses.add_row(record_id, gold, predicted, text[:160])
        console.print(misses)
