"""Place names found in a parsed sentence and what the sentence's syntax says about them."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventcoder.places.gazetteer import Gazetteer, GazetteerEntry
from eventcoder.places.names import _HYPHENS, ARTICLE_WORDS, _words, fold
from eventcoder.types import EventCandidate, Place

Token = Any  # a spaCy Token
Span = Any  # a spaCy Span

# Prepositions whose object is where something happens ("from" and "to" are not: "rockets
# fired from Lebanon", "ambassador to Iraq").
LOCATIVE_PREPS = _words(
    "in on at near across outside inside along around into over throughout within off",
    "through onto beside nearby alongside toward towards upon against",
)
NEAR_PREPS = frozenset(
    {"near", "outside", "around", "off", "nearby", "beside", "toward", "towards"}
)
# Words that put an event near a place or in part of it: precision 2.
DIRECTION_WORDS = _words(
    "north south east west northeast northwest southeast southwest outskirts vicinity",
    "edge edges suburb suburbs periphery countryside environs outside near",
)
CLIMB_DEPS = frozenset({"compound", "amod", "nmod", "appos", "conj", "poss", "npadvmod", "nummod"})
ADMIN_HINTS = _words(
    "province governorate state oblast prefecture department county wilaya region",
    "emirate territory krai",
)
DISTRICT_HINTS = frozenset({"district", "area", "countryside", "outskirts", "suburbs", "valley"})
CITY_HINTS = frozenset({"city", "town", "village", "municipality", "neighbourhood", "neighborhood"})
SITE_HINTS = _words(
    "camp crossing base airbase airport airfield checkpoint bridge port hospital",
    "prison refinery dam plant garrison",
)
BORDER_WORDS = frozenset({"border", "frontier", "boundary"})
# Entity labels that never name a place (numbers, dates); adjectives ("Iraqi") are skipped
# as well. Names labelled otherwise are places only with some evidence (a place phrase or
# word), since the small model labels unusual place names ORG, PERSON, LAW ...
SKIP_ENTITIES = _words("DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL")
OTHER_NAMES = _words("ORG PERSON NORP LAW WORK_OF_ART PRODUCT EVENT FAC")
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


def _token_key(text: str) -> str | None:
    """A token as part of an index key: "" for a joining hyphen, None for other punctuation."""
    if text in _HYPHENS:
        return ""
    key = _fold_token(text)
    return key or None


@functools.lru_cache(maxsize=1 << 16)
def _fold_token(text: str) -> str:
    return fold(text)


@dataclass(frozen=True)
class WordIds:
    """The ids a spaCy vocabulary gives the labels and words that finding places looks for."""

    propn: int
    place: frozenset[int]  # PLACE_ENTITIES
    skip: frozenset[int]  # SKIP_ENTITIES
    borders: frozenset[int]  # BORDER_WORDS
    countries: frozenset[int]  # words standing for a country (lower case)


def word_ids(strings: Any, country_words: Iterable[str]) -> WordIds:
    """The ids of a vocabulary's StringStore for what DocWords looks for."""
    return WordIds(
        strings["PROPN"],
        frozenset(strings[w] for w in PLACE_ENTITIES),
        frozenset(strings[w] for w in SKIP_ENTITIES),
        frozenset(strings[w] for w in BORDER_WORDS),
        frozenset(strings[w] for w in country_words),
    )


@dataclass(frozen=True)
class LowerWords:
    """The alphabetic words a document writes in lower case, by their vocabulary ids."""

    strings: Any  # the vocabulary's StringStore
    ids: frozenset[int]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.strings[word] in self.ids


@dataclass(frozen=True)
class DocWords:
    """Where, in a parsed document, place names may start (proper nouns and place entities,
    not numbers or dates) and border words stand (doc token indices, in order), and the
    alphabetic words it writes in lower case: read at once from the Doc's arrays rather than
    token by token."""

    starts: tuple[int, ...]
    borders: tuple[int, ...]
    lowers: LowerWords

    @staticmethod
    def of(doc: Any, ids: WordIds) -> DocWords:
        strings = doc.vocab.strings
        if not len(doc):
            return DocWords((), (), LowerWords(strings, frozenset()))
        columns = doc.to_array(["POS", "ENT_TYPE", "LOWER", "IS_ALPHA", "IS_LOWER"])
        ent, lower = columns[:, 1], columns[:, 2]
        may = columns[:, 0] == ids.propn
        for label in ids.place:
            may |= ent == label
        for label in ids.skip:
            may &= ent != label
        border = lower != lower
        for word in ids.borders:
            border |= lower == word
        lowered = lower[(columns[:, 3] & columns[:, 4]) == 1]
        return DocWords(
            tuple(may.nonzero()[0].tolist()),
            tuple(border.nonzero()[0].tolist()),
            LowerWords(strings, frozenset(lowered.tolist())),
        )

    @staticmethod
    def within(positions: tuple[int, ...], span: Span) -> tuple[int, ...]:
        """The positions inside a span."""
        return positions[bisect_left(positions, span.start) : bisect_left(positions, span.end)]


