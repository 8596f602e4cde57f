"""The words of a sentence and the matching of dictionary phrases on them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Token = Any  # a spaCy Token
Span = Any  # a spaCy Span

_KEY = re.compile(r"[^\W_]+|\S")


@dataclass(frozen=True, slots=True)
class Word:
    """A lower-cased word of a sentence: its token, character span, and whether it follows
    the previous word with no space between them."""

    text: str
    token: int
    start: int
    end: int
    glued: bool


def sentence_words(span: Span) -> list[Word]:
    """The words of a sentence span: its tokens, with ``_`` inside a token splitting it."""
    words: list[Word] = []
    previous_end = -1
    for token in span:
        if token.is_space:
            continue
        text = token.text
        start = token.idx
        if "_" in text.strip("_"):
            offset = 0
            for part in text.split("_"):
                if part:
                    begin = start + text.index(part, offset)
                    words.append(Word(part.lower(), token.i, begin, begin + len(part), False))
                    offset = begin - start + len(part)
        else:
            words.append(
                Word(text.lower(), token.i, start, start + len(text), start == previous_end)
            )
        previous_end = start + len(text)
    return words


def _key(word: str) -> str:
    """The index key of a word: its first run of letters and digits (else its first sign)."""
    found = _KEY.match(word)
    return found.group() if found else word


def match_phrase(words: list[Word], phrase: tuple[str, ...], at: int) -> int | None:
    """The word index after ``phrase`` when it starts at word ``at``, else None.

    A phrase word may span words written without a space between them ("barad-dur").
    """
    pos = at
    n = len(words)
    for wanted in phrase:
        if pos >= n:
            return None
        have = words[pos].text
        pos += 1
        while have != wanted:
            if (
                len(have) >= len(wanted)
                or not wanted.startswith(have)
                or pos >= n
                or not words[pos].glued
            ):
                return None
            have += words[pos].text
            pos += 1
    return pos


def match_phrase_ending(words: list[Word], phrase: tuple[str, ...], end: int) -> int | None:
    """The word index where ``phrase`` starts when it ends just before word ``end``."""
    letters = sum(len(w) for w in phrase)
    start = end - 1
    lowest = max(0, end - letters)
    while start >= lowest:
        if match_phrase(words, phrase, start) == end:
            return start
        start -= 1
    return None


class PhraseIndex:
    """Dictionary phrases by the key of their first word, for longest-match scans."""

    def __init__(self, entries: Iterable[tuple[tuple[str, ...], Any]]) -> None:
        self._by_key: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        for phrase, payload in entries:
            if phrase:
                self._by_key.setdefault(_key(phrase[0]), []).append((phrase, payload))

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def longest(self, words: list[Word], at: int) -> tuple[int, Any] | None:
        """(end, payload) of the longest phrase starting at word ``at``; the first on ties."""
        best: tuple[int, Any] | None = None
        for phrase, payload in self._by_key.get(_key(words[at].text), ()):
            end = match_phrase(words, phrase, at)
            if end is not None and (best is None or end > best[0]):
                best = (end, payload)
        return best
