"""Location scoring: matching gold events to predicted ones, country, 50 km, median error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.evaluate import (
    LocationMiss,
    LocationScore,
    _Predicted,
    score,
    score_locations,
)
from eventcoder.gold import GoldEvent, GoldSentence, load_annotations
from eventcoder.pipeline import Pipeline
from eventcoder.types import Place

ROOT = Path(__file__).resolve().parents[1]
BASRA = Place("Basra", "Basrah", "IRQ", "Al Başrah", 30.5085, 47.7804, 99532, 1)
TEHRAN = Place("Tehran", "Tehran", "IRN", "Tehrān", 35.6944, 51.4215, 112931, 1)


def _gold(
    country: str | None = "IRQ",
    lat: float | None = 30.51,
    lon: float | None = 47.81,
    key: tuple[str | None, str | None, str] = ("IRQCOP", None, "190"),
) -> GoldEvent:
    return GoldEvent(*key, location_country=country, latitude=lat, longitude=lon)


def _sentence(*events: GoldEvent) -> GoldSentence:
    return GoldSentence("s1", "Iraqi police clashed with gunmen in Basra.", events)


def _predicted(
    place: Place | None, key: tuple[str | None, str | None, str] = ("IRQCOP", None, "190")
) -> _Predicted:
    return _Predicted(key, "rule", None, None, place)


def test_a_right_place_scores_country_and_distance() -> None:
    found = score_locations(_sentence(_gold()), [_predicted(BASRA)])

    assert (found.events, found.located, found.country_correct, found.within_km) == (1, 1, 1, 1)
    assert found.country_accuracy == 1.0 and found.within_rate == 1.0
    assert found.median_error_km is not None and found.median_error_km < 5


def test_a_wrong_place_is_a_miss_with_its_error() -> None:
    misses: list[LocationMiss] = []
    found = score_locations(_sentence(_gold()), [_predicted(TEHRAN)], misses)

    assert (found.country_correct, found.within_km, found.coord_total) == (0, 0, 1)
    (miss,) = misses
    assert miss.sentence == "s1" and miss.predicted is not None and "Tehran" in miss.predicted
    assert miss.error_km is not None and miss.error_km > 500


def test_no_prediction_counts_against_both_figures() -> None:
    misses: list[LocationMiss] = []
    found = score_locations(_sentence(_gold()), [], misses)

    assert (found.events, found.located, found.country_total, found.coord_total) == (1, 0, 1, 1)
    assert found.country_correct == 0 and found.within_km == 0
    assert found.median_error_km is None
    assert misses[0].predicted is None


def test_country_only_and_coordinates_only_gold() -> None:
    country_only = score_locations(_sentence(_gold(lat=None, lon=None)), [_predicted(BASRA)])
    point_only = score_locations(_sentence(_gold(country=None)), [_predicted(BASRA)])

    assert (country_only.country_total, country_only.coord_total) == (1, 0)
    assert (point_only.country_total, point_only.coord_total) == (0, 1)
    assert point_only.within_km == 1


def test_gold_without_a_location_is_not_scored() -> None:
    found = score_locations(_sentence(_gold(country=None, lat=None, lon=None)), [])
    assert found == LocationScore()


def test_the_matching_event_is_preferred_then_the_same_root_then_any() -> None:
    exact = _predicted(BASRA)
    other_code = _predicted(TEHRAN, ("IRN", None, "111"))
    same_root = _predicted(BASRA, ("REB", None, "193"))

    assert score_locations(_sentence(_gold()), [other_code, exact]).country_correct == 1
    assert score_locations(_sentence(_gold()), [other_code, same_root]).country_correct == 1
    assert score_locations(_sentence(_gold()), [other_code]).country_correct == 0
    placeless = _predicted(None)
    assert score_locations(_sentence(_gold()), [placeless]).located == 0


def test_scores_add_up_and_serialise() -> None:
    a = LocationScore(1, 1, 1, 1, 1, 1, (2.0,))
    b = LocationScore(2, 1, 2, 0, 1, 0, (400.0, 10.0))
    total = a.add(b)

    assert (total.events, total.country_correct, total.within_km) == (3, 1, 1)
    assert total.median_error_km == 10.0
    data = total.to_json()
    assert data["country_accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert data["within_50km_rate"] == 0.5 and data["median_error_km"] == 10.0
    assert LocationScore().to_json()["median_error_km"] is None


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _record(text: str, category: str, **location: Any) -> dict[str, Any]:
    event = {"actor_code": "IRQCOP", "target_code": None, "cameo_code": "190", **location}
    return {"kind": "sentence", "text": text, "category": category, "events": [event]}


def test_gold_location_fields_are_read(tmp_path: Path) -> None:
    gold = _write(
        tmp_path / "g.jsonl",
        [
            _record(
                "x",
                "city",
                location_text="Basra",
                location_country="IRQ",
                latitude=30.5,
                longitude=47.8,
            )
        ],
    )
    (event,) = load_annotations(gold).sentences[0].events
    assert (event.location_text, event.location_country) == ("Basra", "IRQ")
    assert (event.latitude, event.longitude) == (30.5, 47.8)
    assert event.has_location and event.has_coordinates


def test_report_has_a_locations_section_by_category(tmp_path: Path, pipeline: Pipeline) -> None:
    gold = _write(
        tmp_path / "g.jsonl",
        [
            _record(
                "Iraqi police clashed with gunmen in Basra.",
                "city",
                location_country="IRQ",
                latitude=30.5085,
                longitude=47.7804,
            ),
            _record(
                "Iraqi police clashed with gunmen in Mosul.",
                "wrong",
                location_country="SYR",
                latitude=36.2,
                longitude=37.15,
            ),
            {"kind": "sentence", "text": "Iraq condemned Israel.", "events": []},
        ],
    )
    report = score(pipeline, load_annotations(gold), str(gold))

    assert report.locations is not None
    assert (report.locations.events, report.locations.country_correct) == (2, 1)
    assert report.locations_per_category["city"].within_km == 1
    assert report.locations_per_category["wrong"].within_km == 0
    data = report.to_json()["locations"]
    assert data["per_category"]["city"]["country_accuracy"] == 1.0
    assert len(data["misses"]) == 1 and "Mosul" in data["misses"][0]["predicted"]


def test_no_gold_locations_no_section(tmp_path: Path, pipeline: Pipeline) -> None:
    gold = _write(tmp_path / "g.jsonl", [_record("Iraq condemned Israel.", "x")])
    report = score(pipeline, load_annotations(gold), str(gold))
    assert report.locations is None and report.to_json()["locations"] is None


@pytest.mark.parametrize("name", ["locations.jsonl", "locations_holdout.jsonl"])
def test_location_test_sets_meet_the_targets(pipeline: Pipeline, name: str) -> None:
    path = ROOT / "annotations" / name
    report = score(pipeline, load_annotations(path), str(path))

    assert report.misaligned == []
    assert report.locations is not None
    assert report.locations.events >= 30
    assert report.locations.country_accuracy >= 0.85
    assert report.locations.within_rate >= 0.75


def test_the_location_test_set_is_large_and_varied() -> None:
    gold = load_annotations(ROOT / "annotations" / "locations.jsonl")
    located = [s for s in gold.sentences if any(e.has_location for e in s.events)]
    categories = {s.category for s in located}

    assert len(located) >= 60
    assert {"city", "region", "crossing", "camp", "ambiguous", "dateline"} <= categories


def test_eval_command_prints_the_location_table(tmp_path: Path) -> None:
    gold = _write(
        tmp_path / "g.jsonl",
        [
            _record(
                "Iraqi police clashed with gunmen in Basra.",
                "city",
                location_country="IRQ",
                latitude=30.5085,
                longitude=47.7804,
            )
        ],
    )
    report = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--report", str(report)])

    assert result.exit_code == 0, result.output
    assert "within 50 km" in result.output and "1/1 (100.0%)" in result.output
    assert json.loads(report.read_text(encoding="utf-8"))["locations"]["events"] == 1