def country_word_positions(doc: Any, ids: WordIds) -> tuple[int, ...]:
    """The indices of a Doc's words that stand for a country (lower case)."""
    if not len(doc):
        return ()
    countries = ids.countries
    return tuple(k for k, w in enumerate(doc.to_array("LOWER").tolist()) if w in countries)


@dataclass
class _Mention:
    """A gazetteer name found in a sentence, with what its syntax says about it."""

    sentence: int
    start: int  # doc token indices [start, end)
    end: int
    text: str
    candidates: tuple[int, ...]
    hint: str | None = None
    entity: bool = False
    border: tuple[str, ...] = ()
    link: str | None = None  # the preposition, "of" or "object" linking it to its owner
    near: bool = False
    owners: tuple[int, ...] = ()
    phrase: str = ""
    qualifier: _Mention | None = None
    is_qualifier: bool = False
    qualifies: _Mention | None = None  # the name this one qualifies ("Georgia" of "Atlanta")
    dateline: bool = False
    entry: int | None = None
    first_score: float = 0.0
    evidence: str = ""  # what makes the words a place
    why: str = ""  # how the entry was chosen among the candidates
    chars: tuple[int, int] | None = None  # character offsets where there are no tokens

    @property
    def resolved(self) -> bool:
        return self.entry is not None or bool(self.border)

    def copy(self) -> _Mention:
        """A shallow copy (qualifier links still point to the originals)."""
        new = object.__new__(_Mention)
        new.__dict__.update(self.__dict__)
        return new


def copy_mentions(
    by_sentence: Mapping[int, list[_Mention]], dateline: _Mention | None
) -> tuple[dict[int, list[_Mention]], _Mention | None]:
    """Copies of a document's mentions, linked to one another as the originals are."""
    copies: dict[int, _Mention] = {}

    def copy(m: _Mention) -> _Mention:
        new = copies.get(id(m))
        if new is None:
            new = copies[id(m)] = m.copy()
            if m.qualifier is not None:
                new.qualifier = copy(m.qualifier)
            if m.qualifies is not None:
                new.qualifies = copy(m.qualifies)
        return new

    out = {index: [copy(m) for m in found] for index, found in by_sentence.items()}
    return out, (copy(dateline) if dateline is not None else None)


def _make_border(m: _Mention, doc: Any, last: int, codes: tuple[str, ...]) -> None:
    """Turn a mention into "the X(-Y) border", ending at the token `last`."""
    border = doc[last]
    while border.dep_ == "compound" and 0 < border.head.i - border.i <= 2:
        border = border.head
    m.border = codes
    m.end = last + 1
    m.text = doc[m.start : last + 1].text
    m.phrase = doc[min(border.left_edge.i, m.start) : border.i + 1].text
    located = _locative(border)
    m.link, m.near, m.owners = None, False, ()
    if located is not None:
        m.owners, m.near, m.link = (located[0].i,), located[1], located[2]


def _span_head(words: Sequence[Token]) -> Token:
    """The token of a mention whose head lies outside it."""
    first, last = words[0].i, words[-1].i
    for t in words:
        if not first <= t.head.i <= last or t.head is t:
            return t
    return words[-1]


def _text(words: Sequence[Token]) -> str:
    doc = words[0].doc
    return str(doc[words[0].i : words[-1].i + 1].text)


def _phrase(head: Token, words: Sequence[Token]) -> str:
    """The words naming the place: the noun phrase the name heads or modifies ("the
    Shalamcheh border crossing", "Basra province"), else the name itself."""
    node = head
    while node.dep_ == "compound" and node.head.i > node.i and node.head.i - head.i <= 3:
        node = node.head
    doc = node.doc
    start = min(node.left_edge.i, words[0].i)
    if words[0].i - start > 4:
        start = words[0].i
    return str(doc[start : max(node.i, words[-1].i) + 1].text)


def _name_part(tokens: Sequence[Token], k: int, step: int) -> bool:
    """Whether the token at k, or past hyphens and Arabic articles ("Aita al-Shaab"), is a
    capitalised word of a longer name that a name found next to it belongs to."""
    n = len(tokens)
    article = False
    t = None
    while 0 <= k < n:
        t = tokens[k]
        if t.lower_ in ARTICLE_WORDS:
            article = True
        elif t.text not in _HYPHENS:
            break
        k += step
        t = None
    if t is None or (step > 0 and k != 0 and tokens[k - 1].text in _HYPHENS):
        return False
    if tokens[k - step].text in _HYPHENS and not article:
        return False  # "Iraq-Iran": two names
    return t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ not in SKIP_ENTITIES


