"""The seed article: what the issue requires the rule coder to find, the gold annotations,
and a golden snapshot of the full rows (regenerate with UPDATE_GOLDEN=1 after a reviewed change)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from eventcoder.evaluate import score
from eventcoder.gold import load_annotations
from eventcoder.ingest import read_inputs
from eventcoder.pipeline import Pipeline
from eventcoder.types import Document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_567aca93efc50564.txt"
GOLD = ROOT / "annotations" / "seed.jsonl"
GOLDEN = Path(__file__).parent / "golden" / "seed_rows.jsonl"


@pytest.fixture(scope="module")
def seed_rows(pipeline: Pipeline) -> list[dict[str, Any]]:
    (document,) = list(read_inputs([SEED]))
    assert isinstance(document, Document)
    return pipeline.code_document(document).rows


def _has(rows: list[dict[str, Any]], actor: str, code: str, target: str | None = "any") -> bool:
    return any(
        r["actor_code"] == actor
        and r["cameo_code"].startswith(code)
        and (target == "any" or r["target_code"] == target)
        for r in rows
    )


def test_seed_airstrike_is_coded_195_for_the_us_and_israel(seed_rows: list[dict[str, Any]]) -> None:
    assert _has(seed_rows, "USA", "195")
    assert _has(seed_rows, "ISR", "195")


def test_seed_iraq_and_iran_condemnations_are_root_11(seed_rows: list[dict[str, Any]]) -> None:
    assert any(r["actor_country"] == "IRQ" and r["cameo_root"] == "11" for r in seed_rows)
    assert any(r["actor_country"] == "IRN" and r["cameo_root"] == "11" for r in seed_rows)


def test_seed_iran_warning_of_consequences_is_root_13(seed_rows: list[dict[str, Any]]) -> None:
    assert _has(seed_rows, "IRNGOV", "13", "USA")
    assert _has(seed_rows, "IRNGOV", "13", "ISR")


def test_seed_parliament_call_for_measures_is_root_10(seed_rows: list[dict[str, Any]]) -> None:
    assert _has(seed_rows, "IRQLEG", "10", "IRQGOV")


def test_seed_both_countries_declining_comment_is_011(seed_rows: list[dict[str, Any]]) -> None:
    assert _has(seed_rows, "USA", "011", None)
    assert _has(seed_rows, "ISR", "011", None)


def test_seed_summons_to_protest_targets_the_ambassador(seed_rows: list[dict[str, Any]]) -> None:
    assert _has(seed_rows, "IRQGOV", "111", "USAGOV")


def test_seed_every_gold_event_found_with_at_most_two_false_events(pipeline: Pipeline) -> None:
    report = score(pipeline, load_annotations(GOLD), str(GOLD))

    assert report.misaligned == []
    assert [m.event for m in report.misses] == []
    assert len(report.false_alarms) <= 2
    assert report.levels["event"].recall == 1.0


def test_seed_rows_match_golden_snapshot(seed_rows: list[dict[str, Any]]) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(
            "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in seed_rows),
            encoding="utf-8",
        )
    expected = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]

    assert seed_rows == expected
