"""Whether an event is of a kind ACLED records: demonstrations of people (not of force),
arrests of significant people (not routine
arrests for ordinary crime, not warrants or orders), expulsions of populations (not of a
diplomat, an inspector or one person), agreements about conflict (not trade deals), and
territory (not control of a charity or a firm).

News tells many events with the words of ACLED's sub-event types that ACLED leaves out:
"police detained a man for shoplifting", "the ministry expelled two diplomats", "the two
countries signed a trade agreement". Coded events with such triggers get no ACLED type.
"""

from __future__ import annotations

from typing import Any

from eventcoder import acled_cues as cues
from eventcoder.acled_clauses import VERBS, governing_verb, lemma_of, phrase, words_of

SIGNIFICANT = cues.SIGNIFICANT_PEOPLE | cues.NONSTATE_WORDS | cues.PROTEST_PEOPLE
POLITICAL = SIGNIFICANT - {"member", "perpetrator", "mastermind", "planner", "rival"}
"""The significant people whose arrest for an ordinary crime is still recorded (a mayor
held for fraud); members or perpetrators of a crime are not."""
ARMED_CONTEXT = (
    cues.WEAPONS
    | cues.NONSTATE_WORDS
    | {"armed", "attack", "bomb", "bombing", "explosive", "gun", "gunman", "kidnap", "kidnapping"}
    | {"plot", "shooting", "terror", "terrorism", "terrorist"}
)
"""Words of a sentence in which an arrest is of armed suspects, which ACLED records."""
LEGAL_ACTS = frozenset({"charge", "convict", "indict", "prosecute", "sentence", "sue"})
"""Legal action the CAMEO code of arrests also covers, which ACLED does not record."""
ORDERING = frozenset({"demand", "issue", "order", "request", "seek", "urge", "want"})
"""Verbs of an arrest asked for, not made ("a judge ordered the arrest of")."""
INDIVIDUALS = frozenset(
    {
        "ambassador",
        "attache",
        "consul",
        "correspondent",
        "diplomat",
        "employee",
        "envoy",
        "inspector",
        "journalist",
        "monitor",
        "observer",
        "official",
        "staff",
        "worker",
    }
)
"""People whose expulsion is a diplomatic or administrative act, not a population's."""
INSTITUTIONS = frozenset(
    {
        "account",
        "asset",
        "bank",
        "board",
        "broadcaster",
        "business",
        "charity",
        "club",
        "company",
        "council",
        "federation",
        "firm",
        "foundation",
        "fund",
        "league",
        "newspaper",
        "organisation",
        "organization",
        "party",
        "union",
    }
)
"""Bodies whose control taken over is no territory ("seized control of the charities")."""
PEACE = frozenset(
    {
        "armistice",
        "captive",
        "ceasefire",
        "detainee",
        "disarmament",
        "evacuation",
        "fighting",
        "hostage",
        "hostility",
        "peace",
        "prisoner",
        "surrender",
        "truce",
        "war",
        "withdrawal",
    }
)
"""Words of what an agreement between armed or political sides settles."""
TEN_OR_MORE = frozenset(
    {
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
    }
)
_MANY = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score"})
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "NORP", "FAC", "DATE"})


def not_recorded(token: Any, code: str) -> bool:
    """Whether a coded event (its trigger and CAMEO code) is of a kind ACLED leaves out."""
    lemma = lemma_of(token)
    if code.startswith("173") and (
        lemma in LEGAL_ACTS
        or ordinary_arrest(token)
        or arrest_asked(token)
        or _left_confinement(token)
    ):
        return True
    if lemma in cues.EXPULSION and individuals_expelled(token):
        return True
    if lemma == "shoot" and figurative_shot(token):
        return True
    if lemma == "demonstration" and display_of(token):
        return True
    if code.startswith("192") and institution_taken(token):
        return True
    return code.startswith(("057", "0871")) and economic_agreement(token)


def significant_arrest(cue: Any) -> bool:
    """Whether an arrest is one ACLED records: of a named person, of a political or armed
    actor, a leader or an official, or of ten people or more; for an ordinary crime (fraud,
    theft, drugs), only of a political actor or official."""
    return _arrest_reading(cue) == "significant"


def ordinary_arrest(cue: Any) -> bool:
    """An arrest told for an ordinary crime (fraud, theft, drugs) of people who are no
    political actors or officials ("detained a man for shoplifting"): the coded arrests of
    which ACLED records none. (An arrest with no reason told may be of suspected militants.)"""
    return _arrest_reading(cue) == "ordinary"


