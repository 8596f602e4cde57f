"""Finding triggers: the most specific pattern a token meets, and the patterns' constraints."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import hash_string  # type: ignore[attr-defined]

from eventcoder.actors.mentions import children_of
from eventcoder.coders.rules.syntax import (
    LEMMA_FIXES,
    Token,
    direct_object,
    lemma_of,
    pobj_of,
    prep_object,
)
from eventcoder.patterns import Pattern, PatternSet

# Nouns that measure what follows "of": "700 kg of medicine", "$50,000 worth of goods".
QUANTITY_NOUNS = frozenset(
    {"kg", "kilogram", "ton", "tonne", "litre", "liter", "worth", "amount", "quantity", "load"}
    | {"consignment", "batch", "shipment", "cargo", "number", "lot", "supply", "series", "pair"}
    | {"dozen", "hundred", "thousand", "million", "billion", "part", "set", "package"}
    | {"round", "wave", "spate", "string", "flurry"}
)
# The `object` word that any person's name meets ("released Ana Ruiz").
PERSON_OBJECT = "<person>"
# A word with these labels triggers nothing (see Matcher.match): label hashes, a POS id.
COMPOUND, AMOD, VERB = hash_string("compound"), hash_string("amod"), POS_IDS["VERB"]
# Modifiers a `modifiers` constraint looks at: "air strike", "Israeli attack", "sexually abused",
# and a verb's predicative complement: "pleaded guilty".
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "advmod", "acomp", "oprd"})


class Matcher:
    """The pattern lexicon's triggers, indexed by lemma and part of speech."""

    def __init__(self, patterns: PatternSet) -> None:
        self._index = patterns.index
        self._pos_index = patterns.pos_index
        # the lemma hashes of every trigger, and of the lemmas LEMMA_FIXES corrects
        self.trigger_hashes = frozenset(hash_string(k) for k in (*self._index, *LEMMA_FIXES))
        # the part-of-speech ids each such lemma hash may trigger with
        self._pos_ids = {
            hash_string(k): frozenset(
                POS_IDS[p] for p in self._pos_index.get(LEMMA_FIXES.get(k, k), ())
            )
            for k in (*self._index, *LEMMA_FIXES)
        }

    def may_match(self, lemma: int, pos: int, dep: int) -> bool:
        """Whether a token with this lemma hash (of a lower-case lemma), part-of-speech id and
        dependency label hash can pass `match`'s first test: read from a document's arrays,
        before any Token object is made."""
        allowed = self._pos_ids.get(lemma)
        return (
            allowed is not None
            and pos in allowed
            and dep != COMPOUND
            and (dep != AMOD or pos != VERB)
        )

    def match(self, token: Token, cache: dict[int, Pattern | None]) -> Pattern | None:
        """The most specific pattern whose trigger and constraints this token meets: most
        constraints first, then the closest object match ("food aid" before "aid"), then the
        longer (sub-)code, then file order. A compound modifier ("aid workers", "protest
        leaders") is not a trigger."""
        if token.i in cache:
            return cache[token.i]
        found = None
        lemma = lemma_of(token)
        pos = token.pos_
        dep = token.dep_
        if (
            pos in self._pos_index.get(lemma, ())
            and dep != "compound"
            and (
                dep != "amod" or pos != "VERB"  # "threatening phone calls", "protesting students"
            )
        ):
            best: tuple[int, int, int] | None = None
            reading: _Reading | None = None
            for pattern in self._index[lemma]:
                if best is not None and pattern.specificity < best[0]:
                    break
                if not pattern.accepts_pos(pos):
                    continue
                if pattern.specificity == 0:
                    strength = 0
                else:
                    if reading is None:
                        reading = _Reading(token)
                    strength = _constraint_strength(pattern, reading)
                if strength < 0:
                    continue
                rank = (pattern.specificity, strength, len(pattern.code))
                if best is None or rank > best:
                    best, found = rank, pattern
        cache[token.i] = found
        return found


def constraint_object(
    pattern: Pattern, token: Token, children: list[Token] | None = None
) -> Token | None:
    if children is None:
        children = list(children_of(token))
    if pattern.prep:
        for prep in _preps(token, children):
            if prep.lower_ in pattern.prep:
                if prep.dep_ in {"prt", "advmod"}:  # "called off a strike": the verb's object
                    obj = direct_object(token, children) or next(
                        (c for c in children if c.dep_ in {"oprd", "attr"}), None
                    )
                else:
                    obj = next((c for c in children_of(prep) if c.dep_ in {"pobj", "pcomp"}), None)
                if obj is not None:
                    return obj
        return None
    return direct_object(token, children) or next(
        (c for c in children if c.dep_ in {"nsubjpass", "attr"}), None
    )


def _measured(obj: Token) -> Token:
    """What a quantity noun measures: "700 kg of medicine" -> medicine."""
    if lemma_of(obj) in QUANTITY_NOUNS:
        of = prep_object(obj, "of")
        if of is not None:
            return of
    return obj


