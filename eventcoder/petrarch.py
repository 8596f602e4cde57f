"""Readers for TABARI/PETRARCH dictionaries (verbs, actors, agents, discards) and validation XML.

A user who owns dictionaries in the TABARI/PETRARCH formats can code with them: this module
reads them into typed, frozen records and builds the lookup structures a dictionary-driven
coder needs. The conventions read here (those of PETRARCH2's ``PETRreader``):

* Comments: ``#`` to the end of a line (not inside ``[...]``, so a ``[###]`` code survives),
  TABARI-style ``;`` comments (reported as a warning), lines starting with ``<!``, and
  ``<!-- ... -->`` blocks that may span lines.
* Underscores join the words of a phrase (``NEW_YORK`` is "new york"); a trailing ``_``
  marks a word that takes no plural. Words are kept lower-case; synset and verb-block names
  are identifiers and are kept upper-case.
* Verbs: synsets ``&NAME`` followed by ``+member`` lines (a member may be another synset,
  ``+&OTHER``; members get regular plurals unless the member or, for all of them, the
  synset name ends in ``_``); verb blocks ``--- NAME [code] ---`` followed by their verbs (``VERB
  {FORMS...} [code]``; in a multi-word verb ``+`` marks the verb word, ``KLM_+RST``) and
  their patterns ``- pre * post [code] # comment``; ``~ ...`` transformation lines.
  A verb without ``{...}`` gets its regular forms (-s, -ed, -ing); ``{...}`` lists them all.
* Actors: ``NAME [CODE]``; ``+SYNONYM`` lines under the head entry; codes on the same line or
  on following lines, optionally date-restricted: ``[CODE <DATE]`` (before DATE),
  ``[CODE >DATE]`` (from DATE on), ``[CODE DATE-DATE]`` (both days included) with dates
  ``YYMMDD`` (00-30 read as 20YY) or ``YYYYMMDD``; the first dated code that holds wins,
  else the undated one (see ``actor_code_on``).
* Agents: ``NOUN {PLURALS} [~CODE]`` (``~CODE`` goes after the actor code, ``CODE~`` before);
  ``{}`` means no plural, no braces means the regular plural; ``!SET! = A, B`` substitution
  sets used as ``CONGRESS!PERSON!``.
* Discards: one phrase a line; ``+`` marks a story-level discard, plain a sentence-level one.

Nothing here raises on a bad entry: every line that cannot be read is recorded as a
``Problem`` (file, line, message) and the rest of the file still loads. ``LexiconError`` is
raised only when a file cannot be read at all or its kind cannot be told.
"""

from __future__ import annotations

import datetime as dt
import functools
import glob
import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from eventcoder.errors import InputError, LexiconError
from eventcoder.taxonomy import load_cameo_table

Kind = Literal["verbs", "actors", "agents", "discards"]
KINDS: tuple[Kind, ...] = ("verbs", "actors", "agents", "discards")
Severity = Literal["error", "warning"]
Phrase = tuple[str, ...]

NULL_CODE = "---"
PATTERN_MARKERS = frozenset({"*", "$", "+", "^", "%"})
PATTERN_GROUPS = frozenset({"(", ")", "{", "}"})
_CLOSER = {"(": ")", "{": "}"}
_KIND_BY_NAME: dict[str, Kind] = {kind: kind for kind in KINDS}
_KIND_SPLIT = re.compile(r"^(verbs|actors|agents|discards):(.+)$")
_NAME_HINTS: tuple[tuple[str, Kind], ...] = (
    ("verb", "verbs"),
    ("actor", "actors"),
    ("agent", "agents"),
    ("discard", "discards"),
)
_CLEAR_EVIDENCE = 5  # content outweighs a file name from this many telling lines on
_SPLIT = re.compile(r"[\s_]+")
_WORD = re.compile(r"\+?[\w'.\-/&]+")
_PUNCT = re.compile(r'[(),"]|[^(),"]+')
_BAD_NAME = re.compile(r"[\[\]{}]|(?:^|[\s_])\+|\+(?=$|[\s_])")  # "B+H" is a name
_DAMAGED = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffd]")
_IDENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_'\-]*")
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_ACTOR_CODE = re.compile(
    r"(?P<code>[^\s<>]+)(?:\s*(?P<op>[<>])\s*(?P<date>\d+)|\s+(?P<start>\d+)\s*-\s*(?P<end>\d+))?"
)
_DATE_LIKE = re.compile(r"\d{6}")
_VERB_LINE = re.compile(
    r"(?P<words>[^\[\]{}]+?)\s*(?:\{(?P<forms>[^{}\[\]]*)\})?\s*(?:\[(?P<code>[^\[\]]*)\])?"
)
_AGENT_LINE = re.compile(
    r"(?P<noun>[^\[\]{}]+?)\s*(?:\{(?P<plurals>[^{}\[\]]*)\})?\s*\[\s*(?P<code>[^\[\]]*?)\s*\]"
)
_SUBST_LINE = re.compile(r"!(?P<name>[A-Za-z0-9_]+)!\s*=\s*(?P<members>.*)")
_SUBST_REF = re.compile(r"!([A-Za-z0-9_]+)!")
_HEADER = re.compile(
    r"---+\s*(?P<name>[^\[\]]*?)\s*(?P<codes>(?:\[[^\[\]]*\]\s*)*)(?P<rest>[-\s]*)"
)


# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class Problem:
    """A dictionary line that could not be read (error: skipped) or looks wrong (warning)."""

    file: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"


