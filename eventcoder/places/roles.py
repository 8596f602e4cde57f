"""Actors known by their role and a place, and places as actors: their country.

A coder codes "police", "a court", "the army" by role; when such an actor has no country and
its noun carries a place phrase ("in Karachi", "in Sindh province") that the gazetteer knows
as a city of some size, a first-level division or a country, the actor takes that country
(`code` = country + role: "police in Karachi" PAKCOP); failing that, the country of the place
the event itself happens in ("soldiers were killed in Quetta"). An uncoded actor or target that is
itself such a place ("shelled Kharkiv") is coded as its country, as CAMEO codes a city.
Versioned: ROLE_PLACES_VERSION is recorded with the gazetteer in each build's manifest.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from eventcoder.places.gazetteer import Gazetteer, GazetteerEntry
from eventcoder.types import Actor, EventCandidate, ParsedDocument

ROLE_PLACES_VERSION = "3"
PLACE_PREPS = frozenset({"in"})
PLACE_KINDS = frozenset({"country", "admin1", "city"})
MIN_CITY_POPULATION = 100_000  # smaller towns share names with too much else
NAME_DEPS = frozenset({"compound", "flat", "nmod"})
VERB_TAGS = frozenset({"VERB", "AUX"})
# Words after a division's name: "in Borno state", "in Helmand province".
DIVISION_NOUNS = frozenset({"state", "province", "region", "district", "governorate", "county"})
# Clauses that share the place of the clause they hang on, and how far up to look.
CLAUSE_DEPS = frozenset({"advcl", "xcomp", "conj"})
CLAUSE_STEPS = 3
Token = Any  # a spaCy Token or Span


def place_role_actors(
    gazetteer: Gazetteer, parsed: ParsedDocument, candidates: list[EventCandidate]
) -> list[EventCandidate]:
    """The candidates, role actors and targets without a country given the country of the
    place their noun is said to be in, else of the place the event itself is said to happen
    in ("five soldiers were killed in Quetta": PAKMIL)."""
    spans = [span for _, span in parsed.sentences]
    out = []
    for cand in candidates:
        actor, target = cand.actor, cand.target
        if _placeable(actor) or _placeable(target):
            where = _event_country(gazetteer, spans, cand)
            actor = _placed(gazetteer, spans, actor, where)
            target = _placed(gazetteer, spans, target, where)
        elif _unplaced_entity(actor) or _unplaced_entity(target):
            actor = _placed(gazetteer, spans, actor, None)
            target = _placed(gazetteer, spans, target, None)
        if actor is not cand.actor or target is not cand.target:
            cand = replace(cand, actor=actor, target=target)
        out.append(cand)
    return out


def _unplaced_entity(actor: Actor | None) -> bool:
    return actor is not None and actor.resolution == "entity" and actor.code is None


def _placeable(actor: Actor | None) -> bool:
    """A role actor without a country (coded by its role alone, or not at all)."""
    return (
        actor is not None
        and actor.role is not None
        and not actor.country
        and actor.code in (None, actor.role)
    )


def _placed(
    gazetteer: Gazetteer, spans: list[Token], actor: Actor | None, where: str | None
) -> Actor | None:
    if _unplaced_entity(actor):
        assert actor is not None
        return _place_as_actor(gazetteer, actor)
    if actor is None or not _placeable(actor):
        return actor
    head = _head(spans, actor)
    country = _in_place(gazetteer, head) if head is not None else None
    country = country or where
    if country is None:
        return actor
    return replace(actor, code=f"{country}{actor.role}", country=country)


def _in_place(gazetteer: Gazetteer, head: Token) -> str | None:
    """The country of the place of note a word is said to be in ("police in Karachi")."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if obj.pos_ == "PROPN":
                country = _country(gazetteer, _name(obj))
            elif obj.lemma_.lower() in DIVISION_NOUNS:  # "in Borno state": the name before it
                names = [c for c in obj.lefts if c.dep_ in NAME_DEPS and c.pos_ == "PROPN"]
                country = _country(gazetteer, _name(names[-1])) if names else None
            else:
                continue
            if country is not None:
                return country
    return None


def _event_country(gazetteer: Gazetteer, spans: list[Token], cand: EventCandidate) -> str | None:
    """The country of the place of note the event is said to happen in: an "in" phrase on
    its trigger, on the verb that governs an event noun ("an attack was carried out in
    Kabul"), on the clause an adverbial, complement or coordinated clause hangs on, or else
    on one of its parties ("opened fire on protesters in Khartoum")."""
    word = _trigger(spans, cand)
    for _ in range(CLAUSE_STEPS):
        if word is None:
            break
        country = _in_place(gazetteer, word)
        if country is not None:
            return country
        if word.pos_ == "NOUN" and word.head.pos_ in VERB_TAGS:
            word = word.head
        elif word.dep_ in CLAUSE_DEPS and word.head.i != word.i:
            word = word.head  # "attacked a post in Mosul, killing two": the clause's place
        else:
            break
    for party in (cand.actor, cand.target):  # "ambushed a convoy in Borno state"
        head = _head(spans, party) if party is not None else None
        country = _in_place(gazetteer, head) if head is not None else None
        if country is not None:
            return country
    return None


def _trigger(spans: list[Token], cand: EventCandidate) -> Token | None:
    """The trigger's head word."""
    start, end = cand.trigger.start, cand.trigger.end
    for span in spans:
        if span.start_char <= start < span.end_char:
            words = span.doc.char_span(start, end, alignment_mode="expand")
            return None if words is None else words.root
    return None


def _place_as_actor(gazetteer: Gazetteer, actor: Actor) -> Actor:
    """An uncoded phrase that is a place of note, coded as that place's country."""
    words = actor.text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or not all(w[:1].isupper() for w in words):
        return actor
    country = _country(gazetteer, " ".join(words))
    if country is None:
        return actor
    return replace(actor, code=country, country=country, resolution="name")


def _head(spans: list[Token], actor: Actor) -> Token | None:
    """The token of the actor's words whose head lies outside them (its noun)."""
    for span in spans:
        if span.start_char <= actor.start < span.end_char:
            words = span.doc.char_span(actor.start, actor.end, alignment_mode="expand")
            return None if words is None else words.root
    return None


def _name(obj: Token) -> str:
    """A place name with the words that make it one ("Buenos Aires", "New Delhi")."""
    words = [c for c in obj.lefts if c.dep_ in NAME_DEPS and c.pos_ == "PROPN"]
    first = words[0].i if words else obj.i
    return str(obj.doc[first : obj.i + 1].text)


def _country(gazetteer: Gazetteer, name: str) -> str | None:
    """The country of the place a name most likely stands for, if it is one of note."""
    for entry in gazetteer.lookup(name):
        if _of_note(entry):
            return entry.country
    return None


def _of_note(entry: GazetteerEntry) -> bool:
    if entry.kind not in PLACE_KINDS or entry.country is None:
        return False
    return entry.kind != "city" or entry.population >= MIN_CITY_POPULATION
