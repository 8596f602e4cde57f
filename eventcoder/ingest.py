"""Readers that turn input paths into Documents, lazily: .txt files, folders, JSONL, CSV,
Parquet, Arrow, and local Hugging Face dataset folders (`Dataset.save_to_disk` output, or data
files with a README card whose `configs` name them, as `datasets.load_dataset` reads them).

An input path expands to entries (`_Entry`): the files read, in a stable order, and the
descriptor files (state.json, README card) that are only checksummed. Every reader yields
raw records that pass through one admission step (`_admit`), which applies the same rules
everywhere: binary content, encoding, unsafe ids, empty text, HTML, size and language.
Whatever cannot become a document becomes a Quarantine record with the reason, so no input
item disappears without a trace. Columnar files (Parquet, Arrow) are read in record batches
of the needed columns only, never whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO, Literal, cast

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from eventcoder.errors import InputError
from eventcoder.types import Document, Quarantine

META_FIELDS: tuple[str, ...] = ("date", "url", "publisher", "title")
SIDECAR_SUFFIX = ".meta.json"
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".jsonl.gz")
CSV_SUFFIXES: tuple[str, ...] = (".csv", ".csv.gz")
PARQUET_SUFFIX = ".parquet"
ARROW_SUFFIX = ".arrow"
SAVED_STATE = "state.json"  # a `datasets.Dataset.save_to_disk` folder
SAVED_INFO = "dataset_info.json"
SAVED_DICT = "dataset_dict.json"  # a `datasets.DatasetDict.save_to_disk` folder
CARD = "README.md"
SUPPORTED = (
    "a .txt file, a folder of them, a .jsonl(.gz), .csv(.gz), .parquet or .arrow file, or a "
    "Hugging Face dataset folder (save_to_disk output, or data files with a README card)"
)
BATCH_ROWS = 256  # rows per record batch read from Parquet
DEFAULT_MAX_CHARS = 1_000_000
MAX_ID_CHARS = 255

Item = Document | Quarantine
EntryKind = Literal["txt", "jsonl", "csv", "parquet", "arrow", "descriptor", "unsupported"]


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read and which documents are admitted."""

    on_bad_encoding: Literal["replace", "quarantine"] = "replace"
    max_chars: int = DEFAULT_MAX_CHARS
    check_language: bool = True
    text_column: str = "text"
    id_column: str = "id"


@dataclass(frozen=True)
class _Entry:
    """A file of an input and how it is read; a descriptor is checksummed, not read."""

    path: Path
    kind: EntryKind


@dataclass(frozen=True)
class _Raw:
    """A record as a reader found it, before admission."""

    source: str
    doc_id: str
    body: bytes | str
    meta: dict[str, Any] = field(default_factory=dict)
    line: int | None = None
    flags: tuple[str, ...] = ()


def read_inputs(paths: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Item]:
    """Documents and quarantine records from every input path, in a stable order.

    A later document whose id was already seen is quarantined as a duplicate.
    """
    opts = options or ReadOptions()
    seen: dict[str, str] = {}
    for path in paths:
        for raw in _read_path(Path(path), opts):
            item = raw if isinstance(raw, Quarantine) else _admit(raw, opts)
            if isinstance(item, Document):
                first = seen.get(item.doc_id)
                if first is not None:
                    yield Quarantine(
                        item.source,
                        f"duplicate document id {item.doc_id!r} (first seen in {first}); "
                        "give each document a unique id",
                        doc_id=item.doc_id,
                    )
                    continue
                seen[item.doc_id] = item.source
            yield item


