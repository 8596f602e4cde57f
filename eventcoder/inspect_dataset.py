"""Looking at a built dataset without writing code: its figures (stats) and chosen rows (show).

`dataset_stats` summarises a dataset folder from its manifest and rows: documents by outcome
with quarantine reasons grouped, events by CAMEO root, quad class, PLOVER and ACLED types,
top actors, dyads and countries, and how many rows have a date and a location. `select_rows`
returns the rows a simple filter expression keeps (`cameo_root=19 and actor_country=SYR`).
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.dataset import Manifest, read_manifest, read_rows
from eventcoder.errors import EventcoderError
from eventcoder.schema import load_schema
from eventcoder.taxonomy import load_cameo_table

TOP = 10
_NUMBERS = re.compile(r"\d[\d,.]*")
_VALUES = re.compile(r"'[^']*[\d/][^']*'|\"[^\"]*[\d/][^\"]*\"")  # quoted ids and paths
_PATHS = re.compile(r"(?<![\w'])(?:/[^\s,;:)']+)+")


class FilterError(EventcoderError):
    """A row filter expression cannot be read."""


@dataclass(frozen=True)
class DatasetStats:
    """The figures of a built dataset."""

    folder: str
    documents: int
    outcomes: dict[str, int]
    quarantine_reasons: list[tuple[str, int]]
    events: int
    by_root: list[tuple[str, str, int]]
    by_quad: dict[int, int]
    by_plover: list[tuple[str, int]]
    by_acled: list[tuple[str, int]]
    top_actors: list[tuple[str, int]]
    top_dyads: list[tuple[str, int]]
    countries: list[tuple[str, int]]
    with_date: float
    with_location: float
    first_date: str | None
    last_date: str | None
    by_split: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The figures as JSON-ready data."""
        return {
            "folder": self.folder,
            "documents": self.documents,
            "outcomes": self.outcomes,
            "quarantine_reasons": [{"reason": r, "count": n} for r, n in self.quarantine_reasons],
            "events": self.events,
            "by_split": self.by_split,
            "by_root": [{"root": r, "name": name, "count": n} for r, name, n in self.by_root],
            "by_quad": {str(k): v for k, v in self.by_quad.items()},
            "by_plover": dict(self.by_plover),
            "by_acled": dict(self.by_acled),
            "top_actors": dict(self.top_actors),
            "top_dyads": dict(self.top_dyads),
            "countries": dict(self.countries),
            "with_date": self.with_date,
            "with_location": self.with_location,
            "first_date": self.first_date,
            "last_date": self.last_date,
        }


def dataset_stats(folder: str | Path, top: int = TOP) -> DatasetStats:
    """The figures of the dataset folder `folder` (raises DatasetError if it is not one)."""
    path = Path(folder)
    manifest = read_manifest(path)
    rows = read_rows(path).to_pylist()
    table = load_cameo_table()
    roots = Counter(r["cameo_root"] for r in rows if r.get("cameo_root"))
    dates = sorted(r["event_date"] for r in rows if r.get("event_date"))
    countries: Counter[str] = Counter()
    for row in rows:
        countries.update({c for c in (row.get("location_country"), row.get("actor_country")) if c})
    return DatasetStats(
        folder=str(path),
        documents=manifest.counts.documents,
        outcomes=_outcomes(manifest),
        quarantine_reasons=grouped_reasons(
            d.reason or "" for d in manifest.documents if d.outcome == "quarantined"
        ),
        events=len(rows),
        by_split={k: v for k, v in manifest.by_split.items() if v},
        by_root=[
            (root, table.get(root).name if root in table else "", n)
            for root, n in sorted(roots.items())
        ],
        by_quad=dict(sorted(Counter(r["quad_class"] for r in rows if r.get("quad_class")).items())),
        by_plover=_top(rows, lambda r: r.get("plover_event"), top * 2),
        by_acled=_top(rows, lambda r: r.get("acled_sub_event_type"), top * 3),
        top_actors=_top(rows, _actor, top),
        top_dyads=_top(rows, _dyad, top),
        countries=countries.most_common(top),
        with_date=_share(rows, lambda r: r.get("event_date") is not None),
        with_location=_share(rows, lambda r: r.get("latitude") is not None),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
    )


