"""Event dates from the sentence, resolved against the publication date (eventcoder.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.dates import DateResolver, _written_date
from eventcoder.nlp import NLP, sentences
from eventcoder.pipeline import Pipeline
from eventcoder.schema import load_schema
from eventcoder.types import Document, EventDate, Sentence

THU = "2024-03-07"  # a Thursday
TUE = "2024-03-05"  # a Tuesday
SUN = "2024-03-10"  # a Sunday


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


def _resolve(
    resolver: DateResolver, text: str, published: str | None, span: object | None = None
) -> EventDate:
    document = Document("d", text, date=published)
    return resolver.resolve(document, Sentence("d", 0, text, 0, len(text)), span)


# (sentence, publication date, expected date, expected precision, expected date_text)
SENTENCE_DATES: list[tuple[str, str | None, str | None, str | None, str]] = [
    # weekdays: the most recent one on or before publication; same weekday = that day
    ("On Tuesday, Iraq condemned Israel.", THU, "2024-03-05", "day", "Tuesday"),
    ("Iraq condemned Israel on Thursday.", THU, THU, "day", "Thursday"),
    ("On Tuesday, Iraq condemned Israel.", TUE, TUE, "day", "Tuesday"),
    ("Iraq condemned Israel on Friday.", THU, "2024-03-01", "day", "Friday"),
    ("Iraq condemned Israel last Tuesday.", THU, "2024-03-05", "day", "last Tuesday"),
    ("Last Tuesday, Iraq condemned Israel.", TUE, "2024-02-27", "day", "Last Tuesday"),
    ("This Tuesday Iraq condemned Israel.", THU, "2024-03-05", "day", "This Tuesday"),
    ("Iraq condemned Israel on Tuesday night.", THU, "2024-03-05", "day", "Tuesday night"),
    ("On Saturday, Iraq condemned Israel.", SUN, "2024-03-09", "day", "Saturday"),
    # day words
    ("Iraq condemned Israel yesterday.", THU, "2024-03-06", "day", "yesterday"),
    ("Iraq condemned Israel last night.", THU, "2024-03-06", "day", "last night"),
    (
        "Iraq condemned Israel the day before yesterday.",
        THU,
        TUE,
        "day",
        "the day before yesterday",
    ),
    ("Iraq condemned Israel today.", THU, THU, "day", "today"),
    ("Iraq condemned Israel two days ago.", THU, TUE, "day", "two days ago"),
    ("Iraq condemned Israel 3 days ago.", "2024-03-02", "2024-02-28", "day", "3 days ago"),
    # weeks: the Monday of the week
    ("Iraq condemned Israel last week.", THU, "2024-02-26", "week", "last week"),
    ("Earlier this week, Iraq condemned Israel.", THU, "2024-03-04", "week", "Earlier this week"),
    ("Iraq condemned Israel this week.", SUN, "2024-03-04", "week", "this week"),
    ("Iraq condemned Israel three weeks ago.", THU, "2024-02-12", "week", "three weeks ago"),
    ("Iraq condemned Israel over the weekend.", THU, "2024-02-26", "week", "the weekend"),
    ("Iraq condemned Israel over the weekend.", SUN, "2024-03-04", "week", "the weekend"),
    # months: the 1st of the month
    (
        "Earlier this month, Iraq condemned Israel.",
        THU,
        "2024-03-01",
        "month",
        "Earlier this month",
    ),
    ("Iraq condemned Israel last month.", "2024-01-15", "2023-12-01", "month", "last month"),
    ("In March, Iraq condemned Israel.", THU, "2024-03-01", "month", "March"),
    ("In December, Iraq condemned Israel.", THU, "2023-12-01", "month", "December"),
    ("In mid-March 2023, Iraq condemned Israel.", THU, "2023-03-01", "month", "mid-March 2023"),
    ("Iraq condemned Israel in January 2020.", THU, "2020-01-01", "month", "January 2020"),
    ("Iraq condemned Israel two months ago.", THU, "2024-01-01", "month", "two months ago"),
    # years: 1 January
    ("Iraq condemned Israel last year.", THU, "2023-01-01", "year", "last year"),
    ("Earlier this year Iraq condemned Israel.", THU, "2024-01-01", "year", "Earlier this year"),
    ("Iraq condemned Israel in 2019.", THU, "2019-01-01", "year", "2019"),
    ("In late 2023 Iraq condemned Israel.", THU, "2023-01-01", "year", "late 2023"),
    ("Iraq condemned Israel three years ago.", THU, "2021-01-01", "year", "three years ago"),
    # explicit days; without a year: the latest one on or before publication
    ("Iraq condemned Israel on March 3.", THU, "2024-03-03", "day", "March 3"),
    ("Iraq condemned Israel on March 20.", THU, "2023-03-20", "day", "March 20"),
    ("Iraq condemned Israel on Dec. 25.", THU, "2023-12-25", "day", "Dec. 25"),
    ("On 5 March 2024 Iraq condemned Israel.", THU, "2024-03-05", "day", "5 March 2024"),
    ("On the 5th of March Iraq condemned Israel.", THU, "2024-03-05", "day", "5th of March"),
    ("Iraq condemned Israel on Sept. 11, 2001.", THU, "2001-09-11", "day", "Sept. 11, 2001"),
    ("Iraq condemned Israel on Tuesday, March 5.", THU, TUE, "day", "March 5"),
    ("On 2024-03-01, Iraq condemned Israel.", THU, "2024-03-01", "day", "2024-03-01"),
    ("Iraq condemned Israel on the 5th.", THU, TUE, "day", "the 5th"),
    ("Iraq condemned Israel on the 10th.", THU, "2024-02-10", "day", "the 10th"),
    ("Iraq condemned Israel on the 31st.", THU, "2024-01-31", "day", "the 31st"),
    # an explicit date with its year is kept even after publication (a scheduled event)
    ("Elections are scheduled for March 3, 2025.", THU, "2025-03-03", "day", "March 3, 2025"),
    # no publication date: dates with a year still resolve
    ("Elections were held on March 3, 2020.", None, "2020-03-03", "day", "March 3, 2020"),
    ("Iraq condemned Israel on 2024-03-01.", None, "2024-03-01", "day", "2024-03-01"),
    ("Iraq condemned Israel in 2019.", None, "2019-01-01", "year", "2019"),
    ("In March 2023, Iraq condemned Israel.", None, "2023-03-01", "month", "March 2023"),
    # "today" frames the report: another date in the sentence is preferred
    ("Iraq said today it condemned Israel two days ago.", THU, TUE, "day", "two days ago"),
]


@pytest.mark.parametrize(
    ("text", "published", "date", "precision", "words"),
    SENTENCE_DATES,
    ids=[f"{i}:{row[0][:40]}" for i, row in enumerate(SENTENCE_DATES)],
)
def test_dates_from_the_sentence(
    resolver: DateResolver,
    text: str,
    published: str | None,
    date: str | None,
    precision: str | None,
    words: str,
) -> None:
    got = _resolve(resolver, text, published)
    assert got == EventDate(date, precision, words, "sentence")
    assert words in text


def test_table_covers_enough_expressions() -> None:
    assert len(SENTENCE_DATES) >= 30


# Sentences whose event date is the publication date: no date words, or only durations, ages,
# decades, possessives, slash dates and ordinals that are not dates.
NOT_DATES = [
    "Iraq condemned Israel.",
    "Iraq has condemned Israel for three years.",
    "In recent months Iraq condemned Israel.",
    "A three-year-old was killed when Iraq shelled the town.",
    "In the 1990s, Iraq invaded Kuwait.",
    "Over the past week Iraq condemned Israel.",
    "Over the last month Iraq condemned Israel.",
    "Since March, Iraq has condemned Israel.",
    "Iraq condemned Tuesday's attack.",
    "Iraq condemned last year's election.",
    "Iraq may condemn Israel.",
    "Iraq condemned Israel on 11/03/2024.",
    "Iraq condemned the attack on the 5th floor.",
    "Iraq condemned Israel on 2024-02-30.",
    "Iraq lost 2,000 soldiers in the 1980s.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_no_date_in_the_sentence_gives_the_publication_date(
    resolver: DateResolver, text: str
) -> None:
    assert _resolve(resolver, text, THU) == EventDate(THU, "day", None, "publication_date")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Iraq will meet Israel tomorrow.", "tomorrow"),
        ("Iraq will meet Israel next week.", "next week"),
        ("Iraq will meet Israel next Tuesday.", "next Tuesday"),
        ("Talks will resume later this month.", "later this month"),
        ("Iraq will protest this weekend.", "this weekend"),
    ],
)
def test_future_words_fall_back_to_the_publication_date(
    resolver: DateResolver, text: str, words: str
) -> None:
    assert _resolve(resolver, text, THU) == EventDate(THU, "day", words, "future_date")


def test_a_past_date_beats_a_future_one_in_the_same_sentence(resolver: DateResolver) -> None:
    got = _resolve(resolver, "Iraq said on Tuesday it would meet Israel next week.", THU)
    assert got == EventDate("2024-03-05", "day", "Tuesday", "sentence")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("On Tuesday, Iraq condemned Israel.", "Tuesday"),
        ("Iraq condemned Israel last week.", "last week"),
        ("Iraq condemned Israel on March 3.", "March 3"),
        ("Iraq condemned Israel two days ago.", "two days ago"),
        ("Iraq will meet Israel tomorrow.", "tomorrow"),
    ],
)
def test_relative_dates_without_a_publication_date_are_null(
    resolver: DateResolver, text: str, words: str
) -> None:
    got = _resolve(resolver, text, None)
    assert got == EventDate(None, None, words, "relative_without_publication_date")


def test_no_publication_date_and_no_date_words(resolver: DateResolver) -> None:
    assert _resolve(resolver, "Iraq condemned Israel.", None) == EventDate(
        None, None, None, "no_date"
    )


def test_an_unparseable_publication_date_counts_as_none(resolver: DateResolver) -> None:
    assert _resolve(resolver, "Iraq condemned Israel.", "last spring").reason == "no_date"


def test_reasons_and_precisions_are_in_the_schema(resolver: DateResolver) -> None:
    properties = load_schema()["properties"]
    reasons = set(properties["date_reason"]["enum"])
    assert {"sentence", "publication_date", "future_date", "no_date"} <= reasons
    assert "relative_without_publication_date" in reasons
    precisions = set(properties["date_precision"]["enum"])
    for text, published, _, _, _ in SENTENCE_DATES:
        assert _resolve(resolver, text, published).precision in precisions


def test_results_are_cached_per_publication_date(resolver: DateResolver) -> None:
    first = _resolve(resolver, "On Monday, Iraq condemned Israel.", "2023-06-01")
    second = _resolve(resolver, "Iraq condemned Israel on Monday.", "2023-06-01")
    assert first.date == second.date == "2023-05-29"
    assert ("monday", dt.date(2023, 6, 1)) in resolver._parsed


def _spacy_date(nlp: NLP, resolver: DateResolver, text: str, published: str | None) -> EventDate:
    """Resolve with the sentence's spaCy span, as the pipeline does."""
    document = Document("d", text, date=published)
    ((sentence, span),) = sentences(document, nlp.parse(text))
    return resolver.resolve(document, sentence, span)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Tuesday, Iraq condemned Israel.", EventDate(TUE, "day", "Tuesday", "sentence")),
        (
            "Earlier this month, Iraq condemned Israel.",
            EventDate("2024-03-01", "month", "Earlier this month", "sentence"),
        ),
        (
            "In May, protesters marched in Baghdad.",
            EventDate("2023-05-01", "month", "May", "sentence"),
        ),
        ("Iraq condemned Israel two days ago.", EventDate(TUE, "day", "two days ago", "sentence")),
        (
            "Iraq has condemned Israel for three years.",
            EventDate(THU, "day", None, "publication_date"),
        ),
    ],
)
def test_with_the_spacy_span(
    nlp: NLP, resolver: DateResolver, text: str, expected: EventDate
) -> None:
    assert _spacy_date(nlp, resolver, text, THU) == expected