def _hint(tokens: Sequence[Token], i: int, end: int) -> str | None:
    """What the words around a name say it is (admin, district, city or site): the noun
    after it ("Basra province", "the Shalamcheh border crossing"; not one that begins the name
    of an institution, "Michigan Department of Health") or the lower-case noun before "of"
    ("the town of Saraqeb"; not "Department of Justice")."""
    word = hint_token(tokens, i, end)
    return None if word is None else _hint_word(word.lemma_.lower()) or _hint_word(word.lower_)


def hint_token(tokens: Sequence[Token], i: int, end: int) -> Token | None:
    """The place word beside a name (see _hint), or None."""
    for k in range(end, min(end + 2, len(tokens))):
        t = tokens[k]
        if t.pos_ in {"NOUN", "PROPN"} and _hint_word(t.lemma_.lower()):
            after = tokens[k + 1] if k + 1 < len(tokens) else None
            if t.text[:1].isupper() and after is not None and after.lower_ == "of":
                return None
            return t
        if t.lower_ not in BORDER_WORDS:
            break
    if i >= 2 and tokens[i - 1].lower_ == "of" and tokens[i - 2].is_lower:
        before = tokens[i - 2]
        if _hint_word(before.lower_) or _hint_word(before.lemma_.lower()):
            return before
    return None


def _hint_word(lemma: str) -> str | None:
    if lemma in ADMIN_HINTS:
        return "admin"
    if lemma in DISTRICT_HINTS:
        return "district"
    if lemma in CITY_HINTS:
        return "city"
    if lemma in SITE_HINTS:
        return "site"
    return None


def _is_direction(token: Token) -> bool:
    return token.lower_ in DIRECTION_WORDS or token.lemma_.lower() in DIRECTION_WORDS


def _locative(token: Token, objects: bool = True) -> tuple[Token, bool, str] | None:
    """Where a place phrase holding `token` attaches: the token it is attached to, whether it
    puts the event near the place rather than in it, and the link (the preposition, "of" for
    "north of X", or "object" for the direct object of a verb, when `objects`); None when
    `token` is in no place phrase."""
    node = token
    near = False
    for _ in range(8):
        head = node.head
        if head is node:
            return None
        dep = node.dep_
        if dep == "pobj":
            prep = head.lower_
            if prep in LOCATIVE_PREPS:
                while head.dep_ == "conj" and head.head.dep_ == "prep" and head.head is not head:
                    head = head.head
                return head.head, near or prep in NEAR_PREPS, prep
            if prep == "of" and head.head is not head:
                if _is_direction(head.head):
                    near = True
                node = head.head
                continue
            return None
        if _is_direction(node) and dep in {"advmod", "npadvmod"}:
            return head, True, "of"
        if dep == "dobj" and objects and head.pos_ == "VERB":
            return head, near, "object"
        if dep in CLIMB_DEPS:
            node = head
            continue
        return None
    return None


def _heads(trigger: Token) -> list[Token]:
    """The trigger, the verb governing it, and that verb's subject: the words whose place
    phrases are the event's own."""
    heads = [trigger]
    node = trigger
    for _ in range(3):
        if node.pos_ in {"VERB", "AUX"} and node is not trigger:
            break
        if node.head is node or node.dep_ not in {
            "dobj",
            "pobj",
            "prep",
            "nsubj",
            "nsubjpass",
            "attr",
            "oprd",
            "compound",
            "appos",
            "conj",
            "xcomp",
            "advcl",
            "acl",
        }:
            break
        node = node.head
        if node.dep_ != "prep" or node.pos_ != "ADP":
            heads.append(node)
    verb = heads[-1]
    if verb.pos_ in {"VERB", "AUX"}:
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject not in heads:
            heads.append(subject)
    return heads


def _trigger_token(span: Span, cand: EventCandidate) -> Token | None:
    chars = span.doc.char_span(cand.trigger.start, cand.trigger.end, alignment_mode="expand")
    return chars.root if chars is not None and len(chars) else None


def _actor_tokens(span: Span, cand: EventCandidate) -> set[int]:
    taken: set[int] = set()
    for actor in (cand.actor, cand.target):
        if actor is None:
            continue
        chars = span.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if chars is not None:
            taken.update(range(chars.start, chars.end))
    return taken


