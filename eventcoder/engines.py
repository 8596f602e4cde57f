"""Engines that run the builder's shard function elsewhere: local worker processes.

Each worker process loads the spaCy model and lexicons once (a per-process cache) and codes
whole shards with `eventcoder.build.code_shard`, so every engine produces the same files.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from functools import lru_cache
from pathlib import Path

from eventcoder.build import BuildConfig, Shard, ShardResult, code_shard
from eventcoder.coders import get_coder
from eventcoder.nlp import load_nlp
from eventcoder.pipeline import Pipeline


@lru_cache(maxsize=2)
def worker_pipeline(coder: str, model: str | None) -> Pipeline:
    """The pipeline of this process, loaded on first use and kept for the process's life."""
    return Pipeline(load_nlp(model), get_coder(coder))


def code_shard_in_worker(shard: Shard, config: BuildConfig, folder: Path) -> ShardResult:
    """The shard function with this process's pipeline."""
    return code_shard(shard, worker_pipeline(config.coder, config.model), config, folder)


def _warm(coder: str, model: str | None) -> None:
    worker_pipeline(coder, model)


def run_processes(
    shards: Iterable[Shard], config: BuildConfig, folder: Path, workers: int
) -> Iterator[ShardResult]:
    """Code shards in `workers` processes, at most two shards per worker in flight."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_warm, initargs=(config.coder, config.model)
    ) as pool:
        pending: set[Future[ShardResult]] = set()
        for shard in shards:
            pending.add(pool.submit(code_shard_in_worker, shard, config, folder))
            if len(pending) >= 2 * workers:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in finished)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (f.result() for f in finished)
