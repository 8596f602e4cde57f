"""Event dates: the day a sentence's events happened, resolved against the publication date.

`DateResolver.resolve(document, sentence, span)` finds date expressions in the sentence with
one compiled regex (a sentence without one costs a single regex scan) and hands only the
matched words to dateparser, relative to the document's publication date (`RELATIVE_BASE`,
`PREFER_DATES_FROM="past"`: news reports past events). dateparser results are cached per
(words, publication date) in the resolver.

Conventions:

* The first usable expression in the sentence wins, except that report-time words (today,
  tonight, this morning) are used only when nothing else is ("X said today that Y attacked
  last week" dates the attack).
* Precision and the date that stands for it: day -> that day; week -> the Monday of that
  (ISO) week; month -> the 1st of the month; year -> 1 January.
* Weekdays ("Tuesday", "on Tuesday", "this Tuesday", "Tuesday night"): the most recent such
  day on or before publication, i.e. the publication day itself when the article appeared
  on that weekday (news style: "on Tuesday" in Tuesday's paper means today). "last Tuesday"
  is the most recent one strictly before publication.
* Dates without a year ("March 3", "in March", "on the 5th") are the latest such date on or
  before publication ("March 20" in an article of 2024-03-07 is 2023-03-20; "on the 5th" is
  this month's 5th, or last month's when the 5th is still to come).
* "the weekend"/"last weekend": the week of the most recent Saturday on or before
  publication (week precision). "this weekend" before Saturday is the coming one (future).
* Future: words that point after publication (tomorrow, next week, later this month, next
  Tuesday, this weekend on a weekday), or any relative date resolving after it, are not taken
  as the event date: the publication date is used, with reason `future_date` and the words in
  `date_text`. A date with its year written ("March 3, 2025", "2025-03-03", "in 2025") is
  kept even when after publication: the writer stated it (a scheduled event, or a wrong
  publication date).
* No publication date: dates with a year still resolve (reason `sentence`); relative ones
  cannot: a null date with reason `relative_without_publication_date` and the words in
  `date_text`. Neither: null with reason `no_date`.
* Not dates: durations and ages ("for three years", "in recent months", "over the past
  week", "over the last month", "since March", "three-year-old"), decades ("the 1990s": no
  precision fits and they are background), possessives ("Tuesday's attack", "last year's
  election": they date a noun, not the event), slash dates ("11/03/2024": day/month order
  unknown), ordinals not introduced by "on the" or followed by a noun ("the 5th floor").
* With a spaCy span, bare weekdays and month names count only inside a DATE or TIME entity
  ("The Sunday Times" is an ORG); the other forms are unambiguous enough without one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from eventcoder.types import Document, EventDate, Sentence

REASON_SENTENCE = "sentence"
REASON_PUBLICATION = "publication_date"
REASON_NO_DATE = "no_date"
REASON_UNANCHORED = "relative_without_publication_date"
REASON_FUTURE = "future_date"

_CACHE_SIZE = 4096

_NUMBER = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
_WEEKDAY = r"(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
_MONTH_FULL = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)"
)
_MONTH = rf"(?:{_MONTH_FULL}|(?-i:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?))"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_MOD = r"(?:(?:early|late|mid)[-\s])"
_PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
_END = r"(?!\w)"

# One alternative per form, each starting at a word start; at a given position the first
# alternative that matches wins, so longer forms come first. Words outside the named group
# (prepositions) are context only.
_ALTERNATIVES: tuple[str, ...] = (
    rf"(?:{_WEEKDAY},?\s+)?(?P<full_md>{_MONTH}\s+{_DAY},?\s+{_YEAR}){_END}",
    rf"(?P<full_dm>{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}){_END}",
    rf"(?P<iso>{_YEAR}-\d{{2}}-\d{{2}}){_END}",
    rf"(?P<month_year>{_MOD}?{_MONTH_FULL},?\s+{_YEAR}){_END}",
    rf"(?:{_WEEKDAY},?\s+)?(?P<md>{_MONTH}\s+{_DAY}){_END}",
    rf"(?P<dm>{_DAY}\s+(?:of\s+)?{_MONTH}){_END}",
    rf"(?:in|during)\s+(?P<month>{_MOD}?{_MONTH_FULL}){_END}(?!,?\s+\d)",
    rf"(?P<month_mod>{_MOD}{_MONTH_FULL}){_END}(?!,?\s+\d)",
    rf"(?:in|during)\s+(?P<year>{_MOD}?{_YEAR})(?![\w-])",
    rf"(?P<year_mod>{_MOD}{_YEAR})(?![\w-])",
    rf"(?:over|during|at|on)\s+(?P<weekend>the\s+weekend){_END}",
    rf"(?P<weekend_rel>(?:last|this|past)\s+weekend){_END}",
    rf"(?P<future>tomorrow|(?:the\s+)?day\s+after\s+tomorrow"
    rf"|(?:next|coming)\s+(?:week(?:end)?|month|year|{_WEEKDAY})"
    rf"|(?:later\s+this|this\s+coming)\s+(?:week|month|year)){_END}",
    rf"(?P<day>(?:the\s+)?day\s+before\s+yesterday|yesterday(?:\s+{_PART_OF_DAY})?"
    rf"|last\s+night){_END}",
    rf"(?P<today>today|tonight|this\s+(?:morning|afternoon|evening)){_END}",
    rf"(?<!\bthe\s)(?P<period>(?:earlier\s+)?(?:this|last)\s+(?:week|month|year)"
    rf"|earlier\s+in\s+the\s+(?:week|month|year)){_END}",
    rf"(?P<ago>{_NUMBER}\s+(?:day|week|month|year)s?\s+ago){_END}",
    rf"on\s+(?P<ordinal>the\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)){_END}"
    r"(?=\s*[,.;:!?)\"”’']|\s*$|\s+(?:and|but|when|as|at|in|after|before|while|during|with)\b)",
    rf"(?P<weekday>(?:(?:last|this|past)\s+)?{_WEEKDAY}(?:\s+{_PART_OF_DAY})?){_END}",
)
#: Every date form contains one of these (lower-cased text), a capitalised month prefix, or a
#: digit: sentences without any skip the full scan.
_HOOK_WORDS = (
    "day",
    "night",
    "week",
    "month",
    "year",
    "ago",
    "tomorrow",
    "morning",
    "noon",
    "evening",
)
_HOOK_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: Full dates and months with their year, as the forms above leave them (whitespace as one
#: space, no modifier): read without dateparser (_written_date).
_WRITTEN_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WRITTEN_MONTH = rf"(?P<month>{_MONTH})"
_WRITTEN_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WRITTEN = {
    "full_md": re.compile(rf"{_WRITTEN_MONTH} {_WRITTEN_DAY},? {_WRITTEN_YEAR}", re.IGNORECASE),
    "full_dm": re.compile(
        rf"{_WRITTEN_DAY} (?:of )?{_WRITTEN_MONTH},? {_WRITTEN_YEAR}", re.IGNORECASE
    ),
    "month_year": re.compile(rf"(?P<month>{_MONTH_FULL}),? {_WRITTEN_YEAR}"),
}
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        start=1,
    )
}

#: Forms whose year is written: they resolve without a publication date and may be future.
_EXPLICIT = frozenset({"full_md", "full_dm", "iso", "month_year", "year", "year_mod"})
#: Forms that, given a spaCy span, must lie inside a DATE/TIME entity.
_NEEDS_ENTITY = frozenset({"weekday", "month", "month_mod"})
_ENTITY_LABELS = frozenset({"DATE", "TIME"})
#: dateparser's period -> our precision.
_PERIODS = {
    "time": "day",
    "part_of_day": "day",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a sentence: its words, offsets in the sentence, and form."""

    text: str
    start: int
    end: int
    kind: str

    @property
    def explicit(self) -> bool:
        """True when the year is written, so no publication date is needed."""
        return self.kind in _EXPLICIT


