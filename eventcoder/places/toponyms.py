"""What makes capitalised words a place: the evidence a name needs (precision first), acronyms,
common words, and demonyms standing for their country; and the names of a sentence that are
places (find_names)."""

from __future__ import annotations

import re
from collections.abc import Container, Mapping, Sequence
from typing import Any

from eventcoder.places.gazetteer import Gazetteer
from eventcoder.places.kinds import ADMIN1, COUNTRY, REGION
from eventcoder.places.mentions import (
    PLACE_ENTITIES,
    SKIP_ENTITIES,
    DocWords,
    Span,
    _hint,
    _locative,
    _Mention,
    _name_part,
    _phrase,
    _span_head,
    _text,
    _token_key,
    combine,
    demonym_borders,
    hint_token,
)
from eventcoder.places.names import _words, fold

Token = Any  # a spaCy Token

# Entity labels that name something other than a place: a name so labelled by the model is a
# place only with a place word beside it ("Victoria state") or a qualifier ("Victoria, Australia").
NOT_PLACE_ENTITIES = _words("PERSON ORG NORP LAW WORK_OF_ART PRODUCT EVENT LANGUAGE")
# Capitalised words of news that are also GeoNames names somewhere (titles, institutions,
# directions, virtues that towns are named after): places only with strong evidence.
COMMON_WORDS = _words(
    "national federal central university college school church police court hospital army",
    "navy union republic state states city county mission justice free green white black red",
    "blue north south east west northern southern eastern western united new great grand royal",
    "saint mount lake river island bay park street road valley hill beach harbor harbour port",
    "station district region province territory capital security health liberty independence",
    "victory unity hope faith providence progress enterprise commerce industry president",
    "minister general governor mayor chief senator king queen prince princess lord sir god",
    "christ jesus allah marine force sheriff council ministry department office agency centre",
    "center institute foundation trust bank company group party front movement alliance league",
    "world global international mission media press news times post herald star sun daily",
    "good best young old little big long short high low middle upper lower summit",
    "virus fever flu disease health care life love peace war pacific atlantic occidental",
    "oriental valley delta midland highland lowland coast border",
)
# Words after a name that make it the name of something else: diseases and strains named after
# a place ("Marburg virus", "Lassa fever"), and such.
NAMED_AFTER_WORDS = _words(
    "virus viruses fever disease flu influenza syndrome strain strains vaccine variant",
    "encephalitis ebolavirus bacterium bacteria agent",
)
# Places this large are found under their other names too; smaller ones only under their own.
WEAK_NAME_POPULATION = 100_000
# Alternate-name matches of small places, outside place phrases and place entities, are
# too often other words ("Taliban" is an alternate name of a Turkish village).
WEAK_POPULATION = 100_000
POSSESSIVES = frozenset({"'s", "’s"})
# Marks before a name that make it part of a currency ("$US", "A$").
CURRENCY_MARKS = frozenset({"$", "US$", "A$", "C$", "€", "£", "¥"})
# Acronyms the gazetteer may take: at most this many letters, dots aside ("U.S.", "UAE").
ACRONYM_LETTERS = 5
_ACRONYM = re.compile(rf"(?:[A-Z]\.?){{2,{ACRONYM_LETTERS}}}")


def is_acronym(words: Sequence[Token]) -> bool:
    """Whether the words are an all-capital acronym ("DRC", "U.S.", "NSW")."""
    text = "".join(t.text for t in words)
    return _ACRONYM.fullmatch(text) is not None


def is_common_word(words: Sequence[Token], lower_words: Container[str]) -> bool:
    """Whether a one-word name is also an ordinary English word: one of COMMON_WORDS, or a word
    the document itself writes in lower case ("police", "turkey")."""
    if len(words) != 1:
        return False
    key = words[0].lower_
    return key in COMMON_WORDS or key in lower_words


KNOWN_KINDS = frozenset({COUNTRY, ADMIN1, REGION})
# Weak evidence (a name the model labels a person or organisation, in a place phrase; a place
# entity found only under another name of a small place): such a name is kept only if it
# resolves to a country the document names, or to a sizeable city under its own name.
CONTEXT_EVIDENCE = "in a country the document names:"


