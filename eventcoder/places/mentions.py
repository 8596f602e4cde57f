"""Place names found in a parsed sentence and what the sentence's syntax says about them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from eventcoder.places.gazetteer import Gazetteer, GazetteerEntry
from eventcoder.places.names import _HYPHENS, ARTICLE_WORDS, _words, fold
from eventcoder.places.words import (
    ADP,
    AUX,
    NOUN,
    PROPN,
    VERB,
    DocWords,
    WordIds,
    vocabulary_ids,
)
from eventcoder.types import EventCandidate, Place

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
POSSESSIVE_WORDS = frozenset({"'s", "’s"})
# The links from a trigger up to the verb whose place phrases are the event's own.
HEAD_DEPS = _words("dobj pobj prep nsubj nsubjpass attr oprd compound appos conj xcomp advcl acl")


def word_ids(strings: Any, country_words: Iterable[str]) -> WordIds:
    """The ids of a vocabulary's StringStore for what DocWords looks for."""
    return vocabulary_ids(strings, country_words, PLACE_ENTITIES, SKIP_ENTITIES, BORDER_WORDS)


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


def _make_border(m: _Mention, w: DocWords, last: int, codes: tuple[str, ...]) -> None:
    """Turn a mention into "the X(-Y) border", ending at the token `last`."""
    s, dep, head = w.strings, w.dep, w.head
    border = last
    while s[dep[border]] == "compound" and 0 < head[border] - border <= 2:
        border = head[border]
    m.border = codes
    m.end = last + 1
    m.text = w.span_text(m.start, last + 1)
    m.phrase = w.span_text(min(w.doc[border].left_edge.i, m.start), border + 1)
    located = _locative(w, border)
    m.link, m.near, m.owners = None, False, ()
    if located is not None:
        m.owners, m.near, m.link = (located[0],), located[1], located[2]


def _span_head(w: DocWords, i: int, end: int) -> int:
    """The token of a mention [i, end) whose head lies outside it."""
    head, dep = w.head, w.dep
    last = end - 1
    for k in range(i, end):
        if not i <= head[k] <= last or not dep[k]:  # no dependency: its own head
            return k
    return last


def _phrase(w: DocWords, head: int, i: int, end: int) -> str:
    """The words naming the place [i, end) headed by `head`: the noun phrase the name heads or
    modifies ("the Shalamcheh border crossing", "Basra province"), else the name itself."""
    s, dep, heads = w.strings, w.dep, w.head
    node = head
    while s[dep[node]] == "compound" and heads[node] > node and heads[node] - head <= 3:
        node = heads[node]
    start = min(w.doc[node].left_edge.i, i)
    if i - start > 4:
        start = i
    return w.span_text(start, max(node, end - 1) + 1)


def _name_part(w: DocWords, lo: int, hi: int, k: int, step: int) -> bool:
    """Whether the token at k, or past hyphens and Arabic articles ("Aita al-Shaab"), is a
    capitalised word of a longer name that a name found next to it belongs to (`lo`, `hi`:
    the sentence's bounds)."""
    s, lower, orth = w.strings, w.lower, w.orth
    article = False
    found = -1
    while lo <= k < hi:
        if s[lower[k]] in ARTICLE_WORDS:
            article = True
        elif s[orth[k]] not in _HYPHENS:
            found = k
            break
        k += step
    if found < 0 or (step > 0 and k != lo and s[orth[k - 1]] in _HYPHENS):
        return False
    if s[orth[k - step]] in _HYPHENS and not article:
        return False  # "Iraq-Iran": two names
    return w.pos[k] == PROPN and s[orth[k]][:1].isupper() and s[w.ent[k]] not in SKIP_ENTITIES


def _hint(w: DocWords, lo: int, hi: int, i: int, end: int) -> str | None:
    """What the words around a name [i, end) say it is (admin, district, city or site): the
    noun after it ("Basra province", "the Shalamcheh border crossing"; not one that begins the
    name of an institution, "Michigan Department of Health") or the lower-case noun before
    "of" ("the town of Saraqeb"; not "Department of Justice")."""
    word = hint_token(w, lo, hi, i, end)
    if word is None:
        return None
    return _hint_word(w.lemma_lower(word)) or _hint_word(w.strings[w.lower[word]])