@dataclass(frozen=True)
class _ObjectWords:
    """What an object offers an `object` constraint: its lemma, its 'modifier lemma' and
    'lemma preposition lemma' phrases, and whether it is a plural name or a person's name."""

    lemma: str
    phrases: frozenset[str]
    plural_name: bool
    person: bool

    @classmethod
    def of(cls, obj: Token) -> _ObjectWords:
        lemma = lemma_of(obj)
        phrases: list[str] = []
        for child in children_of(obj):
            dep = child.dep_
            if dep in {"compound", "amod", "nmod"}:
                phrases.append(f"{lemma_of(child)} {lemma}")
            elif dep == "prep":
                pobj = pobj_of(child)
                if pobj is not None:
                    phrases.append(f"{lemma} {child.lower_} {lemma_of(pobj)}")
        plural_name = obj.tag_ == "NNPS" and lemma.endswith("s")
        return cls(lemma, frozenset(phrases), plural_name, obj.ent_type_ == "PERSON")

    def strength(self, words: frozenset[str]) -> int:
        """How the object meets an `object` constraint: 3 for 'modifier lemma' ("food aid",
        "joint exercise") or 'lemma preposition lemma' ("state of emergency", "ban on
        demonstration"), 2 for the lemma or, for <person>, a person's name, 1 for '*', -1
        when it does not."""
        if not words.isdisjoint(self.phrases):
            return 3
        if self.plural_name and self.lemma[:-1] in words:
            return 2  # a plural the lemmatizer keeps as a name: "Christians"
        if self.lemma in words or (self.person and PERSON_OBJECT in words):
            return 2
        return 1 if "*" in words else -1


class _Reading:
    """What the constraints of one trigger read from the parse, each part read once for all
    the patterns tried on it: its children, its object per preposition set, what each object
    offers."""

    def __init__(self, token: Token) -> None:
        self.token = token
        self.children = list(children_of(token))
        self._objects: dict[frozenset[str], Token | None] = {}
        self._offers: dict[int, _ObjectWords] = {}
        self._modifiers: frozenset[str] | None = None
        self._preps: frozenset[str] | None = None

    def modifiers(self) -> frozenset[str]:
        """The lemmas of the modifiers a `modifiers` constraint looks at."""
        if self._modifiers is None:
            self._modifiers = frozenset(
                lemma_of(c)
                for c in self.children
                if c.dep_ in MODIFIER_DEPS
                or (c.dep_ == "ccomp" and c.pos_ == "ADJ")  # "found X guilty"
            )
        return self._modifiers

    def preps(self) -> frozenset[str]:
        """The words of the prepositions and particles a `prep` constraint looks at."""
        if self._preps is None:
            self._preps = frozenset(c.lower_ for c in _preps(self.token, self.children))
        return self._preps

    def object(self, pattern: Pattern) -> Token | None:
        """The object a pattern's `object` constraint looks at (it depends on its `prep`)."""
        if pattern.prep not in self._objects:
            self._objects[pattern.prep] = constraint_object(pattern, self.token, self.children)
        return self._objects[pattern.prep]

    def strength(self, words: frozenset[str], obj: Token) -> int:
        """How an object meets an `object` constraint (see _ObjectWords.strength)."""
        offer = self._offers.get(obj.i)
        if offer is None:
            offer = self._offers[obj.i] = _ObjectWords.of(obj)
        return offer.strength(words)


def _preps(token: Token, children: list[Token] | None = None) -> Iterator[Token]:
    """The trigger's prepositions and particles, and for a verb those attached to its
    object ("accused the president of corruption")."""
    for child in children_of(token) if children is None else children:
        dep = child.dep_
        if dep in {"prep", "prt", "agent", "advmod", "dative"}:
            yield child
        elif dep == "dobj" and token.pos_ == "VERB":
            yield from (c for c in children_of(child) if c.dep_ == "prep")


def _constraint_strength(pattern: Pattern, reading: _Reading) -> int:
    """-1 when a constraint fails, else how closely the object matched (0: no object)."""
    children = reading.children
    if pattern.modifiers and pattern.modifiers.isdisjoint(reading.modifiers()):
        return -1
    if pattern.prep and pattern.prep.isdisjoint(reading.preps()):
        return -1
    strength = 0
    if pattern.object:
        obj = reading.object(pattern)
        if obj is None:
            return -1
        strength = reading.strength(pattern.object, obj)
        if strength < 2 and lemma_of(obj) in QUANTITY_NOUNS:
            strength = max(strength, reading.strength(pattern.object, _measured(obj)))
        if strength < 0:
            return -1
    if pattern.xcomp:
        xcomp = next((c for c in children if c.dep_ in {"xcomp", "acl"}), None)
        if xcomp is None and "that" in pattern.xcomp:  # "denied that ...": a that-clause
            xcomp = next((c for c in children if c.dep_ == "ccomp"), None)
            if xcomp is not None:
                return strength
        if xcomp is None or ("*" not in pattern.xcomp and lemma_of(xcomp) not in pattern.xcomp):
            return -1
    return strength


def _constraints_hold(pattern: Pattern, token: Token) -> bool:
    return _constraint_strength(pattern, _Reading(token)) >= 0
