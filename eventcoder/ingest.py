"""Readers that turn input paths (.txt files, folders, JSONL) into Documents, lazily.

Whatever cannot become a document becomes a Quarantine record with the reason, so no
input item disappears without a trace.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from eventcoder.errors import InputError
from eventcoder.types import Document, Quarantine

META_FIELDS: tuple[str, ...] = ("date", "url", "publisher", "title")
SIDECAR_SUFFIX = ".meta.json"
JSONL_SUFFIXES: tuple[str, ...] = (".jsonl", ".jsonl.gz")

Item = Document | Quarantine


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Item]:
    """Documents and quarantine records from every input path, in a stable order.

    A later document whose id was already seen is quarantined as a duplicate.
    """
    seen: dict[str, str] = {}
    for path in paths:
        for item in _read_path(Path(path)):
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
        path = Path(raw)
        _check_path(path)
        for file in _files_in(path) if path.is_dir() else [path]:
            files.append(file)
            sidecar = _sidecar(file)
            if sidecar is not None and sidecar.exists():
                files.append(sidecar)
    return files


def _sidecar(path: Path) -> Path | None:
    """The NAME.meta.json beside a NAME.txt, or None for other files."""
    if not path.name.lower().endswith(".txt"):
        return None
    return path.with_name(path.name[: -len(".txt")] + SIDECAR_SUFFIX)


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
    """A Document from a string (for `eventcoder code`)."""
    norm_date, flags = _normalise_date(date)
    return Document(doc_id=doc_id, text=text, date=norm_date, source=source, flags=flags)


def _check_path(path: Path) -> None:
    if not path.exists():
        raise InputError(f"input {path} does not exist; pass a .txt file, a folder, or a .jsonl")
    if not path.is_dir() and not _is_supported(path):
        raise InputError(
            f"input {path} is not a .txt or .jsonl file; eventcoder reads .txt documents, "
            "folders of them, and JSONL files of {id, text, ...} objects"
        )


def _read_path(path: Path) -> Iterator[Item]:
    _check_path(path)
    if path.is_dir():
        for file in _files_in(path):
            yield from _read_file(file)
        return
    yield from _read_file(path)


def _files_in(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(SIDECAR_SUFFIX)
    )


def _is_supported(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(".txt") or name.endswith(JSONL_SUFFIXES)


def _read_file(path: Path) -> Iterator[Item]:
    if not _is_supported(path):
        yield Quarantine(str(path), "unsupported file type; expected .txt or .jsonl")
    elif path.name.lower().endswith(JSONL_SUFFIXES):
        yield from _read_jsonl(path)
    else:
        yield _read_txt(path)


def _decode(raw: bytes) -> tuple[str, tuple[str, ...]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), ()
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace"), ("bad_encoding_replaced",)


def _read_txt(path: Path) -> Item:
    text, flags = _decode(path.read_bytes())
    doc_id = path.name[: -len(".txt")]
    if not text.strip():
        return Quarantine(str(path), "empty document (no text)", doc_id=doc_id)
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
    return _document(doc_id, text, meta, str(path), flags)


def _read_jsonl(path: Path) -> Iterator[Item]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            line, flags = _decode(raw)
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield Quarantine(where, f"broken JSON line: {err.msg}", line=number)
                continue
            yield _record_document(record, where, number, flags)


def _record_document(record: Any, where: str, number: int, flags: tuple[str, ...]) -> Item:
    if not isinstance(record, dict):
        return Quarantine(where, "JSON line is not an object", line=number)
    doc_id = record.get("id")
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or str(doc_id) == "":
        return Quarantine(where, "missing or empty 'id' field", line=number)
    text = record.get("text")
    if not isinstance(text, str):
        return Quarantine(where, "missing 'text' field (must be a string)", str(doc_id), number)
    if not text.strip():
        return Quarantine(where, "empty document (no text)", str(doc_id), number)
    item = _document(str(doc_id), text, record, where, flags)
    return replace(item, line=number) if isinstance(item, Quarantine) else item


def _document(
    doc_id: str, text: str, meta: dict[str, Any], source: str, flags: tuple[str, ...]
) -> Item:
    values: dict[str, str | None] = {}
    for key in META_FIELDS:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            return Quarantine(source, f"field {key!r} must be a string", doc_id)
        values[key] = value or None
    date, date_flags = _normalise_date(values["date"])
    return Document(
        doc_id=doc_id,
        text=text,
        date=date,
        url=values["url"],
        publisher=values["publisher"],
        title=values["title"],
        source=source,
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
