"""The dataset folder: its typed manifest, Parquet parts, atomic writes and reading back."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from eventcoder.config import BuildConfig
from eventcoder.errors import EventcoderError
from eventcoder.ingest import input_files, sha256_file

if TYPE_CHECKING:
    import pyarrow as pa

MANIFEST = "manifest.json"
QUARANTINE = "quarantine.jsonl"
DATA_DIR = "data"
PROFILES_DIR = "profiles"
SPLITS: tuple[str, ...] = ("train", "validation", "test")
PARQUET_METADATA_KEY = "eventcoder"

Outcome = Literal["coded", "no_events", "duplicate", "quarantined"]
OUTCOMES: tuple[str, ...] = get_args(Outcome)


class DatasetError(EventcoderError):
    """A folder is not a dataset this tool built, or its manifest cannot be read."""


@dataclass(frozen=True)
class DocumentOutcome:
    """What happened to one input document."""

    seq: int
    doc_id: str | None
    source: str
    outcome: Outcome
    events: int = 0
    sentences: int = 0
    reason: str | None = None
    flags: tuple[str, ...] = ()
    split: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The outcome as JSON-ready data."""
        data = asdict(self)
        data["flags"] = list(self.flags)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentOutcome:
        """An outcome read back."""
        return cls(**{**data, "flags": tuple(data.get("flags", ()))})


@dataclass(frozen=True)
class Part:
    """One Parquet file of the dataset: its path in the folder, rows, checksum and split."""

    path: str
    rows: int
    sha256: str
    split: str


@dataclass(frozen=True)
class InputFile:
    """An input file a build read, by path and checksum."""

    path: str
    sha256: str
    bytes: int

    @classmethod
    def of(cls, path: Path) -> InputFile:
        """The record of a file on disk."""
        return cls(str(path), sha256_file(path), path.stat().st_size)


@dataclass(frozen=True)
class Counts:
    """Document, sentence and event counts of a build."""

    documents: int = 0
    coded: int = 0
    no_events: int = 0
    duplicates: int = 0
    quarantined: int = 0
    sentences: int = 0
    events: int = 0
    invalid_rows: int = 0
    one_a_day_dropped: int = 0


@dataclass(frozen=True)
class ProfileFile:
    """A profile table written beside the parts (e.g. profiles/acled.csv)."""

    path: str
    rows: int


@dataclass(frozen=True)
class ShardSummary:
    """Where a shard starts in the input and what it held."""

    index: int
    first_seq: int | None
    documents: int
    events: int


@dataclass(frozen=True)
class RunProvenance:
    """What a build ran with: versions, schema, pipeline, inputs and start time."""

    eventcoder_version: str
    schema_version: str
    schema_sha256: str
    started: str
    spacy_model: dict[str, Any]
    coder: dict[str, str]
    gazetteer: dict[str, str]
    inputs: tuple[InputFile, ...]

    def to_json(self) -> dict[str, Any]:
        """The provenance as JSON-ready data (also embedded in each Parquet part)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunProvenance:
        """Provenance read back."""
        values = {k: data[k] for k in cls.__dataclass_fields__}
        values["inputs"] = tuple(InputFile(**i) for i in data["inputs"])
        return cls(**values)


@dataclass(frozen=True)
class Manifest:
    """manifest.json: provenance, config, counts, parts and every document's outcome.

    Its JSON Schema is schemas/manifest.schema.json.
    """

    provenance: RunProvenance
    finished: str
    elapsed_s: float
    config: BuildConfig
    counts: Counts
    by_root: dict[str, int]
    by_split: dict[str, int]
    parts: tuple[Part, ...]
    profiles: dict[str, ProfileFile] = field(default_factory=dict)
    shards: tuple[ShardSummary, ...] = ()
    documents: tuple[DocumentOutcome, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The manifest as JSON-ready data: provenance fields at the top level."""
        data = asdict(self)
        provenance = data.pop("provenance")
        data["config"] = self.config.to_json()
        data["documents"] = [d.to_json() for d in self.documents]
        return {**provenance, **data}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        """A manifest read back from its JSON form."""
        return cls(
            provenance=RunProvenance.from_json(data),
            finished=data["finished"],
            elapsed_s=data["elapsed_s"],
            config=BuildConfig.from_json(data["config"]),
            counts=Counts(**data["counts"]),
            by_root=dict(data["by_root"]),
            by_split=dict(data["by_split"]),
            parts=tuple(Part(**p) for p in data["parts"]),
            profiles={k: ProfileFile(**v) for k, v in data.get("profiles", {}).items()},
            shards=tuple(ShardSummary(**s) for s in data.get("shards", ())),
            documents=tuple(DocumentOutcome.from_json(d) for d in data.get("documents", ())),
        )

    def parts_by_split(self) -> dict[str, list[Part]]:
        """The parts grouped by split, splits in the manifest's order."""
        out: dict[str, list[Part]] = {s: [] for s in self.by_split or SPLITS}
        for part in self.parts:
            out.setdefault(part.split, []).append(part)
        return out


