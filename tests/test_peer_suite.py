"""The PETRARCH2 peer suite: its unit-test records coded from raw text with its own dictionaries,
and the full CAMEO.2.0/Phoenix dictionaries on real text.

Reads ../shared/peer/petrarch2 (and ../shared/corpus); each test skips with a message when
that is absent. The floors are the last measured figures, rounded down: a change that codes
fewer records exactly fails here.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from eventcoder.coders.petrarch.coder import PetrarchCoder
from eventcoder.coders.petrarch.loading import DictionaryOption
from eventcoder.evaluate import petrarch_pipeline, score
from eventcoder.gold import load_petrarch_validation
from eventcoder.nlp import NLP
from eventcoder.pipeline import Pipeline
from eventcoder.types import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"
PEER = SHARED / "peer" / "petrarch2"
RECORDS = PEER / "PETR.UnitTest.records.xml"
CORPUS = SHARED / "corpus" / "insightcrime_train.jsonl"
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_567aca93efc50564.txt"
VALIDATE = tuple(
    str(PEER / f"PETR.Validate.{kind}.txt") for kind in ("verbs", "actors", "agents", "discards")
)

# Measured 248 of 284 records coded exactly (87.3%); see docs/design.md "Coding with PETRARCH
# dictionaries" for the command and the figures per category.
EXACT_FLOOR = 0.87
CATEGORY_FLOORS = {
    "ACTOR": 13,
    "AGENT": 21,
    "COMPOUND": 33,
    "DATE": 20,
    "DEMO": 33,
    "ERROR": 5,
    "MODIFY": 13,
    "PARSING": 9,
    "PATTERN": 25,
    "SYNSET": 52,
    "VERB": 23,
}

needs_peer = pytest.mark.skipif(
    not RECORDS.exists(),
    reason=f"the PETRARCH2 peer suite is not at {PEER} (../shared/peer/petrarch2)",
)


@needs_peer
def test_the_peer_suite_is_coded_exactly_at_least_as_often_as_last_measured(nlp: NLP) -> None:
    coder = PetrarchCoder.from_option(DictionaryOption("petrarch", VALIDATE, replace=True))
    pipeline = petrarch_pipeline(Pipeline(nlp, coder))
    report = score(pipeline, load_petrarch_validation(RECORDS), str(RECORDS))
    assert report.exact["all"][1] == 284
    assert report.exact_rate >= EXACT_FLOOR, report.exact
    for category, floor in CATEGORY_FLOORS.items():
        assert report.exact[category][0] >= floor, (category, report.exact[category])


@needs_peer
def test_the_full_cameo_and_phoenix_dictionaries_load_in_seconds_and_code_real_text(
    nlp: NLP,
) -> None:
    paths = (str(PEER / "CAMEO.2.0.txt"), *sorted(str(p) for p in PEER.glob("Phoenix.*")))
    started = time.perf_counter()
    coder = PetrarchCoder.from_option(DictionaryOption("petrarch", paths, replace=True))
    counts = coder.dictionaries.counts()
    assert time.perf_counter() - started < 10.0
    assert counts["patterns"] > 4_500 and counts["actor_names"] > 35_000
    texts = [SEED.read_text(encoding="utf-8")]
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as handle:
            texts += [json.loads(next(handle))["text"] for _ in range(5)]
    pipeline = Pipeline(nlp, coder)
    rows = []
    for number, text in enumerate(texts):
        result = pipeline.code_document(Document(f"doc{number}", text))
        assert result.invalid == []
        rows.extend(result.rows)
    coded = [r for r in rows if r["coder"] != "acled"]  # the ACLED step adds rows of its own
    assert coded and all(r["rule_id"].startswith("petrarch.") for r in coded)
