"""Engines that run the builder's shard function elsewhere: local worker processes or Dask.

Each worker process holds the spaCy model and lexicons once (a per-process cache) and codes
whole shards with `eventcoder.shards.code_shard`, so every engine produces the same files.
Where the OS can fork (Linux), the main process loads the pipeline once and its workers are
forked from it, sharing its memory until they write to it; elsewhere each spawned worker loads
its own. Workers report each document as they finish it (progress): local ones on a
manager's queue, Dask ones on a Dask queue held by the scheduler.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from functools import lru_cache
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from eventcoder.config import BuildConfig
from eventcoder.dataset import DocumentOutcome
from eventcoder.errors import EventcoderError
from eventcoder.pipeline import Pipeline, PipelineSpec
from eventcoder.shards import (
    PipelineProvenance,
    ProvenanceSink,
    Shard,
    ShardResult,
    ShardRunner,
    code_shard,
)

if TYPE_CHECKING:
    from distributed import Client, WorkerPlugin

DASK_INSTALL = 'pip install "eventcoder[dask]"'
POLL_S = 0.2  # how often the main process collects the workers' document outcomes


class OutcomeQueue(Protocol):
    """Where workers put document outcomes for the main process (a manager's queue)."""

    def put(self, item: DocumentOutcome) -> None: ...

    def get_nowait(self) -> DocumentOutcome: ...


def start_method() -> str:
    """How local workers start: forked from the main process where the OS allows it safely
    (Linux), so the pipeline is loaded once and shared; spawned elsewhere."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


@lru_cache(maxsize=2)
def worker_pipeline(spec: PipelineSpec) -> Pipeline:
    """The pipeline of this process, loaded on first use and kept for the process's life."""
    return spec.load()


def code_shard_in_worker(
    shard: Shard, config: BuildConfig, folder: Path, progress: OutcomeQueue | None = None
) -> ShardResult:
    """The shard function with this process's pipeline; each document's outcome is also put
    on `progress`, when given, as soon as it is known."""
    pipeline = worker_pipeline(config.pipeline)
    return code_shard(shard, pipeline, config, folder, progress.put if progress else None)


def worker_provenance(config: BuildConfig) -> PipelineProvenance:
    """The provenance of this process's pipeline for the config (loading it if needed)."""
    return PipelineProvenance.of(worker_pipeline(config.pipeline))


def exit_with_parent(interval_s: float = 1.0) -> None:
    """End this worker process soon after the process that started it dies (a killed build
    leaves no worker behind): a daemon thread watches the parent's pid."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval_s)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="eventcoder-parent-watch", daemon=True).start()


def _start_worker(spec: PipelineSpec) -> None:
    """A local worker process's start: watch the parent, then load the pipeline."""
    exit_with_parent()
    _warm(spec)


def _warm(spec: PipelineSpec) -> None:
    """Load this process's pipeline ahead of its first use. A user error (unknown coder or
    model, bad coder argument) is left to that first use, which raises it to the caller with
    its message (an initializer's or plugin's error would only break the pool)."""
    with contextlib.suppress(EventcoderError):
        worker_pipeline(spec)


# --- local processes ------------------------------------------------------------------------


def process_pool(
    config: BuildConfig, workers: int, context: BaseContext | None = None
) -> ProcessPoolExecutor:
    """A pool of `workers` processes started by `context` (default: `start_method()`), each
    loading the config's pipeline as it starts unless it inherited it loaded."""
    return ProcessPoolExecutor(
        workers,
        mp_context=context or multiprocessing.get_context(start_method()),
        initializer=_start_worker,
        initargs=(config.pipeline,),
    )


def run_in_pool(
    pool: Executor,
    shards: Iterable[Shard],
    config: BuildConfig,
    folder: Path,
    in_flight: int,
    provenance: ProvenanceSink | None = None,
    progress: OutcomeQueue | None = None,
) -> Iterator[ShardResult | DocumentOutcome]:
    """Code shards in an executor's processes, at most `in_flight` shards submitted at once;
    first hand `provenance` a worker's pipeline provenance, when given. With a `progress`
    queue, the workers' document outcomes are yielded as they arrive, each before its shard's
    result."""
    if provenance is not None:
        provenance(pool.submit(worker_provenance, config).result())
    pending: set[Future[ShardResult]] = set()
    todo = iter(shards)
    while True:
        _top_up(
            pending,
            todo,
            in_flight,
            lambda shard: pool.submit(code_shard_in_worker, shard, config, folder, progress),
        )
        if not pending:
            return
        timeout = None if progress is None else POLL_S
        finished, pending = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
        if progress is not None:
            yield from _drain(progress)
        yield from (f.result() for f in finished)


def _top_up(
    pending: set[Any], todo: Iterator[Shard], in_flight: int, submit: Callable[[Shard], Any]
) -> None:
    """Submit the next shards until `in_flight` are pending or there are no more."""
    while len(pending) < in_flight and (shard := next(todo, None)) is not None:
        pending.add(submit(shard))


def _drain(progress: OutcomeQueue) -> Iterator[DocumentOutcome]:
    """The outcomes waiting on the queue now."""
    while True:
        try:
            yield progress.get_nowait()
        except queue.Empty:
            return


def run_processes(
    shards: Iterable[Shard],
    config: BuildConfig,
    folder: Path,
    workers: int,
    provenance: ProvenanceSink | None = None,
) -> Iterator[ShardResult | DocumentOutcome]:
    """Code shards in `workers` processes, at most two shards per worker in flight, yielding
    each document's outcome as a worker finishes it and each shard's result.

    Forking workers, the pipeline is loaded here first (its errors are raised here), and
    `provenance` hears of it directly."""
    context = multiprocessing.get_context(start_method())
    with context.Manager() as manager:
        progress: OutcomeQueue = manager.Queue()
        if context.get_start_method() == "fork":
            loaded = worker_pipeline(config.pipeline)
            if provenance is not None:
                provenance(PipelineProvenance.of(loaded))
                provenance = None
        with process_pool(config, workers, context) as pool:
            yield from run_in_pool(pool, shards, config, folder, 2 * workers, provenance, progress)


# --- Dask distributed -----------------------------------------------------------------------


def dask_runner(scheduler: str, *, timeout: float = 30.0) -> ShardRunner:
    """A shard runner that codes shards on the Dask cluster whose scheduler is at `scheduler`.

    Each Dask worker loads the pipeline once, when the build registers its worker plugin (and
    when a worker joins later), then codes whole shards with the same shard function as the
    local engines, so the dataset is the one a local build gives. Workers write the shards'
    parts straight into the build's staging folder (beside the output folder): they must see
    it at the same absolute path, i.e. share the filesystem, and have eventcoder and the
    spaCy model installed. Start workers with one thread each (`dask worker ADDRESS
    --nthreads 1 --nworkers N`): parsing holds the GIL, so threads add nothing. At most two
    shards per worker thread are in flight. Each document's outcome comes back as the worker
    finishes it, on a Dask queue, before its shard's result. Needs
    `pip install "eventcoder[dask]"`.
    """
    try:
        import distributed
    except ImportError as err:
        raise EventcoderError(
            f"the dask engine needs the distributed package: {DASK_INSTALL}"
        ) from err

    def run(
        shards: Iterable[Shard],
        config: BuildConfig,
        folder: Path,
        provenance: ProvenanceSink | None,
    ) -> Iterator[ShardResult | DocumentOutcome]:
        folder = folder.resolve()
        client = _connect(distributed.Client, scheduler, timeout)
        try:
            client.register_plugin(_pipeline_plugin(config), name="eventcoder-pipeline")
            _check_workers_see(client, folder)
            if provenance is not None:
                provenance(client.submit(worker_provenance, config, pure=False).result())
            progress = distributed.Queue(f"eventcoder-progress-{uuid.uuid4().hex}", client=client)
            in_flight = 2 * max(1, sum(client.nthreads().values()))
            pending: set[Any] = set()
            todo = iter(shards)
            while True:
                _top_up(
                    pending,
                    todo,
                    in_flight,
                    lambda shard: client.submit(
                        code_shard_in_worker, shard, config, folder, progress, pure=False
                    ),
                )
                if not pending:
                    break
                finished = _finished(pending)
                pending -= finished
                # each finished shard put its outcomes before it returned: drain after the check
                yield from progress.get(batch=True)
                yield from (future.result() for future in finished)
            progress.close()
        finally:
            client.close()

    return run


def _finished(pending: set[Any]) -> set[Any]:
    """The futures done now, waiting up to POLL_S for one (so progress is drained meanwhile)."""
    deadline = time.monotonic() + POLL_S
    while True:
        finished = {future for future in pending if future.done()}
        if finished or time.monotonic() >= deadline:
            return finished
        time.sleep(POLL_S / 10)


def _connect(client_class: type[Client], scheduler: str, timeout: float) -> Client:
    """A client of the scheduler at `scheduler`, once at least one worker is there."""
    try:
        client = client_class(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise EventcoderError(f"cannot reach the Dask scheduler at {scheduler!r}: {err}") from err
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as err:
        client.close()
        raise EventcoderError(
            f"the Dask scheduler at {scheduler!r} has no workers (waited {timeout:g} s)"
        ) from err
    return client


def _check_workers_see(client: Client, folder: Path) -> None:
    """Fail early, with a clear message, when some worker cannot see the staging folder."""
    seen: dict[str, Any] = client.run(os.path.isdir, str(folder))
    blind = sorted(address for address, ok in seen.items() if not ok)
    if blind:
        raise EventcoderError(
            f"Dask workers {', '.join(blind)} cannot see the build folder {folder}; "
            "the workers must share the output folder's filesystem (same absolute path)"
        )


def _pipeline_plugin(config: BuildConfig) -> WorkerPlugin:
    """A worker plugin that loads the build's pipeline once per worker, as the worker starts."""
    from distributed import WorkerPlugin

    class LoadPipeline(WorkerPlugin):
        """Loads eventcoder's pipeline into the worker process's cache."""

        def __init__(self, spec: PipelineSpec) -> None:
            self.spec = spec

        def setup(self, worker: Any) -> None:
            _warm(self.spec)

    return LoadPipeline(config.pipeline)
