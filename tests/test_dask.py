"""The Dask engine: a build on a loopback LocalCluster equals the local build, and each worker
loads the pipeline once."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from helpers import sentence_corpus

from eventcoder.build import build
from eventcoder.cli import main
from eventcoder.config import BuildConfig
from eventcoder.dataset import DocumentOutcome
from eventcoder.engines import dask_runner, worker_pipeline
from eventcoder.errors import EventcoderError
from eventcoder.pipeline import Pipeline
from eventcoder.shards import ShardResult

distributed = pytest.importorskip("distributed", reason='needs pip install "eventcoder[dask]"')

SENTENCES = [
    "Iraq condemned Israel on Tuesday.",
    "Iran warned the United States of serious consequences.",
    "Syrian troops clashed with Turkish forces near the border.",
    "Police arrested three gang members in Medellin, Colombia.",
    "Egypt declined to comment on the report.",
    "The weather was mild across the region this week.",
]


def _corpus(path: Path, documents: int) -> Path:
    """Documents plus one with the last one's text (a duplicate)."""
    return sentence_corpus(path, documents, SENTENCES, seed=11, duplicate_last=True)


def _provenance(out: Path) -> dict[str, object]:
    """The manifest (provenance, options, counts, outcomes) less the run's times."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    kept = {k: v for k, v in manifest.items() if k not in {"started", "finished", "elapsed_s"}}
    # a part's checksum covers its metadata, which holds the start time
    kept["parts"] = [{k: v for k, v in p.items() if k != "sha256"} for p in kept["parts"]]
    return kept


def _rows(out: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = pq.read_table(out / "data").to_pylist()
    return rows


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    """Two single-threaded worker processes on loopback, no dashboard; closed after the module."""
    local = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        memory_limit="2GiB",
    )
    try:
        yield local
    finally:
        local.close()


@pytest.mark.slow
def test_dask_build_equals_the_local_build_and_loads_the_model_once_per_worker(
    tmp_path: Path, pipeline: Pipeline, cluster: distributed.LocalCluster
) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 16)
    local = build([corpus], tmp_path / "local", BuildConfig(shard_size=4), pipeline=pipeline)
    dask = build(
        [corpus],
        tmp_path / "dask",
        BuildConfig(shard_size=4),
        runner=dask_runner(cluster.scheduler_address),
    )

    assert _rows(tmp_path / "dask") == _rows(tmp_path / "local")
    assert dask.parts == local.parts and dask.by_split == local.by_split
    assert dask.outcomes == local.outcomes and dask.duplicates == 1
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        caches = client.run(worker_pipeline.cache_info)
    assert len(caches) == 2
    assert all(info.misses == 1 for info in caches.values())  # loaded once, by the plugin
    # one use per shard, and one by the worker that gave the build its provenance
    assert sum(info.hits for info in caches.values()) == dask.shards + 1
    assert _provenance(tmp_path / "dask") == _provenance(tmp_path / "local")


@pytest.mark.slow
def test_dask_workers_report_each_document_before_its_shard_result(
    tmp_path: Path, cluster: distributed.LocalCluster
) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 12)
    dask = dask_runner(cluster.scheduler_address)
    items: list[ShardResult | DocumentOutcome] = []

    def recorded(*args: Any) -> Iterator[ShardResult | DocumentOutcome]:
        for item in dask(*args):
            items.append(item)
            yield item

    report = build([corpus], tmp_path / "dask", BuildConfig(shard_size=3), runner=recorded)

    results = [item for item in items if isinstance(item, ShardResult)]
    assert len(results) == report.shards
    live = [(i, item.seq) for i, item in enumerate(items) if isinstance(item, DocumentOutcome)]
    assert sorted(seq for _, seq in live) == list(range(13))  # 12 documents and a duplicate
    at = {id(item): i for i, item in enumerate(items)}
    for result in results:  # every document is heard before its shard's result
        seqs = {o.seq for o in result.outcomes}
        assert all(i < at[id(result)] for i, seq in live if seq in seqs)


def test_dask_build_tells_each_document_once(
    tmp_path: Path, cluster: distributed.LocalCluster
) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 6)
    heard: list[int] = []
    build(
        [corpus],
        tmp_path / "dask",
        BuildConfig(shard_size=2),
        runner=dask_runner(cluster.scheduler_address),
        on_document=lambda outcome: heard.append(outcome.seq),
    )
    assert sorted(heard) == list(range(7))


def test_engine_dask_without_a_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "seeds", "--out", str(tmp_path / "out"), "--engine", "dask"]
    )

    assert result.exit_code == 2
    assert "--engine dask needs --scheduler ADDRESS" in result.output
    assert not (tmp_path / "out").exists()


def test_dask_engine_without_distributed_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)

    with pytest.raises(EventcoderError, match=r'pip install "eventcoder\[dask\]"'):
        dask_runner("tcp://127.0.0.1:8786")
