"""Place mentions (`eventcoder places`, api.place_mentions), their evidence, the area centres,
the toponym scorer, and event locations on short conflict sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder import api
from eventcoder.cli import main
from eventcoder.eval_places import (
    EXACT_NOTE,
    GoldPlace,
    GoldPlaceDocument,
    PlacesReport,
    load_place_gold,
    score_mentions,
)
from eventcoder.evaluate import score
from eventcoder.gold import gold_format, load_annotations
from eventcoder.ingest import document_from_text
from eventcoder.pipeline import Pipeline
from eventcoder.places import Gazetteer, distance_km
from eventcoder.types import Document, Place, PlaceMention

ROOT = Path(__file__).resolve().parents[1]
GEOVIRUS = ROOT.parent / "shared" / "eval" / "geovirus_dev.jsonl"


def mentions(pipeline: Pipeline, text: str) -> list[PlaceMention]:
    return api.places(text, pipeline=pipeline)


def named(pipeline: Pipeline, text: str) -> dict[str, PlaceMention]:
    return {m.text: m for m in mentions(pipeline, text)}


# -- what counts as a place ----------------------------------------------------------------


def test_countries_named_as_actors_are_mentions_too(pipeline: Pipeline) -> None:
    found = named(pipeline, "Kenya accused Uganda of arming the rebels.")
    assert found["Kenya"].place.country == "KEN" and found["Kenya"].place.feature == "country"
    assert found["Uganda"].place.country == "UGA"


def test_demonyms_are_mentions_of_their_country(pipeline: Pipeline) -> None:
    found = named(pipeline, "Turkish police detained two Syrian men on Monday.")
    assert found["Turkish"].place.country == "TUR" and found["Turkish"].reason == "demonym"
    assert found["Syrian"].place.country == "SYR"
    text = "Turkish police detained two Syrian men on Monday."
    parsed = pipeline.parse(document_from_text(text))
    assert pipeline.locator.mentions(parsed, demonyms=False) == []


def test_person_and_organisation_names_are_not_places(pipeline: Pipeline) -> None:
    text = (
        "Maria Florence, a spokeswoman for the Hamilton Foundation, thanked God and the "
        "WHO for their help after the storm."
    )
    assert mentions(pipeline, text) == []


def test_acronyms_are_places_only_when_listed(pipeline: Pipeline) -> None:
    found = named(pipeline, "The UN and the FBI sent teams to the DRC and the UK.")
    assert set(found) == {"DRC", "UK"}
    assert found["DRC"].place.country == "COD"


def test_words_named_after_places_are_not_places(pipeline: Pipeline) -> None:
    text = "Doctors in Uganda confirmed a case of Marburg virus in a village near Kasese."
    found = named(pipeline, text)
    assert "Marburg" not in found
    assert found["Kasese"].place.country == "UGA"


def test_ordinary_capitalised_words_are_not_places(pipeline: Pipeline) -> None:
    text = "The Police Department said the National Guard and University staff were safe."
    assert mentions(pipeline, text) == []


def test_a_place_word_makes_an_unlabelled_name_a_place(pipeline: Pipeline) -> None:
    found = named(pipeline, "Gunmen attacked the town of Bunia, officials said.")
    assert found["Bunia"].place.country == "COD"
    assert found["Bunia"].reason.startswith("place word")


# -- which place ---------------------------------------------------------------------------


def test_a_city_named_with_its_country_takes_that_one(pipeline: Pipeline) -> None:
    found = named(pipeline, "Protesters gathered in Tripoli, Lebanon, on Friday.")
    assert found["Tripoli"].place.country == "LBN"
    assert "Lebanon" in found["Tripoli"].reason


def test_the_documents_countries_decide_an_ambiguous_name(pipeline: Pipeline) -> None:
    libya = named(pipeline, "Libyan militias fought for control of Tripoli.")
    assert libya["Tripoli"].place.country == "LBY"


def test_a_country_mention_is_placed_at_its_middle_not_its_capital(pipeline: Pipeline) -> None:
    place = named(pipeline, "Heavy rain fell across Canada last week.")["Canada"].place
    assert place.latitude is not None and place.longitude is not None
    ottawa = (45.42, -75.70)
    assert distance_km(place.latitude, place.longitude, *ottawa) > 1000
    assert place.precision == 3


def test_regions_and_continents_are_places(pipeline: Pipeline) -> None:
    found = named(pipeline, "The virus spread from West Africa to Europe.")
    assert found["West Africa"].place.feature == "region"
    assert found["Europe"].place.country is None


def test_offsets_point_into_the_document_text(pipeline: Pipeline) -> None:
    text = "Floods hit Dhaka and Chittagong in Bangladesh."
    for m in mentions(pipeline, text):
        assert text[m.start : m.end] == m.text


def test_every_area_centre_lies_in_its_country(pipeline: Pipeline) -> None:
    gazetteer: Gazetteer = pipeline.locator.gazetteer
    for iso3 in ("USA", "RUS", "CHN", "BRA", "AUS", "KEN", "NGA"):
        country = gazetteer.country(iso3)
        assert country is not None and country.centre is not None
        capital = (country.latitude, country.longitude)
        assert capital[0] is not None and capital[1] is not None
        assert distance_km(*country.centre, capital[0], capital[1]) < 4000


# -- the command and the API ---------------------------------------------------------------


def test_places_command_writes_one_json_object_per_mention(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Soldiers clashed with rebels near Goma on Sunday.")
    (folder / "b.txt").write_text("")
    result = CliRunner().invoke(main, ["places", str(folder)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    (goma,) = [r for r in lines if r["text"] == "Goma"]
    assert goma["doc_id"] == "a" and goma["country"] == "COD"
    assert {"start", "end", "latitude", "longitude", "feature", "reason"} <= set(goma)
    assert "skipped" in result.stderr


def test_places_command_prints_a_table(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Police raided a house in Karachi.")
    result = CliRunner().invoke(main, ["places", "--format", "table", str(tmp_path / "a.txt")])
    assert result.exit_code == 0 and "Karachi" in result.stdout


# -- scoring -------------------------------------------------------------------------------


def _finder(predicted: dict[str, list[PlaceMention]]):  # type: ignore[no-untyped-def]
    def find(documents):  # type: ignore[no-untyped-def]
        for d in documents:
            yield d, predicted.get(d.doc_id, [])

    return find


def _mention(
    doc: str, start: int, end: int, lat: float, lon: float, reason: str = ""
) -> PlaceMention:
    return PlaceMention(doc, 0, start, end, "x", Place("x", "x", "AAA", None, lat, lon), reason)


def test_the_toponym_scorer_counts_distance_overlap_and_demonyms() -> None:
    text = "Aaaa and Bbbb met in Cccc; Dddd people."
    gold = [
        GoldPlaceDocument(
            "doc-1",
            text,
            (
                GoldPlace("Aaaa", 0, 4, 10.0, 10.0),
                GoldPlace("Bbbb", 9, 13, 20.0, 20.0),
                GoldPlace("Cccc", 21, 25, 30.0, 30.0),
            ),
        )
    ]
    predicted = {
        "doc-1": [
            _mention("doc-1", 0, 4, 10.5, 10.0),  # 56 km: found
            _mention("doc-1", 9, 13, 25.0, 20.0),  # 556 km: far
            _mention("doc-1", 14, 17, 0.0, 0.0),  # no gold: spurious
            _mention("doc-1", 27, 31, 1.0, 1.0, "demonym"),  # not scored
        ]
    }
    report = score_mentions(_finder(predicted), gold, "gold.jsonl")
    f = report.overall
    assert (f.gold, f.found, f.within, f.predicted, f.predicted_overlapping) == (3, 2, 1, 3, 2)
    assert f.demonyms == 1 and f.recall_161 == pytest.approx(1 / 3)
    assert report.error_counts == {"far": 1, "missed": 1, "spurious": 1}
    assert report.errors[0].kind == "far" and report.exact_note == EXACT_NOTE
    assert report.parts["train"].gold + report.parts["dev"].gold == 3
    assert json.loads(json.dumps(report.to_json()))["overall"]["precision"] == pytest.approx(
        2 / 3, abs=1e-3
    )


def test_toponym_gold_is_told_from_its_first_record(tmp_path: Path) -> None:
    gold = tmp_path / "places.jsonl"
    record = {"id": "d1", "text": "Rain in Lima.", "places": [
        {"name": "Lima", "start": 8, "end": 12, "lat": -12.05, "lon": -77.04}
    ]}  # fmt: skip
    gold.write_text(json.dumps(record) + "\n")
    assert gold_format(gold) == "places"
    (doc,) = load_place_gold(gold)
    assert doc.places[0].name == "Lima" and isinstance(document_from_text(doc.text), Document)


def test_eval_command_scores_a_toponym_file(tmp_path: Path) -> None:
    gold = tmp_path / "places.jsonl"
    record = {"id": "d1", "text": "Police clashed with protesters in Lima, Peru.", "places": [
        {"name": "Lima", "start": 34, "end": 38, "lat": -12.05, "lon": -77.04},
        {"name": "Peru", "start": 40, "end": 44, "lat": -10.0, "lon": -76.0},
    ]}  # fmt: skip
    gold.write_text(json.dumps(record) + "\n")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--report", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert report["kind"] == "places" and report["overall"]["recall_161"] == 1.0


@pytest.mark.skipif(not GEOVIRUS.exists(), reason="../shared/eval/geovirus_dev.jsonl is absent")
def test_geovirus_dev_part_meets_the_toponym_targets(pipeline: Pipeline) -> None:
    report = api.evaluate(GEOVIRUS, pipeline)
    assert isinstance(report, PlacesReport)
    dev = report.parts["dev"]
    assert dev.recall_161 >= 0.75 and dev.precision >= 0.85


# -- event locations -----------------------------------------------------------------------


def test_events_in_short_conflict_sentences_are_placed(pipeline: Pipeline) -> None:
    path = ROOT / "tests" / "golden" / "place_events.jsonl"
    report = score(pipeline, load_annotations(path), str(path))
    assert report.locations is not None and report.locations.events >= 40
    assert report.locations.country_accuracy >= 0.95
    assert report.locations.within_rate >= 0.9