@dataclass(frozen=True, slots=True)
class Synset:
    """A synonym set ``&NAME``: phrases (or ``("&OTHER",)`` references) that stand for it."""

    name: str
    members: tuple[Phrase, ...]
    no_plural: tuple[bool, ...]  # parallel to members: the member ended with "_"
    source: str


@dataclass(frozen=True, slots=True)
class VerbFamily:
    """A verb block ``--- NAME [code] ---``: the verbs and patterns under it share its code."""

    name: str
    code: str | None  # None when the header has no code
    source: str


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """One verb of a block: its base phrase, its inflected forms, and its own code if any."""

    verb: str  # base phrase, lower-case, words joined by spaces ("break down")
    forms: tuple[str, ...]  # inflected phrases, without the base
    code: str | None  # the verb's own code; None: the family's code applies
    family: str
    head: str  # the verb word of a multi-word verb ("break")
    source: str
    head_at: int = 0  # the verb word's position in the phrase ("klm nop rst": 2)

    def head_form(self, form: str) -> str:
        """The verb word of one of the entry's phrases ("broken down" -> "broken")."""
        words = form.split()
        return words[self.head_at] if self.head_at < len(words) else words[-1]

    @property
    def all_forms(self) -> tuple[str, ...]:
        """The base phrase and every inflected form."""
        return (self.verb, *self.forms)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """A pattern ``- pre * post [code]`` of a verb block.

    ``pre`` and ``post`` are tokens: lower-case words, synset references ``&NAME``, the
    markers ``$`` (source), ``+`` (target), ``^`` (skip), ``%`` (compound), and the grouping
    tokens ``(``/``)`` (a prepositional phrase) and ``{``/``}`` (a noun phrase). Underscore
    connectors are dropped; ``raw`` keeps the pattern as written. ``code`` is kept as given
    (``"013:012"`` is a paired code: the second event goes from target to source).
    """

    verb: str  # the family (verb block) name
    pre: Phrase
    post: Phrase
    code: str
    source: str
    comment: str = ""
    raw: str = ""

    @property
    def synsets(self) -> tuple[str, ...]:
        """Names of the synsets the pattern refers to."""
        return tuple(t[1:] for t in (*self.pre, *self.post) if t.startswith("&"))


@dataclass(frozen=True, slots=True)
class Transformation:
    """A PETRARCH2 transformation rule ``~ a (a b ATTACK) SAY = a b 015``, kept as written."""

    pattern: str
    result: str
    source: str


