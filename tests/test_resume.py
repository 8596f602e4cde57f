"""Interrupted builds: a build killed with SIGKILL at a random point and rerun with --resume
gives exactly the rows of an uninterrupted build; no partial part is ever visible."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from helpers import sentence_corpus

from eventcoder import engines
from eventcoder.build import BuildLockedError, build
from eventcoder.config import BuildConfig
from eventcoder.pipeline import Pipeline, PipelineSpec
from eventcoder.places import Gazetteer

ROOT = Path(__file__).resolve().parents[1]
RUN_SPECIFIC = frozenset({"started", "finished", "elapsed_s"})
SENTENCES = [
    "Iraq condemned Israel on Tuesday.",
    "Iran warned the United States of serious consequences.",
    "Syrian troops clashed with Turkish forces near the border.",
    "The Iraqi parliament called on the government to take measures.",
    "Egypt declined to comment on the report.",
    "The weather was mild across the region this week.",
]


def _corpus(path: Path, documents: int) -> Path:
    return sentence_corpus(path, documents, SENTENCES, seed=7)


def _rows(out: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = pq.read_table(out / "data").to_pylist()
    return rows


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from eventcoder.cli import main; main()", *args]


@pytest.mark.slow
def test_build_killed_at_a_random_point_resumes_to_identical_rows(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 60)
    reference = tmp_path / "reference"
    build([corpus], reference, BuildConfig(shard_size=5), pipeline=pipeline)
    out = tmp_path / "out"
    staging = tmp_path / ".out.building"
    args = ["build", str(corpus), "--out", str(out), "--shard-size", "5", "--workers", "1"]
    kill_after = random.Random().randint(1, 10)

    process = subprocess.Popen(_cli(*args, "--no-progress"), cwd=ROOT)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        done = list((staging / "_shards").glob("[0-9]*.json")) if staging.exists() else []
        if len(done) >= kill_after:
            os.kill(process.pid, signal.SIGKILL)
            break
        for part in (staging / "data").glob("*") if staging.exists() else []:
            assert part.suffix == ".parquet" and not part.name.startswith(".")
        time.sleep(0.05)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    assert not out.exists() and staging.exists()

    again = subprocess.run(_cli(*args), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 2 and "--resume" in again.stderr
    resumed = subprocess.run(
        _cli(*args, "--resume"), cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "resumed" in resumed.stdout

    assert _rows(out) == _rows(reference)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    reference_manifest = json.loads((reference / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"] == reference_manifest["counts"]
    assert manifest["documents"] == reference_manifest["documents"]
    assert not staging.exists()


def test_resume_with_other_inputs_is_refused(tmp_path: Path, pipeline: Pipeline) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 12)
    out = tmp_path / "out"

    def stop(_: object) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build([corpus], out, BuildConfig(shard_size=4), pipeline=pipeline, on_document=stop)
    _corpus(tmp_path / "corpus.jsonl", 13)

    with pytest.raises(Exception, match="other inputs or options"):
        build([corpus], out, BuildConfig(shard_size=4), pipeline=pipeline, resume=True)


def test_a_second_build_into_the_same_folder_is_refused_while_one_runs(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 3)
    out = tmp_path / "out"
    lock = tmp_path / ".out.lock"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lock.write_text(f"{sleeper.pid} {os.uname().nodename}\n")
        with pytest.raises(BuildLockedError, match=f"pid {sleeper.pid}"):
            build([corpus], out, pipeline=pipeline)
    finally:
        sleeper.kill()
        sleeper.wait()
    build([corpus], out, pipeline=pipeline)  # the holder is gone: its stale lock is taken
    assert (out / "manifest.json").exists() and not lock.exists()


def _provenance(out: Path) -> dict[str, Any]:
    """The manifest (provenance, options, counts, outcomes) less the run's times; checks
    that the Parquet parts carry the same provenance."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    kept = {k: v for k, v in manifest.items() if k not in RUN_SPECIFIC}
    # a part's checksum covers its metadata, which holds the start time
    kept["parts"] = [{k: v for k, v in p.items() if k != "sha256"} for p in kept["parts"]]
    part_metadata = pq.read_schema(out / manifest["parts"][0]["path"]).metadata[b"eventcoder"]
    in_parts = json.loads(part_metadata)
    assert in_parts == {k: manifest[k] for k in in_parts}  # the parts carry the same
    return kept


def _refuse(what: str) -> Callable[..., None]:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError(f"the main process of a multi-worker build loaded {what}")

    return refuse


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_builds_are_identical_whatever_the_worker_count(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 16)
    one = build([corpus], tmp_path / "one", BuildConfig(shard_size=4), pipeline=pipeline)
    monkeypatch.setattr(engines, "start_method", lambda: method)
    if method == "spawn":
        # Spawned workers import afresh: only this process is kept from loading the pipeline.
        monkeypatch.setattr(Gazetteer, "load", _refuse("the gazetteer"))
        monkeypatch.setattr(PipelineSpec, "load", _refuse("the pipeline"))
    two = build([corpus], tmp_path / "two", BuildConfig(shard_size=4), workers=2)

    assert _rows(tmp_path / "one") == _rows(tmp_path / "two")
    assert one.parts == two.parts and one.by_split == two.by_split
    assert _provenance(tmp_path / "two") == _provenance(tmp_path / "one")
    assert _provenance(tmp_path / "one")["coder"] == pipeline.coder.provenance()


# what a copy of a story is given afresh: its id, the row ids made from it, its split
PER_DOCUMENT_ID = frozenset({"doc_id", "event_id", "acled_event_id", "split"})
STORIES = [
    "Iraq condemned Israel on Tuesday. The army shelled a village in the north.",
    "Police arrested five men on Monday. The government said it would respond.",
    "Kenyan troops clashed with militants near Mandera. The militants fled.",
    "Officials met in the capital. The minister rejected the proposal.",
    "Protesters marched in Lagos. Security forces fired tear gas at them.",
    "He denied the charges. The court adjourned the case.",
]


def test_rows_do_not_depend_on_how_documents_are_batched_into_shards(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    corpus = tmp_path / "stories.jsonl"
    lines = [json.dumps({"id": f"s{n}", "text": t}) for n, t in enumerate(STORIES * 2)]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    built = {}
    for size in (1, 5, None):  # one document a shard, mixed, and cut by text size
        out = tmp_path / f"size-{size}"
        report = build([corpus], out, BuildConfig(shard_size=size, dedupe=False), pipeline=pipeline)
        built[size] = _rows(out)
        if size is not None:
            assert report.shards == -(-len(lines) // size)

    assert built[1] and built[1] == built[5] == built[None]
    # each story gives the same rows in its two copies, whatever came before it in its shard
    # (with shards of 5, the copies sit at different places in different shards)
    by_doc: dict[str, list[Any]] = {}
    for row in built[5]:
        key = {k: v for k, v in row.items() if k not in PER_DOCUMENT_ID}
        by_doc.setdefault(str(row["doc_id"]), []).append(sorted(key.items(), key=str))
    for n in range(len(STORIES)):
        assert by_doc.get(f"s{n}") == by_doc.get(f"s{n + len(STORIES)}")
