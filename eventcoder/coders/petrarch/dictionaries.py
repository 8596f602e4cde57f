"""The Dictionaries container: everything read from a set of dictionary files, with lookups."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from eventcoder.coders.petrarch.records import (
    ActorEntry,
    AgentEntry,
    DictionaryFile,
    Discard,
    Kind,
    Phrase,
    Problem,
    Synset,
    Transformation,
    VerbEntry,
    VerbFamily,
    VerbPattern,
    actor_code_on,
)
from eventcoder.coders.petrarch.text import _plural_phrase


@dataclass
class Dictionaries:
    """Everything read from a set of dictionary files, with the lookups a coder needs.

    The lists keep file order. The indexes (``actor_index`` ...) are built on first use and
    are not updated if the lists are changed afterwards.
    """

    families: dict[str, VerbFamily] = field(default_factory=dict)
    verbs: list[VerbEntry] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)
    synsets: dict[str, Synset] = field(default_factory=dict)
    transformations: list[Transformation] = field(default_factory=list)
    actors: list[ActorEntry] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    discards: list[Discard] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[DictionaryFile] = field(default_factory=list)
    _synset_cache: dict[tuple[str, bool], frozenset[Phrase]] = field(
        default_factory=dict, repr=False, compare=False
    )

    # ---- summaries

    @property
    def errors(self) -> list[Problem]:
        """Problems that made an entry (or part of one) be skipped."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Entries that loaded but look wrong (e.g. codes that are not CAMEO)."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def checksums(self) -> dict[str, str]:
        """SHA-256 of each file read, by path."""
        return {f.path: f.sha256 for f in self.files}

    @property
    def checksum(self) -> str:
        """One SHA-256 over the files' kinds and checksums, in load order."""
        digest = hashlib.sha256()
        for f in self.files:
            digest.update(f"{f.kind}\t{f.sha256}\n".encode())
        return digest.hexdigest()

    def kinds(self) -> frozenset[Kind]:
        """The kinds of dictionary that were loaded."""
        return frozenset(f.kind for f in self.files)

    def counts(self) -> dict[str, int]:
        """Entry counts, for reports and manifests."""
        return {
            "files": len(self.files),
            "verb_families": len(self.families),
            "verbs": len(self.verbs),
            "verb_forms": len(self.verb_index),
            "patterns": len(self.patterns),
            "synsets": len(self.synsets),
            "transformations": len(self.transformations),
            "actors": len(self.actors),
            "actor_names": sum(len(a.names) for a in self.actors),
            "agents": len(self.agents),
            "agent_forms": len(self.agent_index),
            "discards": len(self.discards),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }

    # ---- indexes

    @functools.cached_property
    def actor_index(self) -> dict[Phrase, ActorEntry]:
        """Actor names and synonyms (lower-case token tuples); the first entry loaded wins."""
        index: dict[Phrase, ActorEntry] = {}
        for entry in self.actors:
            for name in entry.names:
                index.setdefault(name, entry)
        return index

    @functools.cached_property
    def agent_index(self) -> dict[Phrase, AgentEntry]:
        """Agent nouns and their plurals; the first entry loaded wins."""
        index: dict[Phrase, AgentEntry] = {}
        for entry in self.agents:
            for form in entry.forms:
                index.setdefault(form, entry)
        return index

    @functools.cached_property
    def verb_index(self) -> dict[Phrase, tuple[VerbEntry, ...]]:
        """Every verb form (base and inflections, as token tuples) to the entries having it."""
        index: dict[Phrase, list[VerbEntry]] = {}
        for entry in self.verbs:
            for form in dict.fromkeys(entry.all_forms):
                index.setdefault(tuple(form.split()), []).append(entry)
        return {k: tuple(v) for k, v in index.items()}

    @functools.cached_property
    def verb_heads(self) -> dict[str, tuple[VerbEntry, ...]]:
        """Each form of a verb word to the entries it heads ("broke" -> BREAK, BREAK DOWN).

        For multi-word verbs the coder then checks the words around the verb against the
        entry's phrase.
        """
        index: dict[str, list[VerbEntry]] = {}
        for entry in self.verbs:
            for form in dict.fromkeys(entry.head_form(f) for f in entry.all_forms):
                index.setdefault(form, []).append(entry)
        return {k: tuple(v) for k, v in index.items()}

    @functools.cached_property
    def patterns_by_family(self) -> dict[str, tuple[VerbPattern, ...]]:
        """The patterns of each verb family, in file order."""
        grouped: dict[str, list[VerbPattern]] = {}
        for pattern in self.patterns:
            grouped.setdefault(pattern.verb, []).append(pattern)
        return {k: tuple(v) for k, v in grouped.items()}

    @functools.cached_property
    def discard_index(self) -> dict[Phrase, Discard]:
        """Discard phrases; a story-level entry wins over a sentence-level one."""
        index: dict[Phrase, Discard] = {}
        for entry in self.discards:
            current = index.get(entry.tokens)
            if current is None or (entry.story_level and not current.story_level):
                index[entry.tokens] = entry
        return index

    @functools.cached_property
    def max_actor_length(self) -> int:
        """The longest actor name, in tokens (for longest-match scans)."""
        return max((len(k) for k in self.actor_index), default=0)

    @functools.cached_property
    def max_agent_length(self) -> int:
        """The longest agent phrase, in tokens."""
        return max((len(k) for k in self.agent_index), default=0)

    # ---- lookups

    def actor(self, tokens: Iterable[str]) -> ActorEntry | None:
        """The actor entry named by ``tokens`` (any case), or None."""
        return self.actor_index.get(tuple(t.lower() for t in tokens))

    def actor_code(self, tokens: Iterable[str], day: dt.date | None = None) -> str | None:
        """The code of the actor named by ``tokens`` on ``day`` (see ``actor_code_on``)."""
        entry = self.actor(tokens)
        return None if entry is None else actor_code_on(entry, day)

    def agent(self, tokens: Iterable[str]) -> AgentEntry | None:
        """The agent entry for a noun phrase (singular or plural), or None."""
        return self.agent_index.get(tuple(t.lower() for t in tokens))

    def verb_entries(self, tokens: Iterable[str]) -> tuple[VerbEntry, ...]:
        """The verb entries a (possibly inflected, possibly multi-word) verb phrase has."""
        return self.verb_index.get(tuple(t.lower() for t in tokens), ())

    def patterns_for(self, tokens: Iterable[str]) -> tuple[VerbPattern, ...]:
        """The patterns of every family the verb phrase belongs to."""
        out: list[VerbPattern] = []
        for family in dict.fromkeys(e.family for e in self.verb_entries(tokens)):
            out.extend(self.patterns_by_family.get(family, ()))
        return tuple(out)

    def verb_code(self, entry: VerbEntry) -> str | None:
        """The code a verb gives when no pattern matches: its own, else its family's."""
        if entry.code is not None:
            return entry.code
        family = self.families.get(entry.family)
        return None if family is None else family.code

    def expand_synset(self, name: str, *, plurals: bool = True) -> frozenset[Phrase]:
        """The phrases a synset stands for, nested synsets expanded (cycles are cut).

        With ``plurals`` the regular plural of each member's last word is added, except for
        members written with a trailing ``_``. An unknown name gives an empty set.
        """
        key = (name.lstrip("&").rstrip("_").upper(), plurals)
        cached = self._synset_cache.get(key)
        if cached is None:
            cached = frozenset(self._expand(key[0], plurals, frozenset()))
            self._synset_cache[key] = cached
        return cached

    def _expand(self, name: str, plurals: bool, seen: frozenset[str]) -> Iterator[Phrase]:
        synset = self.synsets.get(name)
        if synset is None or name in seen:
            return
        for member, no_plural in zip(synset.members, synset.no_plural, strict=True):
            if len(member) == 1 and member[0].startswith("&"):
                yield from self._expand(member[0][1:], plurals, seen | {name})
                continue
            yield member
            plural = _plural_phrase(member) if plurals and not no_plural else None
            if plural is not None:
                yield plural

    def discard(self, tokens: Iterable[str]) -> Discard | None:
        """The discard entry for a phrase, or None."""
        return self.discard_index.get(tuple(t.lower() for t in tokens))
