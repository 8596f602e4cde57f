"""Readers that turn input paths into Documents, lazily: .txt files, folders, JSONL, CSV,
Parquet, Arrow, and local Hugging Face dataset folders (`Dataset.save_to_disk` output, or data
files with a README card whose `configs` name them, as `datasets.load_dataset` reads them).

An input path expands to entries (`_Entry`): the files read, in a stable order, and the
descriptor files (state.json, README card) that are only checksummed. Every reader yields
raw records that pass through one admission step (`eventcoder.ingest_admit`), which applies
the same rules everywhere: binary content, encoding, unsafe ids, empty text, HTML, size and
language.
Whatever cannot become a document becomes a Quarantine record with the reason, so no input
item disappears without a trace. Columnar files (Parquet, Arrow) are read in record batches
of the needed columns only, never whole.
"""

from __future__ import annotations

import hashlib
import json
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from eventcoder.errors import InputError
from eventcoder.ingest_admit import (
    ENGLISH_FUNCTION_WORDS as ENGLISH_FUNCTION_WORDS,
)
from eventcoder.ingest_admit import (
    MAX_ID_CHARS as MAX_ID_CHARS,
)
from eventcoder.ingest_admit import _admit, _decode, _normalise_date
from eventcoder.ingest_admit import (
    html_to_text as html_to_text,
)
from eventcoder.ingest_tables import (
    CARD,
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
    import pyarrow as pa  # imported on use, for start-up time
    import pyarrow.parquet as pq  # imported on use, for start-up time

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
