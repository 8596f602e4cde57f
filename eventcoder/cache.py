"""The user cache folder and its pickle files: atomic writes, reads that fail silently.

A cache file holds `(key, value)`; a reader names the key it expects (a hash of the source
bytes and a format version), so a stale, corrupt, missing or unreadable file reads as a miss
and a folder that cannot be written only costs the rebuild.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def default_cache_dir(env: Mapping[str, str]) -> Path:
    """Where caches live: $XDG_CACHE_HOME/eventcoder, else ~/.cache/eventcoder."""
    xdg = env.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "eventcoder"
    home = env.get("HOME")
    base = Path(home) if home else Path.home()
    return base / ".cache" / "eventcoder"


def cache_key(*parts: str | bytes) -> str:
    """A hex digest of the parts (each one's length is hashed too, so parts cannot run on)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(f"{len(data)}:".encode())
        digest.update(data)
    return digest.hexdigest()


def source_bytes(*files: str) -> bytes:
    """The bytes of the given source files (a module's `__file__`), so that a cache key changes
    with the code that builds the cached value; a file that cannot be read counts as empty."""
    parts = []
    for name in files:
        try:
            parts.append(Path(name).read_bytes())
        except OSError:
            parts.append(b"")
    return b"\0".join(parts)


def read_pickle(path: Path) -> Any | None:
    """The object pickled at `path`, or None when it is missing or cannot be read."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, truncated, corrupt or from another version: a miss
        return None


def write_pickle(path: Path, value: Any, stale: str | None = None) -> None:
    """Pickle `value` to `path` atomically (temp file + rename), creating the folder; then
    drop the other files of the folder matching the glob `stale` (caches of other keys).
    Does nothing when the folder cannot be written."""
    folder = path.parent
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
        if stale is not None:
            for old in folder.glob(stale):
                if old != path:
                    old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def read_keyed(path: Path, key: str) -> Any | None:
    """The value cached at `path` under `key` (written by `write_keyed`), else None."""
    found = read_pickle(path)
    if isinstance(found, tuple) and len(found) == 2 and found[0] == key:
        return found[1]
    return None


def write_keyed(path: Path, key: str, value: Any, stale: str | None = None) -> None:
    """Cache `value` under `key` at `path` (see `write_pickle`)."""
    write_pickle(path, (key, value), stale)
