"""Event patterns: loading the YAML lexicon into typed Pattern records and matching triggers."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventcoder.errors import LexiconError
from eventcoder.taxonomy import load_cameo_table

PATTERN_FILE = "events.yaml"
TARGET_SOURCES = frozenset({"dobj", "prep", "object_phrase", "event_reference", "governor_dobj"})
FIELDS = frozenset(
    {"id", "version", "code", "pos", "lemmas", "modifiers", "prep", "object", "xcomp"}
    | {"target", "confidence", "example"}
)
_POS = {"verb": frozenset({"VERB"}), "noun": frozenset({"NOUN", "PROPN"})}


@dataclass(frozen=True)
class Pattern:
    """One event pattern: trigger lemmas, syntactic constraints, and the CAMEO code it gives."""

    id: str
    version: int
    code: str
    pos: str
    lemmas: frozenset[str]
    modifiers: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    object: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    target: tuple[str, ...] = ()
    confidence: float = 0.8
    example: str = ""

    @property
    def rule_id(self) -> str:
        """The versioned id recorded in each row's provenance."""
        return f"{self.id}.v{self.version}"

    @property
    def specificity(self) -> int:
        """How many constraints the pattern has (more specific patterns are tried first)."""
        return sum(bool(c) for c in (self.modifiers, self.prep, self.object, self.xcomp))

    def accepts_pos(self, pos: str) -> bool:
        """Whether a token with this coarse POS can trigger the pattern."""
        return pos in _POS[self.pos]


@dataclass(frozen=True)
class PatternSet:
    """All patterns, indexed by trigger lemma, plus the checksum of their source."""

    patterns: tuple[Pattern, ...]
    checksum: str
    source: str

    def for_lemma(self, lemma: str) -> list[Pattern]:
        """Patterns triggered by this lemma, most specific first."""
        found = [p for p in self.patterns if lemma in p.lemmas]
        return sorted(found, key=lambda p: -p.specificity)

    @property
    def lemmas(self) -> frozenset[str]:
        """Every trigger lemma of every pattern."""
        return frozenset(lemma for p in self.patterns for lemma in p.lemmas)


def load_patterns(path: Path | None = None) -> PatternSet:
    """Read and check an event pattern file (the package's own by default)."""
    if path is None:
        raw = resources.files("eventcoder").joinpath("lexicon", PATTERN_FILE).read_bytes()
        source = f"eventcoder/lexicon/{PATTERN_FILE}"
    else:
        raw = path.read_bytes()
        source = str(path)
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as err:
        raise LexiconError(f"{source}: not valid YAML: {err}") from err
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise LexiconError(f"{source}: expected a mapping with a 'patterns' list")
    patterns = tuple(_pattern(entry, source, i) for i, entry in enumerate(data["patterns"]))
    ids = [p.id for p in patterns]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise LexiconError(f"{source}: duplicate pattern ids {duplicates}")
    return PatternSet(patterns, hashlib.sha256(raw).hexdigest(), source)


def _list(entry: dict[str, Any], key: str, default: list[str]) -> list[str]:
    value = entry.get(key, default)
    if not isinstance(value, list):
        raise TypeError(f"'{key}' must be a list")
    return [str(v) for v in value]


def _words(entry: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(v.lower() for v in _list(entry, key, []))


def _code(entry: dict[str, Any]) -> str:
    """The CAMEO code, which must be written as a string: YAML reads 011 as the integer 9."""
    value = entry["code"]
    if not isinstance(value, str):
        raise TypeError(
            f"'code' must be a quoted string such as \"011\" (YAML read {value!r}, "
            f"a {type(value).__name__})"
        )
    return value


def _version(entry: dict[str, Any]) -> int:
    value = entry["version"]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TypeError(f"'version' must be a positive integer, got {value!r}")
    return value


def _pattern(entry: Any, source: str, index: int) -> Pattern:
    where = f"{source}: pattern #{index + 1}"
    if not isinstance(entry, dict):
        raise LexiconError(f"{where} is not a mapping")
    unknown = sorted(str(k) for k in entry if k not in FIELDS)
    if unknown:
        raise LexiconError(f"{where} ({entry.get('id', '?')}): unknown fields {unknown}")
    try:
        pattern = Pattern(
            id=str(entry["id"]),
            version=_version(entry),
            code=_code(entry),
            pos=str(entry["pos"]),
            lemmas=_words(entry, "lemmas"),
            modifiers=_words(entry, "modifiers"),
            prep=_words(entry, "prep"),
            object=_words(entry, "object"),
            xcomp=_words(entry, "xcomp"),
            target=tuple(_list(entry, "target", ["dobj"])),
            confidence=float(entry.get("confidence", 0.8)),
            example=str(entry.get("example", "")),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise LexiconError(
            f"{where} ({entry.get('id', '?')}): bad or missing field: {err}"
        ) from err
    _check(pattern, where)
    return pattern


def _check(pattern: Pattern, where: str) -> None:
    problems: list[str] = []
    if pattern.pos not in _POS:
        problems.append(f"pos must be one of {sorted(_POS)}")
    if not pattern.code.isdigit() or not 2 <= len(pattern.code) <= 4:
        problems.append("code must be a 2-4 digit CAMEO code string (quote it in YAML)")
    elif pattern.code not in load_cameo_table():
        problems.append(f"code {pattern.code!r} is not in the CAMEO table")
    if not pattern.id.startswith(f"cameo.{pattern.code}."):
        problems.append(f"id must start with 'cameo.{pattern.code}.'")
    if not pattern.lemmas:
        problems.append("lemmas is empty")
    problems.extend(f"unknown target source {t!r}" for t in _bad_targets(pattern.target))
    if "prep" in pattern.target and not pattern.prep:
        problems.append("target 'prep' needs a 'prep' list")
    if not 0 < pattern.confidence <= 1:
        problems.append("confidence must be in (0, 1]")
    if problems:
        raise LexiconError(f"{where} ({pattern.id}): " + "; ".join(problems))


def _bad_targets(targets: Iterable[str]) -> list[str]:
    return [t for t in targets if t not in TARGET_SOURCES and not t.startswith("prep:")]