class DateResolver:
    """Resolves the date of a sentence's events; build one per pipeline (it keeps caches)."""

    def __init__(self) -> None:
        # Starting only where a word starts is what keeps the scan cheap.
        self._pattern = re.compile(
            r"(?<![\w-])(?=\w)(?:" + "|".join(_ALTERNATIVES) + ")", re.IGNORECASE
        )
        self._has_digit = re.compile(r"\d")
        self._modifier = re.compile(rf"^{_MOD}", re.IGNORECASE)
        self._space = re.compile(r"\s+")
        self._earlier = re.compile(r"^earlier\s+(?:in\s+the|this)\s+", re.IGNORECASE)
        self._article = re.compile(r"^the\s+", re.IGNORECASE)
        self._digits = re.compile(r"\d+")
        self._parsed: dict[tuple[str, dt.date], tuple[dt.date, str] | None] = {}
        self._dateparser: Any = None

    def mentions(self, text: str) -> list[DateMention]:
        """Date expressions in `text`, in order (possessives like "Tuesday's" left out)."""
        out: list[DateMention] = []
        lowered = text.lower()
        if not (
            any(word in lowered for word in _HOOK_WORDS)
            or any(month in text for month in _HOOK_MONTHS)
            or self._has_digit.search(text)
        ):
            return out
        for match in self._pattern.finditer(text):
            kind = match.lastgroup
            if kind is None:
                continue
            start, end = match.span(kind)
            if text[end : end + 2] in ("'s", "’s"):
                continue
            out.append(DateMention(text[start:end], start, end, kind))
        return out

    def resolve(self, document: Document, sentence: Sentence, span: Any | None = None) -> EventDate:
        """The date of the events in `sentence` (see the module docstring for the rules)."""
        base = _publication_date(document.date)
        found = self.mentions(sentence.text)
        if not found:
            return _fallback(base)
        entities: list[tuple[int, int]] | None = None  # read when first needed
        unanchored: DateMention | None = None
        future: DateMention | None = None
        for mention in sorted(found, key=lambda m: (m.kind == "today", m.start)):
            if span is not None and mention.kind in _NEEDS_ENTITY:
                if entities is None:
                    entities = _entity_ranges(span, sentence)
                if not any(s < mention.end and mention.start < e for s, e in entities):
                    continue
            if base is None and not mention.explicit:
                unanchored = unanchored or mention
                continue
            if _points_ahead(mention, base):
                future = future or mention
                continue
            resolved = self._resolve_mention(mention, base)
            if resolved is None:
                continue
            date, precision = resolved
            if base is not None and date > base and not mention.explicit:
                future = future or mention
                continue
            return EventDate(date.isoformat(), precision, mention.text, REASON_SENTENCE)
        if base is None and unanchored is not None:
            return EventDate(None, None, unanchored.text, REASON_UNANCHORED)
        if base is not None and future is not None:
            return EventDate(base.isoformat(), "day", future.text, REASON_FUTURE)
        return _fallback(base)

    def _resolve_mention(
        self, mention: DateMention, base: dt.date | None
    ) -> tuple[dt.date, str] | None:
        """The (date, precision) a mention stands for; None when it does not parse."""
        kind = mention.kind
        words = self._space.sub(" ", mention.text)
        if kind == "iso":
            try:
                return dt.date.fromisoformat(words), "day"
            except ValueError:
                return None
        if kind in ("year", "year_mod"):
            return dt.date(int(words[-4:]), 1, 1), "year"
        if kind in ("month_year", "month", "month_mod"):
            words = self._modifier.sub("", words)
        if kind in _WRITTEN:
            written = _written_date(kind, words)
            if written is not None:
                return written
        if base is None:  # only explicit forms get here
            return self._parse(words, dt.date(int(words[-4:]), 12, 31))
        if kind == "today":
            return base, "day"
        if kind == "ordinal":
            return _day_of_month(int(self._digits.findall(words)[0]), base), "day"
        if kind in ("weekend", "weekend_rel"):
            saturday = base - dt.timedelta(days=(base.weekday() - 5) % 7)
            return _week_start(saturday), "week"
        if kind == "weekday":
            return self._weekday(words, base)
        if kind == "period":
            words = self._earlier.sub("this ", words)
        elif kind == "day":
            words = self._article.sub("", words)
        return self._parse(words, base)

    def _weekday(self, words: str, base: dt.date) -> tuple[dt.date, str] | None:
        """Weekdays: same-weekday means the publication day; "last" means strictly before."""
        parts = words.split(" ")
        last = parts[0].lower() in ("last", "past")
        name = parts[1] if parts[0].lower() in ("last", "past", "this") else parts[0]
        if not last and name.lower() == _WEEKDAYS[base.weekday()]:
            return base, "day"
        return self._parse(f"last {name}" if last else name, base)

    def _parse(self, words: str, base: dt.date) -> tuple[dt.date, str] | None:
        """dateparser on `words` relative to `base`, snapped to the precision's first day."""
        key = (words.lower(), base)
        if key in self._parsed:
            return self._parsed[key]
        if self._dateparser is None:
            from dateparser.date import DateDataParser

            self._dateparser = DateDataParser
        settings = {
            "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_TIME_AS_PERIOD": True,
            "PARSERS": ["relative-time", "absolute-time"],
        }
        data = self._dateparser(languages=["en"], settings=settings).get_date_data(words)
        result: tuple[dt.date, str] | None = None
        precision = _PERIODS.get(data.period or "")
        if data.date_obj is not None and precision is not None:
            result = _snap(data.date_obj.date(), precision), precision
        if len(self._parsed) >= _CACHE_SIZE:
            self._parsed.clear()
        self._parsed[key] = result
        return result


