"""Validation of built datasets: a dataset folder, a Parquet file or a JSONL file of rows.

Each row is checked against the event schema and the codebook (the CAMEO code exists and
its root, name, quad class and Goldstein value agree with it; PLOVER and ACLED labels are
real ones); event ids are unique across the files; a dataset folder's parts are the ones
its manifest lists, each present with its checksum.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder.acled import ACLED_TYPES
from eventcoder.dataset import MANIFEST, DatasetError, read_manifest
from eventcoder.errors import InputError
from eventcoder.ingest import sha256_file
from eventcoder.schema import RowValidator, Violation, arrow_schema
from eventcoder.taxonomy import CameoTable, load_cameo_table


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
    found: list[FileViolation] = list(_folder_problems(target)) if target.is_dir() else []
    files = [f for f in files if f.is_file()]
    validator = RowValidator()
    table = load_cameo_table()
    plover = {c.plover_event for c in table if c.plover_event}
    seen: dict[str, str] = {}
    rows = 0
    for file in files:
        for index, row, problem in _rows(file):
            rows += index >= 0
            if problem is not None:
                problems = [problem]
            else:
                problems = validator.violations(row, index) or _codebook(row, index, table, plover)
                problems += _duplicate(row, index, str(file), seen)
            found.extend(FileViolation(str(file), p) for p in problems)
            if len(found) >= max_violations:
                return ValidationReport([str(f) for f in files], rows, found)
    return ValidationReport([str(f) for f in files], rows, found)


def _codebook(
    row: dict[str, Any], index: int, table: CameoTable, plover: set[str]
) -> list[Violation]:
    """Where a schema-valid row disagrees with the codebook."""
    code = row.get("cameo_code")
    if code not in table:
        return [Violation(index, "cameo_code", f"{code!r} is not a CAMEO code")]
    entry = table.get(str(code))
    wanted = {
        "cameo_root": entry.root,
        "cameo_name": entry.name,
        "quad_class": entry.quad_class,
        "goldstein": entry.goldstein,
    }
    problems = [
        Violation(index, name, f"{row.get(name)!r} does not agree with code {code} ({value!r})")
        for name, value in wanted.items()
        if name in row and row[name] != value
    ]
    event = row.get("plover_event")
    if event is not None and event not in plover:
        problems.append(Violation(index, "plover_event", f"{event!r} is not a PLOVER event type"))
    kind, sub = row.get("acled_event_type"), row.get("acled_sub_event_type")
    if kind is not None and kind not in ACLED_TYPES:
        problems.append(Violation(index, "acled_event_type", f"{kind!r} is not an ACLED type"))
    elif sub is not None and sub not in ACLED_TYPES.get(kind or "", ()):
        problems.append(
            Violation(index, "acled_sub_event_type", f"{sub!r} is not a sub-event type of {kind!r}")
        )
    return problems


def _duplicate(row: dict[str, Any], index: int, file: str, seen: dict[str, str]) -> list[Violation]:
    event_id = row.get("event_id")
    if not isinstance(event_id, str):
        return []
    first = seen.setdefault(event_id, f"{file} row {index}")
    if first != f"{file} row {index}":
        return [Violation(index, "event_id", f"{event_id!r} repeats the event id of {first}")]
    return []


def _folder_problems(folder: Path) -> Iterator[FileViolation]:
    """A dataset folder's parts against its manifest: missing, changed or unlisted parts."""
    if not (folder / MANIFEST).is_file():
        return
    try:
        manifest = read_manifest(folder)
    except DatasetError as err:
        yield FileViolation(str(folder / MANIFEST), Violation(-1, "<manifest>", str(err)))
        return
    listed = {part.path for part in manifest.parts}
    for part in manifest.parts:
        path = folder / part.path
        if not path.is_file():
            message = "listed in the manifest but missing"
            yield FileViolation(str(path), Violation(-1, "<part>", message))
        elif sha256_file(path) != part.sha256:
            message = "checksum differs from the manifest (the file changed)"
            yield FileViolation(str(path), Violation(-1, "<part>", message))
    for path in sorted((folder / "data").glob("*.parquet")):
        if path.relative_to(folder).as_posix() not in listed:
            message = "not listed in the manifest (a part of another build?)"
            yield FileViolation(str(path), Violation(-1, "<part>", message))


def _files(target: Path) -> list[Path]:
    if not target.exists():
        raise InputError(f"{target} does not exist; pass a dataset folder, .parquet or .jsonl")
    if target.is_dir():
        parts = sorted((target / "data").glob("*.parquet")) or sorted(target.glob("*.parquet"))
        if not parts and not (target / MANIFEST).is_file():
            raise InputError(f"{target} holds no Parquet parts (expected {target}/data/*.parquet)")
        return parts
    if target.suffix in {".parquet", ".jsonl"}:
        return [target]
    raise InputError(f"{target} is not a dataset folder, .parquet or .jsonl file")


def _rows(file: Path) -> Iterator[tuple[int, dict[str, Any], Violation | None]]:
    import pyarrow as pa  # imported on use, for start-up time
    import pyarrow.parquet as pq  # imported on use, for start-up time

    if file.suffix == ".jsonl":
        with file.open("rb") as handle:
            for index, raw in enumerate(handle):
                if not raw.strip():
                    continue
                try:
                    row = json.loads(raw.decode("utf-8"))
                except UnicodeDecodeError:
                    yield index, {}, Violation(index, "<line>", "not valid UTF-8")
                    continue
                except (ValueError, RecursionError) as err:
                    message = err.msg if isinstance(err, json.JSONDecodeError) else str(err)[:200]
                    yield index, {}, Violation(index, "<line>", f"not valid JSON: {message}")
                    continue
                if not isinstance(row, dict):
                    yield index, {}, Violation(index, "<line>", "not a JSON object")
                    continue
                yield index, row, None
        return
    try:
        parquet = pq.ParquetFile(file)
    except (pa.ArrowException, OSError) as err:
        yield -1, {}, Violation(-1, "<file>", f"not a readable Parquet file ({err})")
        return
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
