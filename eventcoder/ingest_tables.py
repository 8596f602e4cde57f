"""Readers of tabular inputs: CSV, Parquet, Arrow and Hugging Face dataset folders."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, cast

import yaml

from eventcoder.errors import InputError
from eventcoder.types import Quarantine

if TYPE_CHECKING:
    import pyarrow as pa

META_FIELDS: tuple[str, ...] = ("date", "url", "publisher", "title")
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".jsonl.gz")
CSV_SUFFIXES: tuple[str, ...] = (".csv", ".csv.gz")
PARQUET_SUFFIX = ".parquet"
ARROW_SUFFIX = ".arrow"
SAVED_STATE = "state.json"  # a `datasets.Dataset.save_to_disk` folder
SAVED_INFO = "dataset_info.json"
SAVED_DICT = "dataset_dict.json"  # a `datasets.DatasetDict.save_to_disk` folder
CARD = "README.md"
BATCH_ROWS = 256  # rows per record batch read from Parquet
DEFAULT_MAX_CHARS = 1_000_000

EntryKind = Literal[
    "txt", "jsonl", "csv", "parquet", "arrow", "descriptor", "unsupported", "skipped"
]


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read and which documents are admitted."""

    on_bad_encoding: Literal["replace", "quarantine"] = "replace"
    max_chars: int = DEFAULT_MAX_CHARS
    check_language: bool = True
    text_column: str = "text"
    id_column: str = "id"
    date_column: str = "date"


@dataclass(frozen=True)
class _Entry:
    """A file of an input and how it is read; a descriptor is checksummed, not read; a
    skipped path (link, special file, unreadable folder) is not read, and `reason` says why."""

    path: Path
    kind: EntryKind
    reason: str | None = None


@dataclass(frozen=True)
class _Raw:
    """A record as a reader found it, before admission."""

    source: str
    doc_id: str
    body: bytes | str
    meta: dict[str, Any] = field(default_factory=dict)
    line: int | None = None
    flags: tuple[str, ...] = ()


def _kind(path: Path) -> EntryKind:
    """How a data file is read, from its name."""
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    if name.endswith(".txt"):
        return "txt"
    if name.endswith(PARQUET_SUFFIX):
        return "parquet"
    if name.endswith(ARROW_SUFFIX):
        return "arrow"
    return "unsupported"


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"{path} is not readable JSON ({err}); is it a saved dataset?") from err


def _saved_dict_entries(folder: Path) -> list[_Entry]:
    """A `DatasetDict.save_to_disk` folder: its splits in the order dataset_dict.json lists."""
    listing = _load_json(folder / SAVED_DICT)
    splits = listing.get("splits") if isinstance(listing, dict) else None
    if not isinstance(splits, list) or not all(isinstance(s, str) for s in splits):
        raise InputError(f"{folder / SAVED_DICT} does not list its splits ({{'splits': [...]}})")
    entries = [_Entry(folder / SAVED_DICT, "descriptor")]
    for split in splits:
        if not (folder / split / SAVED_STATE).is_file():
            raise InputError(f"split {split!r} of {folder} has no {SAVED_STATE}")
        entries.extend(_saved_dataset_entries(folder / split))
    return entries


def _saved_dataset_entries(folder: Path) -> list[_Entry]:
    """A `Dataset.save_to_disk` folder: state.json, dataset_info.json, the Arrow files."""
    state = _load_json(folder / SAVED_STATE)
    files = state.get("_data_files") if isinstance(state, dict) else None
    if not isinstance(files, list) or not all(
        isinstance(f, dict) and isinstance(f.get("filename"), str) for f in files
    ):
        raise InputError(
            f"{folder / SAVED_STATE} does not list data files (_data_files); save the dataset "
            "again with datasets' save_to_disk"
        )
    entries = [_Entry(folder / SAVED_STATE, "descriptor")]
    if (folder / SAVED_INFO).is_file():
        entries.append(_Entry(folder / SAVED_INFO, "descriptor"))
    for item in files:
        arrow = folder / item["filename"]
        if not arrow.is_file():
            raise InputError(f"{arrow}, listed in {folder / SAVED_STATE}, does not exist")
        entries.append(_Entry(arrow, "arrow"))
    return entries


def _card(folder: Path) -> dict[str, Any] | None:
    """The YAML metadata of a dataset card README.md in the folder, or None without one."""
    path = folder / CARD
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8", errors="replace")
    match = re.match(r"---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", text, re.S)
    if match is None:
        return None
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return None
    return meta if isinstance(meta, dict) else None