@dataclass(frozen=True, slots=True)
class DatedCode:
    """An actor code, valid from ``start`` to ``end`` (both inclusive; None: unbounded)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def applies_on(self, day: dt.date) -> bool:
        """Whether the code holds on ``day``."""
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """An actor: its name, ``+`` synonyms and (possibly date-restricted) codes."""

    name: Phrase
    codes: tuple[DatedCode, ...]
    synonyms: tuple[Phrase, ...]
    source: str

    @property
    def names(self) -> tuple[Phrase, ...]:
        return (self.name, *self.synonyms)


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """An agent noun phrase and its code; ``before_actor`` for ``[CODE~]`` codes."""

    noun: Phrase
    code: str
    plurals: tuple[Phrase, ...]
    source: str
    before_actor: bool = False

    @property
    def forms(self) -> tuple[Phrase, ...]:
        return (self.noun, *self.plurals)


@dataclass(frozen=True, slots=True)
class Discard:
    """A phrase whose presence discards the sentence, or the whole story if ``story_level``."""

    tokens: Phrase
    story_level: bool
    source: str


@dataclass(frozen=True, slots=True)
class DictionaryFile:
    """One file that was read: its kind, SHA-256, and how many entries it gave."""

    path: str
    kind: Kind
    sha256: str
    entries: int


def actor_code_on(entry: ActorEntry, day: dt.date | None) -> str | None:
    """The code of ``entry`` on ``day``.

    Date-restricted codes are tried in file order and the first that holds wins (``<D``:
    before D; ``>D``: on or after D; ``D1-D2``: D1 to D2 inclusive, as the PETRARCH unit
    tests need). When none holds, the entry's first undated code applies. Without a date:
    the first undated code, else the open-ended ``>D`` code, else the latest-ending one.
    """
    undated = next((c.code for c in entry.codes if not c.dated), None)
    if day is not None:
        for code in entry.codes:
            if code.dated and code.applies_on(day):
                return code.code
        return undated
    if undated is not None or not entry.codes:
        return undated
    open_ended = [c for c in entry.codes if c.end is None]
    if open_ended:
        return max(open_ended, key=lambda c: c.start or dt.date.min).code
    return max(entry.codes, key=lambda c: c.end or dt.date.min).code


# --------------------------------------------------------------------------------------------
# The container


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


# --------------------------------------------------------------------------------------------
# Word forms


def plural_of(word: str) -> str:
    """The regular English plural of a (lower- or upper-case) noun."""
    lower = word.lower()
    upper = word.isupper()
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        out = lower[:-1] + "ies"
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        out = lower + "es"
    else:
        out = lower + "s"
    return out.upper() if upper else out


def regular_verb_forms(verb: str) -> tuple[str, str, str]:
    """The -s, -ed and -ing forms of a regular (lower-case) verb, PETRARCH-style: no doubling."""
    if verb.endswith("e"):
        return verb + "s", verb + "d", verb[:-1] + "ing"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        return verb + "es", verb + "ed", verb + "ing"
    return verb + "s", verb + "ed", verb + "ing"


# --------------------------------------------------------------------------------------------
# Line reading


class _Lines:
    """The meaningful lines of one file, comments removed, with problems recorded."""

    def __init__(self, label: str, text: str, problems: list[Problem]) -> None:
        self.label = label
        self.text = text
        self.problems = problems

    def problem(self, line: int, message: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(self.label, line, message, severity))

    def where(self, line: int) -> str:
        return f"{self.label}:{line}"

    def __iter__(self) -> Iterator[tuple[int, str, str]]:
        """(line number, content without comment, comment text) for each meaningful line."""
        block_start = 0
        for lineno, raw in enumerate(self.text.splitlines(), start=1):
            stripped = raw.strip()
            if block_start:
                if "-->" in stripped:
                    block_start = 0
                continue
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("<!"):
                if stripped.startswith("<!--") and "-->" not in stripped[4:]:
                    block_start = lineno
                continue
            content, comment, tabari = _split_comment(raw)
            if tabari:
                self.problem(lineno, "';' starts a TABARI-style comment", "warning")
            if content.strip():
                yield lineno, content.rstrip(), comment
        if block_start:
            self.problem(block_start, "'<!--' comment is never closed with '-->'")


def _split_comment(line: str) -> tuple[str, str, bool]:
    """(content, comment, whether the comment began with ';') for one line."""
    if "#" not in line and ";" not in line:
        return line, "", False
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in "#;":
            return line[:i], line[i + 1 :].strip(), ch == ";"
    return line, "", False


def _phrase(text: str) -> tuple[Phrase, bool]:
    """Lower-case tokens of a phrase written with spaces/underscores; and whether it ended in _.

    Parentheses, commas and double quotes become tokens of their own, as a tokenizer would
    make them (``CONGO_(BRAZZAVILLE)_`` is congo ( brazzaville )).
    """
    stripped = text.strip()
    tokens = tuple(
        token.lower() for word in _SPLIT.split(stripped) if word for token in _PUNCT.findall(word)
    )
    return tokens, stripped.endswith("_")


def _name(lines: _Lines, lineno: int, text: str, what: str) -> tuple[Phrase, bool] | None:
    """The tokens of an actor/agent/discard phrase, or None (reported) when it is unusable."""
    stripped = text.strip()
    bad = _BAD_NAME.search(stripped)
    if bad or not stripped:
        hint = "; write one '+' synonym a line" if bad and "+" in bad.group() else ""
        found = f"{bad.group().strip(' _')!r} inside " if bad else "empty "
        lines.problem(lineno, f"{found}{what} {stripped!r}{hint}")
        return None
    if _DAMAGED.search(stripped):
        lines.problem(
            lineno, f"{what} {stripped!r} has a control or replacement character", "warning"
        )
    return _phrase(stripped)


def _plural_phrase(phrase: Phrase) -> Phrase | None:
    """The phrase with its last word made plural; None when it does not end in a word."""
    if not phrase or not any(ch.isalnum() for ch in phrase[-1]):
        return None
    return (*phrase[:-1], plural_of(phrase[-1]))


def _ident(text: str) -> str:
    """A synset or block name: upper-case, underscores as written, trailing ``_`` dropped."""
    return " ".join(text.split()).upper().rstrip("_")


@functools.cache
def _cameo_codes() -> frozenset[str]:
    return frozenset(load_cameo_table().codes())


def _event_code_warning(code: str) -> str | None:
    """Why an event code is not a CAMEO code (or code pair), or None when it is."""
    parts = code.split(":")
    if len(parts) > 2 or not any(parts):
        return f"event code [{code}] is not a CAMEO code or code pair"
    known = _cameo_codes()
    bad = [p for p in parts if p and p != NULL_CODE and p not in known]
    if bad:
        return f"event code [{code}]: {', '.join(bad)} is not a CAMEO 1.1b3 code; kept as given"
    return None


# --------------------------------------------------------------------------------------------
# Verbs


@dataclass
class _VerbState:
    family: VerbFamily | None = None
    synset_name: str | None = None
    synset_line: int = 0
    synset_plurals: bool = True
    members: list[Phrase] = field(default_factory=list)
    no_plural: list[bool] = field(default_factory=list)


def _read_verbs(lines: _Lines, into: Dictionaries) -> int:
    state = _VerbState()
    before = len(into.patterns) + len(into.verbs) + len(into.synsets) + len(into.families)
    for lineno, content, comment in lines:
        text = content.strip()
        if text.startswith("---"):
            _close_synset(lines, state, into)
            state.family = _verb_header(lines, lineno, text, into)
        elif text.startswith("&"):
            _close_synset(lines, state, into)
            state.family = None
            _open_synset(lines, lineno, text, state)
        elif text.startswith("~"):
            _transformation(lines, lineno, text, into)
        elif text.startswith("-"):
            _pattern_line(lines, lineno, text, comment, state, into)
        elif state.synset_name is not None:
            if text.startswith("+"):
                _synset_member(lines, lineno, text[1:], state)
            else:
                lines.problem(
                    lineno,
                    f"verb line after synset &{state.synset_name}: "
                    "start a '--- NAME [code] ---' block first",
                )
        elif state.family is None:
            lines.problem(lineno, "verb line outside a '--- NAME [code] ---' block")
        else:
            _verb_line(lines, lineno, text, state.family, into)
    _close_synset(lines, state, into)
    return len(into.patterns) + len(into.verbs) + len(into.synsets) + len(into.families) - before


def _open_synset(lines: _Lines, lineno: int, text: str, state: _VerbState) -> None:
    name = text[1:].strip()
    if not _IDENT.fullmatch(name):
        lines.problem(lineno, f"bad synset name {text!r}")
        state.synset_name = None
        return
    state.synset_name = _ident(name)
    state.synset_line = lineno
    state.synset_plurals = not name.endswith("_")  # "&AUXVERB1_": no plurals for any member
    state.members = []
    state.no_plural = []


def _synset_member(lines: _Lines, lineno: int, text: str, state: _VerbState) -> None:
    stripped = text.strip()
    if stripped.startswith("&"):
        if not _IDENT.fullmatch(stripped[1:]):
            lines.problem(lineno, f"bad synset reference {stripped!r}")
            return
        state.members.append(("&" + _ident(stripped[1:]),))
        state.no_plural.append(True)
        return
    named = _name(lines, lineno, stripped, "synset member")
    if named is None:
        return
    state.members.append(named[0])
    state.no_plural.append(named[1] or not state.synset_plurals)


def _close_synset(lines: _Lines, state: _VerbState, into: Dictionaries) -> None:
    name = state.synset_name
    if name is None:
        return
    state.synset_name = None
    if not state.members:
        lines.problem(state.synset_line, f"synset &{name} has no '+' members")
        return
    if name in into.synsets:
        lines.problem(
            state.synset_line,
            f"synset &{name} is defined again (first at {into.synsets[name].source}); "
            "the later definition is used",
            "warning",
        )
    into.synsets[name] = Synset(
        name, tuple(state.members), tuple(state.no_plural), lines.where(state.synset_line)
    )


def _verb_header(lines: _Lines, lineno: int, text: str, into: Dictionaries) -> VerbFamily | None:
    match = _HEADER.fullmatch(text)
    name = _ident(match.group("name").replace("_", " ")) if match else ""
    codes = _BRACKETS.findall(match.group("codes")) if match else []
    if not match or not name:
        lines.problem(lineno, f"bad verb block header {text!r}: expected '--- NAME [code] ---'")
        return None
    if len(codes) > 1:
        lines.problem(lineno, f"verb block {name} has {len(codes)} codes; the first is used")
    code = codes[0].strip() if codes else None
    if code is not None and code != NULL_CODE:
        _check_event_code(lines, lineno, code)
    key = name
    number = 2
    while key in into.families:
        key = f"{name}#{number}"
        number += 1
    if key != name:
        lines.problem(
            lineno,
            f"verb block {name} appears again (first at {into.families[name].source}); "
            f"kept apart as {key}",
            "warning",
        )
    family = VerbFamily(key, code or None, lines.where(lineno))
    into.families[key] = family
    return family


def _check_event_code(lines: _Lines, lineno: int, code: str) -> None:
    warning = _event_code_warning(code)
    if warning:
        lines.problem(lineno, warning, "warning")


def _verb_line(
    lines: _Lines, lineno: int, text: str, family: VerbFamily, into: Dictionaries
) -> None:
    match = _VERB_LINE.fullmatch(text)
    if not match:
        lines.problem(lineno, f"bad verb line {text!r}: expected 'VERB {{FORMS}} [code]'")
        return
    words = [w for w in _SPLIT.split(match.group("words").strip()) if w]
    heads = [i for i, w in enumerate(words) if w.startswith("+")]
    if not words or len(heads) > 1 or not all(_WORD.fullmatch(w) for w in words):
        lines.problem(lineno, f"bad verb {match.group('words').strip()!r}")
        return
    head_at = heads[0] if heads else 0
    base = [w.lstrip("+").lower() for w in words]
    code = match.group("code")
    code = code.strip() if code is not None else None
    if code == "":
        lines.problem(lineno, "empty verb code '[]'")
        return
    if code is not None and code != NULL_CODE:
        _check_event_code(lines, lineno, code)
    if match.group("forms") is not None:
        forms = tuple(
            " ".join(w.lstrip("+").lower() for w in _SPLIT.split(f) if w)
            for f in match.group("forms").split()
        )
    else:
        forms = tuple(
            " ".join((*base[:head_at], inflected, *base[head_at + 1 :]))
            for inflected in regular_verb_forms(base[head_at])
        )
    verb = " ".join(base)
    into.verbs.append(
        VerbEntry(
            verb=verb,
            forms=tuple(f for f in dict.fromkeys(forms) if f and f != verb),
            code=code,
            family=family.name,
            head=base[head_at],
            source=lines.where(lineno),
            head_at=head_at,
        )
    )


def _pattern_line(
    lines: _Lines,
    lineno: int,
    text: str,
    comment: str,
    state: _VerbState,
    into: Dictionaries,
) -> None:
    family = state.family
    if family is None:
        where = f"after synset &{state.synset_name}" if state.synset_name else "outside a block"
        lines.problem(lineno, f"pattern line {where}: patterns belong under '--- NAME [code] ---'")
        return
    body, bracket, rest = text[1:].partition("[")
    code, closing, trailing = rest.partition("]")
    if not bracket or not closing:
        lines.problem(lineno, f"pattern without a [code]: {text!r}")
        return
    code = code.strip()
    if not code or "[" in code:
        lines.problem(lineno, f"bad pattern code [{code}]")
        return
    if trailing.strip():
        lines.problem(lineno, f"text after the pattern code: {trailing.strip()!r}")
        return
    tokens, error = _pattern_tokens(body)
    if error:
        lines.problem(lineno, f"{error}: {text.strip()!r}")
        return
    _check_event_code(lines, lineno, code)
    star = tokens.index("*")
    into.patterns.append(
        VerbPattern(
            verb=family.name,
            pre=tokens[:star],
            post=tokens[star + 1 :],
            code=code,
            source=lines.where(lineno),
            comment=comment,
            raw=" ".join(body.split()),
        )
    )


def _pattern_tokens(body: str) -> tuple[Phrase, str | None]:
    """The tokens of a pattern body, or an error message."""
    tokens: list[str] = []
    for chunk in _SPLIT.split(body.strip()):
        piece = chunk
        while piece and piece[0] in "({":
            tokens.append(piece[0])
            piece = piece[1:]
        closing: list[str] = []
        while piece and piece[-1] in ")}":
            closing.append(piece[-1])
            piece = piece[:-1]
        if piece:
            error = _pattern_word(piece, tokens)
            if error:
                return (), error
        tokens.extend(reversed(closing))
    if tokens.count("*") != 1:
        return (), f"a pattern needs exactly one '*' (has {tokens.count('*')})"
    depth: list[str] = []
    for token in tokens:
        if token in ("(", "{"):
            depth.append(token)
        elif token in (")", "}") and (not depth or _CLOSER[depth.pop()] != token):
            return (), "unbalanced brackets in pattern"
    if depth:
        return (), "unbalanced brackets in pattern"
    return tuple(tokens), None


def _pattern_word(piece: str, tokens: list[str]) -> str | None:
    if piece in PATTERN_MARKERS:
        tokens.append(piece)
    elif piece.startswith("&"):
        if not _IDENT.fullmatch(piece[1:]):
            return f"bad synset reference {piece!r}"
        tokens.append("&" + _ident(piece[1:]))
    elif "*" in piece:
        if piece.strip("*") and piece.count("*") == 1:
            before, _, after = piece.partition("*")
            tokens.extend(t for t in (before.lower(), "*", after.lower()) if t)
        else:
            return f"bad verb marker in {piece!r}"
    elif piece[0] in "$+^%" and _WORD.fullmatch(piece[1:]):
        tokens.extend((piece[0], piece[1:].lower()))
    elif _WORD.fullmatch(piece) and "+" not in piece:
        tokens.append(piece.lower())
    else:
        return f"bad pattern word {piece!r}"
    return None


def _transformation(lines: _Lines, lineno: int, text: str, into: Dictionaries) -> None:
    pattern, equals, result = text[1:].partition("=")
    if not equals or not pattern.strip() or not result.strip():
        lines.problem(lineno, f"bad transformation {text!r}: expected '~ PATTERN = RESULT'")
        return
    into.transformations.append(
        Transformation(" ".join(pattern.split()), " ".join(result.split()), lines.where(lineno))
    )


# --------------------------------------------------------------------------------------------
# Actors


@dataclass
class _PendingActor:
    name: Phrase
    line: int
    codes: list[DatedCode] = field(default_factory=list)
    synonyms: list[Phrase] = field(default_factory=list)


def _read_actors(lines: _Lines, into: Dictionaries) -> int:
    before = len(into.actors)
    pending: _PendingActor | None = None
    for lineno, content, _comment in lines:
        text = content.strip()
        if text.startswith("["):
            if pending is None:
                lines.problem(lineno, "actor code line without an actor name above it")
            else:
                pending.codes.extend(_actor_codes(lines, lineno, text))
            continue
        is_synonym = text.startswith("+")
        name_text, bracket, rest = text.lstrip("+").partition("[")
        named = _name(lines, lineno, name_text, "actor name")
        if named is None:
            continue
        name = named[0]
        codes = _actor_codes(lines, lineno, bracket + rest) if bracket else []
        if is_synonym:
            if pending is None:
                lines.problem(lineno, "'+' synonym without an actor entry above it")
                continue
            pending.synonyms.append(name)
            pending.codes.extend(codes)
            continue
        _finish_actor(lines, pending, into)
        pending = _PendingActor(name, lineno, codes)
    _finish_actor(lines, pending, into)
    return len(into.actors) - before


def _finish_actor(lines: _Lines, pending: _PendingActor | None, into: Dictionaries) -> None:
    if pending is None:
        return
    if not pending.codes:
        lines.problem(
            pending.line,
            f"actor {' '.join(pending.name).upper()} has no [CODE] (if the names below it "
            "share their codes, mark them as '+' synonyms)",
        )
        return
    into.actors.append(
        ActorEntry(
            pending.name, tuple(pending.codes), tuple(pending.synonyms), lines.where(pending.line)
        )
    )


def _actor_codes(lines: _Lines, lineno: int, text: str) -> list[DatedCode]:
    """The ``[CODE ...]`` blocks of ``text``; bad blocks are reported and skipped."""
    leftover = _BRACKETS.sub(" ", text).strip()
    if leftover:
        lines.problem(lineno, f"text {leftover!r} around the actor codes is ignored")
    out: list[DatedCode] = []
    for inner in _BRACKETS.findall(text):
        parsed = _dated_code(inner.strip())
        if isinstance(parsed, str):
            lines.problem(lineno, f"bad actor code [{inner.strip()}]: {parsed}")
            continue
        if parsed.code != parsed.code.upper():
            lines.problem(lineno, f"lower-case actor code [{parsed.code}] kept as given", "warning")
        out.append(parsed)
    return out


def _dated_code(inner: str) -> DatedCode | str:
    """A DatedCode, or why ``inner`` is not one."""
    match = _ACTOR_CODE.fullmatch(inner)
    if not match:
        return "expected CODE, CODE <DATE, CODE >DATE or CODE DATE-DATE"
    code = match.group("code")
    if _DATE_LIKE.search(code):
        return f"{code!r} looks like a date, not a code"
    try:
        if match.group("op") == "<":
            return DatedCode(code, None, _parse_date(match.group("date")) - dt.timedelta(days=1))
        if match.group("op") == ">":
            return DatedCode(code, _parse_date(match.group("date")), None)
        if match.group("start"):
            start = _parse_date(match.group("start"))
            end = _parse_date(match.group("end"))
            if end < start:
                return f"the range ends ({end}) before it starts ({start})"
            return DatedCode(code, start, end)
    except ValueError as exc:
        return str(exc)
    return DatedCode(code)


@functools.lru_cache(maxsize=1 << 16)
def _parse_date(text: str) -> dt.date:
    """A TABARI date: YYMMDD (00-30 read as 20YY, else 19YY) or YYYYMMDD."""
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    if len(text) != 8:
        raise ValueError(f"date {text!r} is neither YYMMDD nor YYYYMMDD")
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise ValueError(f"{text} is not a calendar date") from None


# --------------------------------------------------------------------------------------------
# Agents


def _read_agents(lines: _Lines, into: Dictionaries) -> int:
    before = len(into.agents)
    sets: dict[str, tuple[str, ...]] = {}
    for lineno, content, _comment in lines:
        text = content.strip()
        subst = _SUBST_LINE.fullmatch(text)
        if subst:
            members = tuple(m.strip() for m in subst.group("members").split(",") if m.strip())
            if not members:
                lines.problem(lineno, f"substitution set !{subst.group('name')}! is empty")
            else:
                sets[subst.group("name").upper()] = members
            continue
        match = _AGENT_LINE.fullmatch(text)
        if not match:
            lines.problem(lineno, f"bad agent line {text!r}: expected 'NOUN {{PLURALS}} [~CODE]'")
            continue
        code = match.group("code").replace(" ", "")
        if code.startswith("~") and len(code) > 1 and "~" not in code[1:]:
            before_actor = False
        elif code.endswith("~") and len(code) > 1 and "~" not in code[:-1]:
            before_actor = True
        else:
            lines.problem(lineno, f"agent code [{code}] needs '~' before (or after) the code")
            continue
        _agent_entries(lines, lineno, match, code.strip("~"), before_actor, sets, into)
    return len(into.agents) - before


def _agent_entries(
    lines: _Lines,
    lineno: int,
    match: re.Match[str],
    code: str,
    before_actor: bool,
    sets: dict[str, tuple[str, ...]],
    into: Dictionaries,
) -> None:
    noun_text = match.group("noun")
    plural_text = match.group("plurals")
    refs = _SUBST_REF.findall(noun_text + (plural_text or ""))
    missing = [n for n in refs if n.upper() not in sets]
    if missing:
        lines.problem(lineno, f"unknown substitution set !{missing[0]}!")
        return
    substituted = bool(_SUBST_REF.search(noun_text))
    for noun_variant in _substitute(noun_text, sets):
        named = _name(lines, lineno, noun_variant, "agent noun")
        if named is None:
            return
        noun = named[0]
        plurals: tuple[Phrase | None, ...]
        if plural_text is not None:
            plurals = tuple(
                _phrase(p)[0] for variant in _substitute(plural_text, sets) for p in variant.split()
            )
        elif substituted:
            plurals = ()  # the substitution sets list their plural forms themselves
        else:
            plurals = (_plural_phrase(noun),)
        into.agents.append(
            AgentEntry(
                noun=noun,
                code=code,
                plurals=tuple(p for p in dict.fromkeys(plurals) if p is not None and p != noun),
                source=lines.where(lineno),
                before_actor=before_actor,
            )
        )


def _substitute(text: str, sets: dict[str, tuple[str, ...]]) -> list[str]:
    """Every expansion of the ``!SET!`` markers in ``text``."""
    match = _SUBST_REF.search(text)
    if match is None:
        return [text]
    out: list[str] = []
    for member in sets[match.group(1).upper()]:
        out.extend(_substitute(text[: match.start()] + member + text[match.end() :], sets))
    return out


# --------------------------------------------------------------------------------------------
# Discards


def _read_discards(lines: _Lines, into: Dictionaries) -> int:
    before = len(into.discards)
    for lineno, content, _comment in lines:
        text = content.strip()
        story = text.startswith("+")
        named = _name(lines, lineno, text[1:] if story else text, "discard phrase")
        if named is not None:
            into.discards.append(Discard(named[0], story, lines.where(lineno)))
    return len(into.discards) - before


_CACHED = (
    "actor_index",
    "agent_index",
    "verb_index",
    "verb_heads",
    "patterns_by_family",
    "discard_index",
    "max_actor_length",
    "max_agent_length",
)
_READERS = {
    "verbs": _read_verbs,
    "actors": _read_actors,
    "agents": _read_agents,
    "discards": _read_discards,
}


# --------------------------------------------------------------------------------------------
# Kinds and loading


def kind_from_name(path: Path) -> Kind | None:
    """The kind a file name suggests (``Phoenix.agents.txt`` -> agents), or None."""
    name = path.name.lower()
    hits = [kind for hint, kind in _NAME_HINTS if hint in name]
    return hits[0] if len(hits) == 1 else None


def kind_from_content(text: str) -> Kind | None:
    """The kind the first meaningful lines of a file show, or None when they show none.

    Verb files have ``---`` block headers, ``&`` synsets or ``- ... * ... [code]`` patterns;
    agent files have ``[~CODE]``/``[CODE~]`` codes or ``!SET! =`` lines; actor files have
    ``[CODE]`` codes; discard files have no brackets, which alone is not evidence enough
    (a README has none either), so discards are told by name or by a comment naming them.
    """
    return _best_kind(text, _content_scores(text))


def _content_scores(text: str, max_lines: int = 2000) -> dict[Kind, int]:
    scores: dict[Kind, int] = {"verbs": 0, "actors": 0, "agents": 0, "discards": 0}
    for seen, (_lineno, content, _comment) in enumerate(_Lines("", text, [])):
        if seen >= max_lines:
            break
        line = content.strip()
        if line.startswith("---") or (line.startswith("&") and _IDENT.match(line[1:])):
            scores["verbs"] += 5
        elif line.startswith("-") and "*" in line and "[" in line:
            scores["verbs"] += 1
        elif _SUBST_LINE.fullmatch(line) or re.search(r"\[\s*~|~\s*\]", line):
            scores["agents"] += 1
        elif "[" in line:
            scores["actors"] += 1
        else:
            scores["discards"] += 1
    return scores


def _best_kind(text: str, scores: dict[Kind, int]) -> Kind | None:
    coded: list[Kind] = ["verbs", "actors", "agents"]
    best = max(coded, key=lambda kind: scores[kind])
    if scores[best]:
        return best
    if scores["discards"] and "discard" in text[:4000].lower():
        return "discards"
    return None


def split_kind(spec: str | Path) -> tuple[Kind | None, Path]:
    """``"actors:my/file.txt"`` -> ("actors", Path("my/file.txt")); other paths: (None, path)."""
    if isinstance(spec, Path):
        return None, spec
    match = _KIND_SPLIT.match(spec)
    if match and not Path(spec).exists():
        return _KIND_BY_NAME[match.group(1)], Path(match.group(2))
    return None, Path(spec)


def load_dictionaries(paths: Iterable[str | Path] | str | Path) -> Dictionaries:
    """Read dictionary files and folders of them into one ``Dictionaries``.

    Each path is a file, whose kind is told from its content or name (or given with a
    ``kind:`` prefix, e.g. ``"actors:my.txt"``), or a folder whose ``*.txt`` files are read
    in name order (a file whose kind cannot be told is skipped with a warning); shell
    wildcards (``Phoenix.*``) stand for the files they match, in name order. Raises
    LexiconError when a path is missing, a file cannot be read, or a named file's kind
    cannot be told.
    """
    into = Dictionaries()
    for spec in [paths] if isinstance(paths, str | Path) else paths:
        kind, pattern = split_kind(spec)
        for path in _expand_wildcards(pattern):
            if path.is_dir():
                if kind is not None:
                    raise LexiconError(f"{path}: a 'kind:' prefix needs a file, not a folder")
                _load_folder(path, into)
            else:
                load_dictionary_file(path, kind=kind, into=into)
    _cross_check(into)
    return into


def _expand_wildcards(path: Path) -> list[Path]:
    """The files a path with shell wildcards matches (``Phoenix.*``), in name order; a path
    without wildcards, or one that exists as written, as it is."""
    text = str(path)
    if not any(ch in text for ch in "*?[") or path.exists():
        return [path]
    found = sorted(Path(p) for p in glob.glob(text))
    if not found:
        raise LexiconError(f"{path}: no dictionary file matches this pattern")
    return found


def _load_folder(folder: Path, into: Dictionaries) -> None:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    if not files:
        raise LexiconError(f"{folder}: no *.txt dictionary files in this folder")
    for path in files:
        text, digest = _read_text(path, into.problems)
        kind = _tell_kind(path, text, into.problems)
        if kind is None:
            into.problems.append(
                Problem(str(path), 0, "skipped: not a verbs/actors/agents/discards file", "warning")
            )
            continue
        _load_text(path, text, digest, kind, into)


def load_dictionary_file(
    path: str | Path, *, kind: Kind | None = None, into: Dictionaries | None = None
) -> Dictionaries:
    """Read one dictionary file (of ``kind``, or told from its content/name) into ``into``."""
    into = Dictionaries() if into is None else into
    path = Path(path)
    text, digest = _read_text(path, into.problems)
    if kind is None:
        kind = _tell_kind(path, text, into.problems)
        if kind is None:
            raise LexiconError(
                f"{path}: cannot tell whether this is a verbs, actors, agents or discards "
                "dictionary; name it with a prefix, e.g. actors:PATH"
            )
    elif kind not in KINDS:
        raise LexiconError(f"{path}: unknown dictionary kind {kind!r}; use one of {KINDS}")
    _load_text(path, text, digest, kind, into)
    return into


def _read_text(path: Path, problems: list[Problem]) -> tuple[str, str]:
    """The text of a dictionary file and the SHA-256 of its bytes."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read this dictionary file ({exc.strerror})") from exc
    digest = hashlib.sha256(data).hexdigest()
    try:
        return data.decode("utf-8"), digest
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(str(path), 0, f"not UTF-8 ({exc.reason}); read as Latin-1", "warning")
        )
        return data.decode("latin-1"), digest


