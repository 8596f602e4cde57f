"""The actor lexicon: country, organisation and group names and role phrases (package data)."""

from __future__ import annotations

import csv
import functools
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.strings import hash_string  # type: ignore[attr-defined]

from eventcoder import taxonomy
from eventcoder.cache import cache_key, default_cache_dir, read_keyed, source_bytes, write_keyed
from eventcoder.errors import LexiconError
from eventcoder.taxonomy import COUNTRIES_RESOURCE, Country, load_countries

LEXICON_FILES = ("organizations.tsv", "groups.tsv", "roles.tsv")
CACHE_PREFIX = "actors-"
CACHE_FORMAT = "1"  # the cache key also hashes this module and taxonomy.py
ROLE_KINDS = frozenset({"role", "group", "person"})
# Group codes: an ISO3 country, or IMG for an international militarized group (al-Qaeda).
INTERNATIONAL_GROUP = "IMG"
# Words that make what a clause or charge is about a crime.
CRIME_WORDS = frozenset(
    {"drug", "cocaine", "heroin", "marijuana", "methamphetamine", "fentanyl", "narcotic"}
    | {"trafficking", "traffic", "trafficker", "smuggle", "smuggling", "launder", "laundering"}
    | {"extortion", "extort", "bribe", "bribery", "corruption", "corrupt", "embezzle", "fraud"}
    | {"embezzlement", "illegal", "illicit", "criminal", "crime", "racket", "kickback"}
    | {"murder", "homicide", "kidnapping", "kidnap", "robbery", "theft"}
)
_ALIAS_TOKENS = re.compile(r"[^\s-]+|-")
# Nouns naming a party related to another: "his counterpart", "their allies". A possessive
# on them names the other party, not the one meant ("met his Ethiopian counterpart").
RELATED_PARTIES = frozenset(
    {"counterpart", "ally", "partner", "rival", "enemy", "neighbour", "neighbor", "opponent"}
)


@dataclass(frozen=True)
class NameEntry:
    """What a name in the lexicon stands for."""

    code: str
    country: str | None
    kind: str  # name | capital | organization | group
    sovereign: bool = True
    role: str | None = None


@dataclass(frozen=True)
class RoleEntry:
    """A role noun phrase and the sector code it gives."""

    role: str
    kind: str  # role (a country from context) | group (none needed) | person (a role held
    # by one person: a country from context, and a referent for he/she)


@dataclass(frozen=True)
class ActorLexicon:
    """Names (lower-cased token tuples) and role phrases (lemma tuples) with their codes."""

    names: dict[tuple[str, ...], NameEntry]
    exact_case: frozenset[tuple[str, ...]]
    roles: dict[tuple[str, ...], RoleEntry]
    checksum: str
    max_name_len: int
    # lengths of the names starting with each first token, longest first
    first_tokens: dict[str, tuple[int, ...]] = field(default_factory=dict)
    role_heads: frozenset[str] = frozenset()

    @cached_property
    def first_hashes(self) -> frozenset[int]:
        """spaCy hashes of the lower-cased first words of names."""
        return frozenset(hash_string(word) for word in self.first_tokens)


@functools.lru_cache(maxsize=1)
def load_actor_lexicon() -> ActorLexicon:
    """The built-in actor lexicon: countries, organisations, groups and roles (package data),
    read once per process (the coder and the place locator share it; callers copy before
    adding entries) and cached in the user cache folder (see `cached_actor_lexicon`)."""
    return cached_actor_lexicon(default_cache_dir(os.environ))


def cached_actor_lexicon(cache_dir: Path | None) -> ActorLexicon:
    """The built-in actor lexicon, pickled into `cache_dir` (None: not cached) under a key of
    its source files, the code that builds it and its record layout; a stale, corrupt or
    unwritable cache only costs building it again."""
    texts = {name: _lexicon_text(name) for name in LEXICON_FILES}
    if cache_dir is None:
        return _build(texts)
    key = cache_key(
        f"format={CACHE_FORMAT}",
        source_bytes(__file__, taxonomy.__file__),
        *(_layout(record) for record in (ActorLexicon, NameEntry, RoleEntry, Country)),
        resources.files("eventcoder").joinpath(*COUNTRIES_RESOURCE).read_bytes(),
        *texts.values(),
    )
    cache_file = cache_dir / f"{CACHE_PREFIX}{key[:20]}.pickle"
    cached = read_keyed(cache_file, key)
    if isinstance(cached, ActorLexicon):
        return cached
    lexicon = _build(texts)
    write_keyed(cache_file, key, lexicon, stale=f"{CACHE_PREFIX}*.pickle")
    return lexicon


def _layout(record: type) -> str:
    return record.__name__ + ":" + ",".join(f.name for f in fields(record))


def _build(texts: dict[str, str]) -> ActorLexicon:
    digest = hashlib.sha256()
    names: dict[tuple[str, ...], NameEntry] = {}
    exact: set[tuple[str, ...]] = set()

    def add(alias: str, entry: NameEntry, override: bool = False) -> None:
        key = tuple(t.lower() for t in _ALIAS_TOKENS.findall(alias))
        if not key:
            return
        if len(key) > 1 and " " not in alias and "-" in alias:
            add(alias.replace("-", " "), entry, override)  # "MS-13" split by words ...
            whole = (alias.lower(),)  # ... or kept as one token by the tokenizer
            if whole not in names or override:
                names[whole] = entry
                if alias.isupper() and len(alias.replace(".", "")) <= 3:
                    exact.add(whole)
        current = names.get(key)
        if current is None or override or (entry.sovereign and not current.sovereign):
            names[key] = entry
            if alias.isupper() and len(alias.replace(".", "")) <= 3:
                exact.add(key)

    for country in load_countries():
        iso3 = country.iso3[-3:]
        entry = NameEntry(iso3, iso3, "name", country.sovereign)
        digest.update(f"{country}".encode())
        for alias in (country.name, *country.aliases):
            add(alias, entry)
        for capital in country.capitals:
            add(capital, NameEntry(iso3 + "GOV", iso3, "capital", country.sovereign, "GOV"))
    for row in _tsv_rows(texts["organizations.tsv"], digest):
        add(row["name"], NameEntry(row["code"], None, "organization"), override=True)
    for row in _tsv_rows(texts["groups.tsv"], digest):
        home, role = row["country"], row["role"]
        located = None if home == INTERNATIONAL_GROUP else home
        add(row["name"], NameEntry(home + role, located, "group", True, role), override=True)
    roles: dict[tuple[str, ...], RoleEntry] = {}
    for row in _tsv_rows(texts["roles.tsv"], digest):
        if row["kind"] not in ROLE_KINDS:
            raise LexiconError(
                f"roles.tsv: kind must be one of {sorted(ROLE_KINDS)}, got {row['kind']!r}"
            )
        roles[tuple(row["phrase"].split())] = RoleEntry(row["role"], row["kind"])
    longest = max((len(k) for k in names), default=1)
    lengths: dict[str, set[int]] = {}
    for key in names:
        lengths.setdefault(key[0], set()).add(len(key))
    first = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
    heads = frozenset(k[-1] for k in roles)
    return ActorLexicon(names, frozenset(exact), roles, digest.hexdigest(), longest, first, heads)


def _lexicon_text(name: str) -> str:
    return resources.files("eventcoder").joinpath("lexicon", name).read_text(encoding="utf-8")


def _tsv_rows(text: str, digest: Any) -> Iterator[dict[str, str]]:
    digest.update(text.encode())
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t")