def _card_entries(folder: Path, card: dict[str, Any]) -> list[_Entry]:
    """The data files of the card's default config (`default: true`, else the one named
    "default", else the first), split by split in card order, each pattern's files sorted."""
    configs = [c for c in card["configs"] if isinstance(c, dict)]
    if not configs:
        raise InputError(f"the configs in {folder / CARD} are not a list of mappings")
    config = next(
        (c for c in configs if c.get("default") is True),
        next((c for c in configs if c.get("config_name") == "default"), configs[0]),
    )
    patterns: list[Any] = []
    data_files = config.get("data_files")
    for spec in data_files if isinstance(data_files, list) else [data_files]:
        found = spec.get("path") if isinstance(spec, dict) else spec
        patterns.extend(found if isinstance(found, list) else [found])
    if not patterns or not all(isinstance(p, str) for p in patterns):
        name = config.get("config_name")
        raise InputError(f"config {name!r} in {folder / CARD} names no data_files paths")
    entries = [_Entry(folder / CARD, "descriptor")]
    inside = folder.resolve()
    for pattern in patterns:
        if Path(pattern).is_absolute() or ".." in Path(pattern).parts or not pattern.strip():
            reason = (
                f"data_files pattern {pattern!r} in the card points outside the folder; only "
                "paths inside the folder are read"
            )
            entries.append(_Entry(folder / CARD, "skipped", reason))
            continue
        matched = sorted(p for p in folder.glob(pattern) if p.is_file())
        if not matched:
            raise InputError(f"data_files pattern {pattern!r} in {folder / CARD} matches no file")
        for path in matched:
            if path.resolve().is_relative_to(inside):
                entries.append(_Entry(path, _kind(path)))
            else:
                reason = "a link to a file outside the dataset folder; only files inside are read"
                entries.append(_Entry(path, "skipped", reason))
    return entries


def _open_binary(path: Path) -> BinaryIO:
    if path.name.lower().endswith(".gz"):
        return cast(BinaryIO, gzip.GzipFile(path, "rb"))
    return path.open("rb")


class _LineTooLong(Exception):
    """A CSV line over the limit; it was skipped unread."""


class _CappedLines:
    """Lines of a text stream, none held longer than `limit` characters: a longer line is
    skipped in blocks and reported by raising _LineTooLong (reading then goes on)."""

    def __init__(self, text: io.TextIOBase, limit: int) -> None:
        self.text = text
        self.limit = limit

    def __iter__(self) -> _CappedLines:
        return self

    def __next__(self) -> str:
        line = self.text.readline(self.limit + 1)
        if not line:
            raise StopIteration
        if len(line) > self.limit and not line.endswith("\n"):
            while True:
                block = self.text.readline(1 << 20)
                if not block or block.endswith("\n"):
                    break
            raise _LineTooLong
        return line


_ESCAPED = re.compile("[\udc80-\udcff]")


def _read_csv(path: Path, opts: ReadOptions) -> Iterator[_Raw | Quarantine]:
    """Rows of a CSV file (header first). Quoting is strict: a malformed row (an
    unterminated quote, text after a closing quote) is quarantined with the lines it took, as
    is a field or line over the document limit; reading goes on with the next row."""
    # The csv module's field size limit is process-wide; raise it to the document limit.
    csv.field_size_limit(max(csv.field_size_limit(), opts.max_chars + 1))
    with (
        _open_binary(path) as binary,
        io.TextIOWrapper(
            binary, encoding="utf-8-sig", errors="surrogateescape", newline=""
        ) as text,
    ):
        lines = _CappedLines(text, opts.max_chars * 2 + 65536)
        reader = csv.reader(lines, strict=True)
        try:
            header = next(reader, None)
        except (csv.Error, _LineTooLong) as err:
            yield Quarantine(str(path), f"CSV header cannot be read: {err or 'line too long'}")
            return
        if header is None or opts.text_column not in header:
            columns = ", ".join(header or [])
            yield Quarantine(
                str(path),
                f"CSV has no {opts.text_column!r} column (columns: {columns}); "
                "name the text column (text_column)",
            )
            return
        while True:
            first = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, _LineTooLong) as err:
                last = max(reader.line_num, first)
                where = f"{path}:{first}" if last == first else f"{path}:{first}-{last}"
                reason = str(err) if isinstance(err, csv.Error) else "line too long"
                yield Quarantine(
                    where,
                    f"CSV row cannot be read ({reason}; over the document limit, or a quote "
                    f"left open); lines {first}-{last} are not read",
                    line=first,
                )
                continue
            if not row:
                continue
            yield _csv_row(dict(zip(header, row, strict=False)), path, first, opts)


def _csv_row(record: dict[str, Any], path: Path, line: int, opts: ReadOptions) -> _Raw | Quarantine:
    """One CSV row as a raw record; bytes that were not UTF-8 replaced and flagged, or the
    row quarantined, as the options say."""
    where = f"{path}:{line}"
    bad = [k for k, v in record.items() if isinstance(v, str) and _ESCAPED.search(v)]
    if bad:
        if opts.on_bad_encoding == "quarantine":
            return Quarantine(where, f"row is not valid UTF-8 (in column {bad[0]!r})", line=line)
        record = {
            k: _ESCAPED.sub("\ufffd", v) if isinstance(v, str) else v for k, v in record.items()
        }
    item = _record(record, where, line, opts.id_column, opts.text_column)
    if bad and isinstance(item, _Raw):
        item = replace(item, flags=(*item.flags, "bad_encoding_replaced"))
    return item


