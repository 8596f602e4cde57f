"""CAMEO/PLOVER taxonomy: eventcoder's tables of event codes and countries.

This module owns the CAMEO 1.1b3 event code table (names, roots, levels, Goldstein values,
quad classes and the PLOVER 2021 / PLOVER 0.6 mappings) shipped as
``eventcoder/data/cameo_codes.tsv``, and the country lexicon shipped as
``eventcoder/lexicon/countries.tsv``. Both files are derived from the shared reference
facts by ``tools/derive_tables.py``; their header comments cite the sources and state the
conventions (Goldstein = CAMEO/ICEWS value, quad class = GDELT convention).

CAMEO codes are always strings with their leading zeros (``"010"``), never integers.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventcoder.errors import EventcoderError, LexiconError
from eventcoder.types import CameoCode

PACKAGE = "eventcoder"
CAMEO_RESOURCE = ("data", "cameo_codes.tsv")
COUNTRIES_RESOURCE = ("lexicon", "countries.tsv")

CAMEO_COLUMNS = (
    "code",
    "root",
    "level",
    "name",
    "goldstein",
    "goldstein_gdelt",
    "quad_class",
    "plover_event",
    "plover_mode",
    "plover_context",
    "plover2016_event",
)
COUNTRY_COLUMNS = ("iso3", "sovereign", "name", "aliases", "capitals")
QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


class UnknownCameoCodeError(EventcoderError, ValueError):
    """A code that is not in the CAMEO 1.1b3 event code table."""

    def __init__(self, code: object) -> None:
        self.code = code
        super().__init__(
            f"{code!r} is not a CAMEO 1.1b3 event code. Codes are strings with leading "
            'zeros (e.g. "010", "0211", "195"); list the known codes with '
            "eventcoder.taxonomy.load_cameo_table().codes()."
        )


@dataclass(frozen=True, slots=True)
class Country:
    """One country (or dependency, e.g. ``USAGUM``) with the names news text uses for it."""

    iso3: str
    name: str
    aliases: tuple[str, ...]
    capitals: tuple[str, ...]
    sovereign: bool


def _read_text(path: Path | None, resource: tuple[str, ...]) -> tuple[str, str]:
    """Text of ``path`` or of the packaged resource, with a label for error messages."""
    if path is not None:
        return path.read_text(encoding="utf-8"), str(path)
    traversable = resources.files(PACKAGE).joinpath(*resource)
    return traversable.read_text(encoding="utf-8"), f"{PACKAGE}/{'/'.join(resource)}"


def _iter_rows(text: str, label: str, columns: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated table whose leading ``#`` lines are comments."""
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != columns:
                raise LexiconError(
                    f"{label}: line {lineno}: expected the columns {', '.join(columns)}; "
                    "regenerate it with tools/derive_tables.py"
                )
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise LexiconError(
                f"{label}: line {lineno}: expected {len(columns)} tab-separated cells, "
                f"found {len(cells)}"
            )
        yield dict(zip(columns, cells, strict=True))
    if not header_seen:
        raise LexiconError(f"{label}: no header line; regenerate it with tools/derive_tables.py")


def _optional(cell: str) -> str | None:
    return cell or None


def _parse_cameo(row: dict[str, str], label: str) -> CameoCode:
    try:
        return CameoCode(
            code=row["code"],
            root=row["root"],
            level=int(row["level"]),
            name=row["name"],
            goldstein=float(row["goldstein"]),
            goldstein_gdelt=float(row["goldstein_gdelt"]) if row["goldstein_gdelt"] else None,
            quad_class=int(row["quad_class"]),
            plover_event=_optional(row["plover_event"]),
            plover_mode=_optional(row["plover_mode"]),
            plover_context=_optional(row["plover_context"]),
            plover2016_event=_optional(row["plover2016_event"]),
        )
    except ValueError as exc:
        raise LexiconError(f"{label}: bad row for code {row['code']!r}: {exc}") from exc


class CameoTable:
    """The CAMEO 1.1b3 event codes, in table order (roots before their children)."""

    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self._codes = dict(codes)

    @classmethod
    def load(cls, path: Path | None = None) -> CameoTable:
        """Read the table from ``path``, or from the packaged ``data/cameo_codes.tsv``."""
        text, label = _read_text(path, CAMEO_RESOURCE)
        codes: dict[str, CameoCode] = {}
        for row in _iter_rows(text, label, CAMEO_COLUMNS):
            entry = _parse_cameo(row, label)
            if entry.code in codes:
                raise LexiconError(f"{label}: code {entry.code!r} appears twice")
            codes[entry.code] = entry
        return cls(codes)

    def get(self, code: str) -> CameoCode:
        """The entry for ``code``; raises UnknownCameoCodeError when it is not in CAMEO."""
        try:
            return self._codes[code]
        except (KeyError, TypeError):
            raise UnknownCameoCodeError(code) from None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self._codes.values())

    def codes(self) -> list[str]:
        """Every code, in table order."""
        return list(self._codes)

    def roots(self) -> list[str]:
        """The 20 two-digit root codes, "01" to "20"."""
        return sorted(c for c in self._codes if len(c) == 2)


@functools.lru_cache(maxsize=1)
def load_cameo_table() -> CameoTable:
    """The packaged CAMEO table, read once per process."""
    return CameoTable.load()


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part for part in cell.split("|") if part)


@functools.lru_cache(maxsize=1)
def load_countries(path: Path | None = None) -> tuple[Country, ...]:
    """Countries from ``path``, or from the packaged ``lexicon/countries.tsv``."""
    text, label = _read_text(path, COUNTRIES_RESOURCE)
    countries: list[Country] = []
    for row in _iter_rows(text, label, COUNTRY_COLUMNS):
        if row["sovereign"] not in {"0", "1"}:
            raise LexiconError(f"{label}: sovereign must be 0 or 1 for {row['iso3']!r}")
        countries.append(
            Country(
                iso3=row["iso3"],
                name=row["name"],
                aliases=_split(row["aliases"]),
                capitals=_split(row["capitals"]),
                sovereign=row["sovereign"] == "1",
            )
        )
    return tuple(countries)
