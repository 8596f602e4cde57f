"""The wire-style training annotations (annotations/wire_train.jsonl): valid records, spans
found in their sentences, known CAMEO codes, and no sentence close to an evaluation one."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from eventcoder.gold import gold_format, load_annotations
from eventcoder.schema import ANNOTATION_SCHEMA_FILE, load_schema
from eventcoder.taxonomy import load_cameo_table

ROOT = Path(__file__).resolve().parents[1]
WIRE_TRAIN = ROOT / "annotations" / "wire_train.jsonl"
PLOVER_HOLDOUT = ROOT / "annotations" / "plover_holdout.jsonl"
PLOVER_DEV = ROOT.parent / "shared" / "eval" / "plover_gsr_dev.jsonl"


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _grams(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[k : k + n]) for k in range(len(words) - n + 1)}


def _close_pairs(train: list[dict[str, Any]], evaluation: Path) -> list[tuple[str, str]]:
    """Training and evaluation records sharing two or more word 5-grams."""
    held = [(r["id"], _grams(r["text"])) for r in _records(evaluation)]
    mine = [(r["id"], _grams(r["text"])) for r in train]
    return [(tid, rid) for tid, own in mine for rid, grams in held if len(own & grams) >= 2]


def test_wire_training_records_are_valid_annotation_sentences() -> None:
    validator = jsonschema_rs.validator_for(load_schema(ANNOTATION_SCHEMA_FILE))
    records = _records(WIRE_TRAIN)
    cameo = load_cameo_table()

    assert gold_format(WIRE_TRAIN) == "annotations"
    assert len(records) >= 500
    assert len({r["id"] for r in records}) == len(records)
    for record in records:
        validator.validate(record)
        assert record["kind"] == "sentence" and "doc_id" not in record, record["id"]
        for event in record["events"]:
            assert event["cameo_code"] in cameo, record["id"]
            for key in ("actor_text", "target_text"):
                if event.get(key):
                    assert event[key] in record["text"], (record["id"], key)
    assert sum(not r["events"] for r in records) >= 50  # sentences without events too
    assert len(load_annotations(WIRE_TRAIN).sentences) == len(records)


def test_wire_training_sentences_are_not_close_to_the_plover_holdout() -> None:
    assert not _close_pairs(_records(WIRE_TRAIN), PLOVER_HOLDOUT)


def test_wire_training_sentences_are_not_close_to_the_plover_dev_sample() -> None:
    if not PLOVER_DEV.exists():
        pytest.skip(f"{PLOVER_DEV} not present (needs ../shared beside the checkout)")
    assert not _close_pairs(_records(WIRE_TRAIN), PLOVER_DEV)


def test_closeness_check_flags_a_training_sentence_copied_from_the_holdout() -> None:
    copied = {"id": "COPY", "text": _records(PLOVER_HOLDOUT)[0]["text"], "events": []}

    assert _close_pairs([copied], PLOVER_HOLDOUT)[0][0] == "COPY"
