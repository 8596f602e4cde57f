"""Validation of built datasets: a dataset folder, a Parquet file or a JSONL file of rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from eventcoder.errors import InputError
from eventcoder.schema import RowValidator, Violation, arrow_schema


@dataclass(frozen=True)
class FileViolation:
    """A violation located in a file."""

    file: str
    violation: Violation

    def __str__(self) -> str:
        return f"{self.file}: {self.violation}"


@dataclass(frozen=True)
class ValidationReport:
    """How many rows were checked, in which files, and every violation found."""

    files: list[str]
    rows: int
    violations: list[FileViolation]

    @property
    def ok(self) -> bool:
        """True when no row breaks the schema."""
        return not self.violations


def validate_path(path: str | Path, max_violations: int = 10_000) -> ValidationReport:
    """Check every row under `path` (dataset folder, .parquet or .jsonl) against the schema."""
    target = Path(path)
    files = _files(target)
    validator = RowValidator()
    rows = 0
    found: list[FileViolation] = []
    for file in files:
        for index, row, problem in _rows(file):
            rows += 1
            problems = [problem] if problem is not None else validator.violations(row, index)
            found.extend(FileViolation(str(file), p) for p in problems)
            if len(found) >= max_violations:
                return ValidationReport([str(f) for f in files], rows, found)
    return ValidationReport([str(f) for f in files], rows, found)


def _files(target: Path) -> list[Path]:
    if not target.exists():
        raise InputError(f"{target} does not exist; pass a dataset folder, .parquet or .jsonl")
    if target.is_dir():
        parts = sorted((target / "data").glob("*.parquet")) or sorted(target.glob("*.parquet"))
        if not parts:
            raise InputError(f"{target} holds no Parquet parts (expected {target}/data/*.parquet)")
        return parts
    if target.suffix in {".parquet", ".jsonl"}:
        return [target]
    raise InputError(f"{target} is not a dataset folder, .parquet or .jsonl file")


def _rows(file: Path) -> Iterator[tuple[int, dict[str, Any], Violation | None]]:
    if file.suffix == ".jsonl":
        with file.open(encoding="utf-8") as handle:
            for index, line in enumerate(handle):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as err:
                    yield index, {}, Violation(index, "<line>", f"not valid JSON: {err.msg}")
                    continue
                if not isinstance(row, dict):
                    yield index, {}, Violation(index, "<line>", "not a JSON object")
                    continue
                yield index, row, None
        return
    parquet = pq.ParquetFile(file)
    expected = arrow_schema()
    actual = parquet.schema_arrow
    for field in expected:
        if field.name in actual.names and actual.field(field.name).type != field.type:
            got = actual.field(field.name).type
            yield -1, {}, Violation(-1, field.name, f"column type {got}, schema wants {field.type}")
    index = 0
    for batch in parquet.iter_batches(batch_size=4096):
        for row in batch.to_pylist():
            yield index, row, None
            index += 1
