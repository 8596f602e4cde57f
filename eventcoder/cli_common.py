"""What the commands share: one-line failures with a hint, the dictionaries option, the date
check."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from typing import Any, Literal

import click

from eventcoder.build import ResumeError
from eventcoder.errors import EventcoderError, OutputExistsError
from eventcoder.ingest import DEFAULT_MAX_CHARS, ReadOptions

_HINTS: tuple[tuple[type[EventcoderError], str], ...] = (
    (OutputExistsError, "--overwrite replaces it; --out names another folder"),
    (ResumeError, "--resume finishes the interrupted build; --overwrite starts it again"),
)


def fail(err: Exception) -> None:
    hint = next((h for kind, h in _HINTS if isinstance(err, kind)), None)
    click.echo(f"error: {err}" + (f" ({hint})" if hint else ""), err=True)
    sys.exit(2)


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --date that is a real YYYY-MM-DD day, or a usage error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat() if len(value) == 10 else _bad(value)
    except ValueError:
        return _bad(value)


def _bad(value: str) -> str:
    raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD, e.g. 2024-05-06")


_DICTIONARIES_HELP = (
    "PETRARCH/TABARI dictionaries to code with: petrarch:PATH[,PATH...] adds their actors and "
    "agents to the built-in ones, petrarch-replace:PATH[,PATH...] uses only theirs; a PATH is "
    "a dictionary file (kind told from its content or name, or given as kind:PATH) or a folder."
)


def dictionaries_option() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--dictionaries", default=None, metavar="petrarch:PATH[,PATH...]", help=_DICTIONARIES_HELP
    )


_READ_OPTIONS = (
    click.option(
        "--on-bad-encoding",
        type=click.Choice(["replace", "quarantine"]),
        default="replace",
        show_default=True,
        help="Undecodable bytes: decode with U+FFFD and flag the document, or quarantine it.",
    ),
    click.option(
        "--max-chars",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_CHARS,
        show_default=True,
        help="Quarantine documents longer than this many characters.",
    ),
    click.option(
        "--language-check/--no-language-check",
        default=True,
        show_default=True,
        help="Quarantine documents that do not look like English.",
    ),
    click.option(
        "--text-column",
        default="text",
        show_default=True,
        help="JSONL/CSV/Parquet/Arrow text column.",
    ),
    click.option(
        "--id-column",
        default="id",
        show_default=True,
        help="JSONL/CSV/Parquet/Arrow id column (a record without one takes FILE:LINE as its id).",
    ),
    click.option(
        "--date-column",
        default="date",
        show_default=True,
        help="JSONL/CSV/Parquet/Arrow publication date column (YYYY-MM-DD or an ISO date-time).",
    ),
)


def read_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options of how inputs are read (as `build` reads them), handed to the command as
    one `read: ReadOptions` argument."""

    @functools.wraps(command)
    def wrapper(
        *args: Any,
        on_bad_encoding: Literal["replace", "quarantine"],
        max_chars: int,
        language_check: bool,
        text_column: str,
        id_column: str,
        date_column: str,
        **kwargs: Any,
    ) -> Any:
        read = ReadOptions(
            on_bad_encoding, max_chars, language_check, text_column, id_column, date_column
        )
        return command(*args, read=read, **kwargs)

    decorated: Callable[..., Any] = wrapper
    for option in reversed(_READ_OPTIONS):
        decorated = option(decorated)
    return decorated
