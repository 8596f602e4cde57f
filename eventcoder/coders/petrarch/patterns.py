"""Verb patterns compiled from their text, and matched around a verb of a sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from eventcoder.coders.petrarch.clauses import _Verb
from eventcoder.coders.petrarch.dictionaries import Dictionaries
from eventcoder.coders.petrarch.mentions import _SentenceActors
from eventcoder.coders.petrarch.phrases import Word, match_phrase, match_phrase_ending
from eventcoder.coders.petrarch.records import NULL_CODE, VerbPattern
from eventcoder.coders.petrarch.text import _plural_phrase

_EVENT_CODE = re.compile(r"\d{2,4}[A-Za-z?]?")
_PATTERN_PIECE = re.compile(r"[(){}]")


# --------------------------------------------------------------------------------------------
# Patterns


@dataclass(frozen=True, slots=True)
class Element:
    """One element of a pattern: a word, a synset, or a marker (``$ + ^ %``).

    ``closed`` says the element must touch its neighbour towards the verb (``_``).
    """

    kind: str  # word | synset | $ | + | ^ | %
    phrases: tuple[tuple[str, ...], ...]
    closed: bool
    preposition: bool = False  # opens a "(...)" prepositional phrase: a preposition here


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    """A verb pattern ready to match: elements before the verb (nearest first) and after."""

    pattern: VerbPattern
    before: tuple[Element, ...]
    after: tuple[Element, ...]
    weight: int
    order: int

    @property
    def codes(self) -> bool:
        """Whether the pattern's code is an event code or a null code (PETRARCH ignores
        patterns coded otherwise, e.g. [+++])."""
        return _is_event_code(self.pattern.code)


@dataclass(frozen=True, slots=True)
class _Binding:
    source: int | None = None  # mention index
    target: int | None = None
    compound: int | None = None  # mention index of a '%' compound
    compound_before: bool = False


def compile_pattern(
    pattern: VerbPattern, dictionaries: Dictionaries, order: int, *, plurals: bool = False
) -> CompiledPattern | None:
    """The elements of a pattern from its text as written; None when it cannot be read.

    With ``plurals`` a word of four letters or more also matches its regular plural
    ("* RESTRICTION" matches "lifted restrictions"); PETRARCH matches the word as written."""
    items: list[tuple[str, bool]] = []  # (piece, joined to the previous piece by "_")
    opening: set[int] = set()  # items that open a "(...)" group
    for chunk in pattern.raw.split():
        joined = False
        for part in chunk.split("_"):
            piece = _PATTERN_PIECE.sub("", part)
            if piece.count("*") > 1:
                return None
            if part.startswith("("):
                opening.add(len(items))
            # "*SCEPTICAL": the verb touches the word; "$WORD": the actor touches it
            for bit in re.split(r"(\*|^[$+^%](?=.))", piece):
                if bit:
                    items.append((bit, joined))
                    joined = True
    stars = [k for k, (piece, _) in enumerate(items) if piece == "*"]
    if len(stars) != 1:
        return None
    star = stars[0]
    elements: list[Element] = []
    for k, (piece, joined) in enumerate(items):
        if k == star:
            continue
        # Before the verb an element touches what follows it; after, what precedes it.
        closed = items[k + 1][1] if k < star else joined
        element = _element(piece, closed, dictionaries, plurals)
        if element is None:
            return None
        if k in opening and element.kind == "word":
            element = replace(element, preposition=True)
        elements.append(element)
    before = tuple(reversed(elements[:star]))
    after = tuple(elements[star:])
    return CompiledPattern(pattern, before, after, len(elements), order)


def _element(
    piece: str, closed: bool, dictionaries: Dictionaries, plurals: bool = False
) -> Element | None:
    if piece in {"$", "+", "^", "%"}:
        return Element(piece, (), closed)
    if piece.startswith("&"):
        members = dictionaries.expand_synset(piece[1:])
        if not members:
            return None
        ordered = tuple(sorted(members, key=lambda p: (-sum(map(len, p)), p)))
        return Element("synset", ordered, closed)
    word = piece.lower()
    plural = _plural_phrase((word,)) if plurals and word.isalpha() and len(word) > 3 else None
    phrases = ((word,),) if plural is None or plural == (word,) else ((word,), plural)
    return Element("word", phrases, closed)


def _is_event_code(code: str) -> bool:
    """An event code (digits, perhaps a letter), a pair of them, or the null code."""
    parts = code.split(":")
    return all(p.strip() == NULL_CODE or _EVENT_CODE.fullmatch(p.strip()) for p in parts if p)


# --------------------------------------------------------------------------------------------
# Matching


def _match(
    pattern: CompiledPattern,
    verb: _Verb,
    words: list[Word],
    actors: _SentenceActors,
    window_end: int,
) -> _Binding | None:
    """The roles a pattern assigns when it matches around the verb, else None."""
    after = _match_after(pattern.after, 0, verb.end, words, actors, window_end, _Binding())
    if after is None:
        return None
    return _match_before(pattern.before, 0, verb.start, words, actors, after)


def _match_after(
    elements: tuple[Element, ...],
    k: int,
    pos: int,
    words: list[Word],
    actors: _SentenceActors,
    limit: int,
    binding: _Binding,
) -> _Binding | None:
    if k == len(elements):
        return binding
    element = elements[k]
    last = pos if element.closed else limit - 1
    for at in range(pos, min(last, limit - 1) + 1):
        for end, bound in _element_at(element, at, words, actors, binding, before=False):
            if end > limit:
                continue
            found = _match_after(elements, k + 1, end, words, actors, limit, bound)
            if found is not None:
                return found
    return None


def _match_before(
    elements: tuple[Element, ...],
    k: int,
    pos: int,
    words: list[Word],
    actors: _SentenceActors,
    binding: _Binding,
) -> _Binding | None:
    if k == len(elements):
        return binding
    element = elements[k]
    lowest = pos if element.closed else 1
    for end in range(pos, lowest - 1, -1):
        for start, bound in _element_at(element, end, words, actors, binding, before=True):
            found = _match_before(elements, k + 1, start, words, actors, bound)
            if found is not None:
                return found
    return None


def _element_at(
    element: Element,
    at: int,
    words: list[Word],
    actors: _SentenceActors,
    binding: _Binding,
    *,
    before: bool,
) -> Iterator[tuple[int, _Binding]]:
    """Ways an element matches starting at word ``at`` (after the verb) or ending just before
    it (before the verb): (the other end, the binding with the element's role)."""
    kind = element.kind
    if kind in {"word", "synset"}:
        for phrase in element.phrases:
            other = (
                match_phrase_ending(words, phrase, at)
                if before
                else match_phrase(words, phrase, at)
            )
            if other is None:
                continue
            # "(TO ...)" opens a prepositional phrase: not an infinitive's "to"
            if element.preposition and (other if before else at) in actors.not_prepositions:
                continue
            yield other, binding
        return
    index = actors.ending.get(at) if before else actors.starting.get(at)
    if index is None:
        if kind == "^":  # a skip also passes over a noun phrase that is no actor
            other = actors.chunk_start.get(at) if before else actors.chunk_end.get(at)
            if other is not None:
                yield other, binding
        return
    mention = actors.mentions[index]
    other = mention.start if before else mention.end
    if kind == "$":
        yield other, replace(binding, source=index)
    elif kind == "+":
        yield other, replace(binding, target=index)
    elif kind == "^":
        yield other, binding
    elif kind == "%":
        members = actors.compounds[actors.compound_of[index]]
        if len(members) < 2:
            return
        first, last = actors.mentions[members[0]], actors.mentions[members[-1]]
        if before and last.end == at:
            yield first.start, replace(binding, compound=index, compound_before=True)
        elif not before and first.start == at:
            yield last.end, replace(binding, compound=index)
