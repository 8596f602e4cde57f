"""Finding the lexicon's names in a sentence: per-token arrays, NameMention, find_names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, ENT_TYPE, IS_TITLE, IS_UPPER, LEMMA, LOWER, ORTH, POS
from spacy.strings import hash_string  # type: ignore[attr-defined]

from eventcoder.actors.lexicon import ActorLexicon, NameEntry

Token = Any  # a spaCy Token
Span = Any  # a spaCy Span

LONGER_NAME_TYPES = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART"})
# What ends a dateline: "KABUL (AP) --", "TIRANA, Albania --", "Nairobi:".
DATELINE_MARKS = frozenset({"--", "—", "–", ":", "-"})
DATELINE_WORDS = 12


# Doc.user_data key of the children read so far, by token index, while a coder codes the
# document (the rule coder sets it): a Token's children are read anew at every access.
CHILDREN = "eventcoder.rules.children"


def children_of(token: Token) -> tuple[Token, ...]:
    """The token's children (read once per document while a coder codes it)."""
    memo = token.doc.user_data.get(CHILDREN)
    if memo is None:
        return tuple(token.children)
    found: tuple[Token, ...] | None = memo.get(token.i)
    if found is None:
        found = memo[token.i] = tuple(token.children)
    return found


@dataclass(frozen=True)
class DocArrays:
    """Per-token attributes of a parsed document as plain ints, read once (spaCy's
    `to_array`), so that scans over every token create no Token objects."""

    lemma: list[int]
    pos: list[int]
    ent_type: list[int]
    capital: list[bool]  # the token starts with a capital letter (title or upper case)
    comma: list[bool]
    lower: list[int]
    dep: list[int]

    @classmethod
    def of(cls, doc: Any) -> DocArrays:
        rows = doc.to_array([LEMMA, POS, ENT_TYPE, IS_TITLE, IS_UPPER, ORTH, LOWER, DEP])
        if rows.ndim == 1:  # a one-token document
            rows = rows.reshape(1, -1)
        columns = rows.T
        return cls(
            columns[0].tolist(),
            columns[1].tolist(),
            columns[2].tolist(),
            ((columns[3] + columns[4]) > 0).tolist(),
            (columns[5] == hash_string(",")).tolist(),
            columns[6].tolist(),
            columns[7].tolist(),
        )


@dataclass(frozen=True)
class NameMention:
    """A lexicon name found in a sentence: token range [start, end) and what it means, with
    its text and character offsets, and whether its last word is an adjective (a demonym)."""

    start: int
    end: int
    entry: NameEntry
    text: str
    start_char: int
    end_char: int
    adjective: bool


def find_names(
    span: Span,
    lexicon: ActorLexicon,
    tokens: list[Token] | None = None,
    arrays: DocArrays | None = None,
) -> dict[int, NameMention]:
    """Every lexicon name in the span (longest match first) after its dateline, keyed by each
    covered token index. `tokens` (the span's tokens) or `arrays` (the document's) save
    reading the tokens again."""
    doc = span.doc
    found: dict[int, NameMention] = {}
    read: dict[int, Token] = {}
    texts: dict[int, str] = {}

    def text(k: int) -> str:
        if k not in texts:
            read[k] = doc[k]
            texts[k] = read[k].text
        return texts[k]

    if arrays is not None:  # capitalised words that can start a name
        capital, lower, firsts = arrays.capital, arrays.lower, lexicon.first_hashes
        starts: list[int] = [
            k for k in range(span.start, span.end) if capital[k] and lower[k] in firsts
        ]
    else:
        for tok in tokens if tokens is not None else span:
            read[tok.i] = tok
            texts[tok.i] = tok.text
        starts = list(range(span.start, span.end))
    # a dateline's place is no actor (a dateline ends within its first DATELINE_WORDS words)
    covered = span.start
    if starts and starts[0] < span.start + DATELINE_WORDS:
        covered = dateline_end(span)
    for i in starts:
        if i < covered or not text(i)[:1].isupper():  # names start with a capital
            continue
        match = _match_at(text, i, span.end, lexicon)
        if match is None:
            continue
        length, entry = match
        if entry.kind in {"name", "capital"}:
            longer = _inside_longer_name(doc, i, i + length)
            if longer == "PERSON" and length == 1:
                continue  # a surname, not the country or its capital
            if longer is not None and entry.kind == "capital" and entry.country:
                # "Tehran University" locates in Iran, but is not its government
                entry = NameEntry(entry.country, entry.country, "name", entry.sovereign)
        last = read[i + length - 1]  # _match_at read every word of the name
        words = "".join(read[k].text_with_ws for k in range(i, i + length - 1)) + last.text
        end_char = last.idx + len(last.text)
        mention = NameMention(
            i, i + length, entry, words, read[i].idx, end_char, last.pos_ == "ADJ"
        )
        for k in range(i, i + length):
            found[k] = mention
        covered = i + length
    return found


def dateline_end(span: Span) -> int:
    """The token index after a sentence's dateline (the place and agency a wire story starts
    with: "KABUL (AP) -- ...", "TIRANA, Albania (AP) -- ...", "Nairobi: ..."), else the
    sentence's start. A dateline names where the story was filed, no actor: its first word is
    in capitals, or a one- or two-word place is followed at once by a dash or a colon; every
    word before the dash is capitalised, a number or punctuation."""
    doc = span.doc
    start: int = span.start
    first = doc[start].text
    upper = len(first) > 2 and first.isupper() and first.isalpha()
    for k in range(start + 1, min(span.end - 1, start + DATELINE_WORDS)):
        word = doc[k].text
        if word not in DATELINE_MARKS:
            if not (word[:1].isupper() or word.isdigit() or doc[k].is_punct):
                return start
            continue
        if word == "-" and not doc[k - 1].whitespace_:
            return start  # a hyphen inside a word ("multi-pronged")
        if upper or (k - start <= 2 and word != "-" and doc[start].pos_ == "PROPN"):
            return k + 1
        return start
    return start


def _inside_longer_name(doc: Any, start: int, end: int) -> str | None:
    """The kind of longer entity a name is part of: PERSON for a surname such as "Marco Tulio
    Lima", ORG etc. for "The Washington Post" or "Tehran University"; None when it stands alone
    (a possessive "'s" or punctuation after it does not make it longer)."""
    first = doc[start]
    if first.ent_type_ not in LONGER_NAME_TYPES:
        return None
    before = first.ent_iob_ == "I"
    after = end < len(doc) and doc[end].ent_iob_ == "I" and not _possessive_or_punct(doc[end])
    return first.ent_type_ if before or after else None


def _possessive_or_punct(token: Token) -> bool:
    return bool(token.tag_ == "POS" or token.is_punct)


def _match_at(
    text: Callable[[int], str], i: int, end: int, lexicon: ActorLexicon
) -> tuple[int, NameEntry] | None:
    lengths = lexicon.first_tokens.get(text(i).lower())
    if lengths is None:
        return None
    words: list[str] = []  # the words from i on, read as far as a length needs
    lowers: list[str] = []
    for length in lengths:
        if i + length > end:
            continue
        while len(words) < length:
            words.append(text(i + len(words)))
            lowers.append(words[-1].lower())
        key = tuple(lowers[:length])
        entry = lexicon.names.get(key)
        if entry is None:
            continue
        if key in lexicon.exact_case and not all(w.isupper() for w in words[:length]):
            continue
        return length, entry
    return None
