"""Typed records passed between pipeline stages: documents, sentences, actors, places, events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with its Goldstein value, quad class and PLOVER mappings."""

    code: str
    root: str
    level: int
    name: str
    goldstein: float
    goldstein_gdelt: float | None
    quad_class: int
    plover_event: str | None
    plover_mode: str | None
    plover_context: str | None
    plover2016_event: str | None


@dataclass(frozen=True)
class Document:
    """One input document with its publication metadata."""

    doc_id: str
    text: str
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    source: str = ""
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quarantine:
    """An input item that could not be turned into a document, and why."""

    source: str
    reason: str
    doc_id: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document; `doc.text[start:end] == text`."""

    doc_id: str
    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Actor:
    """A resolved actor mention: the text as written and the code it resolves to.

    `start`/`end` are character offsets into the document text. `resolution` says how the
    code was found (name, demonym, capital, role, anaphora, event_reference, entity).
    """

    text: str
    start: int
    end: int
    code: str | None
    country: str | None = None
    role: str | None = None
    sponsor: str | None = None
    resolution: str = "name"


@dataclass(frozen=True)
class Trigger:
    """The words that carry an event."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Place:
    """Where an event happened, as far as the text and gazetteer tell."""

    text: str
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    precision: int | None = None
    feature: str | None = None  # country, admin1, city, site, region, border ...


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a document: where (character offsets into the document text),
    what the gazetteer resolved it to in the document's context, and why: `reason` says what
    made the words a place (entity, place phrase, qualifier, known name, demonym ...) and how
    the candidate was chosen."""

    doc_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    place: Place
    reason: str = ""


@dataclass(frozen=True)
class EventCandidate:
    """What a coder proposes: one dyad, one code, one trigger, and the rule that fired."""

    sentence_index: int
    actor: Actor | None
    target: Actor | None
    cameo_code: str
    trigger: Trigger
    rule_id: str
    confidence: float
    group_id: str | None = None
    place: Place | None = None


@dataclass(frozen=True)
class CoderInfo:
    """Name and version of the coder that produced an event."""

    name: str
    version: str


@dataclass(frozen=True)
class EventDate:
    """An event's resolved date, its precision, the words it came from, and why."""

    date: str | None
    precision: str | None
    text: str | None
    reason: str


@dataclass(frozen=True)
class Fatalities:
    """How many people a text says were killed, and the words (document offsets) saying it."""

    count: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class AcledType:
    """An ACLED event type and sub-event type; from the ACLED typer also the event's
    disorder type, civilian targeting, reported fatalities, the rule that typed it, and the
    key shared by the rows of one ACLED event."""

    event_type: str
    sub_event_type: str
    disorder_type: str | None = None
    civilian_targeting: bool = False
    fatalities: Fatalities | None = None
    rule_id: str | None = None
    event_key: str | None = None


@dataclass(frozen=True)
class Event:
    """A fully labelled event: candidate plus document context, date and CAMEO labels."""

    document: Document
    sentence: Sentence
    candidate: EventCandidate
    coder: CoderInfo
    date: EventDate
    cameo: CameoCode
    acled: AcledType | None = None
    actor_inter: int | None = None
    target_inter: int | None = None


@dataclass(frozen=True)
class ParsedDocument:
    """A document with its sentences and their parsed spaCy spans, in order."""

    document: Document
    sentences: tuple[tuple[Sentence, Any], ...]