def input_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files `read_inputs` reads for these paths, sidecars included (for the manifest).

    Raises InputError, as `read_inputs` would, for a path that is missing or unsupported.
    """
    files: list[Path] = []
    for raw in paths:
        for entry in _entries(Path(raw)):
            files.append(entry.path)
            sidecar = _sidecar(entry.path) if entry.kind == "txt" else None
            if sidecar is not None and sidecar.exists():
                files.append(sidecar)
    return files


def estimate_documents(paths: Iterable[str | Path]) -> int:
    """About how many documents the inputs hold (for progress bars): files, lines and rows."""
    total = 0
    for raw in paths:
        for entry in _entries(Path(raw)):
            total += _estimate(entry)
    return total


def _estimate(entry: _Entry) -> int:
    """About how many items one entry yields (0 where it cannot be read)."""
    if entry.kind in ("jsonl", "csv"):
        with _open_binary(entry.path) as handle:
            lines = sum(1 for line in handle if line.strip())
        return lines - (1 if entry.kind == "csv" and lines else 0)
    try:
        if entry.kind == "parquet":
            rows: int = pq.ParquetFile(entry.path).metadata.num_rows
            return rows
        if entry.kind == "arrow":
            with pa.memory_map(str(entry.path), "r") as source:
                return sum(batch.num_rows for batch in _arrow_batches(source))
    except (pa.ArrowException, OSError):
        return 1
    return 0 if entry.kind == "descriptor" else 1


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def document_from_text(
    text: str, doc_id: str = "text", date: str | None = None, source: str = "<text>"
) -> Document:
    """A Document from a string as given (for `eventcoder code` and evaluation)."""
    norm_date, flags = _normalise_date(date)
    return Document(doc_id=doc_id, text=text, date=norm_date, source=source, flags=flags)


# --- admission ------------------------------------------------------------------------------

_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!--|!doctype)[^>]*>", re.I)
_HTML_START = re.compile(r"^\s*<(?:!doctype|html|head|body|div|p|article|span|meta)\b", re.I)
_WORD = re.compile(r"[^\W\d_]+")
_UNSAFE_ID = re.compile(r"[/\\\x00-\x1f\x7f]")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
ENGLISH_FUNCTION_WORDS = frozenset(
    ("the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "was", "by", "it")
    + ("at", "from", "his", "her", "have", "has", "are", "were", "be", "this", "which", "said")
    + ("had", "not", "but", "they", "their", "its", "an", "or", "been", "after", "who", "will")
    + ("would", "also", "than", "into", "over", "about")
)


def _admit(raw: _Raw, opts: ReadOptions) -> Item:
    """The raw record as a Document, or a Quarantine saying why it cannot be one."""

    def reject(reason: str) -> Quarantine:
        return Quarantine(raw.source, reason, doc_id=raw.doc_id, line=raw.line)

    problem = _unsafe_id(raw.doc_id)
    if problem:
        return reject(problem)
    flags: list[str] = list(raw.flags)
    if isinstance(raw.body, bytes):
        if _looks_binary(raw.body):
            return reject("binary content (NUL or control bytes), not text; remove the file")
        text, bad = _decode(raw.body)
        if bad is not None:
            if opts.on_bad_encoding == "quarantine":
                return reject(
                    f"not valid UTF-8 ({bad}); re-encode it as UTF-8, or read with "
                    "on_bad_encoding 'replace' to decode with replacement characters"
                )
            flags.append("bad_encoding_replaced")
    else:
        text = raw.body
        if "\x00" in text:
            return reject("binary content (NUL characters) in the text field")
    if not text.strip():
        return reject("empty document (no text)")
    if _looks_like_html(text):
        text = html_to_text(text)
        flags.append("html_stripped")
        if not text.strip():
            return reject("HTML with no text content")
    if len(text) > opts.max_chars:
        return reject(
            f"document has {len(text):,} characters, over the limit of {opts.max_chars:,}; "
            "split it, or raise the limit (max_chars)"
        )
    if opts.check_language:
        language = _non_english(text)
        if language:
            return reject(f"not English ({language}); eventcoder codes English text only")
    return _document(raw, text, tuple(flags))


def _unsafe_id(doc_id: str) -> str | None:
    if not doc_id:
        return "missing or empty document id"
    if len(doc_id) > MAX_ID_CHARS:
        return f"document id is {len(doc_id)} characters long (limit {MAX_ID_CHARS})"
    if _UNSAFE_ID.search(doc_id) or doc_id in {".", ".."}:
        return (
            f"document id {doc_id!r} is unsafe as a file name (path separators, control "
            "characters or dots only); use letters, digits, '-', '_' and '.'"
        )
    return None


def _looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return len(head) > 0 and controls / len(head) > 0.1


def _decode(raw: bytes) -> tuple[str, str | None]:
    """Text from UTF-8 bytes (BOM dropped) and, when they are not valid UTF-8, where not."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as err:
        return raw.decode("utf-8", errors="replace"), f"byte {err.start}"