def read_manifest(folder: str | Path) -> Manifest:
    """The folder's manifest; DatasetError naming the folder when it is not a built dataset."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise DatasetError(
            f"{folder} is not a built dataset folder (no {MANIFEST}); build one first"
        )
    try:
        return Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
        raise DatasetError(f"{path} cannot be read as a manifest: {err}") from err


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Write manifest.json into `folder`, atomically."""
    write_atomic(folder / MANIFEST, json.dumps(manifest.to_json(), indent=2) + "\n")


def read_rows(folder: str | Path, split: str | None = None) -> pa.Table:
    """The dataset's rows (of one split, or all), parts in manifest order."""
    import pyarrow as pa  # imported on use, for start-up time
    import pyarrow.parquet as pq  # imported on use, for start-up time

    manifest = read_manifest(folder)
    parts = [p for p in manifest.parts if split is None or p.split == split]
    tables = [pq.read_table(Path(folder) / p.path) for p in parts]
    return pa.concat_tables(tables) if tables else pa.table({})


def inputs_mismatch(manifest: Manifest, inputs: Sequence[str | Path]) -> str | None:
    """What differs between `inputs` and the files the manifest's build read (by sha256), or
    None when they are the same files; InputError when an input cannot be read."""
    files = input_files([Path(p) for p in inputs])
    sums = {f: sha256_file(f) for f in files}
    recorded = manifest.provenance.inputs
    given = Counter(sums.values())
    wanted = Counter(i.sha256 for i in recorded)
    if given == wanted:
        return None
    missing = [i.path for i in recorded if i.sha256 not in given]
    extra = [str(f) for f, digest in sums.items() if digest not in wanted]
    detail = []
    if missing:
        detail.append(f"missing or changed: {', '.join(missing[:5])}")
    if extra:
        detail.append(f"not inputs of the build: {', '.join(extra[:5])}")
    return "; ".join(detail) or "the file counts differ"


def write_atomic(path: Path, text: str) -> None:
    """Write `path` through a temporary file, flushed to disk, then renamed into place (the
    rename flushed too), so a crash leaves the old file or the new one, never a part."""
    temp = path.with_name(f".{path.name}.tmp")
    with temp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)
    sync_folder(path.parent)


def sync_file(path: Path) -> None:
    """Flush a written file's data to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename into it) to disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_part(
    folder: Path,
    temp_dir: Path,
    name: str,
    rows: list[dict[str, Any]],
    schema: pa.Schema,
    split: str,
) -> Part:
    """Write one Parquet part under a temporary name in `temp_dir`, then rename it into data/."""
    import pyarrow as pa  # imported on use, for start-up time
    import pyarrow.parquet as pq  # imported on use, for start-up time

    temp = temp_dir / f".{name}.tmp"
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), temp)
    sync_file(temp)
    digest = sha256_file(temp)
    os.replace(temp, folder / DATA_DIR / name)
    sync_folder(folder / DATA_DIR)
    return Part(f"{DATA_DIR}/{name}", len(rows), digest, split)


def swap_into_place(staging: Path, out: Path) -> None:
    """Replace `out` with the finished staging folder."""
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        out.rename(old)
        staging.rename(out)
        sync_folder(out.parent)
        shutil.rmtree(old)
    else:
        staging.rename(out)
        sync_folder(out.parent)
