"""Typed, frozen records read from TABARI/PETRARCH dictionaries, and an actor's code on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Kind = Literal["verbs", "actors", "agents", "discards"]
KINDS: tuple[Kind, ...] = ("verbs", "actors", "agents", "discards")
Severity = Literal["error", "warning"]
Phrase = tuple[str, ...]

NULL_CODE = "---"


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