def _outcomes(manifest: Manifest) -> dict[str, int]:
    counts = manifest.counts
    return {
        "coded": counts.coded,
        "no_events": counts.no_events,
        "duplicate": counts.duplicates,
        "quarantined": counts.quarantined,
    }


def grouped_reasons(reasons: Iterable[str]) -> list[tuple[str, int]]:
    """Reasons with their numbers, paths and quoted ids masked, most frequent first (so that
    "duplicate id 'a1' (first seen in /x.jsonl:3)" and the same for 'b7' count as one)."""
    masked = Counter(
        _NUMBERS.sub("N", _VALUES.sub("'…'", _PATHS.sub("…", r))) for r in reasons if r
    )
    return masked.most_common()


def _actor(row: dict[str, Any]) -> str | None:
    return row.get("actor_code") or None


def _dyad(row: dict[str, Any]) -> str | None:
    source, target = row.get("actor_code"), row.get("target_code")
    return f"{source} -> {target}" if source and target else None


def _top(
    rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], Any], n: int
) -> list[tuple[str, int]]:
    return Counter(k for k in map(key, rows) if k).most_common(n)


def _share(rows: list[dict[str, Any]], test: Callable[[dict[str, Any]], bool]) -> float:
    return round(sum(1 for r in rows if test(r)) / len(rows), 4) if rows else 0.0


# --- selecting rows ----------------------------------------------------------------------------

_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "=": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}
_CLAUSE = re.compile(r"^\s*([a-z_0-9]+)\s*(!=|>=|<=|=|~|>|<)\s*(.*?)\s*$")
Test = Callable[[dict[str, Any]], bool]


def row_filter(expression: str | None) -> Test:
    """A test for rows from an expression: clauses `FIELD OP VALUE` joined by `and`, where OP
    is = != > >= < <= or ~ (contains, case-insensitive); `null` stands for a missing value.

    >>> keep = row_filter("cameo_root=19 and actor_text~police")
    >>> keep({"cameo_root": "19", "actor_text": "Police in the capital"})
    True
    """
    if expression is None or not expression.strip():
        return lambda row: True
    fields = set(load_schema()["properties"])
    tests = [
        _clause(part, fields) for part in re.split(r"\s+and\s+", expression.strip(), flags=re.I)
    ]
    return lambda row: all(test(row) for test in tests)


def _clause(text: str, fields: set[str]) -> Test:
    match = _CLAUSE.match(text)
    if match is None:
        raise FilterError(
            f"cannot read the filter {text!r}: write FIELD OP VALUE (OP one of = != > >= < <= ~), "
            "clauses joined by 'and', e.g. cameo_root=19 and actor_country=SYR"
        )
    name, op, raw = match.groups()
    if name not in fields:
        close = ", ".join(sorted(f for f in fields if f.startswith(name[:3]))[:5])
        hint = f" (did you mean {close}?)" if close else ""
        raise FilterError(f"{name!r} is not a column of the event row{hint}")
    value = raw.strip("'\"")

    def test(row: dict[str, Any]) -> bool:
        return _compare(row.get(name), op, value)

    return test


def _compare(cell: Any, op: str, value: str) -> bool:
    if value == "null":
        return (cell is None) == (op == "=") if op in ("=", "!=") else False
    if cell is None:
        return op == "!="
    if op == "~":
        return value.casefold() in str(cell).casefold()
    left: Any = cell
    right: Any = value
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        try:
            right = float(value)
        except ValueError:
            left = str(cell)
    else:
        left = str(cell)
    try:
        return bool(_OPERATORS[op](left, right))
    except TypeError:
        return False


def select_rows(
    folder: str | Path, where: str | None = None, limit: int | None = 20
) -> list[dict[str, Any]]:
    """The rows of a dataset folder that the filter `where` keeps, at most `limit`."""
    keep = row_filter(where)
    rows = read_rows(Path(folder)).to_pylist()
    chosen = [row for row in rows if keep(row)]
    return chosen if limit is None else chosen[:limit]
