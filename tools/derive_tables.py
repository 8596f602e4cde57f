"""Derive eventcoder's own lookup tables from the shared reference facts.

Run from the project root::

    .venv/bin/python tools/derive_tables.py [--shared ../shared] [--out-dir DIR]

Reads ``<shared>/reference/`` (never copied into the project) plus the project's own
``eventcoder/lexicon/countries_extra.tsv`` and writes:

* ``<out>/data/cameo_codes.tsv``: CAMEO 1.1b3 codes with Goldstein values, quad class and
  the PLOVER 2021 / PLOVER 2016 mappings;
* ``<out>/lexicon/countries.tsv``: country codes, names, aliases and capitals.

``<out>`` defaults to the ``eventcoder`` package folder. The output is deterministic, so
rerunning the script reproduces the committed files byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = PROJECT_ROOT / "eventcoder"
DEFAULT_SHARED = PROJECT_ROOT.parent / "shared"
COUNTRIES_EXTRA = PACKAGE_DIR / "lexicon" / "countries_extra.tsv"

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

# Scoring fallback for PLOVER 0.6 (2016) by CAMEO root, as in shared/eval/README.md.
# Root 01 has no PLOVER type; every root-19 code scores as FIGHT.
PLOVER2016_BY_ROOT = {
    "01": "",
    "02": "DEMAND",
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "08": "CONCEDE",
    "09": "INVESTIGATE",
    "10": "DEMAND",
    "11": "DISAPPROVE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "FIGHT",
    "20": "ASSAULT",
}
PLOVER_EVENT_ALIASES = {"COOPERATION": "COOPERATE"}

CAMEO_HEADER = """\
# eventcoder CAMEO event code table (derived; regenerate with tools/derive_tables.py).
# Sources:
#   codes, levels, names (CAMEO 1.1b3), ICEWS Goldstein values: andybega/icews
#     data-raw/cameo-codes.csv (MIT);
#   GDELT Goldstein values: GDELT CAMEO.goldsteinscale.txt;
#   PLOVER 2021 event/mode/context: openeventdata/PLOVER CAMEO2PLOVER-2021.txt;
#   PLOVER 0.6 (2016) event: openeventdata/PLOVER cameo/CAMEO-PLOV.txt.
#   The PLOVER columns are adapted from PLOVER (c) the PLOVER project contributors,
#   licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); those columns
#   of this table are shared under the same licence.
# Conventions:
#   code: CAMEO code as a string with leading zeros ("010"); root: first two characters;
#   level: 1 root, 2 base (3 digits), 3 sub-code (4 digits).
#   goldstein: the CAMEO/ICEWS value. goldstein_gdelt: GDELT's value, only where it differs
#   (empty when it is the same, or when GDELT lacks the code, e.g. 1213).
#   quad_class (GDELT convention): 1 verbal cooperation, 2 material cooperation,
#   3 verbal conflict, 4 material conflict; roots 01-05 are class 1.
#   plover_event/plover_mode/plover_context: PLOVER 2021 row for the code, else for its
#   3-digit parent, else for its root; empty where none (roots 01 and 02).
#   plover2016_event: PLOVER 0.6 event for the code, else its 3-digit parent, else by root
#   (02 DEMAND, 03 AGREE, 04 CONSULT, 05 SUPPORT, 06 COOPERATE, 07 AID, 08 CONCEDE,
#   09 INVESTIGATE, 10 DEMAND, 11 DISAPPROVE, 12 REJECT, 13 THREATEN, 14 PROTEST,
#   15 MOBILIZE, 16 SANCTION, 17 COERCE, 18 ASSAULT, 19 FIGHT, 20 ASSAULT); root 01 empty;
#   every root-19 code is FIGHT. COOPERATION is written COOPERATE.
#   Source rows without a name or Goldstein value are left out (1214).
"""

COUNTRIES_HEADER = """\
# eventcoder country lexicon (derived; regenerate with tools/derive_tables.py).
# Source: openeventdata/CountryInfo CountryInfo.120116.txt, licensed CC BY-SA 3.0
#   (https://creativecommons.org/licenses/by-sa/3.0/); this derived table is shared under
#   the same licence. Merged with the project's own eventcoder/lexicon/countries_extra.tsv.
# Conventions:
#   iso3: CountryInfo CountryCode (sub-codes of dependencies such as USAGUM kept as they
#   are; for codes that changed over time, the current one, e.g. HRV). Rows without a code
#   are left out; rows sharing a code (e.g. Jersey coded GBR) are merged into the first,
#   their names becoming aliases.
#   sovereign: 1 when iso3 is three letters, else 0.
#   name, aliases, capitals: human-cased, underscores as spaces; aliases and capitals are
#   '|'-separated, deduplicated, without entries holding parentheses, commas, brackets,
#   digits or damaged characters; aliases exclude the name itself.
"""

_SMALL_WORDS = frozenset(
    {"of", "and", "the", "de", "da", "do", "du", "des", "del", "la", "le", "les", "y", "et"}
    | {"au", "e", "es", "i"}
)
# Letter-only tokens with vowels that are still abbreviations; tokens without any of
# AEIOUY (DPRK, TRNC, DRC) are treated as abbreviations too, except _NOT_ACRONYMS.
_ACRONYMS = frozenset(
    {"US", "USA", "UK", "UAE", "ROK", "USVI", "EEUU", "DROC", "DROTC", "FYROM", "FTPOY"}
    | {"HKSAR", "GU", "VI", "UA", "UU", "EE", "KSA", "PRC", "ROC", "EU"}
)
_NOT_ACRONYMS = frozenset({"ST", "MT", "GT"})
_VOWELS = frozenset("AEIOUY")
_ELIDED = frozenset({"d", "l", "n"})
_DROP_ENTRY = re.compile(r"[()\[\],0-9\ufffd]")


class DerivationError(RuntimeError):
    """The reference files do not look as this script expects."""


def _case_word(word: str, first: bool) -> str:
    """Human-case one space-free token of an upper-case CountryInfo entry."""
    if "-" in word or "/" in word:
        parts = re.split(r"([-/])", word)
        return "".join(
            p if p in "-/" else _case_word(p, first and i == 0) for i, p in enumerate(parts)
        )
    if "." in word.rstrip("."):
        segments = word.split(".")
        return ".".join(s if len(s) <= 1 else _case_word(s, first) for s in segments)
    lower = word.lower()
    if not first and lower in _SMALL_WORDS:
        return lower
    bare = word.rstrip(".")
    letters = re.sub(r"[^A-Za-z]", "", bare)
    if letters and bare == letters and bare.upper() not in _NOT_ACRONYMS:
        upper = bare.upper()
        if len(upper) == 1 or upper in _ACRONYMS or not (_VOWELS & set(upper)):
            return word.upper()
    if lower.startswith("'"):
        return "'" + _case_word(word[1:], first)
    head, apostrophe, tail = lower.partition("'")
    if apostrophe and head in _ELIDED and tail[:1].isalpha():
        # N'Djamena, L'Hexagone; d'Ivoire inside a name.
        head_cased = head.upper() if first or head == "n" else head
        return head_cased + "'" + tail[:1].upper() + tail[1:]
    return lower[:1].upper() + lower[1:]


def human_case(entry: str) -> str:
    """``UNITED_STATES_OF_AMERICA_`` -> ``United States of America``."""
    text = entry.replace("_", " ").strip()
    words = text.split()
    return " ".join(_case_word(w, i == 0) for i, w in enumerate(words))


def split_entries(field_value: str) -> list[str]:
    """Split a '|' list of CountryInfo entries into cleaned, human-cased strings."""
    out: list[str] = []
    for raw in field_value.split("|"):
        if not raw.strip() or _DROP_ENTRY.search(raw):
            continue
        cased = human_case(raw)
        if cased:
            out.append(cased)
    return out


def _dedupe(items: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    seen = {x.casefold() for x in exclude}
    out: list[str] = []
    for item in items:
        key = item.casefold()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _read_commented_tsv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    lines = [ln for ln in lines if not ln.startswith("#")]
    if not lines:
        raise DerivationError(f"{path} has no header line")
    header = lines[0].split("\t")
    rows: list[dict[str, str]] = []
    for lineno, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) > len(header):
            raise DerivationError(f"{path}: data line {lineno} has too many columns")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


# ---------------------------------------------------------------- CAMEO


def _read_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    table: dict[str, tuple[str, str, str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            event = row["plover_event"].strip()
            event = PLOVER_EVENT_ALIASES.get(event, event)
            table[row["cameo_code"].strip()] = (
                event,
                row["plover_mode"].strip(),
                row["plover_context"].strip(),
            )
    return table


def _lookup_chain(code: str) -> list[str]:
    chain = [code]
    if len(code) == 4:
        chain.append(code[:3])
    if len(code) > 2:
        chain.append(code[:2])
    return chain


def _format_goldstein(value: str) -> str:
    return f"{float(value):.1f}"


def derive_cameo(reference: Path) -> list[list[str]]:
    """Rows of the CAMEO table (without header)."""
    plover = _read_plover(reference / "cameo_to_plover.csv")
    plover2016 = _read_plover(reference / "cameo_to_plover_2016.csv")
    rows: list[list[str]] = []
    seen: set[str] = set()
    with (reference / "cameo_event_codes.csv").open(encoding="utf-8", newline="") as fh:
        for src in csv.DictReader(fh):
            code = src["cameo_code"].strip()
            root = src["root_code"].strip()
            name = src["name"].strip()
            if not name or not src["goldstein"].strip():
                continue
            if not re.fullmatch(r"\d{2,4}", code) or root != code[:2] or code in seen:
                raise DerivationError(f"unexpected CAMEO row: {src}")
            seen.add(code)
            level = src["level"].strip()
            if level != str(len(code) - 1):
                raise DerivationError(f"level {level} does not fit code {code}")
            goldstein = _format_goldstein(src["goldstein"])
            gdelt_raw = src["goldstein_gdelt"].strip()
            gdelt = _format_goldstein(gdelt_raw) if gdelt_raw else ""
            if gdelt == goldstein:
                gdelt = ""
            quad = src["quad_class"].strip()
            if quad not in {"1", "2", "3", "4"}:
                raise DerivationError(f"quad class {quad!r} for {code}")

            p_event = p_mode = p_context = ""
            for key in _lookup_chain(code):
                if key in plover:
                    p_event, p_mode, p_context = plover[key]
                    break

            if root == "19":
                p2016 = "FIGHT"
            elif root == "01":
                p2016 = ""
            else:
                p2016 = PLOVER2016_BY_ROOT[root]
                for key in _lookup_chain(code):
                    if key in plover2016:
                        p2016 = plover2016[key][0]
                        break

            rows.append(
                [code, root, level, name, goldstein, gdelt, quad, p_event, p_mode, p_context]
                + [p2016]
            )
    return rows


# ---------------------------------------------------------------- countries


@dataclass
class _CountryRow:
    iso3: str
    name: str
    aliases: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)


def _current_code(raw: str) -> str:
    """``[YUGHRV <20910625][HRV >20030101]`` -> ``HRV``; plain codes unchanged."""
    raw = raw.strip()
    if not raw.startswith("["):
        return raw
    for match in re.finditer(r"\[([^\]]*)\]", raw):
        code, _, period = match.group(1).partition(" ")
        if period.strip().startswith(">"):
            return code
    raise DerivationError(f"no current code in {raw!r}")


def derive_countries(reference: Path, extra: Path) -> list[list[str]]:
    """Rows of the country table (without header), sorted by iso3."""
    by_code: dict[str, _CountryRow] = {}
    with (reference / "countries.tsv").open(encoding="utf-8", newline="") as fh:
        for src in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            code = _current_code(src["CountryCode"])
            if not code:
                continue
            if not re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})?", code):
                raise DerivationError(f"unexpected country code {code!r}")
            name = human_case(src["CountryName"])
            aliases = split_entries(src["Nationality"])
            capitals = split_entries(src["Capital"])
            if code in by_code:
                row = by_code[code]
                row.aliases.extend([name, *aliases])
                row.capitals.extend(capitals)
            else:
                by_code[code] = _CountryRow(code, name, aliases, capitals)

    for extra_row in _read_commented_tsv(extra):
        code = extra_row["iso3"].strip()
        if code not in by_code:
            raise DerivationError(f"{extra}: unknown iso3 {code!r}")
        row = by_code[code]
        row.aliases.extend(a.strip() for a in extra_row["aliases"].split("|") if a.strip())
        row.capitals.extend(c.strip() for c in extra_row["capitals"].split("|") if c.strip())
        # `remove` (optional column): names CountryInfo lists under the wrong country, such
        # as Serbia's capital and demonym under Montenegro.
        wrong = {r.strip().casefold() for r in extra_row.get("remove", "").split("|") if r.strip()}
        row.aliases = [a for a in row.aliases if a.casefold() not in wrong]
        row.capitals = [c for c in row.capitals if c.casefold() not in wrong]

    rows: list[list[str]] = []
    for code in sorted(by_code):
        row = by_code[code]
        aliases = _dedupe(row.aliases, exclude=[row.name])
        capitals = _dedupe(row.capitals)
        sovereign = "1" if len(code) == 3 else "0"
        rows.append([code, sovereign, row.name, "|".join(aliases), "|".join(capitals)])
    return rows


# ---------------------------------------------------------------- output


def render_tsv(header: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = [header.rstrip("\n"), "\t".join(columns)]
    for row in rows:
        for cell in row:
            if "\t" in cell or "\n" in cell:
                raise DerivationError(f"cell holds a tab or newline: {cell!r}")
        lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def write_tables(shared: Path, out_dir: Path, extra: Path = COUNTRIES_EXTRA) -> list[Path]:
    reference = shared / "reference"
    if not reference.is_dir():
        raise DerivationError(f"no reference folder at {reference}; pass --shared")
    outputs = {
        out_dir / "data" / "cameo_codes.tsv": render_tsv(
            CAMEO_HEADER, CAMEO_COLUMNS, derive_cameo(reference)
        ),
        out_dir / "lexicon" / "countries.tsv": render_tsv(
            COUNTRIES_HEADER, COUNTRY_COLUMNS, derive_countries(reference, extra)
        ),
    }
    for path, text in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return list(outputs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared/ folder")
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=PACKAGE_DIR,
        help="folder receiving data/ and lexicon/ (default: the eventcoder package)",
    )
    args = parser.parse_args(argv)
    try:
        written = write_tables(args.shared, args.out_dir)
    except (DerivationError, OSError, KeyError) as exc:
        print(f"derive_tables: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
