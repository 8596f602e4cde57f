"""The gazetteer (names, own entries, cache) and the Locator (which place an event gets)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc

from eventcoder.errors import LexiconError
from eventcoder.ingest import document_from_text, read_inputs
from eventcoder.nlp import sentences
from eventcoder.pipeline import Pipeline
from eventcoder.places import (
    CACHE_PREFIX,
    OWN_COLUMNS,
    Gazetteer,
    Locator,
    default_cache_dir,
    distance_km,
    fold,
)
from eventcoder.places.mentions import BORDER_WORDS, PLACE_ENTITIES, SKIP_ENTITIES, word_ids
from eventcoder.places.words import DocWords, country_word_positions
from eventcoder.types import Document, EventCandidate, ParsedDocument, Place

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_567aca93efc50564.txt"
SHALAMCHEH = (30.50, 48.02)
HEADER = "\t".join(OWN_COLUMNS)


@pytest.fixture(scope="module")
def gazetteer(pipeline: Pipeline) -> Gazetteer:
    return pipeline.locator.gazetteer


def locate(pipeline: Pipeline, text: str) -> list[EventCandidate]:
    document = document_from_text(text)
    parsed = ParsedDocument(document, tuple(sentences(document, pipeline.nlp.parse(text))))
    return pipeline.locator.locate(parsed, pipeline.coder.code(parsed))


def place_of(pipeline: Pipeline, text: str, code: str | None = None) -> Place | None:
    """The place of the first event (with this CAMEO code prefix) coded from the text."""
    found = [c for c in locate(pipeline, text) if code is None or c.cameo_code.startswith(code)]
    assert found, f"no event coded from {text!r}"
    return found[0].place


def km_from(place: Place | None, point: tuple[float, float]) -> float:
    assert place is not None and place.latitude is not None and place.longitude is not None
    return distance_km(place.latitude, place.longitude, *point)


# -- names and the gazetteer -----------------------------------------------------------


def test_fold_drops_accents_apostrophes_and_hyphens() -> None:
    assert fold("Al Qā’im") == "al qaim"
    assert fold("Rafaḩ") == "rafah"
    assert fold("Iraq–Iran") == "iraq iran"
    assert fold("U.S.") == "us"
    assert fold("البصرة") == ""


def test_distance_km_baghdad_to_basra() -> None:
    assert 440 < distance_km(33.3152, 44.3661, 30.5085, 47.7804) < 460
    assert distance_km(10.0, 10.0, 10.0, 10.0) == 0.0


def test_alternate_names_reach_the_same_place(gazetteer: Gazetteer) -> None:
    basra = {e.geonames_id for e in gazetteer.lookup("Basra") if e.kind == "city"}
    basrah = {e.geonames_id for e in gazetteer.lookup("Basrah") if e.kind == "city"}
    assert basra & basrah
    assert any(e.country == "IRQ" for e in gazetteer.lookup("al-Basrah"))


def test_admin1_names_come_from_geonames_codes(gazetteer: Gazetteer) -> None:
    (city,) = [e for e in gazetteer.lookup("Basrah") if e.kind == "city"]
    assert city.admin1 == "Al Başrah"
    provinces = [e for e in gazetteer.lookup("Khuzestan") if e.kind == "admin1"]
    assert provinces and provinces[0].country == "IRN"


def test_own_gazetteer_has_the_shalamcheh_crossing(gazetteer: Gazetteer) -> None:
    entry = gazetteer.lookup("Shalamcheh border crossing")[0]
    assert entry.own and entry.kind == "crossing" and entry.country == "IRN"
    assert entry.latitude is not None and entry.longitude is not None
    assert distance_km(entry.latitude, entry.longitude, *SHALAMCHEH) < 25


def test_countries_are_placed_at_their_capital(gazetteer: Gazetteer) -> None:
    iraq = gazetteer.country("IRQ")
    assert iraq is not None and iraq.kind == "country" and iraq.precision == 3
    assert iraq.latitude is not None and iraq.longitude is not None
    assert distance_km(iraq.latitude, iraq.longitude, 33.3152, 44.3661) < 25
    assert any(e.country == "USA" for e in gazetteer.lookup("U.S."))


# -- the locator ------------------------------------------------------------------------


def test_seed_airstrike_is_located_at_the_shalamcheh_crossing(pipeline: Pipeline) -> None:
    (document,) = list(read_inputs([SEED]))
    assert isinstance(document, Document)
    rows = [r for r in pipeline.code_document(document).rows if r["cameo_code"] == "195"]
    assert rows
    for row in rows:
        assert row["location_country"] == "IRN"
        assert "Shalamcheh" in row["location_text"]
        lat, lon = row["latitude"], row["longitude"]
        assert distance_km(lat, lon, *SHALAMCHEH) < 25
        assert row["geo_precision"] == 1


def test_tripoli_follows_the_countries_of_the_document(pipeline: Pipeline) -> None:
    lebanon = place_of(pipeline, "Lebanese troops clashed with gunmen in Tripoli on Monday.")
    libya = place_of(pipeline, "Libyan militias clashed with government forces in Tripoli.")
    assert lebanon is not None and lebanon.country == "LBN"
    assert libya is not None and libya.country == "LBY"


def test_georgia_is_the_country_unless_the_document_is_about_the_us(pipeline: Pipeline) -> None:
    country = place_of(pipeline, "Russian troops clashed with Georgian forces in Georgia.")
    state = place_of(pipeline, "US police clashed with protesters in Georgia.")
    assert country is not None and country.country == "GEO" and country.precision == 3
    assert state is not None and state.country == "USA" and state.admin1 == "Georgia"


def test_a_city_qualified_by_its_state_or_country(pipeline: Pipeline) -> None:
    place = place_of(pipeline, "US police clashed with protesters in Atlanta, Georgia.")
    assert place is not None and place.name == "Atlanta" and place.precision == 1
    assert place.text == "Atlanta, Georgia"


def test_gaza_is_in_the_palestinian_territories(pipeline: Pipeline) -> None:
    place = place_of(pipeline, "Israeli troops clashed with Palestinian militants in Gaza.")
    assert place is not None and place.country == "PSE"
    assert km_from(place, (31.50, 34.47)) < 10


@pytest.mark.parametrize(
    ("text", "country", "precision"),
    [
        ("Iraqi police clashed with protesters in Nasiriyah.", "IRQ", 1),
        ("Iraqi security forces clashed with gunmen in Basra province.", "IRQ", 3),
        ("Malian soldiers clashed with jihadists near Timbuktu.", "MLI", 2),
        ("Turkish troops clashed with Kurdish fighters on the outskirts of Afrin.", "SYR", 2),
        ("Militants clashed with Iraqi troops 30 km north of Baghdad.", "IRQ", 2),
        ("Sudanese army forces clashed with paramilitaries across Sudan.", "SDN", 3),
        ("Jordanian police clashed with Syrian refugees in the Zaatari camp.", "JOR", 1),
        ("Israeli troops clashed with gunmen near the Lebanese border.", "LBN", 2),
    ],
)
def test_precision_on_the_acled_scale(
    pipeline: Pipeline, text: str, country: str, precision: int
) -> None:
    place = place_of(pipeline, text)
    assert place is not None
    assert (place.country, place.precision) == (country, precision)


def test_a_province_is_placed_at_its_main_city(pipeline: Pipeline) -> None:
    place = place_of(pipeline, "Iraqi security forces clashed with gunmen in Basra province.")
    assert place is not None and place.text == "Basra province" and place.admin1 == "Al Başrah"
    assert km_from(place, (30.5085, 47.7804)) < 20


def test_the_events_own_phrase_wins_over_other_places(pipeline: Pipeline) -> None:
    text = "Iraqi officials in Baghdad condemned the Turkish air strike on Sinjar."
    strike = place_of(pipeline, text, "195")
    condemnation = place_of(pipeline, text, "111")
    assert strike is not None and strike.text == "Sinjar"
    assert condemnation is not None and condemnation.text == "Baghdad"


def test_the_iraq_iran_border_is_a_region(pipeline: Pipeline) -> None:
    text = "Iraqi troops clashed with militants on the Iraq-Iran border."
    place = place_of(pipeline, text)
    assert place is not None
    assert (place.name, place.country, place.precision) == ("Iraq–Iran border", "IRQ", 2)
    assert place.latitude is None


def test_actors_are_not_places(pipeline: Pipeline) -> None:
    cands = locate(pipeline, "Iraq condemned the US airstrike.")
    strike = next(c for c in cands if c.cameo_code == "195")
    condemnation = next(c for c in cands if c.cameo_code == "111")
    assert strike.place is None  # "US" is the striker, not where the strike was
    # a statement with no place at all: the speaker's country, at country level
    assert condemnation.place is not None
    assert (condemnation.place.country, condemnation.place.precision) == ("IRQ", 3)


def test_dateline_places_an_event_without_a_place(pipeline: Pipeline) -> None:
    text = "BAGHDAD (Reuters) - Iraq's parliament condemned the attack on Tuesday."
    place = place_of(pipeline, text)
    assert place is not None and place.text == "BAGHDAD" and place.country == "IRQ"
    lebanon = place_of(
        pipeline,
        "TRIPOLI, Lebanon (AP) — Lebanese troops clashed with gunmen in the city on Monday.",
    )
    assert lebanon is not None and lebanon.country == "LBN"


def test_the_documents_most_mentioned_place_is_the_last_resort(pipeline: Pipeline) -> None:
    text = (
        "Fighting erupted again in Mosul on Monday. Heavy shelling hit Mosul's old city. "
        "Iraqi troops clashed with Islamic State fighters for hours."
    )
    place = place_of(pipeline, text, "190")
    assert place is not None and place.country == "IRQ"
    assert km_from(place, (36.345, 43.145)) < 10


def test_no_candidates_no_work(pipeline: Pipeline) -> None:
    text = "Nothing happened in Basra."
    document = document_from_text(text)
    parsed = ParsedDocument(document, tuple(sentences(document, pipeline.nlp.parse(text))))
    assert pipeline.locator.locate(parsed, []) == []


def _parsed(pipeline: Pipeline, text: str) -> ParsedDocument:
    document = document_from_text(text)
    return ParsedDocument(document, tuple(sentences(document, pipeline.nlp.parse(text))))


LOCATED_TWICE = (
    "Kenyan police clashed with protesters in Eldoret, Kenya, on Monday. "
    "The governor of Uasin Gishu county condemned the violence near the Ugandan border. "
    "Somali forces later shelled Kismayo, while Turkey called for calm."
)


def test_a_document_located_again_gets_what_a_fresh_locator_gives(pipeline: Pipeline) -> None:
    parsed = _parsed(pipeline, LOCATED_TWICE)
    candidates = pipeline.coder.code(parsed)
    assert len(candidates) >= 2
    first = pipeline.locator.locate(parsed, candidates)
    again = pipeline.locator.locate(parsed, candidates)  # the same context
    fewer = pipeline.locator.locate(parsed, candidates[1:])  # another context
    listed = pipeline.locator.mentions(parsed)
    fresh = Locator(pipeline.locator.gazetteer)
    assert first == again == fresh.locate(parsed, candidates)
    assert fewer == Locator(pipeline.locator.gazetteer).locate(parsed, candidates[1:])
    assert listed == Locator(pipeline.locator.gazetteer).mentions(parsed)
    assert pipeline.locator.locate(parsed, candidates) == first  # listing changed nothing


def test_doc_words_are_what_the_tokens_say(pipeline: Pipeline) -> None:
    doc = pipeline.nlp.parse(LOCATED_TWICE + " The 3 men were freed in Nairobi on 5 May.")
    ids = word_ids(doc.vocab.strings, ["kenyan", "ugandan", "somali"])
    words = DocWords.of(doc, ids)
    assert words.starts == tuple(
        t.i
        for t in doc
        if t.ent_type_ not in SKIP_ENTITIES and (t.pos_ == "PROPN" or t.ent_type_ in PLACE_ENTITIES)
    )
    assert words.borders == tuple(t.i for t in doc if t.lower_ in BORDER_WORDS)
    lower = {t.text for t in doc if t.is_alpha and t.text.islower()}
    for t in doc:
        assert (t.lower_ in words.lowers) == (t.lower_ in lower)
        assert (t.text in words.lowers) == (t.text in lower)
    assert "border" in words.lowers and "Kenya" not in words.lowers
    assert [doc[k].text for k in country_word_positions(doc, ids)] == [
        "Kenyan", "Ugandan", "Somali"
    ]  # fmt: skip
    strings = words.strings
    for t in doc:
        k = t.i
        assert (strings[words.orth[k]], words.lower_(k), words.strings[words.pos[k]]) == (
            t.text,
            t.lower_,
            t.pos_,
        )
        assert (strings[words.ent[k]], strings[words.dep[k]], words.head[k]) == (
            t.ent_type_,
            t.dep_,
            t.head.i,
        )
        assert (words.lemma_lower(k), words.is_lower(k), words.iob(k)) == (
            t.lemma_.lower(),
            t.is_lower,
            t.ent_iob,
        )
        assert words.span_text(k, len(doc)) == doc[k:].text
        assert words.span_text(0, k + 1) == doc[: k + 1].text


def test_doc_words_take_a_word_without_a_dependency_as_its_own_head(pipeline: Pipeline) -> None:
    words = ["Police", "in", "Kabul", "Afghanistan", "said", "north", "of", "Kandahar", "."]
    heads = [4, 0, 1, 2, 4, 4, 5, 6, 4]
    deps = ["nsubj", "prep", "pobj", "", "ROOT", "advmod", "", "pobj", "punct"]
    doc = Doc(pipeline.nlp.pipeline.vocab, words=words, heads=heads, deps=deps)
    read = DocWords.of(doc, word_ids(doc.vocab.strings, []))
    assert read.head == [t.head.i for t in doc]
    assert [k for k in range(len(doc)) if not read.dep[k]] == [3, 6]


def test_one_look_up_answers_what_candidates_and_begins_name_do(gazetteer: Gazetteer) -> None:
    for key in ("kabul", "new", "new york", "al basra", "san", "zzzz", "the", "el salvador"):
        assert gazetteer.look_up(key) == (gazetteer.candidates(key), gazetteer.begins_name(key))
    assert gazetteer.look_up("new")[1] and gazetteer.look_up("kabul")[0]


def test_capitalised_words_are_not_places(pipeline: Pipeline) -> None:
    text = (
        "The Sinaloa Cartel and its rivals still fight for the port, says Marta Ruiz, "
        "who directs Vigilia, a local NGO."
    )
    for cand in locate(pipeline, text):
        assert cand.place is None or cand.place.country != "JPN"  # NGO is not Nagoya


# -- the cache ---------------------------------------------------------------------------


def _own_file(folder: Path, extra: str = "") -> Path:
    path = folder / "gazetteer.tsv"
    path.write_text(
        "# test gazetteer\n"
        f"{HEADER}\n"
        "Test crossing\tTest border crossing\tIRQ\tAnbar\t33.0\t41.0\tcrossing\ttest\n"
        "United States\tUS\tUSA\t\t\t\tcountry\tshort name\n" + extra,
        encoding="utf-8",
    )
    return path


def test_cache_is_written_once_reused_and_rebuilt_on_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the gazetteer must not use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    cache = tmp_path / "cache"
    own = _own_file(tmp_path)

    first = Gazetteer.load(cache, own_file=own, cities="15000")
    (written,) = list(cache.glob(f"{CACHE_PREFIX}*.pickle"))
    stamp = written.stat().st_mtime_ns
    second = Gazetteer.load(cache, own_file=own, cities="15000")

    assert (first.origin, second.origin) == ("built", "cache")
    assert written.stat().st_mtime_ns == stamp
    assert second.lookup("Test crossing")[0].kind == "crossing"
    assert len(second) == len(first)
    assert not list(cache.glob(".*tmp"))

    _own_file(tmp_path, "Other camp\t\tSYR\tHoms\t34.0\t37.0\tcamp\ttest\n")
    third = Gazetteer.load(cache, own_file=own, cities="15000")
    assert third.origin == "built" and third.key != first.key
    assert third.lookup("Other camp")[0].country == "SYR"
    (kept,) = list(cache.glob(f"{CACHE_PREFIX}*.pickle"))
    assert kept != written  # the stale cache is dropped


def test_a_corrupt_or_unwritable_cache_costs_only_a_rebuild(tmp_path: Path) -> None:
    own = _own_file(tmp_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    assert Gazetteer.load(blocked, own_file=own, cities="15000").origin == "built"

    cache = tmp_path / "cache"
    Gazetteer.load(cache, own_file=own, cities="15000")
    (written,) = list(cache.glob(f"{CACHE_PREFIX}*.pickle"))
    written.write_bytes(b"not a pickle")
    again = Gazetteer.load(cache, own_file=own, cities="15000")
    assert again.origin == "built" and again.lookup("Test crossing")


def test_default_cache_dir_follows_xdg_then_home(tmp_path: Path) -> None:
    assert default_cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "eventcoder"
    home = {"HOME": str(tmp_path)}
    assert default_cache_dir(home) == tmp_path / ".cache" / "eventcoder"
    assert default_cache_dir({"XDG_CACHE_HOME": "", **home}) == tmp_path / ".cache" / "eventcoder"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("Bad\t\tIRQ\t\t33.0\t41.0\tpalace\tx\n", "kind"),
        ("Bad\t\tIraq\t\t33.0\t41.0\tcamp\tx\n", "ISO3"),
        ("Bad\t\tIRQ\t\tnorth\t41.0\tcamp\tx\n", "coordinates"),
        ("Bad\t\tIRQ\t\t95.0\t41.0\tcamp\tx\n", "out of range"),
        ("Bad\tB\tXXX\t\t\t\tcountry\tx\n", "unknown country"),
    ],
)
def test_a_malformed_own_gazetteer_is_refused(tmp_path: Path, row: str, problem: str) -> None:
    own = tmp_path / "gazetteer.tsv"
    own.write_text(f"{HEADER}\n{row}", encoding="utf-8")
    with pytest.raises(LexiconError, match=problem):
        Gazetteer.build(own_file=own, cities="15000")


def test_the_project_gazetteer_file_is_well_formed() -> None:
    text = (ROOT / "eventcoder" / "lexicon" / "gazetteer.tsv").read_text(encoding="utf-8")
    assert text.startswith("# eventcoder's own gazetteer")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert rows[0] == list(OWN_COLUMNS)
    sites = [r for r in rows[1:] if r[6] != "country"]
    assert len(sites) >= 20
    assert all(len(r) == len(OWN_COLUMNS) for r in rows)
