"""Helpers shared by several test modules."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventcoder.ingest import document_from_text
from eventcoder.pipeline import Pipeline
from eventcoder.schema import load_schema
from eventcoder.train import TrainOptions


def good_row() -> dict[str, Any]:
    """A valid row: 'Iraq condemned Israel.' coded as 111 (each with its own event id)."""
    row: dict[str, Any] = {name: None for name in load_schema()["properties"]}
    row.update(
        event_id=uuid.uuid4().hex[:20],
        doc_id="d1",
        sentence_index=0,
        sentence_text="Iraq condemned Israel.",
        sentence_start=0,
        sentence_end=22,
        actor_text="Iraq",
        actor_code="IRQ",
        actor_country="IRQ",
        actor_resolution="name",
        actor_start=0,
        actor_end=4,
        target_text="Israel",
        target_code="ISR",
        target_country="ISR",
        target_resolution="name",
        target_start=15,
        target_end=21,
        cameo_code="111",
        cameo_root="11",
        cameo_name="Criticize or denounce",
        quad_class=3,
        goldstein=-2.0,
        trigger_text="condemned",
        trigger_start=5,
        trigger_end=14,
        date_reason="no_date",
        coder="rules",
        coder_version="1",
        rule_id="cameo.111.criticize.v1",
        confidence=0.8,
    )
    return row


def sentence_corpus(
    path: Path,
    documents: int,
    sentences: Sequence[str],
    *,
    seed: int,
    duplicate_last: bool = False,
) -> Path:
    """A JSONL corpus of `documents` short reports (three of `sentences` each, in a seeded
    random order, plus a numbered closing sentence); `duplicate_last` appends a document
    with id "copy" and the last document's text."""
    rng = random.Random(seed)
    text = ""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(documents):
            text = " ".join(rng.sample(list(sentences), 3)) + f" Report number {i}."
            handle.write(json.dumps({"id": f"doc-{i:03d}", "text": text}) + "\n")
        if duplicate_last:
            handle.write(json.dumps({"id": "copy", "text": text}) + "\n")
    return path


# Training options small enough for a model to train in a second or two.
TINY = TrainOptions(
    epochs=8,
    width=32,
    depth=1,
    embed_size=300,
    bow_length=2048,
    batch_size=8,
    min_code_count=2,
    learn_rate=0.01,
)


def first_acled_typed(pipeline: Pipeline, text: str) -> dict[str, Any] | None:
    """The row of a text's first sentence that has an ACLED sub-event type, if any."""
    rows = pipeline.code_document(document_from_text(text)).rows
    typed = [r for r in rows if r["acled_sub_event_type"]]
    return min(typed, key=lambda r: r["sentence_index"]) if typed else None