def test_weekdays_need_a_date_entity_when_the_span_is_given(
    nlp: NLP, resolver: DateResolver
) -> None:
    text = "The Sunday Times said Iraq condemned Israel."
    # the regex alone takes "Sunday" for a date; spaCy knows it is part of an ORG
    assert _resolve(resolver, text, THU).text == "Sunday"
    assert _spacy_date(nlp, resolver, text, THU) == EventDate(THU, "day", None, "publication_date")


def test_pipeline_dates_the_event_from_the_sentence(pipeline: Pipeline) -> None:
    document = Document("d1", "On Tuesday, Iraq condemned Israel.", date=THU)
    (row,) = pipeline.code_document(document).rows
    assert row["event_date"] == "2024-03-05"
    assert row["date_precision"] == "day"
    assert row["date_text"] in ("Tuesday", "On Tuesday")
    assert row["date_reason"] == "sentence"
    assert row["publication_date"] == THU


def test_pipeline_without_publication_date_records_the_relative_date(pipeline: Pipeline) -> None:
    document = Document("d1", "On Tuesday, Iraq condemned Israel.")
    (row,) = pipeline.code_document(document).rows
    assert (row["event_date"], row["date_precision"]) == (None, None)
    assert (row["date_text"], row["date_reason"]) == (
        "Tuesday",
        "relative_without_publication_date",
    )


