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

PATTERN_FILE = "events.yaml"
TARGET_SOURCES = frozenset({"dobj", "prep", "object_phrase", "event_reference", "governor_dobj"})
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
    data = yaml.safe_load(raw)
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise LexiconError(f"{source}: expected a mapping with a 'patterns' list")
    patterns = tuple(_pattern(entry, source, i) for i, entry in enumerate(data["patterns"]))
    ids = [p.id for p in patterns]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise LexiconError(f"{source}: duplicate pattern ids {duplicates}")
    return PatternSet(patterns, hashlib.sha256(raw).hexdigest(), source)


def _words(entry: dict[str, Any], key: str) -> frozenset[str]:
    value = entry.get(key, [])
    if not isinstance(value, list):
        raise TypeError(f"'{key}' must be a list")
    return frozenset(str(v).lower() for v in value)


def _pattern(entry: Any, source: str, index: int) -> Pattern:
    where = f"{source}: pattern #{index + 1}"
    if not isinstance(entry, dict):
        raise LexiconError(f"{where} is not a mapping")
    try:
        pattern = Pattern(
            id=str(entry["id"]),
            version=int(entry["version"]),
            code=str(entry["code"]),
            pos=str(entry["pos"]),
            lemmas=_words(entry, "lemmas"),
            modifiers=_words(entry, "modifiers"),
            prep=_words(entry, "prep"),
            object=_words(entry, "object"),
            xcomp=_words(entry, "xcomp"),
            target=tuple(str(t) for t in entry.get("target", ["dobj"])),
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
    if not pattern.id.startswith(f"cameo.{pattern.code}."):
        problems.append(f"id must start with 'cameo.{pattern.code}.'")
    if not pattern.lemmas:
        problems.append("lemmas is empty")
    problems.extend(f"unknown target source {t!r}" for t in _bad_targets(pattern.target))
    if problems:
        raise LexiconError(f"{where} ({pattern.id}): " + "; ".join(problems))


def _bad_targets(targets: Iterable[str]) -> list[str]:
    return [t for t in targets if t not in TARGET_SOURCES and not t.startswith("prep:")]
