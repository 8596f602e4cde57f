"""Held-out gold: documents read from a JSONL file by id, sentences by offsets and hash,
the two hold-out files' formats, and the rule coder's floors on them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from eventcoder.errors import InputError
from eventcoder.evaluate import score, score_plover
from eventcoder.gold import gold_format, load_annotations, text_sha1
from eventcoder.pipeline import Pipeline
from eventcoder.schema import ANNOTATION_SCHEMA_FILE, load_schema

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "annotations"
PLOVER_HOLDOUT = ANNOTATIONS / "plover_holdout.jsonl"
CORPUS_HOLDOUT = ANNOTATIONS / "corpus_holdout.jsonl"
CORPUS_DEV = ANNOTATIONS / "corpus_dev.jsonl"
# corpus gold files: (path, documents, sentences, events)
CORPUS_GOLD = [
    pytest.param(CORPUS_HOLDOUT, 30, 150, 37, id="corpus_holdout"),
    pytest.param(CORPUS_DEV, 40, 200, 99, id="corpus_dev"),
]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "insightcrime_train.jsonl"
PLOVER_DEV = SHARED / "eval" / "plover_gsr_dev.jsonl"

TEXT = "The weather was mild. Iraq condemned Israel. It rained later."
SENTENCE = "Iraq condemned Israel."
PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "INVESTIGATE",
    "DEMAND",
    "DISAPPROVE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
    "FIGHT",
}


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _corpus(tmp_path: Path) -> Path:
    return _write_jsonl(
        tmp_path / "corpus.jsonl",
        [{"id": "a", "text": "Something else."}, {"id": "b", "text": TEXT, "publisher": "x"}],
    )


def _by_offsets(start: int, end: int, **extra: Any) -> dict[str, Any]:
    record = {
        "kind": "sentence",
        "doc_id": "d",
        "start": start,
        "end": end,
        "text_sha1": text_sha1(TEXT[start:end])[:12],
        "events": [{"actor_code": "IRQ", "target_code": "ISR", "cameo_code": "111"}],
    }
    record.update(extra)
    return record


def _gold_file(tmp_path: Path, *sentences: dict[str, Any], source: str = "corpus.jsonl") -> Path:
    document = {"kind": "document", "doc_id": "d", "source": source, "record_id": "b"}
    return _write_jsonl(tmp_path / "gold.jsonl", [document, *sentences])


# --- loader ----------------------------------------------------------------------------------


def test_document_is_read_from_a_jsonl_source_by_record_id(tmp_path: Path) -> None:
    _corpus(tmp_path)
    start = TEXT.index(SENTENCE)

    gold = load_annotations(_gold_file(tmp_path, _by_offsets(start, start + len(SENTENCE))))

    assert gold.documents["d"].text == TEXT
    (sentence,) = gold.sentences
    assert sentence.text == SENTENCE
    assert (sentence.start, sentence.end, sentence.doc_id) == (start, start + len(SENTENCE), "d")


def test_sentence_by_offsets_with_a_wrong_hash_is_refused(tmp_path: Path) -> None:
    _corpus(tmp_path)
    start = TEXT.index(SENTENCE)
    record = _by_offsets(start, start + len(SENTENCE), text_sha1="0123456789ab")

    with pytest.raises(InputError, match="does not match text_sha1 0123456789ab"):
        load_annotations(_gold_file(tmp_path, record))


def test_sentence_offsets_outside_the_document_are_refused(tmp_path: Path) -> None:
    _corpus(tmp_path)
    record = {**_by_offsets(0, 5), "end": len(TEXT) + 10}

    with pytest.raises(InputError, match="outside document 'd'"):
        load_annotations(_gold_file(tmp_path, record))


def test_missing_source_file_is_named_in_the_error(tmp_path: Path) -> None:
    start = TEXT.index(SENTENCE)
    path = _gold_file(
        tmp_path, _by_offsets(start, start + len(SENTENCE)), source="../absent/corpus.jsonl"
    )

    with pytest.raises(InputError) as err:
        load_annotations(path)

    assert str((tmp_path / "../absent/corpus.jsonl").resolve()) in str(err.value)
    assert "not there" in str(err.value)


def test_unknown_record_id_is_refused(tmp_path: Path) -> None:
    _corpus(tmp_path)
    path = _write_jsonl(
        tmp_path / "gold.jsonl",
        [{"kind": "document", "doc_id": "d", "source": "corpus.jsonl", "record_id": "zzz"}],
    )

    with pytest.raises(InputError, match="no record with id 'zzz'"):
        load_annotations(path)


def test_sentence_by_offsets_needs_its_document_defined_above(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "gold.jsonl", [_by_offsets(0, 5)])

    with pytest.raises(InputError, match="no document record above it defines"):
        load_annotations(path)


def test_sentence_without_text_or_offsets_is_not_a_valid_record(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "gold.jsonl", [{"kind": "sentence", "events": []}])

    with pytest.raises(InputError, match="not a valid annotation record"):
        load_annotations(path)


def test_record_id_without_a_source_is_not_a_valid_record(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "gold.jsonl", [{"kind": "document", "doc_id": "d", "record_id": "b"}]
    )

    with pytest.raises(InputError, match="not a valid annotation record"):
        load_annotations(path)


# --- scoring by offsets ----------------------------------------------------------------------


def test_sentence_by_offsets_is_scored_against_the_parsed_sentence_containing_it(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    _corpus(tmp_path)
    start = TEXT.index(SENTENCE)
    # a wrong sentence_index: the offsets decide
    record = _by_offsets(start, start + len(SENTENCE), sentence_index=0)

    report = score(pipeline, load_annotations(_gold_file(tmp_path, record)))

    assert report.levels["event"].tp == 1 and report.levels["event"].fp == 0
    assert report.misaligned == []


def test_span_across_parsed_sentences_is_reported_misaligned(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    _corpus(tmp_path)
    start = TEXT.index("mild.")
    record = _by_offsets(start, TEXT.index(SENTENCE) + len(SENTENCE))

    report = score(pipeline, load_annotations(_gold_file(tmp_path, record)))

    assert report.misaligned == ["d@" + str(start)]
    assert report.levels["event"].tp == 1  # the overlapping sentences' events are taken


# --- the hold-out files ----------------------------------------------------------------------


def _plover_records() -> list[dict[str, Any]]:
    lines = PLOVER_HOLDOUT.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_plover_holdout_records_have_the_dev_sample_format() -> None:
    records = _plover_records()
    allowed = {"id", "text", "event", "eventText", "context", "mode", "source", "target"}
    allowed |= {"eventLoc", "date"}

    assert gold_format(PLOVER_HOLDOUT) == "plover"
    assert len(records) >= 100
    assert len({r["id"] for r in records}) == len(records)
    for record in records:
        assert set(record) <= allowed, record["id"]
        assert {"id", "text", "event", "eventText", "source", "date"} <= set(record)
        assert record["event"] in PLOVER_TYPES, record["id"]
        assert re.fullmatch(rf"HOLDOUT-{record['event']}-\d{{4}}", record["id"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"])
        assert record["source"], record["id"]
        for actor in [*record["source"], *record.get("target", [])]:
            assert set(actor) <= {"actorText", "code", "sector"}, record["id"]
            assert re.fullmatch(r"[A-Z]{3}", actor["code"]), record["id"]
            assert actor["actorText"], record["id"]
    assert {r["event"] for r in records} == PLOVER_TYPES


def test_plover_holdout_shares_no_sentence_with_the_dev_sample() -> None:
    if not PLOVER_DEV.exists():
        pytest.skip(f"{PLOVER_DEV} not present (needs ../shared beside the checkout)")
    dev = {json.loads(line)["text"].strip() for line in PLOVER_DEV.read_text("utf-8").splitlines()}

    assert not {r["text"].strip() for r in _plover_records()} & dev


@pytest.mark.parametrize(
    ("path", "n_documents", "n_sentences", "n_events"),
    CORPUS_GOLD,
)
def test_corpus_gold_records_are_valid_and_carry_no_corpus_text(
    path: Path, n_documents: int, n_sentences: int, n_events: int
) -> None:
    validator = jsonschema_rs.validator_for(load_schema(ANNOTATION_SCHEMA_FILE))
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    sentences = [r for r in records if r["kind"] == "sentence"]

    for record in records:
        assert validator.is_valid(record), record
        assert "text" not in record
    assert all("record_id" in r for r in records if r["kind"] == "document")
    assert sum(r["kind"] == "document" for r in records) == n_documents
    assert len(sentences) == n_sentences
    assert all({"start", "end", "text_sha1"} <= set(s) for s in sentences)
    assert all(
        not e.get("actor_text") and not e.get("target_text") for s in sentences for e in s["events"]
    )


@pytest.mark.parametrize(
    ("path", "n_documents", "n_sentences", "n_events"),
    CORPUS_GOLD,
)
def test_corpus_gold_offsets_match_the_shared_corpus(
    path: Path, n_documents: int, n_sentences: int, n_events: int
) -> None:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not present (needs ../shared beside the checkout)")

    gold = load_annotations(path)

    assert len(gold.documents) == n_documents and len(gold.sentences) == n_sentences
    assert sum(len(s.events) for s in gold.sentences) == n_events


def test_corpus_dev_and_holdout_share_no_document() -> None:
    def doc_ids(path: Path) -> set[str]:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        return {r["doc_id"] for r in records if r["kind"] == "document"}

    assert not doc_ids(CORPUS_DEV) & doc_ids(CORPUS_HOLDOUT)


# --- floors of the rule coder (measured once, blind annotations) -----------------------------

CORPUS_COUNTRY_F1_FLOOR = 0.09  # measured 0.055 at first, 0.103 (tp 4, fp 37, fn 33) now
PLOVER_TYPE_RECALL_FLOOR = 0.76  # measured 0.767 (92/120)
# the development set is tuned on: a floor against losing ground, not a measure
CORPUS_DEV_COUNTRY_F1_FLOOR = 0.26  # measured 0.097 at first, 0.267 (tp 24, fp 57, fn 75) now


def test_rule_coder_keeps_its_root_and_country_f1_on_the_corpus_holdout(
    pipeline: Pipeline,
) -> None:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not present (needs ../shared beside the checkout)")

    report = score(pipeline, load_annotations(CORPUS_HOLDOUT))

    assert report.levels["country"].f1 >= CORPUS_COUNTRY_F1_FLOOR
    assert report.misaligned == []


def test_rule_coder_keeps_its_country_f1_on_the_corpus_development_set(
    pipeline: Pipeline,
) -> None:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not present (needs ../shared beside the checkout)")

    report = score(pipeline, load_annotations(CORPUS_DEV))

    assert report.levels["country"].f1 >= CORPUS_DEV_COUNTRY_F1_FLOOR
    assert report.misaligned == []


def test_rule_coder_keeps_its_type_recall_on_the_plover_holdout(pipeline: Pipeline) -> None:
    report = score_plover(pipeline, PLOVER_HOLDOUT)

    assert report.records == 120
    assert report.type_recall >= PLOVER_TYPE_RECALL_FLOOR