def hint_token(w: DocWords, lo: int, hi: int, i: int, end: int) -> int | None:
    """The index of the place word beside a name (see _hint), or None."""
    s, lower, pos = w.strings, w.lower, w.pos
    for k in range(end, min(end + 2, hi)):
        if (pos[k] == NOUN or pos[k] == PROPN) and _hint_word(w.lemma_lower(k)):
            if k + 1 < hi and s[w.orth[k]][:1].isupper() and s[lower[k + 1]] == "of":
                return None
            return k
        if s[lower[k]] not in BORDER_WORDS:
            break
    if i - lo >= 2 and s[lower[i - 1]] == "of" and w.is_lower(i - 2):
        before = i - 2
        if _hint_word(s[lower[before]]) or _hint_word(w.lemma_lower(before)):
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


def _is_direction(w: DocWords, k: int) -> bool:
    return w.strings[w.lower[k]] in DIRECTION_WORDS or w.lemma_lower(k) in DIRECTION_WORDS


def _locative(w: DocWords, token: int, objects: bool = True) -> tuple[int, bool, str] | None:
    """Where a place phrase holding the token at `token` attaches: the index of the token it
    is attached to, whether it puts the event near the place rather than in it, and the link
    (the preposition, "of" for "north of X", or "object" for the direct object of a verb, when
    `objects`); None when the token is in no place phrase."""
    s, deps, heads = w.strings, w.dep, w.head
    node = token
    near = False
    for _ in range(8):
        if not deps[node]:
            return None  # no dependency: its own head
        head = heads[node]
        dep = s[deps[node]]
        if dep == "pobj":
            prep = s[w.lower[head]]
            if prep in LOCATIVE_PREPS:
                while s[deps[head]] == "conj" and s[deps[heads[head]]] == "prep":
                    head = heads[head]
                return heads[head], near or prep in NEAR_PREPS, prep
            if prep == "of" and deps[head]:
                if _is_direction(w, heads[head]):
                    near = True
                node = heads[head]
                continue
            return None
        if dep in ("advmod", "npadvmod") and _is_direction(w, node):
            return head, True, "of"
        if dep == "dobj" and objects and w.pos[head] == VERB:
            return head, near, "object"
        if dep in CLIMB_DEPS:
            node = head
            continue
        return None
    return None


def _heads(w: DocWords, trigger: int) -> list[int]:
    """The trigger, the verb governing it, and that verb's subject (token indices): the words
    whose place phrases are the event's own."""
    s, deps, pos = w.strings, w.dep, w.pos
    heads = [trigger]
    node = trigger
    for step in range(3):
        if step and (pos[node] == VERB or pos[node] == AUX):
            break
        if not deps[node] or s[deps[node]] not in HEAD_DEPS:
            break  # no dependency (its own head), or not one that leads to the event's verb
        node = w.head[node]
        if s[deps[node]] != "prep" or pos[node] != ADP:
            heads.append(node)
    verb = heads[-1]
    if pos[verb] == VERB or pos[verb] == AUX:
        subject = next(
            (c.i for c in w.doc[verb].children if c.dep_ in {"nsubj", "nsubjpass"}), None
        )
        doc = w.doc
        if subject is not None and doc[subject].idx not in {doc[h].idx for h in heads}:
            heads.append(subject)
    return heads


def _trigger_token(span: Span, cand: EventCandidate) -> int | None:
    """The index of the trigger's root token."""
    chars = span.doc.char_span(cand.trigger.start, cand.trigger.end, alignment_mode="expand")
    return int(chars.root.i) if chars is not None and len(chars) else None


def _actor_tokens(span: Span, cand: EventCandidate) -> set[int]:
    taken: set[int] = set()
    for actor in (cand.actor, cand.target):
        if actor is None:
            continue
        chars = span.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if chars is not None:
            taken.update(range(chars.start, chars.end))
    return taken


