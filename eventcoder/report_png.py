"""A static PNG of a dataset's main plots, drawn in pure Python (zlib and struct, no imaging
library): events by quad class over time as stacked bars, and events by CAMEO root.

`Canvas` is an RGB raster with filled rectangles and text in a built-in 5x7 pixel font
(digits, capital letters and a little punctuation; lowercase is drawn as capitals, other
characters as a box); `png_bytes` encodes it. `plots_png` draws the two panels from counts
the report has already made.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from eventcoder.report_svg import nice_step

Color = tuple[int, int, int]

WHITE: Color = (255, 255, 255)
INK: Color = (40, 40, 40)
GRID: Color = (225, 225, 225)
MUTED: Color = (120, 120, 120)

# 5x7 glyphs, one 5-bit row per entry, top row first (bit 4 is the leftmost pixel).
_FONT: dict[str, tuple[int, ...]] = {
    "0": (14, 17, 19, 21, 25, 17, 14),
    "1": (4, 12, 4, 4, 4, 4, 14),
    "2": (14, 17, 1, 2, 4, 8, 31),
    "3": (31, 2, 4, 2, 1, 17, 14),
    "4": (2, 6, 10, 18, 31, 2, 2),
    "5": (31, 16, 30, 1, 1, 17, 14),
    "6": (6, 8, 16, 30, 17, 17, 14),
    "7": (31, 1, 2, 4, 8, 8, 8),
    "8": (14, 17, 17, 14, 17, 17, 14),
    "9": (14, 17, 17, 15, 1, 2, 12),
    "A": (14, 17, 17, 31, 17, 17, 17),
    "B": (30, 17, 17, 30, 17, 17, 30),
    "C": (14, 17, 16, 16, 16, 17, 14),
    "D": (28, 18, 17, 17, 17, 18, 28),
    "E": (31, 16, 16, 30, 16, 16, 31),
    "F": (31, 16, 16, 30, 16, 16, 16),
    "G": (14, 17, 16, 23, 17, 17, 15),
    "H": (17, 17, 17, 31, 17, 17, 17),
    "I": (14, 4, 4, 4, 4, 4, 14),
    "J": (7, 2, 2, 2, 2, 18, 12),
    "K": (17, 18, 20, 24, 20, 18, 17),
    "L": (16, 16, 16, 16, 16, 16, 31),
    "M": (17, 27, 21, 21, 17, 17, 17),
    "N": (17, 17, 25, 21, 19, 17, 17),
    "O": (14, 17, 17, 17, 17, 17, 14),
    "P": (30, 17, 17, 30, 16, 16, 16),
    "Q": (14, 17, 17, 17, 21, 18, 13),
    "R": (30, 17, 17, 30, 20, 18, 17),
    "S": (15, 16, 16, 14, 1, 1, 30),
    "T": (31, 4, 4, 4, 4, 4, 4),
    "U": (17, 17, 17, 17, 17, 17, 14),
    "V": (17, 17, 17, 17, 17, 10, 4),
    "W": (17, 17, 17, 21, 21, 21, 10),
    "X": (17, 17, 10, 4, 10, 17, 17),
    "Y": (17, 17, 17, 10, 4, 4, 4),
    "Z": (31, 1, 2, 4, 8, 16, 31),
    " ": (0, 0, 0, 0, 0, 0, 0),
    "-": (0, 0, 0, 31, 0, 0, 0),
    ".": (0, 0, 0, 0, 0, 12, 12),
    ",": (0, 0, 0, 0, 12, 4, 8),
    ":": (0, 12, 12, 0, 12, 12, 0),
    "/": (1, 1, 2, 4, 8, 16, 16),
    "(": (2, 4, 8, 8, 8, 4, 2),
    ")": (8, 4, 2, 2, 2, 4, 8),
    "%": (24, 25, 2, 4, 8, 19, 3),
    "&": (12, 18, 20, 8, 21, 18, 13),
    "'": (4, 4, 8, 0, 0, 0, 0),
    ">": (8, 4, 2, 1, 2, 4, 8),
    "<": (2, 4, 8, 16, 8, 4, 2),
    "+": (0, 4, 4, 31, 4, 4, 0),
    "=": (0, 0, 31, 0, 31, 0, 0),
    "_": (0, 0, 0, 0, 0, 0, 31),
}
_UNKNOWN = (31, 17, 17, 17, 17, 17, 31)
GLYPH_W, GLYPH_H = 6, 8  # advance and line height at scale 1 (5x7 plus spacing)


class Canvas:
    """An RGB raster, white at first, that clips everything drawn to its bounds."""

    def __init__(self, width: int, height: int, background: Color = WHITE) -> None:
        if width < 1 or height < 1:
            raise ValueError(f"a canvas needs a positive size, not {width}x{height}")
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(background) * (width * height))

    def rect(self, x: int, y: int, w: int, h: int, color: Color) -> None:
        """Fill the rectangle with its top left corner at (x, y)."""
        x0, y0 = max(0, x), max(0, y)
        x1, y1 = min(self.width, x + w), min(self.height, y + h)
        if x1 <= x0 or y1 <= y0:
            return
        row = bytes(color) * (x1 - x0)
        for yy in range(y0, y1):
            start = (yy * self.width + x0) * 3
            self.pixels[start : start + len(row)] = row

    def text(self, x: int, y: int, text: str, color: Color = INK, scale: int = 1) -> int:
        """Draw `text` with its top left corner at (x, y); returns the x where it ends."""
        for char in text:
            glyph = _FONT.get(char.upper(), _UNKNOWN)
            for r, bits in enumerate(glyph):
                for c in range(5):
                    if bits & (16 >> c):
                        self.rect(x + c * scale, y + r * scale, scale, scale, color)
            x += GLYPH_W * scale
        return x


def text_width(text: str, scale: int = 1) -> int:
    """The width in pixels that `Canvas.text` takes for `text`."""
    return len(text) * GLYPH_W * scale


def png_bytes(canvas: Canvas) -> bytes:
    """The canvas as a PNG file (8-bit RGB, no filtering, zlib-compressed)."""
    stride = canvas.width * 3
    raw = b"".join(
        b"\x00" + bytes(canvas.pixels[y * stride : (y + 1) * stride]) for y in range(canvas.height)
    )
    header = struct.pack(">IIBBBBB", canvas.width, canvas.height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


@dataclass(frozen=True)
class Series:
    """Stacked counts over time: `labels` per bucket, `counts[k][i]` events of class
    `classes[k]` in bucket i."""

    labels: tuple[str, ...]
    classes: tuple[str, ...]
    colors: tuple[Color, ...]
    counts: tuple[tuple[int, ...], ...]


def plots_png(
    title: str,
    series: Series,
    bars: Sequence[tuple[str, int]],
    bar_color: Color,
    *,
    width: int = 900,
) -> bytes:
    """A PNG with a title, the stacked time bars with their legend, then horizontal bars
    (label, count) such as events by CAMEO root."""
    bar_rows = list(bars)[:20]
    top_h, bar_h = 300, 16
    height = 40 + top_h + 60 + max(1, len(bar_rows)) * bar_h + 30
    canvas = Canvas(width, height)
    canvas.text(16, 12, title, INK, 2)
    _stacked(canvas, series, 16, 44, width - 32, top_h)
    y = 44 + top_h + 44
    canvas.text(16, y - 18, "EVENTS BY CAMEO ROOT", INK, 1)
    _horizontal(canvas, bar_rows, bar_color, 16, y, width - 32, bar_h)
    return png_bytes(canvas)


def _stacked(canvas: Canvas, series: Series, x: int, y: int, w: int, h: int) -> None:
    legend_x = x
    for name, color in zip(series.classes, series.colors, strict=True):
        canvas.rect(legend_x, y, 10, 8, color)
        legend_x = canvas.text(legend_x + 14, y, name, INK) + 14
    plot_x, plot_y, plot_w, plot_h = x + 40, y + 20, w - 48, h - 48
    n = len(series.labels)
    totals = [sum(c[i] for c in series.counts) for i in range(n)]
    peak = max(totals, default=0)
    if not n or not peak:
        canvas.text(plot_x, plot_y + plot_h // 2, "NO DATED EVENTS", MUTED, 2)
        return
    step = nice_step(peak)
    tick = 0
    while tick <= peak:
        ty = plot_y + plot_h - round(tick / peak * plot_h)
        canvas.rect(plot_x, ty, plot_w, 1, GRID)
        label = str(tick)
        canvas.text(plot_x - 4 - text_width(label), ty - 3, label, MUTED)
        tick += step
    slot = plot_w / n
    bar_w = max(1, int(slot * 0.8))
    for i in range(n):
        bx = plot_x + int(i * slot + (slot - bar_w) / 2)
        base = plot_y + plot_h
        for counts, color in zip(series.counts, series.colors, strict=True):
            bh = round(counts[i] / peak * plot_h)
            canvas.rect(bx, base - bh, bar_w, bh, color)
            base -= bh
    canvas.rect(plot_x, plot_y + plot_h, plot_w, 1, INK)
    every = max(1, -(-n * text_width(series.labels[0] + "  ") // plot_w))
    for i in range(0, n, every):
        lx = plot_x + int(i * slot + slot / 2) - text_width(series.labels[i]) // 2
        canvas.text(max(0, lx), plot_y + plot_h + 6, series.labels[i], MUTED)


def _horizontal(
    canvas: Canvas,
    rows: Sequence[tuple[str, int]],
    color: Color,
    x: int,
    y: int,
    w: int,
    bar_h: int,
) -> None:
    if not rows:
        canvas.text(x, y, "NO EVENTS", MUTED, 2)
        return
    label_w = min(w // 2, max(text_width(label) for label, _ in rows) + 8)
    peak = max(n for _, n in rows) or 1
    room = w - label_w - text_width(str(peak)) - 8
    for i, (label, n) in enumerate(rows):
        ry = y + i * bar_h
        shown = label if text_width(label) <= label_w - 8 else label[: (label_w - 8) // GLYPH_W]
        canvas.text(x, ry + 4, shown, INK)
        bw = max(1, round(n / peak * room)) if n else 0
        canvas.rect(x + label_w, ry + 2, bw, bar_h - 4, color)
        canvas.text(x + label_w + bw + 4, ry + 4, str(n), MUTED)
