"""An offline map of event locations as inline SVG: an equirectangular projection with a
graticule, very coarse land outlines (a few hundred hand-placed points, for orientation
only: no borders, small islands left out) and one circle per place, sized by its events.

The view zooms to the places (with a margin, at least 60 degrees wide); the densest grid
cells are labelled with their most frequent country. Nothing is fetched: no tiles, no fonts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from eventcoder.report_svg import FONT, MUTED

NORTH, SOUTH = 85.0, -60.0
SCALE = 2.0  # SVG units per degree in world coordinates
LAND = "#e8e4da"
COAST = "#b9b2a0"
POINT = "#c0392b"
LABELLED_CELLS = 8
CELL_DEGREES = 10.0

# (longitude, latitude) rings, coarse.
OUTLINES: tuple[tuple[tuple[float, float], ...], ...] = (
    (  # North and Central America
        (-166, 65.5), (-162, 70), (-156, 71.3), (-140, 69.6), (-128, 70), (-115, 68.5),
        (-100, 68), (-95, 71.5), (-90, 68.5), (-82, 69.5), (-82, 64), (-93, 59), (-93, 57),
        (-85, 55.3), (-80, 51.5), (-78, 55), (-77, 60.5), (-78, 62.5), (-70, 61), (-65, 60),
        (-60, 55), (-56, 52), (-59.5, 48), (-64.5, 49), (-66, 45), (-70, 42), (-76, 38),
        (-76, 35), (-81, 31), (-80, 25.5), (-82, 28), (-84, 30), (-89, 30), (-94, 29.5),
        (-97, 26), (-97.5, 21), (-95, 18.5), (-91, 18.7), (-90.5, 21), (-87, 21.5), (-88, 16),
        (-83.5, 15), (-83.7, 11), (-81.5, 9), (-79, 9.5), (-77.5, 8), (-80, 7.5), (-83, 8.5),
        (-86, 11), (-88, 13.3), (-92, 14.5), (-96, 15.7), (-105, 20), (-105.5, 23), (-112, 30),
        (-110, 24), (-115, 28), (-118, 33), (-121, 35), (-124, 40), (-124, 47), (-125, 50),
        (-130, 55), (-135, 58), (-140, 60), (-147, 61), (-152, 59), (-158, 57), (-165, 54.5),
        (-160, 58.5), (-165, 61),
    ),
    (  # Greenland
        (-73, 78), (-60, 82), (-30, 83.5), (-20, 80), (-18, 76), (-22, 70), (-33, 68), (-40, 65),
        (-43, 60), (-48, 61), (-52, 65), (-54, 69), (-58, 75), (-68, 76.5),
    ),
    (  # Baffin Island
        (-80, 73.5), (-68, 70.5), (-61.5, 66.5), (-65, 62), (-72, 63), (-78, 64), (-73, 67),
        (-81, 70), (-90, 73.5),
    ),
    (  # South America
        (-77.5, 8), (-72, 12), (-63, 10.5), (-60, 8.5), (-52, 5), (-50, 0), (-44, -2.5),
        (-35, -5.5), (-35, -9), (-39, -15), (-40, -22), (-45, -23.5), (-48.5, -28), (-53, -34),
        (-58, -34.5), (-57, -38), (-62, -39), (-65, -42), (-65, -45), (-67.5, -46.5), (-66, -48),
        (-69, -51), (-68.5, -54.5), (-72, -54), (-75, -50), (-74, -44), (-73.5, -37),
        (-71.5, -30), (-70, -18.5), (-75.5, -15), (-80.5, -6), (-81, -2), (-80, 1),
        (-78.5, 2.5), (-77.5, 7),
    ),
    (  # Europe and Asia
        (-9, 37), (-9, 43), (-2, 43.5), (-1.5, 46.5), (-4.5, 48.5), (-1.5, 49.5), (2, 51),
        (4.5, 52.5), (8, 53.5), (8.5, 57), (10.5, 57.5), (10, 54.5), (12, 54), (14, 54),
        (19, 54.5), (21, 57), (24, 57.5), (23.5, 59.5), (29, 60), (22.5, 60.5), (21.5, 63),
        (25, 65.5), (21.5, 65.8), (17.5, 62.5), (18.5, 60), (16.5, 56.5), (13, 55.5),
        (11, 58.5), (8, 58), (5.5, 59), (5, 62), (10, 64), (14, 67.5), (18, 70), (25, 71),
        (31, 70), (41, 67), (44, 68.5), (54, 68.5), (60, 69), (69, 73), (80, 72.5),
        (88, 75.5), (104, 77.7), (113, 73.5), (129, 72), (141, 72.8), (160, 70), (170, 70),
        (180, 69), (180, 65), (178, 64.5), (170, 60), (163, 60), (156, 57), (156, 51),
        (160, 54), (163, 56), (162, 58), (155, 59.5), (143, 59.5), (137, 54), (141, 52),
        (140, 48), (135, 43), (130, 42.5), (129, 35.5), (126.5, 34.5), (126, 37.5),
        (125, 39.5), (121.5, 39), (122, 40.5), (118, 39), (122, 37), (119, 35), (121, 32),
        (122, 30), (120, 26.5), (117, 23), (110, 21.5), (108, 21.5), (106, 19), (109, 15),
        (109, 11.5), (105, 8.7), (104.5, 10.5), (101, 13), (100, 9), (103.5, 1.3), (101, 3),
        (98.5, 8), (98, 16), (94.5, 16), (92, 21), (90, 22), (87, 21.5), (80.5, 16),
        (80, 10), (77.5, 8), (76, 10), (73, 17), (72.5, 21), (68.5, 23.5), (66.5, 25.5),
        (61.5, 25), (57, 25.7), (56.3, 27), (51.5, 27.8), (48.5, 30), (50, 26), (51.5, 24),
        (56, 26), (59.8, 22.5), (57, 18.8), (52, 16), (45, 13), (43.5, 12.7), (42.5, 15),
        (39, 21.5), (35, 28), (32.5, 30), (34.5, 31.5), (36, 36), (30, 36.3), (27, 37),
        (26.5, 40), (29, 41), (29, 44.5), (33.5, 44.5), (35.5, 45), (38, 47), (39, 44),
        (41.5, 41.5), (36, 41.5), (29, 41), (26, 40.5), (23, 40), (24, 38), (22.5, 36.5),
        (21, 38.5), (19.5, 40), (19.5, 42), (15, 45), (12.5, 45), (12.5, 44), (14, 42),
        (16, 41), (18.5, 40), (16, 38), (15.5, 40), (12, 42), (10, 44), (8, 43.8), (3, 43),
        (3, 41.5), (0.5, 40.5), (-0.5, 38), (-2, 36.8), (-5.5, 36), (-7, 37),
    ),
    (  # Africa
        (32.5, 30), (29, 31), (25, 31.7), (20, 30.5), (19, 30.3), (15.5, 32), (11, 33.5),
        (10, 37), (3, 36.8), (-2, 35.1), (-6, 35.8), (-10, 30), (-13, 27.5), (-17, 21),
        (-17, 14.7), (-15, 11), (-13, 8), (-8, 4.5), (-2, 5), (3, 6.3), (8.5, 4.5), (10, 2.5),
        (9, -1), (12, -5), (13.5, -11), (12, -17), (14.5, -23), (16.5, -28.5), (18.5, -34),
        (20, -34.8), (25.5, -34), (31, -29.5), (32.8, -26), (35.5, -24), (35, -20),
        (37, -17.5), (40.5, -15), (40, -10), (39, -5), (41, -1.5), (46, 2), (51, 10.5),
        (44, 10.5), (43, 12), (39.5, 15.5), (37.5, 18.5), (36.5, 22), (35.5, 24), (34, 27),
        (33, 28.5),
    ),
    (  # Madagascar
        (49.3, -12), (50.5, -15.5), (49, -20), (47, -25), (44, -25), (43.3, -21.5),
        (44.3, -17), (46.5, -15.8),
    ),
    (  # Australia
        (113, -22), (114, -26), (115, -34), (118, -35), (123, -34), (131, -31.5),
        (135, -34.7), (138, -35), (140, -38), (144, -38.5), (147.5, -38), (150, -37),
        (153, -31), (153, -25), (149, -20.5), (146, -18.5), (145.3, -14.7), (142.5, -10.7),
        (141.5, -13.5), (141, -17), (139, -17.4), (136, -15), (137, -12), (132, -11.2),
        (129, -15), (125.5, -14), (122, -18), (117, -20.5),
    ),
    (  # Great Britain
        (-5.5, 50), (1.5, 51), (1.7, 52.7), (0, 53.5), (-1.5, 55.5), (-2, 57.5), (-3.5, 58.6),
        (-5, 58.6), (-6.2, 56.5), (-4.7, 55), (-3, 54), (-3, 53.3), (-4.5, 52.8), (-5, 51.6),
    ),
    ((-6, 52), (-6, 54), (-7.5, 55.3), (-10, 54.2), (-10, 51.7), (-8, 51.6)),  # Ireland
    (  # Japan
        (130, 31), (131, 34), (135, 35.7), (138, 37.5), (140, 40), (141.5, 41.5), (140, 43),
        (142, 45.5), (145.5, 43.3), (143.5, 42), (141, 41), (142, 39), (141, 36), (139.5, 35),
        (137, 34.5), (135, 33.5), (132, 33),
    ),
    (  # Sumatra
        (95.3, 5.6), (98.5, 3.8), (104, -1), (106, -5.8), (104.5, -5.8), (101, -2.5), (97, 2.5),
    ),
    ((105.5, -6), (114.5, -7.5), (114.4, -8.7), (106, -7.4)),  # Java
    (  # Borneo
        (109, 1.5), (111, -3), (116, -4), (117.5, 0.5), (119, 5), (117, 7), (115, 5), (111, 2),
    ),
    (  # New Guinea
        (131, -1), (136, -2.3), (141, -2.6), (146, -5.5), (150.5, -10.5), (147, -10), (143, -9),
        (141, -9.2), (138, -8), (135, -4.3), (132, -4),
    ),
    (  # Philippines
        (120, 18.5), (122.5, 18.5), (124, 12.5), (126, 7), (125.5, 6), (122, 7), (123, 11),
        (120.5, 14.5),
    ),
    ((172.7, -34.4), (178.5, -37.7), (176.9, -39.6), (175, -41.5), (173.8, -39.2), (174.6, -37)),
    (  # New Zealand, south
        (172.7, -40.5), (174.3, -41.6), (173, -43.5), (171, -44.5), (169, -46.6), (166.5, -46),
        (168.3, -44), (171.5, -41.7),
    ),
    ((80, 9.8), (81.8, 7.5), (81.2, 6.2), (80.1, 6)),  # Sri Lanka
    ((121, 25.2), (122, 25), (120.8, 22), (120.1, 23)),  # Taiwan
    ((-22.5, 64), (-22, 66.4), (-16.5, 66.5), (-13.6, 65), (-18.8, 63.4)),  # Iceland
    ((-85, 21.8), (-81, 23.2), (-77, 21.8), (-74.2, 20.2), (-77.7, 19.9), (-82, 22.2)),  # Cuba
    ((-74.4, 18.5), (-72.8, 19.9), (-69.5, 19.4), (-68.4, 18.5), (-71.4, 17.6)),  # Hispaniola
)  # fmt: skip


@dataclass(frozen=True)
class Place:
    """Events at one point: where, how many, and the name and country most rows give it."""

    latitude: float
    longitude: float
    events: int
    name: str
    country: str


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """World SVG coordinates of a point (equirectangular; north up, 85N at the top)."""
    return (longitude + 180.0) * SCALE, (NORTH - latitude) * SCALE


def map_svg(places: Sequence[Place], *, title: str, width: int = 860) -> str:
    """The map as one `<svg>` element, zoomed to `places` (the world when there are none)."""
    x0, y0, w, h = _view(places)
    zoom = w / (360 * SCALE)  # world units per page pixel at 720 px, relative
    height = round(width * h / w)
    parts = [
        f'<svg viewBox="{x0:.1f} {y0:.1f} {w:.1f} {h:.1f}" width="{width}" height="{height}" '
        f'role="img" style="{FONT};background:#f4f8fb">'
        f"<title>{escape(title)}</title>",
        _land(),
        _graticule((x0, y0, w, h), zoom),
    ]
    peak = max((p.events for p in places), default=1)
    for place in sorted(places, key=lambda p: -p.events):
        x, y = project(place.longitude, place.latitude)
        r = (2.5 + 9.0 * math.sqrt(place.events / peak)) * zoom * 0.85
        where = f"{place.name} ({place.country})" if place.country else place.name
        parts.append(
            f'<circle class="place" cx="{x:.2f}" cy="{y:.2f}" r="{r:.2f}" fill="{POINT}" '
            f'fill-opacity="0.55" stroke="{POINT}" stroke-width="{0.8 * zoom:.2f}">'
            f"<title>{escape(where)}: {place.events} event(s)</title></circle>"
        )
    for country, events, (x, y) in densest_cells(places):
        size = 11 * zoom * 0.85
        parts.append(
            f'<text x="{x + size * 0.8:.2f}" y="{y - size * 0.5:.2f}" font-size="{size:.2f}" '
            f'fill="#222" stroke="#fff" stroke-width="{size / 4:.2f}" paint-order="stroke">'
            f"{escape(country)} {events}</text>"
        )
    return "".join(parts) + "</svg>"


def densest_cells(places: Sequence[Place]) -> list[tuple[str, int, tuple[float, float]]]:
    """Labels for the grid cells with the most events: (country or place name, events in the
    cell, SVG position of its busiest place), at most LABELLED_CELLS of them."""
    cells: dict[tuple[int, int], list[Place]] = {}
    for place in places:
        key = (
            math.floor(place.latitude / CELL_DEGREES),
            math.floor(place.longitude / CELL_DEGREES),
        )
        cells.setdefault(key, []).append(place)
    ranked = sorted(cells.values(), key=lambda ps: -sum(p.events for p in ps))
    labels = []
    for members in ranked[:LABELLED_CELLS]:
        names: Counter[str] = Counter()
        for p in members:
            names[p.country or p.name] += p.events
        busiest = max(members, key=lambda p: p.events)
        labels.append(
            (
                names.most_common(1)[0][0],
                sum(p.events for p in members),
                project(busiest.longitude, busiest.latitude),
            )
        )
    return labels


def _view(places: Sequence[Place]) -> tuple[float, float, float, float]:
    """The viewBox (x, y, width, height) in world units: the places' box with a margin, at
    least 60 by 30 degrees, 2:1, inside the world."""
    world = (0.0, 0.0, 360 * SCALE, (NORTH - SOUTH) * SCALE)
    if not places:
        return world
    lons = [p.longitude for p in places]
    lats = [max(SOUTH, min(NORTH, p.latitude)) for p in places]
    west, east = min(lons), max(lons)
    south, north = min(lats), max(lats)
    span_lon = max(60.0, (east - west) * 1.3 + 10, (north - south) * 1.3 * 2 + 20)
    span_lat = min(NORTH - SOUTH, span_lon / 2)
    span_lon = min(360.0, span_lat * 2)
    mid_lon, mid_lat = (west + east) / 2, (south + north) / 2
    left = min(max(-180.0, mid_lon - span_lon / 2), 180.0 - span_lon)
    top = max(min(NORTH, mid_lat + span_lat / 2), SOUTH + span_lat)
    x, y = project(left, top)
    return x, y, span_lon * SCALE, span_lat * SCALE


def _land() -> str:
    paths = []
    for ring in OUTLINES:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (project(lon, lat) for lon, lat in ring))
        paths.append(f"M{points}Z")
    return (
        f'<path d="{" ".join(paths)}" fill="{LAND}" stroke="{COAST}" fill-rule="evenodd" '
        'stroke-width="0.6" vector-effect="non-scaling-stroke"/>'
    )


def _graticule(view: tuple[float, float, float, float], zoom: float) -> str:
    step = 10 if zoom < 0.35 else 30
    x0, y0, w, h = view
    size = 10 * zoom
    lines, labels = [], []
    for lon in range(-180, 181, step):
        x = (lon + 180) * SCALE
        lines.append(f"M{x:.1f},0V{(NORTH - SOUTH) * SCALE:.1f}")
        if x0 < x < x0 + w - size * 3:
            labels.append(_degree_label(x + size * 0.2, y0 + h - size * 0.4, size, lon, "EW"))
    for lat in range(-60, 90, step):
        y = (NORTH - lat) * SCALE
        lines.append(f"M0,{y:.1f}H{360 * SCALE:.1f}")
        if y0 + size < y < y0 + h - size * 1.5:
            labels.append(_degree_label(x0 + size * 0.3, y - size * 0.25, size, lat, "NS"))
    return (
        f'<path d="{"".join(lines)}" fill="none" stroke="{MUTED}" stroke-opacity="0.35" '
        'stroke-width="0.5" vector-effect="non-scaling-stroke"/>' + "".join(labels)
    )


def _degree_label(x: float, y: float, size: float, degrees: int, sides: str) -> str:
    side = "" if degrees == 0 else sides[0] if degrees > 0 else sides[1]
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:.2f}" '
        f'fill="{MUTED}">{abs(degrees)}°{side}</text>'
    )
