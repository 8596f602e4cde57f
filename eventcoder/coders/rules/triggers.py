"""Finding triggers: the most specific pattern a token meets, and the patterns' constraints."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.strings import hash_string  # type: ignore[attr-defined]

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
            children: list[Token] | None = None
            for pattern in self._index[lemma]:
                if best is not None and pattern.specificity < best[0]:
                    break
                if not pattern.accepts_pos(pos):
                    continue
                if pattern.specificity == 0:
                    strength = 0
                else:
                    if children is None:
                        children = list(token.children)
                    strength = _constraint_strength(pattern, token, children)
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
        children = list(token.children)
    if pattern.prep:
        for prep in _preps(token, children):
            if prep.lower_ in pattern.prep:
                if prep.dep_ in {"prt", "advmod"}:  # "called off a strike": the verb's object
                    obj = direct_object(token, children) or next(
                        (c for c in children if c.dep_ in {"oprd", "attr"}), None
                    )
                else:
                    obj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
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


def _object_strength(words: frozenset[str], obj: Token) -> int:
    """How an object meets an `object` constraint: 3 for 'modifier lemma' ("food aid",
    "joint exercise") or 'lemma preposition lemma' ("state of emergency", "ban on
    demonstration"), 2 for the lemma or, for <person>, a person's name, 1 for '*', -1 when it
    does not."""
    lemma = lemma_of(obj)
    for child in obj.children:
        dep = child.dep_
        if dep in {"compound", "amod", "nmod"}:
            if f"{lemma_of(child)} {lemma}" in words:
                return 3
        elif dep == "prep":
            pobj = pobj_of(child)
            if pobj is not None and f"{lemma} {child.lower_} {lemma_of(pobj)}" in words:
                return 3
    if obj.tag_ == "NNPS" and lemma.endswith("s") and lemma[:-1] in words:
        return 2  # a plural the lemmatizer keeps as a name: "Christians"
    if lemma in words or (PERSON_OBJECT in words and obj.ent_type_ == "PERSON"):
        return 2
    return 1 if "*" in words else -1


def _preps(token: Token, children: list[Token] | None = None) -> Iterator[Token]:
    """The trigger's prepositions and particles, and for a verb those attached to its
    object ("accused the president of corruption")."""
    for child in token.children if children is None else children:
        dep = child.dep_
        if dep in {"prep", "prt", "agent", "advmod", "dative"}:
            yield child
        elif dep == "dobj" and token.pos_ == "VERB":
            yield from (c for c in child.children if c.dep_ == "prep")


def _constraint_strength(pattern: Pattern, token: Token, children: list[Token]) -> int:
    """-1 when a constraint fails, else how closely the object matched (0: no object)."""
    if pattern.modifiers and not any(
        (c.dep_ in MODIFIER_DEPS or (c.dep_ == "ccomp" and c.pos_ == "ADJ"))  # "found X guilty"
        and lemma_of(c) in pattern.modifiers
        for c in children
    ):
        return -1
    if pattern.prep and not any(c.lower_ in pattern.prep for c in _preps(token, children)):
        return -1
    strength = 0
    if pattern.object:
        obj = constraint_object(pattern, token, children)
        if obj is None:
            return -1
        strength = _object_strength(pattern.object, obj)
        if strength < 2 and lemma_of(obj) in QUANTITY_NOUNS:
            strength = max(strength, _object_strength(pattern.object, _measured(obj)))
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
    return _constraint_strength(pattern, token, list(token.children)) >= 0