def toponym_evidence(
    gaz: Gazetteer,
    tokens: Sequence[Token],
    words: Sequence[Token],
    end: int,
    found: tuple[int, ...],
    hint: str | None,
    entity: bool,
    link: str | None,
    strong: bool,
    lowers: Container[str],
) -> str | None:
    """What makes the words a place, or None: a place word beside them, a qualifier after
    them, a place entity, a known country, division or region name, or a place phrase; never
    a name the model labels a person or organisation, nor an ordinary word, without a place
    word or qualifier."""
    common = is_common_word(words, lowers)
    if hint and (not common or _lower_hint(tokens, words[0].i - tokens[0].i, end)):
        return f"place word ({hint})"
    if _qualified(gaz, tokens, end) and not common:
        return "followed by its country or division"
    labels = {t.ent_type_ for t in words if t.ent_type_}
    known = any(gaz._kinds[c >> 1] in KNOWN_KINDS or _own(gaz, c) for c in found)
    countries = any(gaz._kinds[c >> 1] == COUNTRY for c in found)
    phrase = link not in {None, "object"}
    if all(t.ent_type_ in NOT_PLACE_ENTITIES for t in words):
        if common:
            return None
        if known and "PERSON" not in labels and _whole_entity(words):
            return "known name (labelled otherwise by the model)"
        if countries and "PERSON" not in labels and _starts_entity(words):
            return "country named in a name"
        if phrase and strong:
            return f"{CONTEXT_EVIDENCE} place phrase ({link}) of a name labelled otherwise"
        return None
    if entity:
        label = next(t.ent_type_ for t in words if t.ent_type_ in PLACE_ENTITIES)
        if common and not known:
            return None
        if not _named_as_such(gaz, found):
            return f"{CONTEXT_EVIDENCE} {label} entity, another name of a small place"
        return f"{label} entity"
    if _name_part(tokens, end, 1) and not _starts_entity(words):
        return None
    if known and not common:
        return "known country, division or region name"
    if phrase and strong and not common:
        return f"place phrase ({link})"
    return None


def _qualified(gaz: Gazetteer, tokens: Sequence[Token], end: int) -> bool:
    """Whether the name is followed by ", Country" or ", Division" ("Tripoli, Lebanon")."""
    if end + 1 >= len(tokens) or tokens[end].text != ",":
        return False
    nxt = tokens[end + 1]
    if not nxt.text[:1].isupper():
        return False
    key = _token_key(nxt.text) or ""
    for k in (end + 2, end + 3):
        cands = gaz._candidates(key)
        if any(gaz._kinds[c >> 1] in KNOWN_KINDS for c in cands):
            return True
        if k >= len(tokens) or not gaz.begins_name(key):
            break
        key = f"{key} {_token_key(tokens[k].text) or ''}"
    return False


def _whole_entity(words: Sequence[Token]) -> bool:
    """Whether the words are exactly one entity of the model."""
    first, last = words[0], words[-1]
    return bool(
        first.ent_iob_ == "B"
        and (last.i + 1 >= len(last.doc) or last.doc[last.i + 1].ent_iob_ != "I")
    )


def _starts_entity(words: Sequence[Token]) -> bool:
    """Whether the words begin an entity that goes on after them ("US Army", "the U.S.
    Centers for Disease Control"), a determiner aside."""
    first, last = words[0], words[-1]
    if first.ent_iob_ == "I":
        before = first.doc[first.i - 1] if first.i else None
        if before is None or before.ent_iob_ != "B" or before.pos_ != "DET":
            return False
    elif first.ent_iob_ != "B":
        return False
    return bool(last.i + 1 < len(last.doc) and last.doc[last.i + 1].ent_iob_ == "I")


def _lower_hint(tokens: Sequence[Token], i: int, end: int) -> bool:
    """Whether the place word beside a name is written in lower case: "the town of Police" and
    "Police province" name a place, "Police Department" does not."""
    word = hint_token(tokens, i, end)
    return bool(word is not None and word.is_lower)


def _named_as_such(gaz: Gazetteer, found: tuple[int, ...]) -> bool:
    """Whether some candidate goes by the name itself or is sizeable: not only other names of
    small places (a person called Harden is not the village some list calls Hardin)."""
    return any(
        c & 1 or gaz._pop[c >> 1] >= WEAK_NAME_POPULATION or gaz._kinds[c >> 1] in KNOWN_KINDS
        or _own(gaz, c)
        for c in found
    )  # fmt: skip


def _own(gaz: Gazetteer, code: int) -> bool:
    return code >> 1 >= gaz._own_from


def holds(gaz: Gazetteer, entry_id: int, inner: _Mention) -> bool:
    """Whether a country or division may contain one of a qualified name's candidates
    ("Georgia" the state holds a place called Blakely; the country does not)."""
    country, kind, name = gaz._countries[entry_id], gaz._kinds[entry_id], gaz._names[entry_id]
    if kind not in (COUNTRY, ADMIN1):
        return False
    for code in inner.candidates:
        other = code >> 1
        if gaz._countries[other] == country and (kind != ADMIN1 or gaz._admin1[other] == name):
            return True
    return False


