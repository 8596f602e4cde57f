"""Actors known by their role and a place, and places as actors: their country.

A coder codes "police", "a court", "the army" by role; when such an actor has no country and
its noun carries a place phrase ("in Karachi", "in Sindh province") that the gazetteer knows
as a city of some size, a first-level division or a country, the actor takes that country
(`code` = country + role: "police in Karachi" PAKCOP). An uncoded actor or target that is
itself such a place ("shelled Kharkiv") is coded as its country, as CAMEO codes a city.
Versioned: ROLE_PLACES_VERSION is recorded with the gazetteer in each build's manifest.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from eventcoder.places.gazetteer import Gazetteer, GazetteerEntry
from eventcoder.types import Actor, EventCandidate, ParsedDocument

ROLE_PLACES_VERSION = "2"
PLACE_PREPS = frozenset({"in"})
PLACE_KINDS = frozenset({"country", "admin1", "city"})
MIN_CITY_POPULATION = 100_000  # smaller towns share names with too much else
NAME_DEPS = frozenset({"compound", "flat", "nmod"})
Token = Any  # a spaCy Token or Span


def place_role_actors(
    gazetteer: Gazetteer, parsed: ParsedDocument, candidates: list[EventCandidate]
) -> list[EventCandidate]:
    """The candidates, role actors and targets without a country given the country of the
    place their noun is said to be in."""
    spans = [span for _, span in parsed.sentences]
    out = []
    for cand in candidates:
        actor = _placed(gazetteer, spans, cand.actor)
        target = _placed(gazetteer, spans, cand.target)
        if actor is not cand.actor or target is not cand.target:
            cand = replace(cand, actor=actor, target=target)
        out.append(cand)
    return out


def _placed(gazetteer: Gazetteer, spans: list[Token], actor: Actor | None) -> Actor | None:
    if actor is not None and actor.resolution == "entity" and actor.code is None:
        return _place_as_actor(gazetteer, actor)
    if actor is None or actor.role is None or actor.country or actor.code not in (None, actor.role):
        return actor
    head = _head(spans, actor)
    if head is None:
        return actor
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.pos_ != "PROPN":
                continue
            country = _country(gazetteer, _name(obj))
            if country is not None:
                return replace(actor, code=f"{country}{actor.role}", country=country)
    return actor


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
