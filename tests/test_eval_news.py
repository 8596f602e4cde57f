"""Scoring coders on annotated news sentence files (eventcoder.eval_news): PLOVER-typed pairs
and quad classes, their parts, the command line, and floors on ../shared/train."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventcoder import api
from eventcoder.cli import main
from eventcoder.eval_news import (
    PlvReport,
    QuadReport,
    news_type,
    read_news,
    score_plv,
    score_quad,
)
from eventcoder.gold import gold_format, gold_part, sentence_key
from eventcoder.pipeline import Pipeline
from eventcoder.taxonomy import load_cameo_table

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "train"
PLV = TRAIN / "plv_train.jsonl"
QUAD = TRAIN / "conflibert_cameo_train.jsonl"

PLV_RECORDS = [
    {
        "id": "p1",
        "text": "Kenya condemned the Ugandan army.",
        "pairs": [{"source": "Kenya", "target": "the Ugandan army", "plover_type": "ACCUSE"}],
    },
    {
        "id": "p2",
        "text": "Chile released 40 Bolivian prisoners on Monday.",
        "pairs": [{"source": "Chile", "target": "40 Bolivian prisoners", "plover_type": "YIELD"}],
    },
    {
        "id": "p3",
        "text": "The weather in Lima was mild on Sunday.",
        "pairs": [{"source": "Peru", "target": "Chile", "plover_type": "AID"}],
    },
]
QUAD_RECORDS = [
    {
        "id": "q1",
        "text": "Kenyan troops shelled a Somali town on Tuesday.",
        "quad": 4,
        "sources": ["Kenyan troops"],
        "targets": ["a Somali town"],
        "reciprocal": [],
    },
    {"id": "q2", "text": "Kenya said on Monday that the talks were useful.", "quad": 0},
    {"id": "q3", "text": "Peru and Chile signed a trade agreement.", "quad": 1},
]


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_the_format_of_a_news_file_is_told_from_its_first_record(tmp_path: Path) -> None:
    assert gold_format(_write(tmp_path / "a.jsonl", PLV_RECORDS)) == "plv"
    assert gold_format(_write(tmp_path / "b.jsonl", QUAD_RECORDS)) == "quad"


def test_codes_take_the_news_files_merged_plover_types() -> None:
    cameo = load_cameo_table()
    assert news_type(cameo.get("190")) == "ASSAULT"  # FIGHT
    assert news_type(cameo.get("0841")) == "YIELD"
    assert news_type(cameo.get("111")) == "ACCUSE"
    assert news_type(cameo.get("100")) == "REQUEST"
    assert news_type(cameo.get("010")) is None


def test_parts_split_the_file_by_the_sentence_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.jsonl", PLV_RECORDS)
    train, dev = read_news(path, "train"), read_news(path, "dev")
    assert len(train) + len(dev) == len(read_news(path, "all")) == 3
    assert all(gold_part(sentence_key(r["text"])) == "dev" for r in dev)


def test_types_dyads_and_misses_of_a_pair_file(tmp_path: Path, pipeline: Pipeline) -> None:
    report = score_plv(pipeline, _write(tmp_path / "a.jsonl", PLV_RECORDS))
    assert report.per_type["ACCUSE"].tp == 1 and report.per_type["YIELD"].tp == 1
    assert report.per_type["AID"].fn == 1
    assert report.micro.precision == 1.0
    assert report.micro.recall == pytest.approx(2 / 3)
    assert (report.dyad_correct, report.dyad_total) == (2, 3)
    assert [m.sentence for m in report.misses] == ["p3"]
    assert report.to_json()["type_micro"]["tp"] == 2


def test_quad_class_and_spans_of_a_quad_file(tmp_path: Path, pipeline: Pipeline) -> None:
    report = score_quad(pipeline, _write(tmp_path / "b.jsonl", QUAD_RECORDS))
    assert report.quad_correct == 3
    assert report.span_sentences == 1
    assert (report.source.gold_found, report.source.gold) == (1, 1)
    assert (report.target.gold_found, report.target.gold) == (1, 1)
    assert report.to_json()["confusion"]["4->4"] == 1


def test_eval_prints_a_part_of_a_news_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.jsonl", PLV_RECORDS)
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        main, ["eval", "--gold", str(path), "--part", "all", "--report", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "type macro-F1" in result.output and "miss AID" in result.output
    assert json.loads(out.read_text())["part"] == "all"


@pytest.mark.skipif(not PLV.exists(), reason=f"{PLV} not present (needs ../shared)")
def test_rule_coder_keeps_its_figures_on_the_pair_files_dev_part(pipeline: Pipeline) -> None:
    report = api.evaluate(PLV, pipeline, part="dev")
    assert isinstance(report, PlvReport)
    assert report.macro_f1 >= 0.64
    assert report.micro.precision >= 0.68
    assert report.dyad_accuracy >= 0.38


@pytest.mark.skipif(not QUAD.exists(), reason=f"{QUAD} not present (needs ../shared)")
def test_rule_coder_keeps_its_quad_accuracy_on_the_dev_part(pipeline: Pipeline) -> None:
    report = api.evaluate(QUAD, pipeline, part="dev")
    assert isinstance(report, QuadReport)
    assert report.quad_accuracy >= 0.65
