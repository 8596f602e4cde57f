"""Reader for PETRARCH validation XML: each sentence's expected events, and the environment."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from eventcoder.coders.petrarch.text import _parse_date
from eventcoder.errors import InputError


@dataclass(frozen=True, slots=True)
class ValidationCoding:
    """One expected event of a validation record."""

    source: str
    target: str
    event: str


@dataclass(frozen=True, slots=True)
class ValidationRecord:
    """A ``<Sentence>`` of a PETRARCH validation file (its ``<Parse>`` is ignored)."""

    id: str
    category: str
    date: dt.date | None
    text: str
    codings: tuple[ValidationCoding, ...]
    noevents: bool = False
    error: str | None = None  # <EventCoding error="..."> e.g. "storydiscard"
    sentence: bool = True  # the record's sentence="true|false" attribute


def read_validation_xml(path: str | Path) -> list[ValidationRecord]:
    """The ``<Sentence>`` records of a PETRARCH validation XML file, in file order.

    Raises InputError when the file cannot be read or is not well-formed XML.
    """
    root = _xml_root(Path(path))
    records: list[ValidationRecord] = []
    for number, sentence in enumerate(root.iter("Sentence"), start=1):
        codings: list[ValidationCoding] = []
        noevents = False
        error = None
        for coding in sentence.iter("EventCoding"):
            attrs = {k.strip(): v.strip() for k, v in coding.attrib.items()}
            if attrs.get("noevents", "").lower() == "true":
                noevents = True
            elif "error" in attrs:
                error = attrs["error"]
            else:
                codings.append(
                    ValidationCoding(
                        attrs.get("sourcecode", ""),
                        attrs.get("targetcode", ""),
                        attrs.get("eventcode", ""),
                    )
                )
        attrs = {k.strip(): v.strip() for k, v in sentence.attrib.items()}
        records.append(
            ValidationRecord(
                id=attrs.get("id", f"record-{number}"),
                category=attrs.get("category", ""),
                date=_record_date(attrs.get("date", "")),
                text=" ".join((sentence.findtext("Text") or "").split()),
                codings=tuple(codings),
                noevents=noevents,
                error=error,
                sentence=attrs.get("sentence", "true").lower() != "false",
            )
        )
    return records


def read_validation_environment(path: str | Path) -> dict[str, str]:
    """The ``<Environment>`` settings of a validation file (``Verbfile``, ``Actorfile`` ...)."""
    environment = _xml_root(Path(path)).find("Environment")
    if environment is None:
        return {}
    return {child.tag: (child.text or "").strip() for child in environment if child.text}


def _xml_root(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except OSError as exc:
        raise InputError(f"{path}: cannot read this validation file ({exc.strerror})") from exc
    except ET.ParseError as exc:
        raise InputError(f"{path}: not well-formed XML ({exc})") from exc


def _record_date(text: str) -> dt.date | None:
    try:
        return _parse_date(text) if text.isdigit() else None
    except ValueError:
        return None
