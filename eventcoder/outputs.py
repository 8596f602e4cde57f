"""Output folders: which ones a command may write or replace, and the lock beside them.

A command writes into a folder only when the folder is absent or empty, or when asked to
replace it and the folder is one this tool wrote (a dataset's manifest, an export's record,
a model's meta say so). It never writes into or replaces
a folder that holds or lies inside one of its inputs, the current folder or one above it,
the home or root folder, or a symbolic link. The lock beside the folder is taken before any
of these checks, so two commands cannot both pass them.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eventcoder.errors import EventcoderError, OutputExistsError, UnsafeOutputError

# The file by which each kind of folder this tool writes is known, and the path of keys
# inside it (JSON) that only this tool writes.
_SIGNATURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "dataset": ("manifest.json", ("eventcoder_version",)),
    "export": ("export.json", ("eventcoder_version",)),
    "model": ("meta.json", ("eventcoder", "eventcoder_version")),
}


_NOUNS = {"dataset": "a dataset", "export": "an export", "model": "a model"}


class OutputLockedError(EventcoderError):
    """Another command is writing the same output folder."""


def written_by_tool(folder: Path, kind: str) -> bool:
    """Whether `folder` is a `kind` folder (dataset, export, model) this tool wrote, as its
    manifest, export record or model meta says."""
    name, keys = _SIGNATURES[kind]
    try:
        data: Any = json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return True


def check_output(
    out: Path, inputs: Iterable[Path], *, overwrite: bool, kind: str, what: str = "output"
) -> None:
    """Raise unless this command may write `out` (a `kind` folder) given its inputs.

    UnsafeOutputError: `out` is or holds an input, lies inside an input folder, is the
    current folder or above it, the home or root folder, or a symbolic link.
    OutputExistsError: `out` holds files and replacing it was not asked for.
    UnsafeOutputError (also): replacing was asked for but `out` holds files this tool did
    not write.
    """
    if out.is_symlink():
        raise UnsafeOutputError(
            f"{out} is a symbolic link; name a real folder as the {what} folder (a link's "
            "target is never replaced)"
        )
    target = out.resolve()
    _check_not_protected(out, target, what)
    for path in inputs:
        _check_apart(out, target, path, what)
    if target.exists() and not target.is_dir():
        raise OutputExistsError(f"{out} exists and is not a folder; choose another {what} folder")
    if not _holds_files(target):
        return
    if not overwrite:
        raise OutputExistsError(
            f"{out} already holds files; allow overwriting it, or choose another {what} folder"
        )
    if not written_by_tool(target, kind):
        raise UnsafeOutputError(
            f"{out} holds files that are not {_NOUNS[kind]} eventcoder wrote, so it is not "
            f"replaced; empty it yourself or choose another {what} folder"
        )


def _holds_files(folder: Path) -> bool:
    return folder.is_dir() and any(folder.iterdir())


def _check_not_protected(out: Path, target: Path, what: str) -> None:
    cwd = Path.cwd().resolve()
    if target == cwd or cwd.is_relative_to(target):
        raise UnsafeOutputError(
            f"{out} is the current folder or a folder above it; name a new {what} folder"
        )
    home = Path.home().resolve()
    if target in (home, Path(target.anchor)):
        raise UnsafeOutputError(f"{out} is the home or root folder; name a new {what} folder")


def _check_apart(out: Path, target: Path, path: Path, what: str) -> None:
    """Refuse an output that is, holds, or lies inside the input `path`."""
    source = path.resolve()
    if source == target or source.is_relative_to(target):
        raise UnsafeOutputError(
            f"{out} holds the input {path}; name a {what} folder apart from the inputs"
        )
    if source.is_dir() and target.is_relative_to(source):
        raise UnsafeOutputError(
            f"{out} lies inside the input folder {path}; its files would be read as input: "
            f"name a {what} folder outside it"
        )


class OutputLock:
    """An exclusive lock file beside an output folder; a stale one (dead process) is taken."""

    def __init__(self, out: Path) -> None:
        absolute = Path(os.path.abspath(out))
        self.path = absolute.parent / f".{absolute.name}.lock"

    def __enter__(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                holder = lock_holder(self.path)
                if holder is not None:
                    raise OutputLockedError(
                        f"another eventcoder command (pid {holder}) is writing "
                        f"{self.path.parent / self.path.name[1:-5]}; wait for it to finish, or "
                        f"remove {self.path} if that process is gone"
                    ) from None
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(f"{os.getpid()} {socket.gethostname()}\n")
            return self
        raise OutputLockedError(f"could not take the lock {self.path}; remove it and retry")

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)


def lock_holder(path: Path) -> int | None:
    """The pid holding the lock if it is alive on this host (or on another host), else None."""
    try:
        pid_text, host = path.read_text().split()
        pid = int(pid_text)
    except (OSError, ValueError):
        return None
    if host != socket.gethostname():
        return pid
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid
