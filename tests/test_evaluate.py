"""Scoring against gold annotations: formats, levels, misses and false alarms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventcoder.errors import InputError
from eventcoder.evaluate import Score, score
from eventcoder.gold import load_annotations
from eventcoder.pipeline import Pipeline


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _sentence(
    text: str, *events: tuple[str | None, str | None, str], **extra: Any
) -> dict[str, Any]:
    return {
        "kind": "sentence",
        "text": text,
        "events": [{"actor_code": a, "target_code": t, "cameo_code": c} for a, t, c in events],
        **extra,
    }


def test_score_properties_follow_the_definitions() -> None:
    s = Score(tp=3, fp=1, fn=2)

    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Score(0, 0, 0).f1 == 0.0


def test_invalid_annotation_line_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps(_sentence("Iraq condemned Israel.", ("IRQ", "ISR", "111")))
        + "\n"
        + json.dumps({"kind": "sentence", "text": "x", "events": [{"cameo_code": 111}]})
        + "\n",
        encoding="utf-8",
    )

    with pytest.raises(InputError, match=r"gold\.jsonl:2"):
        load_annotations(path)


def test_exact_match_counts_as_true_positive_at_every_level(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    gold = _write(
        tmp_path / "g.jsonl", [_sentence("Iraq condemned Israel.", ("IRQ", "ISR", "111"))]
    )

    report = score(pipeline, load_annotations(gold))

    for level in ("event", "root", "country"):
        assert (report.levels[level].tp, report.levels[level].fp, report.levels[level].fn) == (
            1,
            0,
            0,
        )
    assert report.misses == [] and report.false_alarms == []


def test_wrong_subcode_is_a_miss_and_a_false_alarm_but_right_at_root_level(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    gold = _write(
        tmp_path / "g.jsonl", [_sentence("Iraq condemned Israel.", ("IRQ", "ISR", "112"))]
    )

    report = score(pipeline, load_annotations(gold))

    assert report.levels["event"].tp == 0
    assert report.levels["root"].tp == 1
    assert [m.event for m in report.misses] == ["IRQ -> ISR : 112"]
    (alarm,) = report.false_alarms
    assert alarm.rule_id == "cameo.111.criticize.v1"
    assert "IRQ" in alarm.event and "111" in alarm.event


def test_country_level_ignores_the_role(tmp_path: Path, pipeline: Pipeline) -> None:
    gold = _write(
        tmp_path / "g.jsonl", [_sentence("Baghdad condemned Israel.", ("IRQ", "ISR", "111"))]
    )

    report = score(pipeline, load_annotations(gold))

    assert report.levels["event"].tp == 0
    assert report.levels["country"].tp == 1


def test_sentence_annotated_with_no_events_makes_predictions_false_alarms(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    gold = _write(tmp_path / "g.jsonl", [_sentence("Iraq condemned Israel.", category="neg")])

    report = score(pipeline, load_annotations(gold))

    assert report.levels["event"].fp == 1
    assert report.per_category["neg"].fp == 1
    assert report.per_root["11"].fp == 1


def test_document_sentences_are_coded_in_context_and_checked_for_alignment(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    text = "The US and Israel struck Iraq. Both countries declined to comment."
    records = [
        {"kind": "document", "doc_id": "d", "text": text},
        _sentence("The US and Israel struck Iraq.", doc_id="d", sentence_index=0),
        _sentence(
            "Both countries declined to comment.",
            ("USA", None, "011"),
            ("ISR", None, "011"),
            doc_id="d",
            sentence_index=1,
        ),
        _sentence("Not the sentence at this index.", doc_id="d", sentence_index=0),
    ]
    gold = _write(tmp_path / "g.jsonl", records)

    report = score(pipeline, load_annotations(gold))

    assert report.levels["event"].tp == 2
    assert report.misaligned == ["d#0"]


def test_document_source_path_is_relative_to_the_annotation_file(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Iraq condemned Israel.", encoding="utf-8")
    gold = _write(
        tmp_path / "g.jsonl", [{"kind": "document", "doc_id": "a", "source": "docs/a.txt"}]
    )

    loaded = load_annotations(gold)

    assert loaded.documents["a"].text == "Iraq condemned Israel."


def test_report_json_has_levels_breakdowns_and_errors(tmp_path: Path, pipeline: Pipeline) -> None:
    gold = _write(
        tmp_path / "g.jsonl", [_sentence("Iraq condemned Israel.", ("IRQ", "ISR", "112"))]
    )

    data = score(pipeline, load_annotations(gold), str(gold)).to_json()

    assert set(data["levels"]) == {"event", "root", "country"}
    assert data["levels"]["root"]["f1"] == 1.0
    assert data["misses"][0]["event"] == "IRQ -> ISR : 112"
    assert data["false_alarms"][0]["rule_id"] == "cameo.111.criticize.v1"
    json.dumps(data)


def test_excluded_roots_are_left_out_of_gold_and_predictions(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    records = [
        _sentence("Iran said on Monday that the meeting had been useful."),
        _sentence("Iraq condemned Israel.", ("IRQ", "ISR", "111"), ("IRQ", None, "010")),
    ]
    gold = load_annotations(_write(tmp_path / "g.jsonl", records))

    everything = score(pipeline, gold)
    without = score(pipeline, gold, exclude_roots=frozenset({"01"}))

    assert everything.levels["event"].fp == 1  # the statement nobody annotated
    assert everything.levels["event"].fn == 1  # the annotated statement not coded
    assert (without.levels["event"].tp, without.levels["event"].fp) == (1, 0)
    assert without.levels["event"].fn == 0
    assert "01" not in without.per_root
    assert not without.misses and not without.false_alarms