def combine(gaz: Gazetteer, mentions: list[_Mention], span: Span) -> None:
    """Qualifiers ("Kabul, Afghanistan", "Syria's Idlib") and borders ("Iraq-Iran border")."""
    doc = span.doc
    for k, (a, b) in enumerate(zip(mentions, mentions[1:], strict=False)):
        between: Any = doc[a.end : b.start] if b.start - a.end <= 2 else ()
        top_b = b.candidates[0] >> 1
        if (
            [t.lower_ for t in between] in ([","], [",", "the"])
            and (gaz._kinds[top_b] <= 1 or any(gaz._kinds[c >> 1] <= 1 for c in b.candidates))
            and any(gaz._kinds[c >> 1] > 1 for c in a.candidates)
            and not _listed(doc, mentions, k + 1)
        ):
            a.qualifier, b.is_qualifier, b.qualifies = b, True, a
            a.phrase = f"{a.phrase}, {b.text}"
        elif len(between) == 1 and between[0].lower_ in {"'s", "’s"} and is_country(gaz, a):
            b.qualifier, a.is_qualifier, a.qualifies = a, True, b
    for k, m in enumerate(mentions):
        if m.is_qualifier or not is_country(gaz, m) or m.border:
            continue
        after = doc[m.end] if m.end < len(doc) else None
        names = [m]
        if (
            after is not None
            and after.text in _HYPHENS
            and k + 1 < len(mentions)
            and mentions[k + 1].start == m.end + 1
            and is_country(gaz, mentions[k + 1])
        ):
            names.append(mentions[k + 1])
            last = mentions[k + 1].end
        else:
            last = m.end
        if last < len(doc) and doc[last].lower_ in BORDER_WORDS:
            codes = tuple(
                gaz._countries[next(c >> 1 for c in x.candidates if gaz._kinds[c >> 1] == 0)]
                for x in names
            )
            _make_border(m, doc, last, codes)
            for other in names[1:]:
                other.is_qualifier = True


def _listed(doc: Any, mentions: list[_Mention], k: int) -> bool:
    """Whether the k-th name goes on a list ("Texas, Ohio, and Iowa"): another name follows
    it after a comma or "and"."""
    if k + 1 >= len(mentions) or mentions[k + 1].start - mentions[k].end > 2:
        return False
    between = [t.lower_ for t in doc[mentions[k].end : mentions[k + 1].start]]
    return between in ([","], ["and"], [",", "and"], ["or"], [",", "or"])


def is_country(gaz: Gazetteer, m: _Mention) -> bool:
    return any(gaz._kinds[c >> 1] == 0 for c in m.candidates) and (
        m.entry is None or gaz._kinds[m.entry] == 0
    )


# "BAGHDAD (Reuters) -", "KABUL, Afghanistan —", "GAZA CITY, Dec 5 (Reuters) -".
DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,\s*(?P<qualifier>[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,3}))?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:-{1,2}|–|—)\s"
)


def dateline_mention(gaz: Gazetteer, text: str) -> tuple[_Mention | None, int]:
    """The dateline's place ("KABUL, Afghanistan —") and where the dateline ends."""
    match = DATELINE.match(text)
    if match is None:
        return None, -1
    place = match.group("place")
    candidates = gaz._candidates(fold(place))
    if not candidates:
        return None, -1
    mention = _Mention(-1, -1, -1, place, candidates, dateline=True, phrase=place)
    mention.chars, mention.evidence = match.span("place"), "dateline"
    qualifier = match.group("qualifier")
    if qualifier:
        q = gaz._candidates(fold(qualifier))
        if q:
            mention.qualifier = _Mention(-1, -1, -1, qualifier, q, is_qualifier=True)
            mention.qualifier.chars = match.span("qualifier")
            mention.qualifier.evidence = "dateline"
            mention.phrase = f"{place}, {qualifier}"
    return mention, match.end()


def demonym_borders(
    country_words: Mapping[str, str],
    tokens: Sequence[Token],
    found: list[_Mention],
    sentence: int,
    borders: Iterable[int],
) -> Iterator[_Mention]:
    """ "The Lebanese border", "the Syria border": a border of one country (`borders`: the
    positions in `tokens` of border words)."""
    taken = {i for m in found for i in range(m.start, m.end)}
    for k in borders:
        t = tokens[k]
        if k == 0 or t.i in taken:
            continue
        before = tokens[k - 1]
        country = country_words.get(before.lower_)
        if country is None or before.i in taken or not before.text[:1].isupper():
            continue
        m = _Mention(sentence, before.i, before.i + 1, before.text, ())
        _make_border(m, t.doc, t.i, (country,))
        yield m


def to_place(entry: GazetteerEntry, text: str, precision: int, *, centre: bool = False) -> Place:
    """A gazetteer entry as a Place (at its centre, for a mention of the feature itself)."""
    point = entry.centre if centre else None
    lat, lon = point if point is not None else (entry.latitude, entry.longitude)
    return Place(
        text=text,
        name=entry.name,
        country=entry.country,
        admin1=entry.admin1 if entry.kind != "country" else None,
        latitude=lat,
        longitude=lon,
        geonames_id=entry.geonames_id,
        precision=precision,
        feature=entry.kind,
    )
