"""Dependency-parse helpers the rule coder's stages share: lemmas, objects, light verbs."""

from __future__ import annotations

from typing import Any

from eventcoder.actors.lexicon import RELATED_PARTIES
from eventcoder.actors.mentions import children_of

Token = Any  # a spaCy Token

# Verbs whose subject is the actor of the event noun they take as object: "launched a strike",
# "carried out an attack", "issued a condemnation", "held talks", "began a hunger strike".
LIGHT_VERBS = frozenset(
    {"launch", "carry", "conduct", "stage", "mount", "result", "undertake", "execute", "order"}
    | {"issue", "express", "voice", "hold", "begin", "start", "resume", "renew", "continue"}
    | {"open", "complete", "conclude", "organize", "organise", "declare", "announce", "make"}
    | {"give", "reach", "engage", "go", "lodge", "file", "pay", "perform", "step", "intensify"}
    | {"escalate", "unleash", "resort", "join", "extend", "deliver", "lead", "wage", "use"}
    | {"initiate", "sign", "set", "host", "accept", "agree", "impose", "reimpose", "tighten"}
    | {"commit", "perpetrate", "employ", "send", "convey", "observe", "take", "have", "fight"}
    | {"speed", "accelerate", "expedite", "finish", "carry"}
)
# Verbs that carry an event noun through a preposition: "engaged in talks", "went on strike".
PREP_LIGHT_VERBS = frozenset(
    {"engage", "resort", "go", "participate", "take", "join", "embark", "result", "involve"}
)
# Lemmas the statistical lemmatizer gets wrong, mapped to the right ones ("staged" -> "stag").
LEMMA_FIXES = {
    "stag": "stage",
    "airstrik": "airstrike",
    "hostilitie": "hostility",
    "forgave": "forgive",
    "rap": "rape",
}


def lemma_of(token: Token) -> str:
    """The lower-cased lemma, corrected where the lemmatizer is known to go wrong."""
    lemma: str = token.lemma_.lower()
    return LEMMA_FIXES.get(lemma, lemma)


def is_plural(token: Token) -> bool:
    """Whether a noun is tagged plural."""
    return token.tag_ in {"NNS", "NNPS"}


def is_active(verb: Token) -> bool:
    """Whether a verb is in the active voice (no passive auxiliary, not a bare participle)."""
    if any(c.dep_ == "auxpass" for c in children_of(verb)):
        return False
    return verb.tag_ != "VBN" or any(c.dep_ == "aux" for c in children_of(verb))


def pobj_of(prep: Token) -> Token | None:
    """The object of a preposition."""
    return next((c for c in children_of(prep) if c.dep_ == "pobj"), None)


def direct_object(token: Token, children: list[Token] | None = None) -> Token | None:
    """The direct object, shared with a coordinated verb ('condemned and denounced Israel')."""
    if children is None:
        children = list(children_of(token))
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if obj is not None:
        return obj
    for conj in children:
        if (
            conj.dep_ == "conj"
            and conj.pos_ == "VERB"
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in children_of(conj))
        ):
            return next((c for c in children_of(conj) if c.dep_ == "dobj"), None)
    if (
        token.dep_ == "conj"
        and token.head.pos_ == "VERB"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in children)
    ):
        return next((c for c in children_of(token.head) if c.dep_ == "dobj"), None)
    return None


def prep_object(token: Token, prep: str) -> Token | None:
    """The object of the token's preposition `prep` (or of its `agent`/`dative` child)."""
    for child in children_of(token):
        if child.dep_ in {"prep", "agent", "dative"} and (
            child.lower_ == prep or child.dep_ == prep
        ):
            for obj in children_of(child):
                if obj.dep_ == "pobj":
                    return obj
    return None


def light_verb(token: Token) -> Token | None:
    """The verb carrying a nominal event as its object (launch, carry out), if a light verb."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
        return head if lemma_of(head) in PREP_LIGHT_VERBS else None
    if token.dep_ not in {"dobj", "nsubjpass"}:
        return None
    return head if lemma_of(head) in LIGHT_VERBS else None


# Possessives of an actor's own troops, borders or weapons (RELATED_PARTIES name another party
# even so: "its neighbours").
OWNING_PRONOUNS = frozenset({"its", "their", "our"})


def datives(verb: Token) -> list[Token]:
    """The indirect objects of a verb, not a preposition: "gave [Peru] a loan"."""
    return [c for c in children_of(verb) if c.dep_ == "dative" and c.pos_ != "ADP"]


def owned(head: Token) -> bool:
    """Whether a noun names what an actor has, by a pronoun ("its troops", "their weapons"),
    not another party related to it ("their counterparts", "his deputy")."""
    if lemma_of(head) in RELATED_PARTIES:
        return False
    return any(c.dep_ == "poss" and c.lower_ in OWNING_PRONOUNS for c in children_of(head))


def on_noun(inner: Token, outer: Token) -> bool:
    """Whether a noun is the object of a preposition on another: "the ban on [imports]"."""
    return bool(inner.dep_ == "pobj" and inner.head.dep_ == "prep" and inner.head.head.i == outer.i)


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """The objects of a token's prepositions among `preps`, in the sentence's order."""
    return [
        obj
        for child in children_of(token)
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps
        for obj in children_of(child)
        if obj.dep_ == "pobj"
    ]


def passive_agent(verb: Token) -> Token | None:
    """The agent of a passive verb: its by-phrase, or one the parser hung on the verb's
    adverbial phrase ("were seized en route by Argentine authorities")."""
    found = prep_object(verb, "agent") or prep_object(verb, "by")
    if found is not None:
        return found
    for child in children_of(verb):
        if child.dep_ == "prep" and child.lower_ not in {"by", "of"}:
            for obj in children_of(child):
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                    inner = prep_object(obj, "by")
                    if inner is not None:
                        return inner
    return None
