"""Gold files (annotation JSONL, PETRARCH validation XML, PLOVER JSONL) and their records."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs

from eventcoder.coders.petrarch.validation import read_validation_xml
from eventcoder.errors import InputError
from eventcoder.ingest import document_from_text
from eventcoder.schema import ANNOTATION_SCHEMA_FILE, load_schema
from eventcoder.types import Document

GOLD_FORMATS: tuple[str, ...] = (
    "annotations",
    "petrarch",
    "plover",
    "plv",
    "quad",
    "places",
    "acled",
)

DEV_SHARE_PERCENT = 20
"""Share of a gold file's records, by id, held out as its dev part."""


def gold_part(key: str) -> str:
    """The part of a gold file a record belongs to: "dev" (one in five) or "train".

    `key` is the record's id, or `sentence_key(text)` for sentence files that share
    sentences (so a sentence falls in the same part in each). The rule is fixed: the first
    eight hex digits of the SHA-1 of the key, modulo 100, below DEV_SHARE_PERCENT. Tuning looks
    at "train" records only; "dev" records are scored, never read one by one.
    """
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()
    return "dev" if int(digest[:8], 16) % 100 < DEV_SHARE_PERCENT else "train"


def sentence_key(text: str) -> str:
    """A sentence's text normalised for splitting: case folded, runs of space made one."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class GoldEvent:
    """One gold event: actor and target codes and the CAMEO code."""

    actor_code: str | None
    target_code: str | None
    cameo_code: str
    actor_text: str | None = None
    target_text: str | None = None
    location_text: str | None = None
    location_country: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    @property
    def has_location(self) -> bool:
        """Whether the event's location is annotated (country or coordinates)."""
        return self.location_country is not None or self.has_coordinates

    @property
    def has_coordinates(self) -> bool:
        """Whether the event's coordinates are annotated."""
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class GoldSentence:
    """A gold-annotated sentence, in a document or on its own.

    In a document it is found by `index` (the parsed sentence of that index) or, where
    `start`/`end` are given, by character offsets (the parsed sentence containing the span).
    """

    key: str
    text: str
    events: tuple[GoldEvent, ...]
    doc_id: str | None = None
    index: int | None = None
    date: str | None = None
    category: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class GoldSet:
    """Gold documents (for coding sentences in context) and gold sentences."""

    documents: dict[str, Document]
    sentences: tuple[GoldSentence, ...]


def load_annotations(path: str | Path) -> GoldSet:
    """Read an annotation JSONL file; each line is checked against annotation.schema.json.

    Document texts named by `source` (and `record_id` in a JSONL source) are read here, and
    sentences given by offsets get their text from their document, checked by `text_sha1`;
    a missing source file raises InputError naming it.
    """
    file = Path(path)
    if not file.exists():
        raise InputError(f"gold file {file} does not exist")
    validator = jsonschema_rs.validator_for(load_schema(ANNOTATION_SCHEMA_FILE))
    documents: dict[str, Document] = {}
    sentences: list[GoldSentence] = []
    sources: dict[Path, dict[str, str]] = {}
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{file}:{number}: not valid JSON: {err.msg}") from err
        errors = [e.message for e in validator.iter_errors(record)]
        if errors:
            raise InputError(f"{file}:{number}: not a valid annotation record: {errors[0]}")
        if record["kind"] == "document":
            documents[record["doc_id"]] = _gold_document(record, file, sources)
        else:
            text = _sentence_text(record, documents, f"{file}:{number}")
            sentences.append(_gold_sentence(record, number, text))
    return GoldSet(documents, tuple(sentences))


def _gold_document(
    record: dict[str, Any], file: Path, sources: dict[Path, dict[str, str]]
) -> Document:
    doc_id = record["doc_id"]
    if "text" in record:
        text = record["text"]
    elif "source" in record:
        where = f"{file}: document {doc_id!r}"
        source = source_path(file, record["source"], where)
        if "record_id" in record:
            text = record_text(source, str(record["record_id"]), sources, where)
        else:
            text = source.read_text(encoding="utf-8")
    else:
        raise InputError(f"{file}: document {doc_id!r} needs 'text' or 'source'")
    return document_from_text(text, doc_id=doc_id, date=record.get("date"))


def source_path(file: Path, name: str, where: str) -> Path:
    """The text source a gold file names, relative to the gold file; InputError if it is
    not there."""
    source = (file.parent / name).resolve()
    if not source.exists():
        raise InputError(
            f"{where} reads its text from {source}, which is not there (source {name!r} is "
            "relative to the gold file; data that is not shipped, such as ../shared, must sit "
            "beside the checkout)"
        )
    return source