def _written_date(kind: str, words: str) -> tuple[dt.date, str] | None:
    """A date written in full ("March 3, 2024", "3rd of March 2024") or a month and year
    ("March 2024"), read directly: what dateparser makes of them, whatever the publication
    date; None when the day does not exist in that month (dateparser decides those)."""
    match = _WRITTEN[kind].fullmatch(words)
    if match is None:
        return None
    month = _MONTH_NUMBERS[match["month"][:3]]
    year = int(match["year"])
    if kind == "month_year":
        return dt.date(year, month, 1), "month"
    try:
        return dt.date(year, month, int(match["day"])), "day"
    except ValueError:
        return None


def _points_ahead(mention: DateMention, base: dt.date | None) -> bool:
    """Words that refer to after publication: "next week", "tomorrow", "this weekend" on a
    weekday."""
    if mention.kind == "future":
        return True
    return (
        mention.kind == "weekend_rel"
        and base is not None
        and base.weekday() < 5
        and mention.text.lower().startswith("this")
    )


def _publication_date(value: str | None) -> dt.date | None:
    """The publication date as a date, None when absent or not ISO."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _fallback(base: dt.date | None) -> EventDate:
    """The publication date (day precision), else no date."""
    if base is None:
        return EventDate(None, None, None, REASON_NO_DATE)
    return EventDate(base.isoformat(), "day", None, REASON_PUBLICATION)


def _entity_ranges(span: Any, sentence: Sentence) -> list[tuple[int, int]]:
    """DATE/TIME entity offsets in the span, relative to the sentence text."""
    return [
        (ent.start_char - sentence.start, ent.end_char - sentence.start)
        for ent in span.ents
        if ent.label_ in _ENTITY_LABELS
    ]


def _week_start(day: dt.date) -> dt.date:
    """The Monday of `day`'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def _snap(day: dt.date, precision: str) -> dt.date:
    """The date that stands for `precision`: Monday, 1st of the month, or 1 January."""
    if precision == "week":
        return _week_start(day)
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return day.replace(month=1, day=1)
    return day


def _day_of_month(day: int, base: dt.date) -> dt.date:
    """The latest `day`-th of a month on or before `base` (months lacking it are skipped)."""
    year, month = base.year, base.month
    for _ in range(12):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate <= base:
            return candidate
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    raise AssertionError("unreachable: every month has days 1-28")
