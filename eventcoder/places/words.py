"""A parsed Doc's words as the place search reads them: every token's attributes read at once
from the Doc's arrays (not token by token), and their strings looked up once each."""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy import symbols
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, SPACY

from eventcoder.places.names import _HYPHENS, fold

Span = Any  # a spaCy Span

COLUMNS = [ORTH, LOWER, POS, ENT_TYPE, DEP, HEAD, LEMMA, SPACY]
# Parts of speech of the Doc's arrays (symbols: the same ids in every vocabulary).
ADP: int = symbols.ADP
AUX: int = symbols.AUX
DET: int = symbols.DET
NOUN: int = symbols.NOUN
PROPN: int = symbols.PROPN
VERB: int = symbols.VERB
# Entity IOB codes (Token.ent_iob: "I" and "B").
INSIDE, BEGIN = 1, 3


@dataclass(frozen=True)
class WordIds:
    """The ids a spaCy vocabulary gives the labels and words that finding places looks for."""

    propn: int
    place: frozenset[int]  # PLACE_ENTITIES
    skip: frozenset[int]  # SKIP_ENTITIES
    borders: frozenset[int]  # BORDER_WORDS
    countries: frozenset[int]  # words standing for a country (lower case)


def vocabulary_ids(
    strings: Any,
    country_words: Iterable[str],
    place: Iterable[str],
    skip: Iterable[str],
    borders: Iterable[str],
) -> WordIds:
    """The ids of a vocabulary's StringStore for what DocWords looks for."""
    return WordIds(
        strings["PROPN"],
        frozenset(strings[w] for w in place),
        frozenset(strings[w] for w in skip),
        frozenset(strings[w] for w in borders),
        frozenset(strings[w] for w in country_words),
    )


class Strings(dict[int, str]):
    """The strings of a vocabulary's ids, each looked up in its StringStore once."""

    def __init__(self, store: Any) -> None:
        super().__init__()
        self.store = store

    def __missing__(self, key: int) -> str:
        value: str = self.store[key]
        self[key] = value
        return value


def _token_key(text: str) -> str | None:
    """A token as part of an index key: "" for a joining hyphen, None for other punctuation."""
    if text in _HYPHENS:
        return ""
    key = _fold_token(text)
    return key or None


@functools.lru_cache(maxsize=1 << 16)
def _fold_token(text: str) -> str:
    return fold(text)


class TokenKeys(dict[int, str | None]):
    """The index keys of a vocabulary's words (see _token_key) by their ids, each made once."""

    def __init__(self, strings: Strings) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, key: int) -> str | None:
        value = self[key] = _token_key(self.strings[key])
        return value


@dataclass(frozen=True)
class LowerWords:
    """The alphabetic words a document writes in lower case: a word is one if it is so
    written and some token of the document is that word (`ids`: the tokens' vocabulary ids)."""

    strings: Any  # the vocabulary's StringStore
    ids: frozenset[int]

    def __contains__(self, word: object) -> bool:
        return (
            isinstance(word, str)
            and word.isalpha()
            and word.islower()
            and self.strings[word] in self.ids
        )


@dataclass(frozen=True)
class DocWords:
    """A parsed Doc's words: where place names may start (proper nouns and place entities,
    not numbers or dates) and border words stand (token indices, in order), the alphabetic
    words it writes in lower case, and each token's attributes as lists by token index (ids
    of the vocabulary, strings by `strings`; `head` the head's index, as Token.head: the token
    itself where `dep` is 0, missing; `space` whether a space follows), all read at once from
    the Doc's arrays rather than token by token."""

    doc: Any
    starts: tuple[int, ...]
    borders: tuple[int, ...]
    lowers: LowerWords
    strings: Strings
    keys: TokenKeys  # by ORTH id
    orth: list[int]
    lower: list[int]
    pos: list[int]
    ent: list[int]
    dep: list[int]
    head: list[int]
    lemma: list[int]
    space: list[int]

    @staticmethod
    def of(doc: Any, ids: WordIds) -> DocWords:
        strings = doc.vocab.strings
        memo = Strings(strings)
        if not len(doc):
            empty: list[int] = []
            lowers = LowerWords(strings, frozenset())
            return DocWords(doc, (), (), lowers, memo, TokenKeys(memo), *[empty] * 7)
        columns = doc.to_array(COLUMNS)
        pos, ent, lower = columns[:, 2], columns[:, 3], columns[:, 1]
        may = pos == ids.propn
        for label in ids.place:
            may |= ent == label
        for label in ids.skip:
            may &= ent != label
        border = lower != lower
        for word in ids.borders:
            border |= lower == word
        # Token.head: the token itself where the dependency is missing (dep 0)
        at = numpy.arange(len(doc))
        heads = numpy.where(columns[:, 4] == 0, at, at + columns[:, 5].astype("int64"))
        orth = columns[:, 0].tolist()
        return DocWords(
            doc,
            tuple(may.nonzero()[0].tolist()),
            tuple(border.nonzero()[0].tolist()),
            LowerWords(strings, frozenset(orth)),
            memo,
            TokenKeys(memo),
            orth,
            lower.tolist(),
            pos.tolist(),
            ent.tolist(),
            columns[:, 4].tolist(),
            heads.tolist(),
            columns[:, 6].tolist(),
            columns[:, 7].tolist(),
        )

    @staticmethod
    def within(positions: tuple[int, ...], span: Span) -> tuple[int, ...]:
        """The positions inside a span."""
        return positions[bisect_left(positions, span.start) : bisect_left(positions, span.end)]

    def text(self, k: int) -> str:
        """The text of the token at k."""
        return self.strings[self.orth[k]]

    def lower_(self, k: int) -> str:
        """The lower-case text of the token at k."""
        return self.strings[self.lower[k]]

    def lemma_lower(self, k: int) -> str:
        """The lower-cased lemma of the token at k."""
        return self.strings[self.lemma[k]].lower()

    def span_text(self, start: int, end: int) -> str:
        """The text of the tokens [start, end) (as a spaCy Span's: no space after the last)."""
        s, orth, space = self.strings, self.orth, self.space
        last = end - 1
        return "".join(
            [s[orth[k]] + " " if space[k] else s[orth[k]] for k in range(start, last)]
            + [s[orth[last]]]
        )

    def iob(self, k: int) -> int:
        """The entity IOB code of the token at k (INSIDE, BEGIN, ...)."""
        return int(self.doc[k].ent_iob)

    def is_lower(self, k: int) -> bool:
        """Whether the token at k is written in lower case."""
        return self.strings[self.orth[k]].islower()


def country_word_positions(doc: Any, ids: WordIds) -> tuple[int, ...]:
    """The indices of a Doc's words that stand for a country (lower case)."""
    if not len(doc):
        return ()
    countries = ids.countries
    return tuple(k for k, w in enumerate(doc.to_array("LOWER").tolist()) if w in countries)
