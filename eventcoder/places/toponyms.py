"""What makes capitalised words a place: the evidence a name needs (precision first), acronyms,
common words, and demonyms standing for their country; and the names of a sentence that are
places (find_names)."""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import dataclass

from eventcoder.places.gazetteer import Gazetteer
from eventcoder.places.kinds import ADMIN1, COUNTRY, REGION
from eventcoder.places.mentions import (
    PLACE_ENTITIES,
    SKIP_ENTITIES,
    Span,
    _hint,
    _locative,
    _Mention,
    _name_part,
    _phrase,
    _span_head,
    combine,
    demonym_borders,
    hint_token,
)
from eventcoder.places.names import _words, fold
from eventcoder.places.words import BEGIN, DET, INSIDE, DocWords, _token_key

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


def is_acronym(w: DocWords, i: int, end: int) -> bool:
    """Whether the words [i, end) are an all-capital acronym ("DRC", "U.S.", "NSW")."""
    s, orth = w.strings, w.orth
    text = s[orth[i]] if end - i == 1 else "".join([s[orth[k]] for k in range(i, end)])
    if len(text) < 2 or not (text[1] == "." or "A" <= text[1] <= "Z"):
        return False  # as the pattern says, but quicker
    return _ACRONYM.fullmatch(text) is not None


def is_common_word(w: DocWords, i: int, end: int, lower_words: Container[str]) -> bool:
    """Whether a one-word name is also an ordinary English word: one of COMMON_WORDS, or a word
    the document itself writes in lower case ("police", "turkey")."""
    if end - i != 1:
        return False
    key = w.strings[w.lower[i]]
    return key in COMMON_WORDS or key in lower_words


KNOWN_KINDS = frozenset({COUNTRY, ADMIN1, REGION})


@dataclass(frozen=True)
class Facts:
    """What a name's candidate entries are, as the evidence for it asks."""

    country: bool  # one is a country
    known: bool  # one is a country, division or region, or an own entry
    strong: bool  # one is sizeable (under its own name), a country or division, or own
    named_as_such: bool  # see _named_as_such


