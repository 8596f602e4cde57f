"""Property tests: random text and Unicode through coding never raise, every row validates,
and every offset slices the document text. The 10,000-case run is marked slow."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.ingest import document_from_text
from eventcoder.pipeline import Pipeline

VOCAB = [
    "Iraq",
    "Iran",
    "Israel",
    "the",
    "US",
    "Baghdad",
    "Tehran",
    "Iraqi",
    "Iranian-backed",
    "militia",
    "parliament",
    "government",
    "condemned",
    "criticized",
    "warned",
    "of",
    "consequences",
    "called",
    "on",
    "to",
    "take",
    "measures",
    "declined",
    "comment",
    "airstrike",
    "strike",
    "clashes",
    "between",
    "and",
    "security",
    "forces",
    "was",
    "by",
    "not",
    "both",
    "countries",
    "it",
    "they",
    "protest",
    "summoned",
    "ambassador",
    "on",
    "Tuesday",
    "last",
    "week",
    "in",
    "Basra",
    ",",
    ".",
    ";",
    "“",
    "”",
    "—",
    "(",
    ")",
    "'s",
]

_words = st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=6)), min_size=0, max_size=40)
_separators = st.sampled_from([" ", " ", " ", "\n", "  ", ". ", "\t", "\u00a0", "\r\n"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(_words)
    return "".join(w + draw(_separators) for w in words)


def _check(pipeline: Pipeline, text: str) -> None:
    result = pipeline.code_document(document_from_text(text, doc_id="fuzz", date="2024-03-07"))
    assert result.invalid == []
    for row in result.rows:
        assert text[row["sentence_start"] : row["sentence_end"]] == row["sentence_text"]
        for prefix in ("actor", "target", "trigger"):
            if row[f"{prefix}_text"] is not None:
                span = text[row[f"{prefix}_start"] : row[f"{prefix}_end"]]
                assert span == row[f"{prefix}_text"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts())
def test_random_news_like_text_codes_to_valid_rows(pipeline: Pipeline, text: str) -> None:
    _check(pipeline, text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300))
def test_random_unicode_codes_to_valid_rows(pipeline: Pipeline, text: str) -> None:
    _check(pipeline, text)


@pytest.mark.slow
@settings(
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=st.one_of(texts(), st.text(max_size=200)))
def test_fuzz_ten_thousand_texts_code_to_valid_rows(pipeline: Pipeline, text: str) -> None:
    _check(pipeline, text)
