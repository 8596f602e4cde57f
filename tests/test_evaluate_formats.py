"""Gold formats: PETRARCH validation XML and PLOVER JSONL, and how each is scored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.evaluate import plover_type, score, score_plover
from eventcoder.gold import gold_format, gold_part, load_annotations, load_petrarch_validation
from eventcoder.pipeline import Pipeline
from eventcoder.taxonomy import load_cameo_table

PEER = Path(__file__).resolve().parents[2] / "shared" / "peer" / "petrarch2"
XML = """<Validation><Sentences>
<Sentence date="20240307" id="T-01" category="VERB">
<EventCoding sourcecode="IRQ" targetcode="ISR" eventcode="111"></EventCoding>
<Text>
Iraq condemned
Israel.
</Text>
<Parse>(ROOT (S (NP (NNP Iraq))))</Parse>
</Sentence>
<Sentence date="20240307" id="T-02" category="VERB">
<EventCoding noevents="True"></EventCoding>
<Text>The weather was mild.</Text>
</Sentence>
<Sentence date="20240307" id="T-02" category="ACTOR">
<EventCoding sourcecode="---" targetcode="ISR" eventcode="111"></EventCoding>
<Text>Iran condemned Israel.</Text>
</Sentence>
</Sentences></Validation>
"""


def test_gold_format_is_told_from_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_text(XML, encoding="utf-8")
    (tmp_path / "p.jsonl").write_text(json.dumps({"event": "AGREE", "source": []}) + "\n")
    (tmp_path / "g.jsonl").write_text(json.dumps({"kind": "sentence", "text": "x"}) + "\n")

    assert gold_format(tmp_path / "a.xml") == "petrarch"
    assert gold_format(tmp_path / "p.jsonl") == "plover"
    assert gold_format(tmp_path / "g.jsonl") == "annotations"


def test_petrarch_records_become_gold_sentences(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_text(XML, encoding="utf-8")

    gold = load_petrarch_validation(tmp_path / "a.xml")

    first, second, third = gold.sentences
    assert first.text == "Iraq condemned Israel." and first.date == "2024-03-07"
    assert [(e.actor_code, e.target_code, e.cameo_code) for e in first.events] == [
        ("IRQ", "ISR", "111")
    ]
    assert second.events == () and second.category == "VERB"
    assert third.key == "T-02#2", "duplicate ids are made unique"
    assert third.events[0].actor_code is None, "'---' means no actor"


def test_petrarch_records_are_scored_for_exact_matches_per_category(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    (tmp_path / "a.xml").write_text(XML, encoding="utf-8")

    report = score(pipeline, load_petrarch_validation(tmp_path / "a.xml"))

    assert report.exact["VERB"] == (2, 2)
    assert report.exact["ACTOR"] == (0, 1)
    assert report.exact_rate == pytest.approx(2 / 3)


def test_shared_unit_test_suite_reads_all_284_records() -> None:
    path = PEER / "PETR.UnitTest.records.xml"
    if not path.exists():
        pytest.skip(f"{path} not present (needs ../shared beside the checkout)")

    gold = load_petrarch_validation(path)

    assert len(gold.sentences) == 284
    assert len({s.key for s in gold.sentences}) == 284


def test_plover_type_follows_the_eval_readme() -> None:
    table = load_cameo_table()

    assert plover_type(table.get("010")) is None
    assert plover_type(table.get("195")) == "FIGHT"
    assert plover_type(table.get("111")) == "DISAPPROVE"
    assert plover_type(table.get("130")) == "THREATEN"


def test_plover_records_are_scored_for_type_source_and_target(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    records = [
        {
            "id": "p1",
            "text": "Iraq condemned Israel.",
            "event": "DISAPPROVE",
            "source": [{"actorText": "Iraq", "code": "IRQ"}],
            "target": [{"actorText": "Israel", "code": "ISR"}],
        },
        {
            "id": "p2",
            "text": "Iran condemned Israel.",
            "event": "AGREE",
            "source": [{"actorText": "Iran", "code": "IRN"}],
        },
    ]
    path = tmp_path / "plover.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    report = score_plover(pipeline, path)

    assert (report.type_found, report.records) == (1, 2)
    assert (report.coded_correct, report.coded) == (1, 2)
    assert report.source_accuracy == 1.0 and report.target_accuracy == 1.0
    assert report.per_type == {"AGREE": (0, 1), "DISAPPROVE": (1, 1)}
    assert "DISAPPROVE (cameo.111" in report.misses[0].event
    assert report.to_json()["type_recall"] == 0.5


def test_plover_gold_scored_on_one_part_keeps_only_that_parts_records(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    ids = [f"rec-{n}" for n in range(40)]
    record = {"text": "Iraq condemned Israel.", "event": "DISAPPROVE", "source": []}
    path = tmp_path / "plover.jsonl"
    path.write_text("".join(json.dumps({**record, "id": i}) + "\n" for i in ids), "utf-8")

    parts = {part: score_plover(pipeline, path, part).records for part in ("train", "dev")}

    dev = sum(gold_part(i) == "dev" for i in ids)
    assert 0 < dev < len(ids)
    assert parts == {"train": len(ids) - dev, "dev": dev}
    assert score_plover(pipeline, path).records == len(ids)


def test_annotation_loader_still_reads_our_own_format(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    record = {"kind": "sentence", "text": "Iraq condemned Israel.", "events": []}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")

    assert load_annotations(path).sentences[0].text == "Iraq condemned Israel."
