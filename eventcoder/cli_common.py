"""What the commands share: one-line failures with a hint, the dictionaries option, the date
check."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

import click

from eventcoder.build import ResumeError
from eventcoder.errors import EventcoderError, OutputExistsError

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
