"""The `eval` command: a coder scored against a gold file, printed by the gold's kind."""

from __future__ import annotations

from pathlib import Path

import click

from eventcoder import api
from eventcoder.cli_acled import print_acled
from eventcoder.cli_common import dictionaries_option, fail
from eventcoder.cli_news import print_news
from eventcoder.cli_output import _print_eval, _print_plover, _write_report
from eventcoder.cli_places import _print_places
from eventcoder.errors import EventcoderError
from eventcoder.eval_acled import AcledEvalReport
from eventcoder.eval_news import PlvReport, QuadReport
from eventcoder.eval_places import PlacesReport
from eventcoder.evaluate import PloverReport
from eventcoder.pipeline import PipelineSpec


@click.command(
    "eval",
    help="Score a coder against gold: annotation JSONL, PETRARCH validation XML or PLOVER JSONL.",
)
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Gold file: annotation JSONL (schemas/annotation.schema.json), PETRARCH validation "
    "XML, or PLOVER gold JSONL (told from the file).",
)
@click.option("--coder", default="rules", show_default=True, help="Coder to score.")
@dictionaries_option()
@click.option("--model", default=None, help="spaCy pipeline package.")
@click.option(
    "--report",
    "report_path",
    default=None,
    type=click.Path(path_type=Path),
    help="Also write the report as JSON to this path.",
)
@click.option(
    "--show-errors/--no-show-errors",
    default=True,
    show_default=True,
    help="List misses and false alarms.",
)
@click.option(
    "--exclude-root",
    "exclude_roots",
    multiple=True,
    metavar="RR",
    help="Leave out events of this CAMEO root (two digits), gold and predicted, e.g. 01 for "
    "gold that does not annotate plain statements (annotation JSONL only; repeatable).",
)
@click.option(
    "--part",
    type=click.Choice(["all", "train", "dev"]),
    default="all",
    show_default=True,
    help="Score only this part of a news sentence file (plv or quad, split by the fixed rule "
    "on the sentence text), of PLOVER gold records or of ACLED snippets (by their id).",
)
def eval_(
    gold_path: Path,
    coder: str,
    dictionaries: str | None,
    model: str | None,
    report_path: Path | None,
    show_errors: bool,
    exclude_roots: tuple[str, ...],
    part: str,
) -> None:
    """Score a coder and print the figures."""
    bad = [r for r in exclude_roots if not (len(r) == 2 and r.isdigit())]
    if bad:
        raise click.UsageError(f"--exclude-root takes two-digit CAMEO roots, got {bad}")
    try:
        spec = PipelineSpec(model, coder, dictionaries)
        report = api.evaluate(gold_path, spec, exclude_roots=exclude_roots, part=part)
    except EventcoderError as err:
        fail(err)
        return
    if isinstance(report, PlvReport | QuadReport):
        print_news(report, show_errors)
    elif isinstance(report, PloverReport):
        _print_plover(report, show_errors)
    elif isinstance(report, AcledEvalReport):
        print_acled(report, show_errors)
    elif isinstance(report, PlacesReport):
        _print_places(report, show_errors)
    else:
        _print_eval(gold_path, report, show_errors)
    _write_report(report_path, report.to_json())
