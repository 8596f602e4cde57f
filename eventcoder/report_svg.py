"""Inline SVG charts for the dataset report: stacked bars over time and horizontal bars.

Every function returns one `<svg>` element as text, sized by its viewBox (the page scales
it to its column) with its text HTML-escaped, so data values can never become markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = "font-family:system-ui,sans-serif"
INK = "#333"
MUTED = "#777"
GRID = "#e3e3e3"
CHAR_W = 7.0  # average width of a 11px character (capitals included), for laying out labels


@dataclass(frozen=True)
class Stack:
    """One class of a stacked chart: its name, colour and a count per bucket."""

    name: str
    color: str
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Bar:
    """One bar of a horizontal bar chart; `hint` is shown as its tooltip."""

    label: str
    count: int
    hint: str = ""


def nice_step(peak: float) -> int:
    """A round tick step giving about four grid lines up to `peak`."""
    raw = max(1, int(peak // 4))
    magnitude = int(10 ** (len(str(raw)) - 1))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return raw


def stacked_bars_svg(
    labels: Sequence[str], stacks: Sequence[Stack], *, title: str, width: int = 860
) -> str:
    """Stacked vertical bars, one per label (a time bucket), with a legend and a y axis."""
    height, left, top, bottom = 320, 48, 34, 46
    plot_w, plot_h = width - left - 12, height - top - bottom
    n = len(labels)
    totals = [sum(s.counts[i] for s in stacks) for i in range(n)]
    peak = max(totals, default=0)
    parts = [_open(width, height, title)]
    x = left
    for stack in stacks:
        parts.append(
            f'<rect x="{x}" y="8" width="12" height="12" fill="{stack.color}"/>'
            f'<text x="{x + 16}" y="18" font-size="12" fill="{INK}">{escape(stack.name)}</text>'
        )
        x += 16 + round(len(stack.name) * 7.2) + 18
    if not n or not peak:
        parts.append(_note(left, top + plot_h / 2, "no dated events"))
        return "".join(parts) + "</svg>"
    step = nice_step(peak)
    for tick in range(0, peak + 1, step):
        y = top + plot_h - tick / peak * plot_h
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" fill="{MUTED}" '
            f'text-anchor="end">{tick}</text>'
        )
    slot = plot_w / n
    bar_w = max(1.0, slot * 0.8)
    for i, label in enumerate(labels):
        bx = left + i * slot + (slot - bar_w) / 2
        base = float(top + plot_h)
        for stack in stacks:
            count = stack.counts[i]
            if not count:
                continue
            h = count / peak * plot_h
            base -= h
            parts.append(
                f'<rect class="bar" x="{bx:.1f}" y="{base:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{stack.color}"><title>{escape(label)}: '
                f"{escape(stack.name)} {count}</title></rect>"
            )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{INK}"/>'
    )
    every = max(1, -(-n * round(len(labels[0]) * CHAR_W + 12) // plot_w))
    for i in range(0, n, every):
        lx = left + i * slot + slot / 2
        parts.append(
            f'<text x="{lx:.1f}" y="{top + plot_h + 16}" font-size="11" fill="{MUTED}" '
            f'text-anchor="middle">{escape(labels[i])}</text>'
        )
    return "".join(parts) + "</svg>"


def bars_svg(bars: Sequence[Bar], *, title: str, color: str, width: int = 860) -> str:
    """Horizontal bars, one row per bar, label on the left and the count after the bar."""
    row_h, top = 20, 6
    height = top * 2 + max(1, len(bars)) * row_h
    parts = [_open(width, height, title)]
    if not bars:
        parts.append(_note(8, top + 14, "none"))
        return "".join(parts) + "</svg>"
    shown = [_clip(b.label, 48) for b in bars]
    label_w = min(width * 0.5, max(len(s) for s in shown) * CHAR_W + 12)
    peak = max(b.count for b in bars) or 1
    room = width - label_w - 12 - len(str(peak)) * CHAR_W - 8
    for i, (bar, label) in enumerate(zip(bars, shown, strict=True)):
        y = top + i * row_h
        w = max(1.0, bar.count / peak * room) if bar.count else 0.0
        hint = escape(bar.hint or bar.label)
        parts.append(
            f'<text x="{label_w - 8:.1f}" y="{y + 14}" font-size="11" fill="{INK}" '
            f'text-anchor="end">{escape(label)}<title>{hint}</title></text>'
            f'<rect class="bar" x="{label_w:.1f}" y="{y + 3}" width="{w:.1f}" '
            f'height="{row_h - 6}" fill="{color}"><title>{hint}: {bar.count}</title></rect>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" font-size="11" '
            f'fill="{MUTED}">{bar.count}</text>'
        )
    return "".join(parts) + "</svg>"


def _open(width: int, height: int, title: str) -> str:
    return (
        f'<svg viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" style="{FONT}">'
        f"<title>{escape(title)}</title>"
    )


def _note(x: float, y: float, text: str) -> str:
    return f'<text x="{x}" y="{y:.1f}" font-size="14" fill="{MUTED}">{escape(text)}</text>'


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
