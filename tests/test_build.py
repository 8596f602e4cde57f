"""Behaviour of the dataset builder (eventcoder.build): files, provenance, atomicity, outcomes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventcoder.about import __version__
from eventcoder.build import BuildReport, DocumentOutcome, ResumeError, build
from eventcoder.config import BuildConfig
from eventcoder.engines import run_processes
from eventcoder.errors import InputError, OutputExistsError, UnknownCoderError
from eventcoder.pipeline import Pipeline, PipelineSpec
from eventcoder.schema import arrow_schema, schema_text
from eventcoder.shards import ShardResult
from eventcoder.validate import validate_path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_567aca93efc50564.txt"

NO_EVENT_TEXT = "The weather was mild and the market was quiet."
EVENT_TEXT = "Iraq condemned Israel."


def _manifest(out: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return loaded


def _table(out: Path) -> pa.Table:
    """All rows of a built dataset, parts read in manifest order."""
    parts = [pq.read_table(out / p["path"]) for p in _manifest(out)["parts"]]
    return pa.concat_tables(parts)


def _rows(out: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = _table(out).to_pylist()
    return rows


def _quarantine(out: Path) -> list[dict[str, Any]]:
    lines = (out / "quarantine.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _jsonl(path: Path, lines: list[Any]) -> Path:
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_build(
    pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory
) -> tuple[BuildReport, Path]:
    out = tmp_path_factory.mktemp("seed") / "dataset"
    return build([SEED], out, pipeline=pipeline), out


@pytest.fixture(scope="module")
def seed_out(seed_build: tuple[BuildReport, Path]) -> Path:
    return seed_build[1]


# --- layout ------------------------------------------------------------------------------


def test_build_writes_parts_manifest_schema_and_quarantine(seed_out: Path) -> None:
    assert sorted(p.name for p in (seed_out / "data").iterdir()) == ["train-00000-000.parquet"]
    assert (seed_out / "manifest.json").is_file()
    assert (seed_out / "event.schema.json").read_text(encoding="utf-8") == schema_text()
    assert (seed_out / "quarantine.jsonl").is_file()
    assert sorted(p.name for p in seed_out.iterdir()) == [
        "README.md",
        "data",
        "event.schema.json",
        "manifest.json",
        "quarantine.jsonl",
    ]
    assert (seed_out / "README.md").read_text(encoding="utf-8").startswith("---\n")


def test_seed_build_codes_events_and_quarantines_nothing(
    seed_build: tuple[BuildReport, Path],
) -> None:
    report, out = seed_build
    assert report.documents == 1 and report.coded == 1
    assert report.events > 0
    assert report.events == len(_rows(out))
    assert report.invalid_rows == 0
    assert _quarantine(out) == []


def test_parquet_columns_are_exactly_the_schema(seed_out: Path) -> None:
    table = _table(seed_out)
    assert table.schema.remove_metadata() == arrow_schema()


def test_report_counts_match_manifest(seed_build: tuple[BuildReport, Path]) -> None:
    report, out = seed_build
    counts = _manifest(out)["counts"]
    assert counts == {
        "documents": report.documents,
        "coded": report.coded,
        "no_events": report.no_events,
        "duplicates": report.duplicates,
        "quarantined": report.quarantined,
        "sentences": report.sentences,
        "events": report.events,
        "invalid_rows": report.invalid_rows,
        "one_a_day_dropped": 0,
    }
    assert _manifest(out)["by_root"] == report.by_root
    assert sum(report.by_root.values()) == report.events


# --- row content -------------------------------------------------------------------------


def test_every_row_validates(seed_out: Path) -> None:
    report = validate_path(seed_out)
    assert report.ok, [str(v) for v in report.violations[:5]]
    assert report.rows == len(_rows(seed_out))


def test_every_span_slices_the_seed_text_exactly(seed_out: Path, seed_text: str) -> None:
    rows = _rows(seed_out)
    assert rows
    for row in rows:
        assert seed_text[row["sentence_start"] : row["sentence_end"]] == row["sentence_text"]
        for prefix in ("actor", "target", "trigger"):
            text = row[f"{prefix}_text"]
            if text is None:
                assert row[f"{prefix}_start"] is None and row[f"{prefix}_end"] is None
                continue
            assert seed_text[row[f"{prefix}_start"] : row[f"{prefix}_end"]] == text, (
                prefix,
                row["event_id"],
            )


def test_rows_name_the_document_and_coder(seed_out: Path, pipeline: Pipeline) -> None:
    for row in _rows(seed_out):
        assert row["doc_id"] == SEED.stem
        assert row["coder"] == pipeline.coder.name
        assert row["coder_version"] == pipeline.coder.version


def test_event_ids_are_unique_within_a_build(seed_out: Path) -> None:
    ids = [row["event_id"] for row in _rows(seed_out)]
    assert len(ids) == len(set(ids))


def test_building_twice_gives_identical_rows_and_event_ids(
    seed_out: Path, pipeline: Pipeline, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    build([SEED], again, pipeline=pipeline)

    first, second = _rows(seed_out), _rows(again)

    assert [r["event_id"] for r in first] == [r["event_id"] for r in second]
    assert first == second


# --- provenance --------------------------------------------------------------------------


def test_manifest_records_versions_model_coder_inputs_and_times(
    seed_out: Path, pipeline: Pipeline
) -> None:
    manifest = _manifest(seed_out)

    assert manifest["eventcoder_version"] == __version__
    assert manifest["schema_sha256"] == hashlib.sha256(schema_text().encode()).hexdigest()

    model = manifest["spacy_model"]
    assert model["name"] == pipeline.nlp.info.name and model["name"]
    assert model["version"] == pipeline.nlp.info.version and model["version"] != "unknown"
    assert model["spacy_version"]

    coder = manifest["coder"]
    assert coder == pipeline.coder.provenance()
    checksums = {k: v for k, v in coder.items() if k.endswith("sha256")}
    assert checksums, coder
    for value in checksums.values():
        assert len(value) == 64 and int(value, 16) >= 0

    assert manifest["inputs"] == [
        {"path": str(SEED), "sha256": _sha256(SEED), "bytes": SEED.stat().st_size}
    ]

    started = dt.datetime.fromisoformat(manifest["started"])
    finished = dt.datetime.fromisoformat(manifest["finished"])
    assert started.tzinfo is not None
    assert started <= finished


def test_manifest_parts_list_row_counts_and_checksums(seed_out: Path) -> None:
    parts = _manifest(seed_out)["parts"]
    for part in parts:
        path = seed_out / part["path"]
        assert part["sha256"] == _sha256(path)
        assert part["rows"] == pq.ParquetFile(path).metadata.num_rows


def test_parquet_metadata_carries_the_build_provenance(seed_out: Path) -> None:
    manifest = _manifest(seed_out)
    part = seed_out / manifest["parts"][0]["path"]

    metadata = pq.read_schema(part).metadata
    assert metadata is not None and b"eventcoder" in metadata
    embedded = json.loads(metadata[b"eventcoder"])

    assert embedded["eventcoder_version"] == manifest["eventcoder_version"] == __version__
    assert embedded["coder"] == manifest["coder"]
    assert embedded["spacy_model"] == manifest["spacy_model"]
    assert embedded["inputs"] == manifest["inputs"]
    assert embedded["schema_version"] == manifest["schema_version"]


# --- overwrite and atomicity -------------------------------------------------------------


def test_build_refuses_to_overwrite_existing_data_without_flag(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("precious", encoding="utf-8")

    with pytest.raises(OutputExistsError, match="allow overwriting"):
        build([SEED], out, pipeline=pipeline)

    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_build_refuses_an_output_path_that_is_a_file(pipeline: Pipeline, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("x", encoding="utf-8")

    with pytest.raises(OutputExistsError):
        build([SEED], out, pipeline=pipeline, overwrite=True)


def test_build_into_an_existing_empty_folder_is_allowed(pipeline: Pipeline, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()

    build([SEED], out, pipeline=pipeline)

    assert (out / "manifest.json").is_file()


def test_overwrite_replaces_the_old_content(pipeline: Pipeline, tmp_path: Path) -> None:
    out = tmp_path / "out"
    docs = _jsonl(tmp_path / "docs.jsonl", [{"id": "x", "text": EVENT_TEXT}])
    build([docs], out, BuildConfig(rows_per_part=1), pipeline=pipeline)
    (out / "stale.txt").write_text("old", encoding="utf-8")

    report = build([SEED], out, pipeline=pipeline, overwrite=True)

    assert not (out / "stale.txt").exists()
    assert _manifest(out)["inputs"][0]["path"] == str(SEED)
    assert {r["doc_id"] for r in _rows(out)} == {SEED.stem}
    assert len(_rows(out)) == report.events


def test_no_staging_folders_are_left_beside_the_output(pipeline: Pipeline, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([SEED], out, pipeline=pipeline)
    build([SEED], out, pipeline=pipeline, overwrite=True)

    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_build_with_missing_input_raises_input_error_and_writes_nothing(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    out = tmp_path / "out"

    with pytest.raises(InputError, match="does not exist"):
        build([tmp_path / "missing.txt"], out, pipeline=pipeline)

    assert list(tmp_path.iterdir()) == []


def test_failed_build_leaves_old_output_and_resumable_staging_but_no_lock(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build([SEED], out, pipeline=pipeline)
    before = (out / "manifest.json").read_bytes()

    def explode(_: ShardResult, resumed: bool) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        build([SEED], out, pipeline=pipeline, overwrite=True, on_shard=explode)

    assert (out / "manifest.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.building", "out"]
    report = build([SEED], out, pipeline=pipeline, overwrite=True, resume=True)
    assert report.resumed_shards == 1
    assert (out / "manifest.json").read_bytes() != before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_an_interrupted_build_asks_to_resume_or_overwrite_and_overwrite_starts_again(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    out = tmp_path / "out"

    def explode(_: DocumentOutcome) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        build([SEED], out, pipeline=pipeline, on_document=explode)
    with pytest.raises(ResumeError, match="resume it"):
        build([SEED], out, pipeline=pipeline)
    report = build([SEED], out, pipeline=pipeline, overwrite=True)
    assert report.resumed_shards == 0 and report.events > 0
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_unknown_coder_is_refused_before_any_worker_starts(tmp_path: Path) -> None:
    with pytest.raises(UnknownCoderError, match="known coders: .*rules"):
        build(
            [SEED],
            tmp_path / "out",
            BuildConfig(pipeline=PipelineSpec(coder="nonesuch")),
            workers=2,
        )

    assert list(tmp_path.iterdir()) == []


def test_multi_worker_build_raises_a_workers_coder_error_with_its_message(
    tmp_path: Path,
) -> None:
    with pytest.raises(UnknownCoderError, match="takes no argument"):
        build(
            [SEED], tmp_path / "out", BuildConfig(pipeline=PipelineSpec(coder="rules:x")), workers=2
        )

    assert not (tmp_path / "out").exists() and not (tmp_path / ".out.lock").exists()


# --- document outcomes -------------------------------------------------------------------


def test_every_jsonl_item_gets_an_outcome_and_quarantined_ones_a_reason(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    docs = _jsonl(
        tmp_path / "mixed.jsonl",
        [
            {"id": "good1", "text": EVENT_TEXT},
            '{"id": "broken", "text": ',
            {"id": "empty", "text": "   "},
            {"id": "calm", "text": NO_EVENT_TEXT},
            {"id": "good1", "text": "Iran praised Iraq."},
            {"id": "good2", "text": "Iran criticized the United States."},
        ],
    )
    out = tmp_path / "out"
    seen: list[DocumentOutcome] = []

    report = build([docs], out, pipeline=pipeline, on_document=seen.append)

    manifest = _manifest(out)
    documents = manifest["documents"]
    assert len(documents) == 6
    assert [d["seq"] for d in documents] == list(range(6))
    assert [d["source"] for d in documents] == [f"{docs}:{n}" for n in range(1, 7)]
    assert [d["outcome"] for d in documents] == [
        "coded",
        "quarantined",
        "quarantined",
        "no_events",
        "quarantined",
        "coded",
    ]
    assert [o.outcome for o in seen] == [d["outcome"] for d in documents]

    counts = manifest["counts"]
    assert counts["documents"] == 6 == report.documents
    assert counts["coded"] + counts["no_events"] + counts["quarantined"] == counts["documents"]
    assert (counts["coded"], counts["no_events"], counts["quarantined"]) == (2, 1, 3)

    quarantined = [d for d in documents if d["outcome"] == "quarantined"]
    assert all(d["reason"] for d in quarantined)
    assert "broken JSON" in quarantined[0]["reason"]
    assert "empty" in quarantined[1]["reason"]
    assert "duplicate" in quarantined[2]["reason"]

    records = _quarantine(out)
    assert [r["kind"] for r in records] == ["document"] * 3
    assert [r["source"] for r in records] == [d["source"] for d in quarantined]
    assert [r["reason"] for r in records] == [d["reason"] for d in quarantined]

    rows = _rows(out)
    assert {r["doc_id"] for r in rows} == {"good1", "good2"}
    good1 = [r for r in rows if r["doc_id"] == "good1"]
    assert all(r["sentence_text"] == EVENT_TEXT for r in good1)
    assert sum(d["events"] for d in documents) == len(rows) == counts["events"]


def test_document_without_events_is_recorded_as_no_events(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    calm = tmp_path / "calm.txt"
    calm.write_text(NO_EVENT_TEXT, encoding="utf-8")
    out = tmp_path / "out"

    report = build([calm], out, pipeline=pipeline)

    (doc,) = _manifest(out)["documents"]
    assert doc["outcome"] == "no_events"
    assert doc["doc_id"] == "calm"
    assert doc["events"] == 0 and doc["sentences"] == 1
    assert report.no_events == 1 and report.events == 0


def test_build_with_no_events_still_writes_an_empty_schema_bearing_part(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    calm = tmp_path / "calm.txt"
    calm.write_text(NO_EVENT_TEXT, encoding="utf-8")
    out = tmp_path / "out"

    build([calm], out, pipeline=pipeline)

    parts = _manifest(out)["parts"]
    assert [p["rows"] for p in parts] == [0]
    table = pq.read_table(out / parts[0]["path"])
    assert table.num_rows == 0
    assert table.schema.remove_metadata() == arrow_schema()
    report = validate_path(out)
    assert report.ok and report.rows == 0


def test_small_rows_per_part_splits_into_parts_that_sum_to_the_total(
    seed_build: tuple[BuildReport, Path], pipeline: Pipeline, tmp_path: Path
) -> None:
    full_report, full_out = seed_build
    assert full_report.events > 5, "seed must yield more than one part's worth of events"
    out = tmp_path / "parts"

    report = build([SEED], out, BuildConfig(rows_per_part=5), pipeline=pipeline)

    parts = _manifest(out)["parts"]
    assert len(parts) == -(-report.events // 5)
    assert [p["path"] for p in parts] == [
        f"data/train-00000-{i:03d}.parquet" for i in range(len(parts))
    ]
    assert report.parts == [p["path"] for p in parts]
    assert all(p["rows"] <= 5 for p in parts)
    assert sum(p["rows"] for p in parts) == report.events == full_report.events
    assert sorted(x.name for x in (out / "data").iterdir()) == [Path(p["path"]).name for p in parts]
    assert _rows(out) == _rows(full_out)
    assert validate_path(out).ok


def test_folder_input_records_every_file_checksum(pipeline: Pipeline, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "b.txt").write_text(EVENT_TEXT, encoding="utf-8")
    (src / "a.txt").write_text(NO_EVENT_TEXT, encoding="utf-8")
    out = tmp_path / "out"

    build([src], out, pipeline=pipeline)

    inputs = _manifest(out)["inputs"]
    assert [i["path"] for i in inputs] == [str(src / "a.txt"), str(src / "b.txt")]
    assert [i["sha256"] for i in inputs] == [_sha256(src / "a.txt"), _sha256(src / "b.txt")]
    assert [d["doc_id"] for d in _manifest(out)["documents"]] == ["a", "b"]


def test_progress_hears_each_document_once_before_its_shard_with_two_workers(
    tmp_path: Path,
) -> None:
    docs = _jsonl(
        tmp_path / "docs.jsonl",
        [{"id": f"d{n}", "text": f"{EVENT_TEXT} Item {n}."} for n in range(6)],
    )
    heard: list[tuple[str, int]] = []
    build(
        [docs],
        tmp_path / "out",
        BuildConfig(shard_size=2),
        workers=2,
        on_document=lambda o: heard.append(("document", o.seq)),
        on_shard=lambda r, resumed: heard.append(("shard", r.index)),
    )

    documents = [seq for kind, seq in heard if kind == "document"]
    assert sorted(documents) == list(range(6))
    for shard in range(3):
        told_at = heard.index(("shard", shard))
        assert {("document", 2 * shard), ("document", 2 * shard + 1)} <= set(heard[:told_at])


def test_local_workers_report_documents_before_their_shard_is_done(tmp_path: Path) -> None:
    docs = _jsonl(
        tmp_path / "docs.jsonl",
        [{"id": f"d{n}", "text": f"{EVENT_TEXT} Item {n}."} for n in range(4)],
    )
    kinds: list[str] = []

    def spy(shards: Any, config: BuildConfig, folder: Path, provenance: Any) -> Any:
        for item in run_processes(shards, config, folder, 2, provenance):
            kinds.append(type(item).__name__)
            yield item

    report = build([docs], tmp_path / "out", BuildConfig(shard_size=4), runner=spy)

    assert report.events > 0
    assert kinds == ["DocumentOutcome"] * 4 + ["ShardResult"]