def record_text(
    source: Path, record_id: str, sources: dict[Path, dict[str, str]], where: str
) -> str:
    """The text of a record of a JSONL source (each source read once into `sources`);
    InputError if no record has that id and a text."""
    if source not in sources:
        sources[source] = jsonl_texts(source)
    text = sources[source].get(record_id)
    if text is None:
        raise InputError(f"{where}: no record with id {record_id!r} and a text in {source}")
    return text


def jsonl_texts(source: Path) -> dict[str, str]:
    """The `text` of each record of a JSONL file, by its `id`."""
    texts: dict[str, str] = {}
    with source.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"{source}:{number}: not valid JSON: {err.msg}") from err
            if isinstance(item, dict) and isinstance(item.get("text"), str) and "id" in item:
                texts[str(item["id"])] = item["text"]
    return texts


def text_sha1(text: str) -> str:
    """The hex SHA-1 of a text's UTF-8 bytes (gold sentences by offset carry a prefix)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _sentence_text(record: dict[str, Any], documents: dict[str, Document], where: str) -> str:
    """A sentence record's text: as given, or read from its document at start:end."""
    if "start" not in record:
        return str(record["text"])
    doc_id, start, end = record["doc_id"], record["start"], record["end"]
    document = documents.get(doc_id)
    if document is None:
        raise InputError(
            f"{where}: sentence by offsets refers to document {doc_id!r}, "
            "which no document record above it defines"
        )
    if not start < end <= len(document.text):
        raise InputError(
            f"{where}: offsets {start}:{end} are outside document {doc_id!r} "
            f"({len(document.text)} characters)"
        )
    text = document.text[start:end]
    if not text_sha1(text).startswith(record["text_sha1"]):
        raise InputError(
            f"{where}: the text at {start}:{end} of document {doc_id!r} does not match "
            f"text_sha1 {record['text_sha1']} (the source has changed since it was annotated)"
        )
    if "text" in record and record["text"] != text:
        raise InputError(f"{where}: 'text' differs from the text at {start}:{end} of {doc_id!r}")
    return text


def _gold_sentence(record: dict[str, Any], number: int, text: str) -> GoldSentence:
    events = tuple(
        GoldEvent(
            e["actor_code"],
            e["target_code"],
            e["cameo_code"],
            e.get("actor_text"),
            e.get("target_text"),
            e.get("location_text"),
            e.get("location_country"),
            e.get("latitude"),
            e.get("longitude"),
        )
        for e in record["events"]
    )
    doc_id, index = record.get("doc_id"), record.get("sentence_index")
    if doc_id is None:
        key = record.get("id") or f"line{number}"
    elif index is None and "start" in record:
        key = record.get("id") or f"{doc_id}@{record['start']}"
    else:
        key = record.get("id") or f"{doc_id}#{index}"
    return GoldSentence(
        key,
        text,
        events,
        doc_id,
        index,
        record.get("date"),
        record.get("category"),
        record.get("start"),
        record.get("end"),
    )


def gold_format(path: str | Path) -> str:
    """The format of a gold file: PETRARCH validation XML, PLOVER JSONL, news sentences with
    PLOVER-typed pairs ("plv") or quad classes ("quad"), or our annotations."""
    file = Path(path)
    if not file.exists():
        raise InputError(f"gold file {file} does not exist")
    if file.suffix.lower() == ".xml":
        return "petrarch"
    with file.open(encoding="utf-8") as handle:
        first = next((line for line in handle if line.strip()), "")
    try:
        record = json.loads(first)
    except json.JSONDecodeError as err:
        raise InputError(f"{file}: first line is not JSON ({err.msg})") from err
    if isinstance(record, dict) and "event" in record and "source" in record:
        return "plover"
    if isinstance(record, dict) and "acled_sub_event_type" in record:
        return "acled"
    if isinstance(record, dict) and "places" in record and "text" in record:
        return "places"
    if isinstance(record, dict) and "pairs" in record:
        return "plv"
    if isinstance(record, dict) and "quad" in record and "sources" in record:
        return "quad"
    return "annotations"


def load_petrarch_validation(path: str | Path) -> GoldSet:
    """PETRARCH validation records as gold sentences (each coded on its own).

    Codes are compared as given ("---" means no actor); `noevents` records expect none;
    records marked with an error (e.g. storydiscard) expect none too.
    """
    sentences = []
    seen: Counter[str] = Counter()
    for record in read_validation_xml(path):
        seen[record.id] += 1
        key = record.id if seen[record.id] == 1 else f"{record.id}#{seen[record.id]}"
        events = tuple(
            GoldEvent(_petrarch_code(c.source), _petrarch_code(c.target), c.event)
            for c in record.codings
            if not record.noevents and record.error is None
        )
        date = record.date.isoformat() if record.date else None
        text = " ".join(record.text.split())
        sentences.append(
            GoldSentence(key, text, events, date=date, category=record.category or None)
        )
    return GoldSet({}, tuple(sentences))


def _petrarch_code(code: str) -> str | None:
    return None if code in {"", "---"} else code