def _read_parquet(path: Path, opts: ReadOptions) -> Iterator[_Raw | Quarantine]:
    """Rows of a Parquet file, read in record batches of the needed columns."""
    import pyarrow as pa  # imported on use, for start-up time
    import pyarrow.parquet as pq  # imported on use, for start-up time

    try:
        parquet = pq.ParquetFile(path)
        names = list(parquet.schema_arrow.names)
    except (pa.ArrowException, OSError) as err:
        yield Quarantine(str(path), f"not a readable Parquet file: {err}")
        return
    with parquet:
        columns = _columns(path, "Parquet file", names, opts)
        if isinstance(columns, Quarantine):
            yield columns
            return
        batches = parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns)
        yield from _read_batches(path, columns, batches, opts)


def _read_arrow(path: Path, opts: ReadOptions) -> Iterator[_Raw | Quarantine]:
    """Rows of an Arrow IPC file (stream or file format, as `datasets` writes), memory-mapped."""
    import pyarrow as pa  # imported on use, for start-up time

    try:
        source = pa.memory_map(str(path), "r")
    except (pa.ArrowException, OSError) as err:
        yield Quarantine(str(path), f"not a readable Arrow file: {err}")
        return
    with source:
        try:
            schema, batches = _arrow_reader(source)
        except (pa.ArrowException, OSError) as err:
            yield Quarantine(str(path), f"not a readable Arrow file: {err}")
            return
        columns = _columns(path, "Arrow file", list(schema.names), opts)
        if isinstance(columns, Quarantine):
            yield columns
            return
        yield from _read_batches(path, columns, batches, opts)


def _arrow_reader(source: pa.NativeFile) -> tuple[pa.Schema, Iterator[pa.RecordBatch]]:
    """The schema and record batches of an Arrow IPC stream or, failing that, IPC file."""
    import pyarrow as pa  # imported on use, for start-up time

    try:
        stream = pa.ipc.open_stream(source)
        return stream.schema, iter(stream)
    except pa.ArrowInvalid:
        source.seek(0)
    reader = pa.ipc.open_file(source)
    count = reader.num_record_batches
    return reader.schema, (reader.get_batch(i) for i in range(count))


def _arrow_batches(source: pa.NativeFile) -> Iterator[pa.RecordBatch]:
    return _arrow_reader(source)[1]


def _columns(path: Path, what: str, names: list[str], opts: ReadOptions) -> list[str] | Quarantine:
    """The columns to read (id, text, the metadata present), or why the file cannot be read."""
    for column, option in ((opts.text_column, "text_column"), (opts.id_column, "id_column")):
        if column not in names:
            role = "text" if option == "text_column" else "id"
            return Quarantine(
                str(path),
                f"{what} has no {column!r} column (columns: {', '.join(names)}); "
                f"name the {role} column ({option})",
            )
    meta = (*META_FIELDS, opts.date_column)
    wanted = [opts.id_column, opts.text_column, *(m for m in meta if m in names)]
    return list(dict.fromkeys(wanted))


def _read_batches(
    path: Path, columns: list[str], batches: Iterator[pa.RecordBatch], opts: ReadOptions
) -> Iterator[_Raw | Quarantine]:
    """One raw record per row of the batches (rows numbered from 1 across the file)."""
    import pyarrow as pa  # imported on use, for start-up time

    number = 0
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except (pa.ArrowException, OSError) as err:
            yield Quarantine(str(path), f"file unreadable after row {number}: {err}")
            return
        values = [batch.column(name).to_pylist() for name in columns]
        for row in zip(*values, strict=True):
            number += 1
            record = {name: _plain(value) for name, value in zip(columns, row, strict=True)}
            yield _record(record, f"{path}:{number}", number, opts.id_column, opts.text_column)


def _plain(value: Any) -> Any:
    """A column value as the JSONL reader would see it: dates and times as ISO strings."""
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _record(record: Any, where: str, number: int, id_key: str, text_key: str) -> _Raw | Quarantine:
    if not isinstance(record, dict):
        return Quarantine(where, "record is not an object (expected {id, text, ...})", line=number)
    doc_id = record.get(id_key)
    flags: tuple[str, ...] = ()
    if doc_id is None or doc_id == "":
        doc_id, flags = Path(where).name, ("id_from_position",)  # FILE:LINE, stable
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool):
        return Quarantine(where, f"{id_key!r} field must be a string or a number", line=number)
    text = record.get(text_key)
    if not isinstance(text, str):
        return Quarantine(
            where, f"missing {text_key!r} field (must be a string)", str(doc_id), number
        )
    return _Raw(where, str(doc_id), text, record, number, flags)