# -- finding names in a sentence ------------------------------------------------------


def find_names(
    gaz: Gazetteer,
    country_words: Mapping[str, str],
    span: Span,
    sentence: int,
    lowers: Container[str],
    words: DocWords,
) -> list[_Mention]:
    """The gazetteer names in a sentence that are places, with what its syntax says of them
    (`words`: what the document's arrays tell; `lowers`: the words it writes in lower case)."""
    tokens = span  # indexed as the sentence's tokens
    out: list[_Mention] = []
    n = len(tokens)
    offset = span.start
    i = 0
    for start in DocWords.within(words.starts, span):
        if start - offset < i:
            continue
        i = start - offset
        text = tokens[i].text
        key = _token_key(text)
        if not key or not text[:1].isupper():
            continue
        end = 0
        found: tuple[int, ...] = ()
        j = i
        while True:
            cands = gaz._candidates(key)
            if cands:
                end, found = j + 1, cands
            if j + 1 < n and tokens[j + 1].text in POSSESSIVES:
                joined = key + "s"  # "People's Republic" is keyed "peoples republic"
                if gaz.begins_name(joined) or gaz._candidates(joined):
                    key, j = joined, j + 1
                    continue
            if not gaz.begins_name(key):
                break
            j += 1
            while j < n and _token_key(tokens[j].text) == "":
                j += 1
            nxt = _token_key(tokens[j].text) if j < n else None
            if not nxt:
                break
            key = f"{key} {nxt}"
        if not end:
            continue
        mention = _name_mention(gaz, tokens, i, end, found, sentence, lowers)
        if mention is not None:
            out.append(mention)
        i = end
    combine(gaz, out, span)
    borders = [k - offset for k in DocWords.within(words.borders, span)]
    out.extend(demonym_borders(country_words, tokens, out, sentence, borders))
    out.sort(key=lambda m: m.start)
    return out


def _name_mention(
    gaz: Gazetteer,
    tokens: Sequence[Token],
    i: int,
    end: int,
    found: tuple[int, ...],
    sentence: int,
    lowers: Container[str],
) -> _Mention | None:
    words = [tokens[k] for k in range(i, end)]
    labels = [t.ent_type_ for t in words]
    entity = any(label in PLACE_ENTITIES for label in labels)
    if any(label in SKIP_ENTITIES for label in labels):
        return None
    hint = _hint(tokens, i, end)
    country = any(gaz._kinds[c >> 1] == COUNTRY for c in found)
    if _name_part(tokens, i - 1, -1) or (not hint and not country and _name_part(tokens, end, 1)):
        return None  # part of a longer name: "Sinaloa Cartel", "Fernando Quijano"
    if end < len(tokens) and tokens[end].lower_ in NAMED_AFTER_WORDS:
        return None  # a disease or strain named after a place: "Marburg virus"

    if i > 0 and tokens[i - 1].text in CURRENCY_MARKS:
        return None  # "$US 15 billion"
    if is_acronym(words):
        # acronyms: countries ("US", "UAE"), listed names ("NSW"), not GeoNames codes
        if fold(_text(words)) not in gaz.acronyms:
            return None
        found = tuple(c for c in found if gaz._kinds[c >> 1] in KNOWN_KINDS or _own(gaz, c))
        if not found:
            return None
    head = _span_head(words)
    located = _locative(head)
    owners: tuple[int, ...] = ()
    near, link = False, None
    if located is not None:
        owner, near, link = located
        chain = [owner.i]
        current = owner
        for _ in range(4):
            outer = _locative(current, objects=False)
            if outer is None:
                break
            current = outer[0]
            chain.append(current.i)
        owners = tuple(chain)
    strong = any(
        (c & 1 and gaz._pop[c >> 1] >= 1000)
        or gaz._pop[c >> 1] >= WEAK_POPULATION
        or gaz._kinds[c >> 1] <= 1
        or (c >> 1) >= gaz._own_from
        for c in found
    )
    evidence = toponym_evidence(gaz, tokens, words, end, found, hint, entity, link, strong, lowers)
    if evidence is None:
        return None
    return _Mention(
        sentence=sentence,
        start=words[0].i,
        end=words[-1].i + 1,
        text=words[0].text if len(words) == 1 else _text(words),
        candidates=found,
        hint=hint,
        entity=entity,
        link=link,
        near=near,
        owners=owners,
        phrase=_phrase(head, words),
        evidence=evidence,
    )
