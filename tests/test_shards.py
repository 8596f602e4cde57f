"""Shards, de-duplication, training splits and the one-a-day filter."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventcoder.build import build
from eventcoder.config import BuildConfig
from eventcoder.dataset import SPLITS
from eventcoder.errors import EventcoderError
from eventcoder.pipeline import Pipeline
from eventcoder.shards import (
    SHARD_CHARS_RANGE,
    TARGET_SHARDS,
    cut_shards,
    shard_chars_for,
    split_of,
    text_fingerprint,
)
from eventcoder.types import Document


def _jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _manifest(out: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return loaded


def test_fingerprint_ignores_case_and_whitespace_only() -> None:
    assert text_fingerprint("Iraq  condemned\nIsrael.") == text_fingerprint(
        "iraq condemned israel."
    )
    assert text_fingerprint("Iraq condemned Israel.") != text_fingerprint("Iran condemned Israel.")


def test_identical_documents_are_coded_once_and_recorded_as_duplicates(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    corpus = _jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "text": "Iraq condemned Israel."},
            {"id": "b", "text": "IRAQ condemned   Israel."},
            {"id": "c", "text": "Iran condemned Israel."},
        ],
    )

    report = build([corpus], tmp_path / "out", pipeline=pipeline)

    assert (report.coded, report.duplicates) == (2, 1)
    outcome = {d["doc_id"]: d for d in _manifest(tmp_path / "out")["documents"]}  # type: ignore[union-attr]
    assert outcome["b"]["outcome"] == "duplicate" and "'a'" in outcome["b"]["reason"]
    rows = pq.read_table(tmp_path / "out" / "data").to_pylist()
    assert sorted(r["doc_id"] for r in rows) == ["a", "c"]


def test_dedupe_can_be_turned_off(tmp_path: Path, pipeline: Pipeline) -> None:
    corpus = _jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "text": "Iraq condemned Israel."},
            {"id": "b", "text": "Iraq condemned Israel."},
        ],
    )

    report = build([corpus], tmp_path / "out", BuildConfig(dedupe=False), pipeline=pipeline)

    assert (report.coded, report.duplicates) == (2, 0)


def test_split_is_a_stable_function_of_the_document_id() -> None:
    ratios = (0.8, 0.1, 0.1)
    assert split_of("doc-1", ratios) == split_of("doc-1", ratios)
    counts = Counter(split_of(f"doc-{i}", ratios) for i in range(5000))
    assert abs(counts["train"] / 5000 - 0.8) < 0.03
    assert abs(counts["validation"] / 5000 - 0.1) < 0.02
    assert {split_of(f"d{i}", (1.0, 0.0, 0.0)) for i in range(100)} == {"train"}


def test_every_row_of_a_document_shares_its_split_and_parts_are_named_by_split(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    records = [
        {"id": f"d{i}", "text": f"Iraq condemned Israel. Iran warned Egypt of consequences. {i}"}
        for i in range(30)
    ]
    report = build([_jsonl(tmp_path / "in.jsonl", records)], tmp_path / "out", pipeline=pipeline)

    rows = pq.read_table(tmp_path / "out" / "data").to_pylist()
    by_doc: dict[str, set[str]] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], set()).add(row["split"])
    assert all(len(splits) == 1 for splits in by_doc.values())
    assert all(next(iter(s)) == split_of(d, (0.8, 0.1, 0.1)) for d, s in by_doc.items())
    for part in _manifest(tmp_path / "out")["parts"]:  # type: ignore[union-attr]
        split = Path(part["path"]).name.split("-")[0]
        assert split in SPLITS and part["split"] == split
        assert set(pq.read_table(tmp_path / "out" / part["path"])["split"].to_pylist()) == {split}
    assert sum(report.by_split.values()) == report.events == len(rows)


def test_split_ratios_must_sum_to_one(tmp_path: Path, pipeline: Pipeline) -> None:
    with pytest.raises(EventcoderError, match="sum"):
        build(
            [tmp_path],
            tmp_path / "out",
            BuildConfig(split_ratios=(0.5, 0.1, 0.1)),
            pipeline=pipeline,
        )


def test_one_a_day_keeps_one_event_per_date_dyad_and_code(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    records = [
        {"id": "a", "text": "Iraq condemned Israel.", "date": "2024-03-07"},
        {"id": "b", "text": "Baghdad aside, Iraq condemned Israel again.", "date": "2024-03-07"},
        {"id": "c", "text": "Iraq condemned Israel.  Yes.", "date": "2024-03-08"},
    ]
    corpus = _jsonl(tmp_path / "in.jsonl", records)
    full = build([corpus], tmp_path / "full", pipeline=pipeline)

    filtered = build(
        [corpus], tmp_path / "filtered", BuildConfig(one_a_day=True), pipeline=pipeline
    )

    rows = pq.read_table(tmp_path / "filtered" / "data").to_pylist()
    keys = [(r["event_date"], r["actor_code"], r["target_code"], r["cameo_code"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert ("2024-03-07", "IRQ", "ISR", "111") in keys and (
        "2024-03-08",
        "IRQ",
        "ISR",
        "111",
    ) in keys
    manifest = _manifest(tmp_path / "filtered")
    assert manifest["config"]["one_a_day"] is True  # type: ignore[index]
    dropped = manifest["counts"]["one_a_day_dropped"]  # type: ignore[index]
    assert dropped == full.events - filtered.events > 0
    assert sum(filtered.by_root.values()) == filtered.events


def test_manifest_records_the_shards(tmp_path: Path, pipeline: Pipeline) -> None:
    records = [{"id": f"d{i}", "text": "Iraq condemned Israel. " + str(i)} for i in range(7)]

    report = build(
        [_jsonl(tmp_path / "in.jsonl", records)],
        tmp_path / "out",
        BuildConfig(shard_size=3),
        pipeline=pipeline,
    )

    shards = _manifest(tmp_path / "out")["shards"]
    assert report.shards == 3
    assert [(s["index"], s["first_seq"], s["documents"]) for s in shards] == [  # type: ignore[union-attr]
        (0, 0, 3),
        (1, 3, 3),
        (2, 6, 1),
    ]


def test_shards_are_cut_by_the_size_of_their_text_when_no_size_is_given() -> None:
    docs = [
        Document(doc_id=f"d{n}", text="x" * length, source="s")
        for n, length in enumerate((30, 30, 50, 10, 10, 10, 100, 5))
    ]
    shards = list(cut_shards(docs, None, dedupe=False, max_chars=60))
    sizes = [[seq for seq, _ in s.items] for s in shards]
    assert sizes == [[0, 1], [2, 3], [4, 5, 6], [7]]
    assert [s.index for s in shards] == [0, 1, 2, 3]
    by_count = list(cut_shards(docs, 3, dedupe=False, max_chars=60))
    assert [len(s.items) for s in by_count] == [3, 3, 2]


def test_the_text_per_shard_grows_with_the_input_within_bounds() -> None:
    low, high = SHARD_CHARS_RANGE
    assert shard_chars_for(1_000) == low
    assert shard_chars_for(TARGET_SHARDS * (low + 1000)) == low + 1000
    assert shard_chars_for(10**12) == high


def test_rows_do_not_depend_on_how_documents_are_cut_into_shards(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    texts = [
        "Iraq condemned Israel on Monday. Iran criticized the strike.",
        "Police in Lagos arrested twelve protesters after clashes with the army.",
        "The president met his French counterpart in Paris to discuss trade.",
        "Rebels attacked a convoy near Goma, killing three soldiers.",
        "Turkey accused Greece of violating its airspace.",
    ]
    corpus = _jsonl(
        tmp_path / "docs.jsonl", [{"id": f"n{i}", "text": t} for i, t in enumerate(texts)]
    )
    rows = {}
    for size in (None, 1, 2):
        out = tmp_path / f"out-{size}"
        build([corpus], out, BuildConfig(shard_size=size), pipeline=pipeline)
        rows[size] = sorted(
            (
                r
                for part in sorted((out / "data").glob("*.parquet"))
                for r in pq.read_table(part).to_pylist()
            ),
            key=lambda r: r["event_id"],
        )
    assert rows[None] == rows[1] == rows[2]
    assert rows[None]
