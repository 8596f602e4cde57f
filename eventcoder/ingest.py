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

import datetime as dt
import hashlib
import json
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventcoder.errors import InputError
from eventcoder.ingest_tables import (
    CARD,
    META_FIELDS,
    SAVED_DICT,
    SAVED_STATE,
    _arrow_batches,
    _card,
    _card_entries,
    _Entry,
    _kind,
    _open_binary,
    _Raw,
    _read_arrow,
    _read_csv,
    _read_parquet,
    _record,
    _saved_dataset_entries,
    _saved_dict_entries,
)
from eventcoder.ingest_tables import (
    DEFAULT_MAX_CHARS as DEFAULT_MAX_CHARS,
)
from eventcoder.ingest_tables import (
    ReadOptions as ReadOptions,
)
from eventcoder.types import Document, Quarantine

SIDECAR_SUFFIX = ".meta.json"
SUPPORTED = (
    "a .txt file, a folder of them, a .jsonl(.gz), .csv(.gz), .parquet or .arrow file, or a "
    "Hugging Face dataset folder (save_to_disk output, or data files with a README card)"
)
MAX_ID_CHARS = 255

Item = Document | Quarantine


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
            if entry.kind == "skipped" or not _readable(entry.path):
                continue
            files.append(entry.path)
            sidecar = _sidecar(entry.path) if entry.kind == "txt" else None
            if sidecar is not None and sidecar.exists():
                files.append(sidecar)
    return files


def _readable(path: Path) -> bool:
    try:
        with path.open("rb"):
            return True
    except OSError:
        return False


def estimate_documents(paths: Iterable[str | Path]) -> int:
    """About how many documents the inputs hold (for progress bars): files, lines and rows."""
    total = 0
    for raw in paths:
        for entry in _entries(Path(raw)):
            total += _estimate(entry)
    return total


def _estimate(entry: _Entry) -> int:
    """About how many items one entry yields (1 where it cannot be read)."""
    try:
        if entry.kind in ("jsonl", "csv"):
            lines = _count_lines(entry.path)
            return lines - (1 if entry.kind == "csv" and lines else 0)
        if entry.kind == "parquet":
            rows: int = pq.ParquetFile(entry.path).metadata.num_rows
            return rows
        if entry.kind == "arrow":
            with pa.memory_map(str(entry.path), "r") as source:
                return sum(batch.num_rows for batch in _arrow_batches(source))
    except (pa.ArrowException, OSError, EOFError, zlib.error):
        return 1
    return 0 if entry.kind == "descriptor" else 1


def _count_lines(path: Path) -> int:
    """Line breaks in a (possibly gzipped) file, plus one for a last line without one."""
    count, last = 0, b"\n"
    with _open_binary(path) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (0 if last == b"\n" else 1)


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

    problem = _unsafe_id(raw.doc_id) or _bad_unicode(raw)
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
    return _document(raw, text, tuple(flags), opts.date_column)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _bad_unicode(raw: _Raw) -> str | None:
    """Why the record's strings cannot be written as UTF-8 (lone surrogates), or None."""
    fields = {"id": raw.doc_id, "text": raw.body if isinstance(raw.body, str) else ""}
    fields |= {k: v for k in META_FIELDS if isinstance(v := raw.meta.get(k), str)}
    for name, value in fields.items():
        found = _SURROGATE.search(value)
        if found is not None:
            return (
                f"field {name!r} holds a lone surrogate (U+{ord(found.group()):04X}) at "
                f"character {found.start()}, which is not valid Unicode; fix the producer"
            )
    return None


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


def _document(raw: _Raw, text: str, flags: tuple[str, ...], date_column: str) -> Item:
    values: dict[str, str | None] = {}
    for key in (*META_FIELDS, date_column):
        value = raw.meta.get(key)
        if value is not None and not isinstance(value, str):
            return Quarantine(raw.source, f"field {key!r} must be a string", raw.doc_id, raw.line)
        values[key] = value or None
    date, date_flags = _normalise_date(values[date_column])
    if values[date_column] is None:
        date_flags = ("no_date",)
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


