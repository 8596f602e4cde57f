"""Whether an event word tells a count, a span or a habit of events rather than one event:
events counted by the ten or over a whole year, runs since a year, spells of weeks told as
background, habits ("each time", "every truck"), rates ("one for every 500"), comparisons
("up from 300"), events recalled by the year in a participle ("the mayor shot in 1994")."""

from __future__ import annotations

from typing import Any

from eventcoder import acled_cues as cues
from eventcoder.acled_clauses import governing_verb, lemma_of

TALLY_MODIFIERS = frozenset(
    {
        "annual",
        "average",
        "countless",
        "frequent",
        "many",
        "monthly",
        "numerous",
        "overall",
        "repeated",
        "total",
        "yearly",
    }
)
SPAN_MODIFIERS = frozenset({"first", "fiscal", "last", "past", "previous", "recent"})
EVENT_NOUNS = frozenset(
    {
        "abduction",
        "assassination",
        "attack",
        "bombing",
        "clash",
        "execution",
        "homicide",
        "kidnapping",
        "killing",
        "massacre",
        "murder",
        "raid",
        "shooting",
    }
)
"""Nouns of single violent events, which a count by the dozen or hundred makes a tally
("dozens of arrests" may be one sweep)."""
QUANTITIES = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands"})
SPELLS = frozenset({"day", "decade", "month", "week", "year"})
SPAN_STARTS = frozenset({"beginning", "outbreak", "start"})
COMMON = frozenset({"common", "commonplace", "frequent", "rare", "rife", "routine", "widespread"})


def in_quantity(noun: Any) -> bool:
    """An event noun counted by the dozen or hundred ("hundreds of killings")."""
    head = noun.head
    if lemma_of(noun) not in EVENT_NOUNS:
        return False  # "hundreds of protesters", "dozens of drones": people and weapons
    return noun.dep_ == "pobj" and lemma_of(head) == "of" and lemma_of(head.head) in QUANTITIES


def spell_of(noun: Any) -> bool:
    """An event noun of a bare spell of time told as background ("after weeks of protests";
    "weeks of clashes left 30 dead" and "three days of clashes" tell the event)."""
    head = noun.head
    if noun.dep_ != "pobj" or lemma_of(head) != "of":
        return False
    spell = head.head
    return (
        spell.dep_ == "pobj"
        and lemma_of(spell.head) in {"after", "following", "amid", "despite"}
        and spell.tag_ == "NNS"
        and lemma_of(spell) in SPELLS
        and not any(c.dep_ in {"nummod", "det"} for c in spell.children)
    )


def counted(noun: Any) -> bool:
    """Counted events of the current year or month ("thirty air strikes this year", "died
    in attacks last year"), or counted by the ten or more ("696 kidnappings")."""
    if noun.tag_ != "NNS":
        return False
    if lemma_of(noun) in EVENT_NOUNS and any(_ten_or_more(c) for c in noun.children):
        return True
    if lemma_of(noun) in EVENT_NOUNS:
        verb = governing_verb(noun)
        if verb is not None and any(_this_or_last_year(c) for c in verb.children):
            return True
    if not any(c.dep_ == "nummod" for c in noun.children):
        return False
    holders = [noun, noun.head] if noun.dep_ in {"dobj", "nsubj", "nsubjpass"} else [noun]
    return any(
        c.dep_ == "npadvmod"
        and lemma_of(c) in {"year", "month"}
        and any(d.dep_ == "det" and lemma_of(d) == "this" for d in c.children)
        for h in holders
        for c in h.children
    )


def _ten_or_more(child: Any) -> bool:
    digits = child.text.replace(",", "")
    return child.dep_ == "nummod" and digits.isdecimal() and int(digits) >= 10


def _this_or_last_year(child: Any) -> bool:
    return (
        child.dep_ == "npadvmod"
        and lemma_of(child) == "year"  # "raids last month" may be one operation
        and any(
            d.dep_ in {"det", "amod"} and lemma_of(d) in {"this", "last", "past"}
            for d in child.children
        )
    )


def is_year(token: Any) -> bool:
    text = token.text
    return len(text) == 4 and text.isdigit() and text[:2] in {"19", "20"}


def each_time(clause: Any) -> bool:
    """A clause of "each time" or "every time" ("each time a member is killed")."""
    if clause.dep_ == "relcl" and lemma_of(clause.head) == "time":
        return every(clause.head) or any(
            d.dep_ == "det" and lemma_of(d) == "each" for d in clause.head.children
        )
    return any(
        c.dep_ == "npadvmod"
        and lemma_of(c) == "time"
        and any(d.dep_ == "det" and lemma_of(d) in {"each", "every"} for d in c.children)
        for c in clause.children
    )


def every_of(prep: Any) -> bool:
    return any(c.dep_ == "pobj" and every(c) for c in prep.children)


def up_from(child: Any) -> bool:
    """ "up from" or "down from" a former count."""
    return lemma_of(child) in {"up", "down"} and any(
        c.dep_ == "prep" and lemma_of(c) == "from" for c in child.children
    )


def in_year(child: Any) -> bool:
    """A phrase of a bare year ("in 1980")."""
    return (
        child.dep_ == "prep"
        and lemma_of(child) == "in"
        and any(c.dep_ == "pobj" and is_year(c) for c in child.children)
    )


def ongoing_since(verb: Any) -> bool:
    """A perfect progressive running since a time ("have been fighting since mid-April")."""
    been = any(c.dep_ == "aux" and c.lower_ == "been" for c in verb.children)
    since = any(c.dep_ == "prep" and lemma_of(c) == "since" for c in verb.children)
    return been and since and verb.tag_ == "VBG"


def perfect_since(verb: Any) -> bool:
    """A perfect counting since a year or a war's start ("have killed 40 people since
    2019", "since the start of the year"): a tally; "since March" or "since Monday" may
    tell one episode."""
    if verb.tag_ != "VBN" or not any(
        c.dep_ == "aux" and lemma_of(c) == "have" for c in verb.children
    ):
        return False
    starts = [
        o
        for c in verb.children
        if c.dep_ == "prep" and lemma_of(c) == "since"
        for o in c.children
        if o.dep_ == "pobj"
    ]
    return any(is_year(o) or lemma_of(o) in SPAN_STARTS for o in starts)


def every(noun: Any) -> bool:
    return any(d.dep_ == "det" and lemma_of(d) in {"every", "any"} for d in noun.children)


def tally_span(prep: Any, strategic: bool = False) -> bool:
    """A phrase of a span of years over which events are counted ("in the past decade",
    "over recent years", "between 2005 and 2011", "in the 2014 fiscal year")."""
    if lemma_of(prep) == "between" and any(
        is_year(o) for c in prep.children if c.dep_ == "pobj" for o in (c, *c.children)
    ):
        return True  # "between 2005 and 2011"
    return any(
        obj.dep_ == "pobj"
        and lemma_of(obj) in cues.SPAN_UNITS
        and not (strategic and lemma_of(obj) == "month")  # "arrests over the past months"
        and (
            (obj.tag_ == "NNS" and lemma_of(obj) != "month")  # "after months of talks"
            or any(lemma_of(c) in SPAN_MODIFIERS for c in obj.children if c.dep_ == "amod")
        )
        for obj in prep.children
    )
