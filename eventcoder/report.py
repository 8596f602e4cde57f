"""The report of a built dataset: one self-contained HTML page with its plots, and a PNG.

The page holds the dataset's figures (eventcoder.inspect_dataset.dataset_stats), events over
time by quad class, a map of event locations, CAMEO roots, ACLED sub-event types, quad
classes, top dyads, actors and countries. Plots are inline SVG (eventcoder.report_svg,
eventcoder.report_map); the page loads nothing, and its Content-Security-Policy forbids
loading anything, so it reads the same offline. Every text from the data is HTML-escaped.

Beside the page goes a PNG of the main plots (eventcoder.report_png: events over time by
quad class and events by CAMEO root). `write_report(..., card=True)` also writes it into the
dataset folder as the card image and writes the dataset card again, which then shows it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from eventcoder.about import __version__
from eventcoder.card import CARD_FILE, GENERATED_MARK, write_card
from eventcoder.card_sections import CARD_IMAGE
from eventcoder.dataset import read_manifest, read_rows, sync_folder, write_atomic
from eventcoder.errors import EventcoderError
from eventcoder.inspect_dataset import TOP, DatasetStats, dataset_stats
from eventcoder.report_map import Place, map_svg
from eventcoder.report_png import Series, plots_png
from eventcoder.report_svg import Bar, Stack, bars_svg, stacked_bars_svg

QUADS: dict[int, tuple[str, str]] = {
    1: ("verbal cooperation", "#7fbf7b"),
    2: ("material cooperation", "#1b7837"),
    3: ("verbal conflict", "#f1a340"),
    4: ("material conflict", "#d7301f"),
}
COLUMNS = ("event_date", "quad_class", "latitude", "longitude", "location_name")
MAX_BUCKETS = 180
ROOT_COLOR = "#3b6ea5"
ACLED_COLOR = "#8e5ea2"
DYAD_COLOR = "#4a8c8c"


class ReportError(EventcoderError):
    """The report cannot be written where it was asked for."""


@dataclass(frozen=True)
class Timeline:
    """Dated events by quad class per time bucket (`unit`: day, week, month or year; a week
    is labelled by its Monday), every bucket from the first to the last date included."""

    unit: str
    labels: tuple[str, ...]
    by_quad: dict[int, tuple[int, ...]]
    undated: int


@dataclass(frozen=True)
class ReportFiles:
    """What `write_report` wrote: the page, its PNG, and the card image and card when asked
    (None when not written; `notes` say why)."""

    html: Path
    png: Path
    card_image: Path | None = None
    card: Path | None = None
    notes: tuple[str, ...] = ()


def timeline(events: Iterable[tuple[str | None, int | None]]) -> Timeline:
    """Bucket (event_date, quad_class) pairs: by day up to 62 days, by week up to two years,
    by month up to 15 years, else by year (only years with events past MAX_BUCKETS)."""
    dated: list[tuple[dt.date, int]] = []
    undated = 0
    for text, quad in events:
        day = _date(text)
        if day is None or quad not in QUADS:
            undated += 1
        else:
            dated.append((day, quad))
    if not dated:
        return Timeline("day", (), {q: () for q in QUADS}, undated)
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    span = (last - first).days
    unit = "day" if span <= 62 else "week" if span <= 730 else "month" if span <= 5480 else "year"
    keys = [_bucket(d, unit) for d, _ in dated]
    labels = _buckets(min(keys), max(keys), unit)
    if len(labels) > MAX_BUCKETS:
        labels = sorted(set(keys))
    index = {label: i for i, label in enumerate(labels)}
    counts = {q: [0] * len(labels) for q in QUADS}
    for key, (_, quad) in zip(keys, dated, strict=True):
        counts[quad][index[key]] += 1
    return Timeline(unit, tuple(labels), {q: tuple(c) for q, c in counts.items()}, undated)


def places(rows: Iterable[dict[str, Any]]) -> list[Place]:
    """Rows with coordinates grouped by point (rounded to 0.01 degree), each with the place
    name and country most of its rows give."""
    groups: dict[tuple[float, float], list[dict[str, Any]]] = {}
    for row in rows:
        point = _point(row)
        if point is not None:
            groups.setdefault(point, []).append(row)
    found = []
    for (lat, lon), members in groups.items():
        names = Counter(str(r.get("location_name") or "") for r in members)
        countries = Counter(str(r.get("location_country") or "") for r in members)
        found.append(Place(lat, lon, len(members), names.most_common(1)[0][0], _first(countries)))
    return found


def render_report(folder: str | Path, top: int = TOP) -> tuple[str, bytes]:
    """The report of a dataset folder: the HTML page and the PNG of its main plots."""
    path = Path(folder)
    figures = dataset_stats(path, top)
    table = read_rows(path)
    wanted = [c for c in (*COLUMNS, "location_country") if c in table.column_names]
    rows = table.select(wanted).to_pylist()
    finished = read_manifest(path).finished
    line = timeline((r.get("event_date"), r.get("quad_class")) for r in rows)
    found = places(rows)
    return _page(path, figures, line, found, finished), _png(path, figures, line)


def write_report(
    folder: str | Path, out: str | Path, *, card: bool = False, top: int = TOP
) -> ReportFiles:
    """Write the report of `folder` to `out` (HTML) and its PNG beside it (same name, .png).

    With `card`, the PNG also goes into the dataset folder as its card image (report.png)
    and the card (README.md) is written again to show it, unless the folder's README.md
    was not written by eventcoder (then it is left alone and a note says so).
    """
    folder, out = Path(folder), Path(out)
    if out.suffix.lower() == ".png":
        raise ReportError(f"{out}: the report is HTML; name it .html (its PNG goes beside it)")
    if out.is_dir():
        raise ReportError(f"{out} is a folder; give the report's file name, e.g. report.html")
    page, image = render_report(folder, top)
    png = out.with_suffix(".png")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, page)
        _write_bytes(png, image)
    except OSError as err:
        raise ReportError(f"cannot write the report to {out}: {err.strerror or err}") from err
    if not card:
        return ReportFiles(out, png)
    return _with_card(folder, out, png, image)


def _with_card(folder: Path, out: Path, png: Path, image: bytes) -> ReportFiles:
    readme, target = folder / CARD_FILE, folder / CARD_IMAGE
    try:
        own = not readme.exists() or GENERATED_MARK in readme.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        own = False
    try:
        _write_bytes(target, image)
    except OSError as err:
        raise ReportError(f"cannot write {target}: {err.strerror or err}") from err
    if not own:
        note = (
            f"{readme} was not written by eventcoder and was left as it is; "
            f"add ![events]({CARD_IMAGE}) to it to show the plots"
        )
        return ReportFiles(out, png, target, None, (note,))
    return ReportFiles(out, png, target, write_card(folder))


def _write_bytes(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    with temp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)
    sync_folder(path.parent)


# --- the page ----------------------------------------------------------------------------------

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;color:#222;margin:0;background:#fafafa}
main{max-width:900px;margin:0 auto;padding:16px 20px 40px}
h1{font-size:22px;margin:8px 0 2px}h2{font-size:17px;margin:28px 0 8px}
.sub{color:#666;margin:0 0 12px}
section{background:#fff;border:1px solid #e4e4e4;border-radius:6px;padding:10px 14px}
svg{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;margin:6px 0}td,th{padding:3px 10px 3px 0;text-align:left}
th{color:#555;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
.figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px}
.fig{background:#f4f6f8;border-radius:4px;padding:6px 10px}
.fig b{display:block;font-size:20px}.fig span{color:#555}
.note{color:#666;font-size:13px}
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _page(
    folder: Path, figures: DatasetStats, line: Timeline, found: list[Place], finished: str
) -> str:
    name = folder.resolve().name
    body = [
        f"<h1>{escape(name)}: events coded by eventcoder</h1>",
        f'<p class="sub">{figures.documents} documents, {figures.events} events; built '
        f"{escape(finished[:10])}; report by eventcoder {escape(__version__)}</p>",
        _figures(figures),
        _section("Events over time by quad class", _timeline_svg(line)),
        _section(
            "Where events happened",
            map_svg(found, title="Event locations")
            + f'<p class="note">{sum(p.events for p in found)} of {figures.events} events '
            f"have coordinates, at {len(found)} places; circles grow with the events at a "
            "place, labels give the country and events of the busiest cells. Land outlines "
            "are coarse, for orientation only.</p>",
        ),
        _section(
            "CAMEO roots",
            bars_svg(
                [Bar(f"{r} {n}".strip(), c, f"{r} {n}".strip()) for r, n, c in figures.by_root],
                title="Events by CAMEO root",
                color=ROOT_COLOR,
            ),
        ),
        _section(
            "ACLED sub-event types",
            bars_svg(
                [Bar(t, c) for t, c in figures.by_acled],
                title="Events by ACLED sub-event type",
                color=ACLED_COLOR,
            ),
        ),
        _section(
            "Quad classes",
            bars_svg(
                [Bar(f"{q} {QUADS.get(q, ('?', ''))[0]}", c) for q, c in figures.by_quad.items()],
                title="Events by quad class",
                color=ROOT_COLOR,
            ),
        ),
        _section(
            "Top dyads (actor -> target)",
            bars_svg(
                [Bar(d, c) for d, c in figures.top_dyads],
                title="Most frequent dyads",
                color=DYAD_COLOR,
            ),
        ),
        _section(
            "Top actors and countries",
            _table(("actor", "events"), figures.top_actors)
            + _table(("country (of place or actor)", "rows"), figures.countries),
        ),
    ]
    if figures.quarantine_reasons:
        body.append(
            _section(
                "Quarantined documents",
                _table(("reason", "documents"), figures.quarantine_reasons),
            )
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(name)}: eventcoder report</title><style>{STYLE}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )


def _figures(figures: DatasetStats) -> str:
    cells = [
        ("documents", str(figures.documents)),
        ("events", str(figures.events)),
        *((k.replace("_", " "), str(v)) for k, v in figures.outcomes.items()),
        *((f"{k} events", str(v)) for k, v in figures.by_split.items()),
        ("with a date", f"{figures.with_date:.0%}"),
        ("with a location", f"{figures.with_location:.0%}"),
        ("first date", figures.first_date or "-"),
        ("last date", figures.last_date or "-"),
    ]
    inner = "".join(
        f'<div class="fig"><b>{escape(v)}</b><span>{escape(k)}</span></div>' for k, v in cells
    )
    return _section("Figures", f'<div class="figs">{inner}</div>')


def _timeline_svg(line: Timeline) -> str:
    stacks = [Stack(f"{q} {name}", color, line.by_quad[q]) for q, (name, color) in QUADS.items()]
    svg = stacked_bars_svg(line.labels, stacks, title="Events over time by quad class")
    note = f"Events per {line.unit}"
    if line.undated:
        note += f"; {line.undated} event(s) without a date are not shown"
    return svg + f'<p class="note">{escape(note)}.</p>'


def _section(title: str, inner: str) -> str:
    return f"<h2>{escape(title)}</h2><section>{inner}</section>"


def _table(header: tuple[str, str], rows: Iterable[tuple[str, int]]) -> str:
    body = "".join(f'<tr><td>{escape(str(k))}</td><td class="n">{n}</td></tr>' for k, n in rows)
    if not body:
        body = '<tr><td class="note">none</td><td></td></tr>'
    head = f"<tr><th>{escape(header[0])}</th><th>{escape(header[1])}</th></tr>"
    return f"<table>{head}{body}</table>"


def _png(folder: Path, figures: DatasetStats, line: Timeline) -> bytes:
    series = Series(
        labels=line.labels,
        classes=tuple(name.upper() for name, _ in QUADS.values()),
        colors=tuple(_rgb(color) for _, color in QUADS.values()),
        counts=tuple(line.by_quad[q] for q in QUADS),
    )
    bars = [(f"{r} {n}".strip(), c) for r, n, c in figures.by_root]
    title = f"{folder.resolve().name}: {figures.events} EVENTS BY QUAD CLASS PER {line.unit}"
    return plots_png(title, series, bars, _rgb(ROOT_COLOR))


# --- helpers -----------------------------------------------------------------------------------


def _date(text: str | None) -> dt.date | None:
    if not isinstance(text, str):
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _bucket(day: dt.date, unit: str) -> str:
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    if unit == "month":
        return day.isoformat()[:7]
    return day.isoformat()[:4]


def _buckets(first: str, last: str, unit: str) -> list[str]:
    """Every bucket label from `first` to `last`, both included."""
    labels: list[str] = []
    if unit in ("day", "week"):
        day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        step = dt.timedelta(days=1 if unit == "day" else 7)
        while day <= end and len(labels) <= MAX_BUCKETS:
            labels.append(day.isoformat())
            day += step
    elif unit == "month":
        year, month = int(first[:4]), int(first[5:7])
        while f"{year:04d}-{month:02d}" <= last and len(labels) <= MAX_BUCKETS:
            labels.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        year = int(first)
        while year <= int(last) and len(labels) <= MAX_BUCKETS:
            labels.append(f"{year:04d}")
            year += 1
    return labels


def _point(row: dict[str, Any]) -> tuple[float, float] | None:
    lat, lon = row.get("latitude"), row.get("longitude")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return round(float(lat), 2), round(float(lon), 2)


def _first(counts: Counter[str]) -> str:
    named = [(k, n) for k, n in counts.most_common() if k]
    return named[0][0] if named else ""


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