class NameLookup:
    """The gazetteer's answers for one document: the candidates of each key and whether it
    begins a longer name, and what candidates are (Facts), each found once."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self._keys: dict[str, tuple[tuple[int, ...], bool]] = {}
        self._facts: dict[tuple[int, ...], Facts] = {}

    def get(self, key: str) -> tuple[tuple[int, ...], bool]:
        """The candidates of a folded key, and whether it begins a longer name."""
        known = self._keys.get(key)
        if known is None:
            known = self._keys[key] = self.gaz.look_up(key)
        return known

    def facts(self, found: tuple[int, ...]) -> Facts:
        """What the candidates are."""
        facts = self._facts.get(found)
        if facts is None:
            gaz = self.gaz
            kinds, pop, own_from = gaz._kinds, gaz._pop, gaz._own_from
            facts = self._facts[found] = Facts(
                any(kinds[c >> 1] == COUNTRY for c in found),
                any(kinds[c >> 1] in KNOWN_KINDS or _own(gaz, c) for c in found),
                any(
                    (c & 1 and pop[c >> 1] >= 1000)
                    or pop[c >> 1] >= WEAK_POPULATION
                    or kinds[c >> 1] <= 1
                    or (c >> 1) >= own_from
                    for c in found
                ),
                _named_as_such(gaz, found),
            )
        return facts


# Weak evidence (a name the model labels a person or organisation, in a place phrase; a place
# entity found only under another name of a small place): such a name is kept only if it
# resolves to a country the document names, or to a sizeable city under its own name.
CONTEXT_EVIDENCE = "in a country the document names:"


def toponym_evidence(
    w: DocWords,
    bounds: tuple[int, int],
    i: int,
    end: int,
    labels: list[str],
    names: NameLookup,
    facts: Facts,
    hint: str | None,
    entity: bool,
    link: str | None,
    lowers: Container[str],
) -> str | None:
    """What makes the words [i, end) a place, or None: a place word beside them, a qualifier
    after them, a place entity, a known country, division or region name, or a place phrase;
    never a name the model labels a person or organisation, nor an ordinary word, without a
    place word or qualifier (`bounds`: the sentence's; `labels`: the words' entity labels;
    `facts`: what their candidates are)."""
    lo, hi = bounds
    common = is_common_word(w, i, end, lowers)
    if hint and (not common or _lower_hint(w, lo, hi, i, end)):
        return f"place word ({hint})"
    if not common and _qualified(names, w, hi, end):
        return "followed by its country or division"
    known, countries, strong = facts.known, facts.country, facts.strong
    phrase = link is not None and link != "object"
    if NOT_PLACE_ENTITIES.issuperset(labels):
        if common:
            return None
        if known and "PERSON" not in labels and _whole_entity(w, i, end):
            return "known name (labelled otherwise by the model)"
        if countries and "PERSON" not in labels and _starts_entity(w, i, end):
            return "country named in a name"
        if phrase and strong:
            return f"{CONTEXT_EVIDENCE} place phrase ({link}) of a name labelled otherwise"
        return None
    if entity:
        label = next(label for label in labels if label in PLACE_ENTITIES)
        if common and not known:
            return None
        if not facts.named_as_such:
            return f"{CONTEXT_EVIDENCE} {label} entity, another name of a small place"
        return f"{label} entity"
    if _name_part(w, lo, hi, end, 1) and not _starts_entity(w, i, end):
        return None
    if known and not common:
        return "known country, division or region name"
    if phrase and strong and not common:
        return f"place phrase ({link})"
    return None


def _qualified(names: NameLookup, w: DocWords, hi: int, end: int) -> bool:
    """Whether the name is followed by ", Country" or ", Division" ("Tripoli, Lebanon") within
    its sentence (ending before `hi`)."""
    s, orth = w.strings, w.orth
    if end + 1 >= hi or s[orth[end]] != ",":
        return False
    nxt = s[orth[end + 1]]
    if not nxt[:1].isupper():
        return False
    key = _token_key(nxt) or ""
    kinds = names.gaz._kinds
    for k in (end + 2, end + 3):
        cands, begins = names.get(key)
        if any(kinds[c >> 1] in KNOWN_KINDS for c in cands):
            return True
        if k >= hi or not begins:
            break
        key = f"{key} {_token_key(s[orth[k]]) or ''}"
    return False


def _whole_entity(w: DocWords, i: int, end: int) -> bool:
    """Whether the words [i, end) are exactly one entity of the model."""
    return w.iob(i) == BEGIN and (end >= len(w.orth) or w.iob(end) != INSIDE)


def _starts_entity(w: DocWords, i: int, end: int) -> bool:
    """Whether the words [i, end) begin an entity that goes on after them ("US Army", "the
    U.S. Centers for Disease Control"), a determiner aside."""
    first = w.iob(i)
    if first == INSIDE:
        if not i or w.iob(i - 1) != BEGIN or w.pos[i - 1] != DET:
            return False
    elif first != BEGIN:
        return False
    return end < len(w.orth) and w.iob(end) == INSIDE


def _lower_hint(w: DocWords, lo: int, hi: int, i: int, end: int) -> bool:
    """Whether the place word beside a name is written in lower case: "the town of Police" and
    "Police province" name a place, "Police Department" does not."""
    word = hint_token(w, lo, hi, i, end)
    return bool(word is not None and w.is_lower(word))


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
    names: NameLookup,
    country_words: Mapping[str, str],
    span: Span,
    sentence: int,
    lowers: Container[str],
    words: DocWords,
) -> list[_Mention]:
    """The gazetteer names in a sentence that are places, with what its syntax says of them
    (`names`: the gazetteer's answers for the document; `words`: what the document's arrays
    tell; `lowers`: the words it writes in lower case)."""
    w = words
    starts = DocWords.within(w.starts, span)
    borders = DocWords.within(w.borders, span)
    out: list[_Mention] = []
    if not starts and not borders:
        return out
    s, orth, keys = w.strings, w.orth, w.keys
    lo, hi = span.start, span.end
    lookup = names.get
    i = lo
    for start in starts:
        if start < i:
            continue
        i = start
        key = keys[orth[i]]
        if not key or not s[orth[i]][:1].isupper():
            continue
        end = 0
        found: tuple[int, ...] = ()
        j = i
        while True:
            cands, begins = lookup(key)
            if cands:
                end, found = j + 1, cands
            if j + 1 < hi and s[orth[j + 1]] in POSSESSIVES:
                joined = key + "s"  # "People's Republic" is keyed "peoples republic"
                joined_cands, joined_begins = lookup(joined)
                if joined_begins or joined_cands:
                    key, j = joined, j + 1
                    continue
            if not begins:
                break
            j += 1
            while j < hi and keys[orth[j]] == "":
                j += 1
            nxt = keys[orth[j]] if j < hi else None
            if not nxt:
                break
            key = f"{key} {nxt}"
        if not end:
            continue
        mention = _name_mention(names, w, (lo, hi), i, end, found, sentence, lowers)
        if mention is not None:
            out.append(mention)
        i = end
    if out:
        combine(names.gaz, out, w)
    if borders:
        out.extend(demonym_borders(country_words, w, lo, out, sentence, borders))
        out.sort(key=lambda m: m.start)
    return out