def _check_path(path: Path) -> None:
    if not path.exists():
        raise InputError(f"input {path} does not exist; pass {SUPPORTED}")
    if not path.is_dir() and _kind(path) == "unsupported":
        raise InputError(f"input {path} is not a supported file; eventcoder reads {SUPPORTED}")


def _read_path(path: Path, opts: ReadOptions) -> Iterator[_Raw | Quarantine]:
    for entry in _entries(path):
        yield from _guarded(entry, opts)


# What reading one damaged file can raise; each ends that file with a quarantine record.
_READ_ERRORS = (OSError, EOFError, zlib.error, ValueError, RecursionError, MemoryError)


def _guarded(entry: _Entry, opts: ReadOptions) -> Iterator[_Raw | Quarantine]:
    """The entry's records; a read error ends the file with a quarantine record saying where."""
    records = _read_entry(entry, opts)
    count = 0
    while True:
        try:
            item = next(records)
        except StopIteration:
            return
        except _READ_ERRORS as err:
            after = f" after {count} records" if count else ""
            yield Quarantine(str(entry.path), f"file unreadable{after}: {_error_text(err)}")
            return
        count += 1
        yield item


def _error_text(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    if isinstance(err, RecursionError):
        return "structure nested too deeply"
    text = str(err) or type(err).__name__
    return text if len(text) <= 200 else text[:200] + "..."


def _entries(path: Path) -> list[_Entry]:
    """What an input path expands to, in reading order; InputError for a path not read."""
    _check_path(path)
    if path.is_dir():
        return _folder_entries(path)
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        return [_Entry(path, "skipped", f"not a regular file ({_special_kind(mode)}); not read")]
    return [_Entry(path, _kind(path))]


def _folder_entries(folder: Path) -> list[_Entry]:
    """A saved dataset, a carded data folder, or every path below it (sorted, depth first).

    Links to folders, links that lead nowhere or out of the input folder, special files
    (FIFOs, sockets, devices) and folders that cannot be listed are skipped entries, so that
    every path under the folder is accounted for.
    """
    root = folder.resolve()
    entries: list[_Entry] = []
    stack: list[Path | _Entry] = [folder]
    while stack:
        top = stack.pop()
        if isinstance(top, _Entry):
            entries.append(top)
            continue
        try:
            special = _dataset_entries(top)
        except InputError as err:
            if top == folder:
                raise
            entries.append(_Entry(top, "skipped", f"dataset folder not read: {err}"))
            continue
        if special is not None:
            entries.extend(special)
            continue
        try:
            children = sorted(top.iterdir())
        except OSError as err:
            entries.append(_Entry(top, "skipped", f"folder cannot be listed ({_os_reason(err)})"))
            continue
        descriptors = {CARD, ".gitattributes"} if _card(top) is not None else set()
        found: list[Path | _Entry] = []
        for child in children:
            if child.name in descriptors:
                found.append(_Entry(child, "descriptor"))
            elif not child.name.endswith(SIDECAR_SUFFIX):
                found.append(_child_entry(child, root))
        stack.extend(reversed(found))
    return entries


def _dataset_entries(folder: Path) -> list[_Entry] | None:
    """The entries of a saved Hugging Face dataset or a carded data folder; None otherwise."""
    if (folder / SAVED_DICT).is_file():
        return _saved_dict_entries(folder)
    if (folder / SAVED_STATE).is_file():
        return _saved_dataset_entries(folder)
    card = _card(folder)
    if card is not None and card.get("configs"):
        return _card_entries(folder, card)
    return None


def _child_entry(child: Path, root: Path) -> Path | _Entry:
    """A path met in an input folder: a folder to walk, or the entry it is."""
    try:
        if child.is_symlink():
            target = child.resolve()
            if not target.exists():
                return _Entry(child, "skipped", "broken symbolic link (its target is missing)")
            if target.is_dir():
                return _Entry(
                    child,
                    "skipped",
                    "symbolic link to a folder, not followed; pass the folder as an input",
                )
            if not target.is_relative_to(root):
                return _Entry(child, "skipped", "symbolic link to a file outside the input folder")
        mode = child.stat().st_mode
    except (OSError, RuntimeError) as err:
        reason = _os_reason(err) if isinstance(err, OSError) else "symbolic link loop"
        return _Entry(child, "skipped", f"path cannot be read ({reason})")
    if stat.S_ISDIR(mode):
        return child
    if not stat.S_ISREG(mode):
        return _Entry(child, "skipped", f"not a regular file ({_special_kind(mode)}); not read")
    return _Entry(child, _kind(child))


def _special_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "a special file"


def _os_reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


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
        yield _read_txt(path, opts)
    elif entry.kind == "parquet":
        yield from _read_parquet(path, opts)
    elif entry.kind == "arrow":
        yield from _read_arrow(path, opts)
    elif entry.kind == "unsupported":
        yield Quarantine(str(path), f"unsupported file type; eventcoder reads {SUPPORTED}")
    elif entry.kind == "skipped":
        yield Quarantine(str(path), entry.reason or "not read")


def _read_txt(path: Path, opts: ReadOptions) -> _Raw | Quarantine:
    doc_id = path.name[: -len(".txt")]
    limit = opts.max_chars * 4  # UTF-8 takes at most four bytes a character
    with path.open("rb") as handle:
        body = handle.read(limit + 1)
    if len(body) > limit:
        return Quarantine(
            str(path),
            f"file is over {limit:,} bytes, so over the limit of {opts.max_chars:,} "
            "characters; split it, or raise the limit (max_chars)",
            doc_id,
        )
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
    return _Raw(str(path), doc_id, body, meta)


def _read_jsonl(path: Path, opts: ReadOptions) -> Iterator[_Raw | Quarantine]:
    """Records of a JSONL file; a line longer than the document limit allows is skipped
    unread (its bytes are never held whole), a bad line is quarantined, the file goes on."""
    limit = _line_limit(opts)
    with _open_binary(path) as handle:
        number = 0
        while True:
            raw_line = handle.readline(limit + 1)
            if not raw_line:
                return
            number += 1
            where = f"{path}:{number}"
            if len(raw_line) > limit and not raw_line.endswith(b"\n"):
                skipped = len(raw_line) + _skip_line(handle)
                yield Quarantine(
                    where,
                    f"line of {skipped:,} bytes or more is over the document limit "
                    f"({opts.max_chars:,} characters); split it, or raise the limit (max_chars)",
                    line=number,
                )
                continue
            yield from _jsonl_record(raw_line, where, number, opts)


def _line_limit(opts: ReadOptions) -> int:
    """The most bytes a JSONL line may have: a document at the limit, fully escaped, with
    room for its other fields."""
    return opts.max_chars * 6 + 65536


def _skip_line(handle: Any) -> int:
    """Read past the rest of the current line in blocks; the bytes skipped."""
    skipped = 0
    while True:
        block = handle.readline(1 << 20)
        skipped += len(block)
        if not block or block.endswith(b"\n"):
            return skipped


def _jsonl_record(
    raw_line: bytes, where: str, number: int, opts: ReadOptions
) -> Iterator[_Raw | Quarantine]:
    line, bad = _decode(raw_line)
    if not line.strip():
        return
    if bad is not None and opts.on_bad_encoding == "quarantine":
        yield Quarantine(where, f"line is not valid UTF-8 ({bad})", line=number)
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        yield Quarantine(where, f"broken JSON line: {err.msg}", line=number)
        return
    except (ValueError, RecursionError) as err:
        yield Quarantine(where, f"JSON line cannot be read: {_error_text(err)}", line=number)
        return
    item = _record(record, where, number, opts.id_column, opts.text_column)
    if bad is not None and isinstance(item, _Raw):
        item = replace(item, flags=(*item.flags, "bad_encoding_replaced"))
    yield item