def _looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_TAG.findall(head)) >= 5


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML page, without scripts and styles, a line per block."""

    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "article", "section"})
    SKIP = frozenset({"script", "style", "noscript", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML document, one paragraph per line."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (
        re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n")
    )
    return "\n".join(line for line in lines if line)


def _non_english(text: str) -> str | None:
    """Why the text does not look like English, or None when it does (or is too short)."""
    sample = text[:5000]
    words = _WORD.findall(sample)
    if len(words) < 12:
        return None
    letters = "".join(words)
    latin = len(letters.encode("ascii", "ignore")) / len(letters)  # ASCII letters kept
    if latin < 0.5:
        return f"only {latin:.0%} of letters are Latin"
    share = sum(1 for w in words if w.lower() in ENGLISH_FUNCTION_WORDS) / len(words)
    if share < 0.08:
        return f"only {share:.0%} of words are English function words"
    return None


def _document(raw: _Raw, text: str, flags: tuple[str, ...]) -> Item:
    values: dict[str, str | None] = {}
    for key in META_FIELDS:
        value = raw.meta.get(key)
        if value is not None and not isinstance(value, str):
            return Quarantine(raw.source, f"field {key!r} must be a string", raw.doc_id, raw.line)
        values[key] = value or None
    date, date_flags = _normalise_date(values["date"])
    return Document(
        doc_id=raw.doc_id,
        text=text,
        date=date,
        url=values["url"],
        publisher=values["publisher"],
        title=values["title"],
        source=raw.source,
        flags=flags + date_flags,
    )


def _normalise_date(value: str | None) -> tuple[str | None, tuple[str, ...]]:
    """An ISO date string (YYYY-MM-DD) from an ISO date or datetime; flags what fails."""
    if value is None:
        return None, ()
    try:
        return dt.date.fromisoformat(value).isoformat(), ()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat(), ()
    except ValueError:
        return None, ("unparseable_date",)


# --- readers --------------------------------------------------------------------------------


def _check_path(path: Path) -> None:
    if not path.exists():
        raise InputError(f"input {path} does not exist; pass {SUPPORTED}")
    if not path.is_dir() and _kind(path) == "unsupported":
        raise InputError(f"input {path} is not a supported file; eventcoder reads {SUPPORTED}")


def _read_path(path: Path, opts: ReadOptions) -> Iterator[_Raw | Quarantine]:
    for entry in _entries(path):
        yield from _read_entry(entry, opts)


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


def _entries(path: Path) -> list[_Entry]:
    """What an input path expands to, in reading order; InputError for a path not read."""
    _check_path(path)
    return _folder_entries(path) if path.is_dir() else [_Entry(path, _kind(path))]


def _folder_entries(folder: Path) -> list[_Entry]:
    """A saved dataset, a carded data folder, or every file below it (sorted, recursively)."""
    if (folder / SAVED_DICT).is_file():
        return _saved_dict_entries(folder)
    if (folder / SAVED_STATE).is_file():
        return _saved_dataset_entries(folder)
    card = _card(folder)
    if card is not None and card.get("configs"):
        return _card_entries(folder, card)
    descriptors = {CARD, ".gitattributes"} if card is not None else set()
    entries = []
    for child in sorted(folder.iterdir()):
        if child.is_dir() and not child.is_symlink():
            entries.extend(_folder_entries(child))
        elif child.name in descriptors:
            entries.append(_Entry(child, "descriptor"))
        elif child.is_file() and not child.name.endswith(SIDECAR_SUFFIX):
            entries.append(_Entry(child, _kind(child)))
    return entries


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
    for pattern in patterns:
        matched = sorted(p for p in folder.glob(pattern) if p.is_file())
        if not matched:
            raise InputError(f"data_files pattern {pattern!r} in {folder / CARD} matches no file")
        entries.extend(_Entry(p, _kind(p)) for p in matched)
    return entries


def _sidecar(path: Path) -> Path | None:
    """The NAME.meta.json beside a NAME.txt, or None for other files."""
    if not path.name.lower().endswith(".txt"):
        return None
    return path.with_name(path.name[: -len(".txt")] + SIDECAR_SUFFIX)


def _read_entry(entry: _Entry, opts: ReadOptions) -> Iterator[_Raw | Quarantine]:
    path = entry.path
    if entry.kind == "jsonl":
        yield from _read_jsonl(path, opts)
    elif entry.kind == "csv":
        yield from _read_csv(path, opts)
    elif entry.kind == "txt":
        yield _read_txt(path)
    elif entry.kind == "parquet":
        yield from _read_parquet(path, opts)
    elif entry.kind == "arrow":
        yield from _read_arrow(path, opts)
    elif entry.kind == "unsupported":
        yield Quarantine(str(path), f"unsupported file type; eventcoder reads {SUPPORTED}")


def _open_binary(path: Path) -> BinaryIO:
    if path.name.lower().endswith(".gz"):
        return cast(BinaryIO, gzip.GzipFile(path, "rb"))
    return path.open("rb")


def _read_txt(path: Path) -> _Raw | Quarantine:
    doc_id = path.name[: -len(".txt")]
    meta: dict[str, Any] = {}
    sidecar = _sidecar(path)
    if sidecar is not None and sidecar.exists():
        try:
            loaded = json.loads(sidecar.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            return Quarantine(str(path), f"sidecar {sidecar.name} is not valid JSON: {err}", doc_id)
        if not isinstance(loaded, dict):
            return Quarantine(str(path), f"sidecar {sidecar.name} is not a JSON object", doc_id)
        meta = loaded
    return _Raw(str(path), doc_id, path.read_bytes(), meta)


def _read_jsonl(path: Path, opts: ReadOptions) -> Iterator[_Raw | Quarantine]:
    with _open_binary(path) as handle:
        for number, raw_line in enumerate(handle, start=1):
            where = f"{path}:{number}"
            line, bad = _decode(raw_line)
            if not line.strip():
                continue
            if bad is not None and opts.on_bad_encoding == "quarantine":
                yield Quarantine(where, f"line is not valid UTF-8 ({bad})", line=number)
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield Quarantine(where, f"broken JSON line: {err.msg}", line=number)
                continue
            item = _record(record, where, number, "id", "text")
            if bad is not None and isinstance(item, _Raw):
                item = replace(item, flags=("bad_encoding_replaced",))
            yield item


def _read_csv(path: Path, opts: ReadOptions) -> Iterator[_Raw | Quarantine]:
    # The csv module's field size limit is process-wide; raise it to the document limit.
    csv.field_size_limit(max(csv.field_size_limit(), opts.max_chars + 1))
    with (
        _open_binary(path) as binary,
        io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="") as text,
    ):
        reader = csv.DictReader(text)
        if reader.fieldnames is None or opts.text_column not in reader.fieldnames:
            columns = ", ".join(reader.fieldnames or [])
            yield Quarantine(
                str(path),
                f"CSV has no {opts.text_column!r} column (columns: {columns}); "
                "name the text column (text_column)",
            )
            return
        for number, row in enumerate(reader, start=2):
            yield _record(row, f"{path}:{number}", number, opts.id_column, opts.text_column)


def _read_parquet(path: Path, opts: ReadOptions) -> Iterator[_Raw | Quarantine]:
    """Rows of a Parquet file, read in record batches of the needed columns."""
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
    wanted = [opts.id_column, opts.text_column, *(m for m in META_FIELDS if m in names)]
    return list(dict.fromkeys(wanted))


def _read_batches(
    path: Path, columns: list[str], batches: Iterator[pa.RecordBatch], opts: ReadOptions
) -> Iterator[_Raw | Quarantine]:
    """One raw record per row of the batches (rows numbered from 1 across the file)."""
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
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or str(doc_id) == "":
        return Quarantine(where, f"missing or empty {id_key!r} field", line=number)
    text = record.get(text_key)
    if not isinstance(text, str):
        return Quarantine(
            where, f"missing {text_key!r} field (must be a string)", str(doc_id), number
        )
    return _Raw(where, str(doc_id), text, record, number)