def _tell_kind(path: Path, text: str, problems: list[Problem]) -> Kind | None:
    """The content's kind; the name's when the content shows little (or nothing) else."""
    scores = _content_scores(text)
    by_content = _best_kind(text, scores)
    by_name = kind_from_name(path)
    if by_content is None or by_name is None or by_content == by_name:
        return by_content or by_name
    if by_content != "discards" and scores[by_content] >= _CLEAR_EVIDENCE:
        problems.append(
            Problem(
                str(path),
                0,
                f"the name suggests {by_name} but the content is {by_content}; read as "
                f"{by_content}",
                "warning",
            )
        )
        return by_content
    return by_name


def _load_text(path: Path, text: str, digest: str, kind: Kind, into: Dictionaries) -> None:
    lines = _Lines(str(path), text, into.problems)
    entries = _READERS[kind](lines, into)
    into.files.append(DictionaryFile(str(path), kind, digest, entries))
    for cached in _CACHED:
        into.__dict__.pop(cached, None)
    into._synset_cache.clear()


def _cross_check(into: Dictionaries) -> None:
    """Warnings that need every file: unknown synsets, names coded two ways."""

    def warn(source: str, message: str) -> None:
        file, _, line = source.rpartition(":")
        into.problems.append(Problem(file, int(line), message, "warning"))

    known = into.synsets
    for synset in known.values():
        for member in synset.members:
            if member[0].startswith("&") and member[0][1:] not in known:
                warn(synset.source, f"synset {member[0]} is not defined")
    for pattern in into.patterns:
        for synset_name in pattern.synsets:
            if synset_name not in known:
                warn(pattern.source, f"synset &{synset_name} is not defined")
    first_actor: dict[Phrase, ActorEntry] = {}
    for actor in into.actors:
        for name in actor.names:
            other = first_actor.setdefault(name, actor)
            if other is not actor and other.codes != actor.codes:
                warn(
                    actor.source,
                    f"actor name {' '.join(name).upper()} is also at {other.source} with "
                    "other codes; that first entry is used",
                )
    first_agent: dict[Phrase, AgentEntry] = {}
    for agent in into.agents:
        for form in agent.forms:
            seen = first_agent.setdefault(form, agent)
            if seen is not agent and seen.code != agent.code:
                warn(
                    agent.source,
                    f"agent {' '.join(form).upper()} is also at {seen.source} as "
                    f"[{seen.code}]; that first entry is used",
                )
    first_verb: dict[str, VerbEntry] = {}
    for verb in into.verbs:
        met = first_verb.setdefault(verb.verb, verb)
        if met.family != verb.family:
            warn(
                verb.source,
                f"verb {verb.verb.upper()} is also in block {met.family} ({met.source}); "
                "a coder sees the patterns of both",
            )


