"""Event -> row: the flat, schema-shaped record written to Parquet, and its stable id."""

from __future__ import annotations

import hashlib
from typing import Any

from eventcoder.acled import CIVILIAN_TARGETING, interaction
from eventcoder.types import Actor, Event


def event_id(event: Event) -> str:
    """A stable 20-hex-digit id from document, sentence, spans and code."""
    cand = event.candidate
    parts = [
        event.document.doc_id,
        str(event.sentence.index),
        _span_key(cand.actor),
        _span_key(cand.target),
        f"{cand.trigger.start}:{cand.trigger.end}",
        cand.cameo_code,
        cand.actor.code or "" if cand.actor else "",
        cand.target.code or "" if cand.target else "",
    ]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=10).hexdigest()


def _span_key(actor: Actor | None) -> str:
    return "" if actor is None else f"{actor.start}:{actor.end}"


def _actor_columns(prefix: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        names = ("text", "code", "country", "role", "sponsor", "resolution", "start", "end")
        return {f"{prefix}_{n}": None for n in names}
    return {
        f"{prefix}_text": actor.text,
        f"{prefix}_code": actor.code,
        f"{prefix}_country": actor.country,
        f"{prefix}_role": actor.role,
        f"{prefix}_sponsor": actor.sponsor,
        f"{prefix}_resolution": actor.resolution,
        f"{prefix}_start": actor.start,
        f"{prefix}_end": actor.end,
    }


def _acled_columns(event: Event) -> dict[str, Any]:
    """The ACLED event's columns; `acled_event_id` is filled by the pipeline's ACLED step,
    which knows the event's first row."""
    kind, toll = event.acled, event.acled.fatalities if event.acled else None
    return {
        "disorder_type": kind.disorder_type if kind else None,
        "civilian_targeting": CIVILIAN_TARGETING if kind and kind.civilian_targeting else None,
        "interaction": interaction(event.actor_inter, event.target_inter) if kind else None,
        "fatalities": toll.count if toll else None,
        "fatalities_text": toll.text if toll else None,
        "fatalities_start": toll.start if toll else None,
        "fatalities_end": toll.end if toll else None,
        "acled_event_id": None,
        "acled_rule_id": kind.rule_id if kind else None,
    }


def event_row(event: Event) -> dict[str, Any]:
    """The event as a row with exactly the schema's columns."""
    doc, sent, cand, cameo = event.document, event.sentence, event.candidate, event.cameo
    place = cand.place
    return {
        "event_id": event_id(event),
        "doc_id": doc.doc_id,
        "split": None,
        "sentence_index": sent.index,
        "sentence_text": sent.text,
        "sentence_start": sent.start,
        "sentence_end": sent.end,
        **_actor_columns("actor", cand.actor),
        **_actor_columns("target", cand.target),
        "group_id": cand.group_id,
        "cameo_code": cameo.code,
        "cameo_root": cameo.root,
        "cameo_name": cameo.name,
        "quad_class": cameo.quad_class,
        "goldstein": cameo.goldstein,
        "plover_event": cameo.plover_event,
        "plover_mode": cameo.plover_mode,
        "plover_context": cameo.plover_context,
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "actor_inter": event.actor_inter,
        "target_inter": event.target_inter,
        **_acled_columns(event),
        "trigger_text": cand.trigger.text,
        "trigger_start": cand.trigger.start,
        "trigger_end": cand.trigger.end,
        "event_date": event.date.date,
        "date_precision": event.date.precision,
        "date_text": event.date.text,
        "date_reason": event.date.reason,
        "location_text": place.text if place else None,
        "location_name": place.name if place else None,
        "location_country": place.country if place else None,
        "admin1": place.admin1 if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geonames_id": place.geonames_id if place else None,
        "geo_precision": place.precision if place else None,
        "publication_date": doc.date,
        "url": doc.url,
        "publisher": doc.publisher,
        "title": doc.title,
        "coder": event.coder.name,
        "coder_version": event.coder.version,
        "rule_id": cand.rule_id,
        "confidence": cand.confidence,
    }


def link_acled_events(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with `acled_event_id` set: the rows of one sentence typed by the same ACLED
    rule share an ACLED event and carry the event_id of its first row."""
    first: dict[tuple[str, int, str], str] = {}
    for row in rows:
        if row["acled_sub_event_type"] is None:
            continue
        key = (row["doc_id"], row["sentence_index"], row["acled_rule_id"])
        row["acled_event_id"] = first.setdefault(key, row["event_id"])
    return rows