def _name_mention(
    names: NameLookup,
    w: DocWords,
    bounds: tuple[int, int],
    i: int,
    end: int,
    found: tuple[int, ...],
    sentence: int,
    lowers: Container[str],
) -> _Mention | None:
    lo, hi = bounds
    s = w.strings
    ent = w.ent
    labels = [s[ent[i]]] if end - i == 1 else [s[ent[k]] for k in range(i, end)]
    if not SKIP_ENTITIES.isdisjoint(labels):
        return None
    entity = not PLACE_ENTITIES.isdisjoint(labels)
    hint = _hint(w, lo, hi, i, end)
    facts = names.facts(found)
    if _name_part(w, lo, hi, i - 1, -1) or (
        not hint and not facts.country and _name_part(w, lo, hi, end, 1)
    ):
        return None  # part of a longer name: "Sinaloa Cartel", "Fernando Quijano"
    if end < hi and s[w.lower[end]] in NAMED_AFTER_WORDS:
        return None  # a disease or strain named after a place: "Marburg virus"

    if i > lo and s[w.orth[i - 1]] in CURRENCY_MARKS:
        return None  # "$US 15 billion"
    if is_acronym(w, i, end):
        # acronyms: countries ("US", "UAE"), listed names ("NSW"), not GeoNames codes
        gaz = names.gaz
        if fold(w.span_text(i, end)) not in gaz.acronyms:
            return None
        kinds = gaz._kinds
        found = tuple(c for c in found if kinds[c >> 1] in KNOWN_KINDS or _own(gaz, c))
        if not found:
            return None
        facts = names.facts(found)
    head = _span_head(w, i, end)
    located = _locative(w, head)
    near, link = (located[1], located[2]) if located is not None else (False, None)
    evidence = toponym_evidence(w, bounds, i, end, labels, names, facts, hint, entity, link, lowers)
    if evidence is None:
        return None
    owners: tuple[int, ...] = ()
    if located is not None:
        current = located[0]
        chain = [current]
        for _ in range(4):
            outer = _locative(w, current, objects=False)
            if outer is None:
                break
            current = outer[0]
            chain.append(current)
        owners = tuple(chain)
    return _Mention(
        sentence=sentence,
        start=i,
        end=end,
        text=s[w.orth[i]] if end - i == 1 else w.span_text(i, end),
        candidates=found,
        hint=hint,
        entity=entity,
        link=link,
        near=near,
        owners=owners,
        phrase=_phrase(w, head, i, end),
        evidence=evidence,
    )