# --------------------------------------------------------------------------------------------
# The --dictionaries option


@dataclass(frozen=True, slots=True)
class DictionaryOption:
    """A parsed ``--dictionaries`` value: the paths and whether they replace the built-ins."""

    format: str
    paths: tuple[str, ...]
    replace: bool = False


def parse_dictionaries_option(value: str) -> DictionaryOption:
    """Parse ``petrarch:PATH[,PATH...]`` (extend the built-in actors and agents) or
    ``petrarch-replace:PATH[,PATH...]`` (use only these actors and agents).

    Each PATH may carry a ``kind:`` prefix (``actors:my.txt``). Raises LexiconError with the
    expected form when ``value`` is not one of these.
    """
    head, colon, rest = value.partition(":")
    formats = {"petrarch": False, "petrarch-replace": True}
    paths = tuple(p.strip() for p in rest.split(",") if p.strip())
    if not colon or head not in formats or not paths:
        raise LexiconError(
            f"--dictionaries {value!r}: expected petrarch:PATH[,PATH...] (adds to the built-in "
            "actors and agents) or petrarch-replace:PATH[,PATH...] (replaces them)"
        )
    return DictionaryOption("petrarch", paths, formats[head])


# --------------------------------------------------------------------------------------------
# Validation XML


@dataclass(frozen=True, slots=True)
class ValidationCoding:
    """One expected event of a validation record."""

    source: str
    target: str
    event: str


