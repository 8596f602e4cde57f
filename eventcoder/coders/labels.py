"""The model coder's label scheme (classes, BIO tags, roots) and its model folders' meta."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventcoder.errors import TrainError

NONE_LABEL = "none"
SPAN_LABELS: tuple[str, ...] = ("ACTOR", "TARGET", "TRIGGER")
TAGS: tuple[str, ...] = ("O", *(f"{p}-{label}" for label in SPAN_LABELS for p in ("B", "I")))
META_KEY = "eventcoder"
MODEL_FORMAT = 1
STATEMENT_ROOT = "01"


def generic_code(code: str) -> str:
    """The generic code of a code's root: '195' -> '190', '0831' -> '080'."""
    return code[:2] + "0"


def main_code(codes: Sequence[str]) -> str | None:
    """The code a sentence is classified by: its first code other than a statement (root
    01: "said" goes with most events), else its first code; None without codes."""
    return next((c for c in codes if c[:2] != STATEMENT_ROOT), codes[0] if codes else None)


def label_of(codes: Sequence[str], labels: Sequence[str]) -> str:
    """The classifier's label for a sentence's codes (its main code, or that code's root's
    generic code where the code has no label of its own; `none` without codes)."""
    code = main_code(codes)
    if code is None:
        return NONE_LABEL
    return code if code in labels else generic_code(code)


def decide_root(roots: dict[str, float], threshold: float) -> tuple[str, float] | None:
    """The root coded at this threshold and its probability: the most probable root other
    than statements if it reaches the threshold, else statements if they do; else None.
    (The rule coder likewise drops a statement when the sentence has another event.)"""
    ranked = sorted(
        ((p, r) for r, p in roots.items() if r not in (NONE_LABEL, STATEMENT_ROOT)), reverse=True
    )
    if ranked and ranked[0][0] >= threshold:
        return ranked[0][1], ranked[0][0]
    statement = roots.get(STATEMENT_ROOT, 0.0)
    return (STATEMENT_ROOT, statement) if statement >= threshold else None


def root_key(label: str) -> str:
    """The CAMEO root of a classifier label (`none` for itself)."""
    return NONE_LABEL if label == NONE_LABEL else label[:2]


def root_probabilities(cats: dict[str, float]) -> dict[str, float]:
    """Probabilities per CAMEO root (and `none`) from the classifier's label probabilities."""
    out: dict[str, float] = {}
    for label, p in cats.items():
        key = root_key(label)
        out[key] = out.get(key, 0.0) + p
    return out


def tag_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token ranges [start, end) and labels of the spans in a BIO tag sequence (an I- tag
    without a B- before it starts a span)."""
    out: list[tuple[int, int, str]] = []
    start: int | None = None
    kind = ""
    for k, tag in enumerate((*tags, "O")):
        prefix, _, name = tag.partition("-")
        if start is not None and (prefix != "I" or name != kind):
            out.append((start, k, kind))
            start = None
        if prefix == "B" or (prefix == "I" and start is None and name):
            start, kind = k, name
    return out


def model_checksum(folder: str | Path) -> str:
    """sha256 over the model folder's files (relative paths and bytes, in sorted order)."""
    root = Path(folder)
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root).as_posix()).encode("utf-8") + b"\0")
        digest.update(_sha256_file(path).encode("ascii"))
    return digest.hexdigest()


def _sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes (as eventcoder.ingest.sha256_file)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_model_meta(folder: str | Path) -> dict[str, Any]:
    """The `eventcoder` part of a model folder's meta.json; TrainError when it is not a model
    written by `eventcoder train`."""
    path = Path(folder) / "meta.json"
    if not path.is_file():
        raise TrainError(
            f"{folder} is not a model folder (no meta.json); train one first (eventcoder train, "
            "or make model)"
        )
    try:
        meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise TrainError(f"{path} cannot be read: {err}") from err
    info = meta.get(META_KEY)
    if not isinstance(info, dict) or info.get("format") != MODEL_FORMAT:
        raise TrainError(
            f"{folder} was not written by `eventcoder train` (format {MODEL_FORMAT}); "
            "retrain it with this version"
        )
    return info
