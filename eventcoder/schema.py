"""The one event JSON Schema and what derives from it: field specs, Arrow schema, validation."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import jsonschema_rs

if TYPE_CHECKING:
    import pyarrow as pa

EVENT_SCHEMA_FILE = "event.schema.json"
ANNOTATION_SCHEMA_FILE = "annotation.schema.json"

# the JSON types a column may have (each has an Arrow type in arrow_schema)
_JSON_TYPES = frozenset({"string", "integer", "number", "boolean"})


@dataclass(frozen=True)
class FieldSpec:
    """One column of the event row as the JSON Schema declares it."""

    name: str
    json_type: str
    nullable: bool
    description: str


@dataclass(frozen=True)
class Violation:
    """A row that breaks the schema: which row, which field, and what is wrong."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, field {self.field!r}: {self.message}"


def schema_text(name: str = EVENT_SCHEMA_FILE) -> str:
    """The schema file's text as shipped in the package."""
    return resources.files("eventcoder").joinpath("schemas", name).read_text(encoding="utf-8")


@lru_cache(maxsize=4)
def _load(name: str) -> str:
    return schema_text(name)


def load_schema(name: str = EVENT_SCHEMA_FILE) -> dict[str, Any]:
    """The parsed JSON Schema (a fresh copy each call)."""
    loaded: dict[str, Any] = json.loads(_load(name))
    return loaded


def schema_version() -> str:
    """The event schema's own version string."""
    return str(load_schema()["version"])


def event_fields() -> tuple[FieldSpec, ...]:
    """The event row's fields, in column order."""
    schema = load_schema()
    specs = []
    for name, prop in schema["properties"].items():
        types = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
        non_null = [t for t in types if t != "null"]
        if len(non_null) != 1 or non_null[0] not in _JSON_TYPES:
            raise ValueError(f"schema field {name!r} has unsupported type {prop['type']!r}")
        specs.append(FieldSpec(name, non_null[0], "null" in types, prop.get("description", "")))
    return tuple(specs)


def arrow_schema(metadata: Mapping[str, str] | None = None) -> pa.Schema:
    """The Parquet/Arrow schema derived from the JSON Schema, with optional key-value metadata."""
    import pyarrow as pa  # imported on use, for start-up time

    arrow_types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
    }
    fields = [
        pa.field(f.name, arrow_types[f.json_type], nullable=f.nullable, metadata=None)
        for f in event_fields()
    ]
    meta = {k.encode(): v.encode() for k, v in (metadata or {}).items()}
    return pa.schema(fields, metadata=meta or None)


class RowValidator:
    """Checks event rows against the JSON Schema and the offset/label invariants it implies."""

    def __init__(self) -> None:
        self._validator = jsonschema_rs.validator_for(load_schema())

    def violations(self, row: Mapping[str, Any], index: int = 0) -> list[Violation]:
        """Every way `row` breaks the schema; empty when it is valid."""
        found = [
            Violation(index, _field_of(err), str(err.message))
            for err in self._validator.iter_errors(dict(row))
        ]
        if not found:
            found.extend(_invariant_violations(row, index))
        return found

    def validate_rows(self, rows: Iterable[Mapping[str, Any]]) -> list[Violation]:
        """Violations over many rows, numbered from 0."""
        out: list[Violation] = []
        for i, row in enumerate(rows):
            out.extend(self.violations(row, i))
        return out


def _field_of(err: Any) -> str:
    path = list(err.instance_path)
    if path:
        return str(path[0])
    kind = err.kind
    for attr in ("property", "unexpected"):
        value = getattr(kind, attr, None)
        if isinstance(value, str):
            return value
        if isinstance(value, list) and value:
            return ",".join(str(v) for v in value)
    return "<row>"


def _invariant_violations(row: Mapping[str, Any], index: int) -> list[Violation]:
    """Invariants JSON Schema cannot express: spans are ordered and lengths match texts."""
    out: list[Violation] = []
    if row["cameo_root"] != row["cameo_code"][:2]:
        out.append(Violation(index, "cameo_root", "is not the first two digits of cameo_code"))
    if row["sentence_end"] - row["sentence_start"] != len(row["sentence_text"]):
        out.append(
            Violation(index, "sentence_end", "sentence_end - sentence_start != len(sentence_text)")
        )
    for prefix in ("actor", "target", "trigger"):
        text, start, end = row[f"{prefix}_text"], row[f"{prefix}_start"], row[f"{prefix}_end"]
        if text is None:
            continue
        if start is None or end is None or end - start != len(text):
            out.append(Violation(index, f"{prefix}_end", f"span does not match {prefix}_text"))
        elif not (row["sentence_start"] <= start and end <= row["sentence_end"]):
            out.append(Violation(index, f"{prefix}_start", "span lies outside its sentence"))
        elif row["sentence_text"][start - row["sentence_start"] : end - row["sentence_start"]] != (
            text
        ):
            out.append(
                Violation(index, f"{prefix}_text", "does not match the sentence at its span")
            )
    return out