def _arrest_reading(cue: Any) -> str:
    """ "significant", "ordinary" (an ordinary crime of people of no note) or "routine"
    (no reason and no one of note told)."""
    verb = cue if cue.pos_ in VERBS else governing_verb(cue)
    of_noun = {"poss", "prep"} if cue.pos_ not in VERBS else set()  # "the arrest of"
    arrested = [c for c in cue.children if c.dep_ in of_noun]
    reasons = [c for c in cue.children if c.dep_ in {"prep", "advcl"}]
    if verb is not None:
        own = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        shared = [  # "arrested and beat six MPs": the conjunct's object
            c for v in verb.conjuncts for c in v.children if c.dep_ in {"dobj", "nsubjpass"}
        ]
        arrested += own or shared
        reasons += [c for c in verb.children if c.dep_ in {"prep", "advcl"}]
        if verb.dep_ == "acl":
            arrested.append(verb.head)  # "three activists detained"
        arrested += [  # "seven arrests, among them the group's second-in-command"
            t for t in verb.subtree if t.dep_ == "prep" and lemma_of(t) in {"among", "include"}
        ]
    arrested = [a for a in arrested if a.i != cue.i]  # "the detentions were carried out"
    words = [w for a in arrested for w in a.subtree]
    if not words:
        return "significant"  # whom the parse does not tell
    if {lemma_of(w) for w in cue.sent} & ARMED_CONTEXT:
        return "significant"  # suspects of a bomb plot, men held with rifles
    told = {lemma_of(w) for r in (*arrested, *reasons) for w in r.subtree}
    if told & cues.ORDINARY_CRIMES:
        return "significant" if {lemma_of(w) for w in words} & POLITICAL else "ordinary"
    return "significant" if any(_significant_word(w) for w in words) else "routine"


def _significant_word(w: Any) -> bool:
    lemma = lemma_of(w)
    if lemma in SIGNIFICANT or w.ent_type_ == "PERSON":
        return True
    if w.pos_ == "PROPN" and w.ent_type_ not in _PLACE_ENTITIES:
        return True
    if lemma in _MANY or lemma in TEN_OR_MORE:  # "twelve Palestinians were detained"
        return True
    digits = w.text.replace(",", "")
    return digits.isdecimal() and int(digits) >= 10


def arrest_asked(token: Any) -> bool:
    """An arrest warrant, or an arrest ordered, sought or demanded."""
    if lemma_of(token) == "warrant" or lemma_of(token.head) == "warrant":
        return True
    if token.dep_ == "dobj" and lemma_of(token.head) in ORDERING:
        return True
    current = token
    for _ in range(4):  # "called for the arrest of", "orders passed last year for his detention"
        if current.dep_ not in {"pobj", "prep", "acl", "dobj"} or current.head.i == current.i:
            return False
        current = current.head
        if lemma_of(current) in ORDERING | {"call"}:
            return True
    return False


def _left_confinement(token: Any) -> bool:
    """A place of confinement someone leaves ("released from jail")."""
    return token.dep_ == "pobj" and lemma_of(token.head) == "from"


def individuals_expelled(token: Any) -> bool:
    """An expulsion or deportation of diplomats, staff or one person, not of a population."""
    if token.pos_ in VERBS:
        expelled = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    else:
        expelled = [
            g
            for c in token.children
            if c.dep_ == "prep" and lemma_of(c) == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
    for person in expelled:
        if lemma_of(person) in INDIVIDUALS:
            return True
        if person.tag_ in {"NN", "NNP"} and not any(c.dep_ == "nummod" for c in person.children):
            return True  # "deported a man", "expelled the ambassador"
    return False


def figurative_shot(t: Any) -> bool:
    """ "Shot up" with no object (rose), or "shot back" in words ("shot back, saying")."""
    particles = {str(c.lower_) for c in t.children if c.dep_ in {"prt", "advmod"}}
    objects = [c for c in t.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN", "PRON"}]
    if "up" in particles and not objects:
        return True
    return "back" in particles and any(
        c.dep_ in {"advcl", "xcomp"} and lemma_of(c) in cues.REPORTING for c in t.children
    )


def display_of(noun: Any) -> bool:
    """A demonstration "of" a thing shown, not of people or feeling ("a demonstration of
    force"; "a demonstration of 5,000 people", "of solidarity", is a protest)."""
    shown = [g for c in noun.children if lemma_of(c) == "of" for g in c.children]
    if any(g.dep_ == "pcomp" for g in shown):
        return True  # "a demonstration of what is known as"
    return any(
        g.pos_ in {"NOUN", "PRON"}
        and not words_of(phrase(g)) & (_PEOPLE | _FEELINGS)
        and not any(c.dep_ == "nummod" for c in g.children)
        for g in shown
    )


_FEELINGS = frozenset(
    {"anger", "defiance", "discontent", "dissent", "grief", "mourning", "opposition", "outrage"}
    | {"protest", "solidarity", "support", "unity"}
)
"""What a crowd's demonstration shows ("a demonstration of solidarity" is a rally)."""
_PEOPLE = cues.CROWD | cues.PROTEST_PEOPLE | cues.CIVILIAN_WORDS | {"supporter", "member"}


def institution_taken(token: Any) -> bool:
    """Control of a charity, firm, bank or party taken over, which is no territory."""
    taken = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    for noun in taken:
        if lemma_of(noun) != "control":
            continue
        held = [g for c in noun.children if lemma_of(c) == "of" for g in c.children]
        if any(lemma_of(h) in INSTITUTIONS for h in held):
            return True
    return False


def economic_agreement(token: Any) -> bool:
    """An agreement about trade, economy or cooperation, with no word of what conflict
    settles ("a trade deal", "an agreement to ease a trade war")."""
    tokens = list(token.subtree)
    told = {lemma_of(w) for w in tokens if not _economic_modifier(w)}  # not "trade war"
    return bool({lemma_of(w) for w in tokens} & cues.ECONOMIC) and not told & PEACE


def _economic_modifier(token: Any) -> bool:
    """A word modified by an economic word ("trade war"): it tells no conflict."""
    return any(
        c.dep_ in {"compound", "amod"} and lemma_of(c) in cues.ECONOMIC for c in token.children
    )