@dataclass(frozen=True, slots=True)
class ValidationRecord:
    """A ``<Sentence>`` of a PETRARCH validation file (its ``<Parse>`` is ignored)."""

    id: str
    category: str
    date: dt.date | None
    text: str
    codings: tuple[ValidationCoding, ...]
    noevents: bool = False
    error: str | None = None  # <EventCoding error="..."> e.g. "storydiscard"
    sentence: bool = True  # the record's sentence="true|false" attribute


def read_validation_xml(path: str | Path) -> list[ValidationRecord]:
    """The ``<Sentence>`` records of a PETRARCH validation XML file, in file order.

    Raises InputError when the file cannot be read or is not well-formed XML.
    """
    root = _xml_root(Path(path))
    records: list[ValidationRecord] = []
    for number, sentence in enumerate(root.iter("Sentence"), start=1):
        codings: list[ValidationCoding] = []
        noevents = False
        error = None
        for coding in sentence.iter("EventCoding"):
            attrs = {k.strip(): v.strip() for k, v in coding.attrib.items()}
            if attrs.get("noevents", "").lower() == "true":
                noevents = True
            elif "error" in attrs:
                error = attrs["error"]
            else:
                codings.append(
                    ValidationCoding(
                        attrs.get("sourcecode", ""),
                        attrs.get("targetcode", ""),
                        attrs.get("eventcode", ""),
                    )
                )
        attrs = {k.strip(): v.strip() for k, v in sentence.attrib.items()}
        records.append(
            ValidationRecord(
                id=attrs.get("id", f"record-{number}"),
                category=attrs.get("category", ""),
                date=_record_date(attrs.get("date", "")),
                text=" ".join((sentence.findtext("Text") or "").split()),
                codings=tuple(codings),
                noevents=noevents,
                error=error,
                sentence=attrs.get("sentence", "true").lower() != "false",
            )
        )
    return records


def read_validation_environment(path: str | Path) -> dict[str, str]:
    """The ``<Environment>`` settings of a validation file (``Verbfile``, ``Actorfile`` ...)."""
    environment = _xml_root(Path(path)).find("Environment")
    if environment is None:
        return {}
    return {child.tag: (child.text or "").strip() for child in environment if child.text}


def _xml_root(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except OSError as exc:
        raise InputError(f"{path}: cannot read this validation file ({exc.strerror})") from exc
    except ET.ParseError as exc:
        raise InputError(f"{path}: not well-formed XML ({exc})") from exc


def _record_date(text: str) -> dt.date | None:
    try:
        return _parse_date(text) if text.isdigit() else None
    except ValueError:
        return None
