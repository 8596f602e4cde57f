"""Event dates: what date an event gets, with its precision and the reason."""

from __future__ import annotations

from eventcoder.types import Document, EventDate, Sentence


def event_date(document: Document, sentence: Sentence) -> EventDate:
    """The event's date: for now the publication date (day precision), else none with the reason."""
    if document.date is not None:
        return EventDate(document.date, "day", None, "publication_date")
    return EventDate(None, None, None, "no_date")