def combine(gaz: Gazetteer, mentions: list[_Mention], w: DocWords) -> None:
    """Qualifiers ("Kabul, Afghanistan", "Syria's Idlib") and borders ("Iraq-Iran border")."""
    s, lower = w.strings, w.lower
    kinds = gaz._kinds
    for k, (a, b) in enumerate(zip(mentions, mentions[1:], strict=False)):
        between = [s[lower[x]] for x in range(a.end, b.start)] if b.start - a.end <= 2 else []
        top_b = b.candidates[0] >> 1
        if (
            between in ([","], [",", "the"])
            and (kinds[top_b] <= 1 or any(kinds[c >> 1] <= 1 for c in b.candidates))
            and any(kinds[c >> 1] > 1 for c in a.candidates)
            and not _listed(w, mentions, k + 1)
        ):
            a.qualifier, b.is_qualifier, b.qualifies = b, True, a
            a.phrase = f"{a.phrase}, {b.text}"
        elif len(between) == 1 and between[0] in POSSESSIVE_WORDS and is_country(gaz, a):
            b.qualifier, a.is_qualifier, a.qualifies = a, True, b
    n = len(lower)
    for k, m in enumerate(mentions):
        if m.is_qualifier or not is_country(gaz, m) or m.border:
            continue
        names = [m]
        if (
            m.end < n
            and s[w.orth[m.end]] in _HYPHENS
            and k + 1 < len(mentions)
            and mentions[k + 1].start == m.end + 1
            and is_country(gaz, mentions[k + 1])
        ):
            names.append(mentions[k + 1])
            last = mentions[k + 1].end
        else:
            last = m.end
        if last < n and s[lower[last]] in BORDER_WORDS:
            codes = tuple(
                gaz._countries[next(c >> 1 for c in x.candidates if kinds[c >> 1] == 0)]
                for x in names
            )
            _make_border(m, w, last, codes)
            for other in names[1:]:
                other.is_qualifier = True


def _listed(w: DocWords, mentions: list[_Mention], k: int) -> bool:
    """Whether the k-th name goes on a list ("Texas, Ohio, and Iowa"): another name follows
    it after a comma or "and"."""
    if k + 1 >= len(mentions) or mentions[k + 1].start - mentions[k].end > 2:
        return False
    s, lower = w.strings, w.lower
    between = [s[lower[x]] for x in range(mentions[k].end, mentions[k + 1].start)]
    return between in ([","], ["and"], [",", "and"], ["or"], [",", "or"])


def is_country(gaz: Gazetteer, m: _Mention) -> bool:
    kinds = gaz._kinds
    return any(kinds[c >> 1] == 0 for c in m.candidates) and (
        m.entry is None or kinds[m.entry] == 0
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
    candidates = gaz.candidates(fold(place))
    if not candidates:
        return None, -1
    mention = _Mention(-1, -1, -1, place, candidates, dateline=True, phrase=place)
    mention.chars, mention.evidence = match.span("place"), "dateline"
    qualifier = match.group("qualifier")
    if qualifier:
        q = gaz.candidates(fold(qualifier))
        if q:
            mention.qualifier = _Mention(-1, -1, -1, qualifier, q, is_qualifier=True)
            mention.qualifier.chars = match.span("qualifier")
            mention.qualifier.evidence = "dateline"
            mention.phrase = f"{place}, {qualifier}"
    return mention, match.end()


def demonym_borders(
    country_words: Mapping[str, str],
    w: DocWords,
    lo: int,
    found: list[_Mention],
    sentence: int,
    borders: Iterable[int],
) -> Iterator[_Mention]:
    """ "The Lebanese border", "the Syria border": a border of one country (`borders`: the
    indices of border words in the sentence starting at `lo`)."""
    s = w.strings
    taken = {i for m in found for i in range(m.start, m.end)}
    for k in borders:
        if k == lo or k in taken:
            continue
        before = k - 1
        country = country_words.get(s[w.lower[before]])
        text = s[w.orth[before]]
        if country is None or before in taken or not text[:1].isupper():
            continue
        m = _Mention(sentence, before, before + 1, text, ())
        _make_border(m, w, k, (country,))
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