WRITTEN = [
    ("full_md", "March 3, 2024"),
    ("full_md", "Sept. 30 2023"),
    ("full_md", "Jan 01, 2000"),
    ("full_md", "February 29, 2024"),
    ("full_md", "Dec. 31st, 1999"),
    ("full_md", "Aug 2ND 2011"),
    ("full_md", "May 22nd, 2030"),
    ("full_dm", "3 March 2024"),
    ("full_dm", "21st of June, 2019"),
    ("full_dm", "09 Nov. 2020"),
    ("full_dm", "1 OF Sept 2012"),
    ("full_dm", "30th Apr 2015"),
    ("month_year", "March 2024"),
    ("month_year", "December, 1999"),
    ("month_year", "January 2031"),
]


@pytest.mark.parametrize("kind,words", WRITTEN)
@pytest.mark.parametrize("base", [dt.date(2024, 3, 7), dt.date(2011, 1, 1), None])
def test_written_dates_are_read_as_dateparser_reads_them(
    resolver: DateResolver, kind: str, words: str, base: dt.date | None
) -> None:
    direct = _written_date(kind, words)
    assert direct is not None
    anchor = base if base is not None else dt.date(int(words[-4:]), 12, 31)
    assert direct == resolver._parse(words, anchor)


@pytest.mark.parametrize(
    "kind,words", [("full_md", "February 30, 2023"), ("full_dm", "31 April 2020")]
)
def test_days_a_month_lacks_are_left_to_dateparser(kind: str, words: str) -> None:
    assert _written_date(kind, words) is None
