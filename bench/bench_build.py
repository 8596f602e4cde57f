"""Benchmark: end-to-end build throughput against bare spaCy parsing, scaling, peak RSS.

Throughput (one fresh interpreter): for each worker count W (--workers-list, default 1,2)
it times, on the same documents, with the same model and process count:

- bare spaCy: `nlp.pipe` over the texts (batch size 16, as the build), counting sentences,
  with the spaCy pipeline the build loads (eventcoder's faster attribute ruler and lemmatizer,
  the same annotations: `bench/bench_parse.py`), so the ratio is what the stages after the
  parse cost; W=1 in the process, W>1 the texts cut into the build's shards and parsed in a
  pool of W spawned processes that each loaded the model once;
- the build: `eventcoder.build.build` over the same JSONL; W=1 in the process with a loaded
  pipeline (the code path of `--workers 1`), W>1 the build's shard function in the same kind
  of pool (the code path of `--workers W`: `eventcoder.engines.run_in_pool`).

Start-up (imports, loading the model and lexicons, spawning workers, a warm-up on the first
documents and one small untimed build) is excluded on both sides: each pass is timed from
its first document to its end with everything loaded. A build pass includes reading the
input, shard cutting, de-duplication, coding, places, dates, validation, Parquet writing
and the manifest. The passes run --rounds times, bare and build alternating, and the
figures are the median with the range. Besides wall-clock rates it reports sentences per
CPU-second (user + system time of the main process and the workers, from /proc): on a
machine shared with other work, wall-clock figures move with the load, CPU-time figures
much less, and "cores busy" (CPU-seconds per second) shows how much of the machine a pass
got. For W > 1 it also prints the main process's own CPU time per pass: the serial work
(reading, admitting, de-duplicating, sharding, sending shards, the manifest and card) that
competes with the workers for the cores.

Shards are of 16 documents (--shard-size; the builder's default is 200): a multiple of the
parsing batch size, so every shard parses in full batches as bare `nlp.pipe` does, and small
enough that a 200-document input makes 13 shards for the workers to share.

Peak RSS (separate fresh interpreters, build only, W = the largest count): --rss-limit
documents (default 50), then an input that repeats them --repeat times (default 10);
ru_maxrss of the main process and of its largest worker. Copies get new ids and a marker
sentence ("Copy k of the benchmark input."), because de-duplication (on, as by default)
would otherwise code each repeated text once and skip the work.

Reads a JSONL of {id, text} (default: ../shared/corpus/insightcrime_train.jsonl).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "insightcrime_train.jsonl"
WARM_DOCS = 4
BATCH_SIZE = 16


# --- measurements (each kind in its own interpreter) ----------------------------------------


def _texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def _parse_count(texts: list[str]) -> int:
    """Parse with this process's model; non-empty sentences, as eventcoder counts them."""
    from eventcoder.engines import worker_pipeline
    from eventcoder.pipeline import PipelineSpec

    nlp = worker_pipeline(PipelineSpec()).nlp
    docs = nlp.parse_many(texts, batch_size=BATCH_SIZE)
    return sum(1 for doc in docs for span in doc.sents if span.text.strip())


def _warm(texts: list[str]) -> int:
    """Load this process's pipeline and code a few documents (lazy tables load on first use)."""
    from eventcoder.engines import worker_pipeline
    from eventcoder.ingest import document_from_text
    from eventcoder.pipeline import PipelineSpec

    pipeline = worker_pipeline(PipelineSpec())
    for i, text in enumerate(texts):
        pipeline.code_document(document_from_text(text, doc_id=f"warm-{i}"))
    return os.getpid()


def _pool(workers: int, warm: list[str]) -> ProcessPoolExecutor:
    """W spawned processes that loaded the pipeline and ran the warm-up, each."""
    from eventcoder.config import BuildConfig
    from eventcoder.engines import process_pool

    pool = process_pool(BuildConfig(batch_size=BATCH_SIZE), workers)
    pids: set[int] = set()
    while len(pids) < workers:
        pids.update(f.result() for f in [pool.submit(_warm, warm) for _ in range(workers)])
    return pool


def _bare_pass(texts: list[str], pool: ProcessPoolExecutor | None, workers: int, size: int) -> int:
    if pool is None:
        return _parse_count(texts)
    pending: set[Future[int]] = set()
    total = 0
    for start in range(0, len(texts), size):
        pending.add(pool.submit(_parse_count, texts[start : start + size]))
        if len(pending) >= 2 * workers:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            total += sum(f.result() for f in finished)
    return total + sum(f.result() for f in pending)


def _build_pass(
    path: Path, pool: ProcessPoolExecutor | None, workers: int, size: int
) -> dict[str, Any]:
    from eventcoder.build import build
    from eventcoder.config import BuildConfig
    from eventcoder.engines import run_in_pool, worker_pipeline
    from eventcoder.pipeline import PipelineSpec

    with tempfile.TemporaryDirectory() as tmp:
        if pool is None:
            pipeline = worker_pipeline(PipelineSpec())
            config = BuildConfig(shard_size=size)
            report = build([path], Path(tmp) / "out", config, pipeline=pipeline)
        else:
            report = build(
                [path],
                Path(tmp) / "out",
                BuildConfig(shard_size=size, batch_size=BATCH_SIZE),
                runner=lambda shards, config, folder, provenance: run_in_pool(
                    pool, shards, config, folder, 2 * workers, provenance
                ),
            )
    return {"documents": report.documents, "sentences": report.sentences}


def _timed(run: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = run()
    return result, time.perf_counter() - start


def _cpu_seconds(pool: ProcessPoolExecutor | None) -> float:
    """CPU time (user + system) so far of this process and the pool's workers (Linux /proc)."""
    total = time.process_time()
    processes = getattr(pool, "_processes", None) or {}
    for pid in processes:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _ready(path: Path, workers_list: list[int], size: int) -> dict[int, Any]:
    """Per W, None (in-process) or a warmed pool; each engine then does one untimed build of
    the first documents, so the main process's imports are start-up too."""
    warm = _texts(path)[:WARM_DOCS]
    pools = {w: None if w == 1 else _pool(w, warm) for w in workers_list}
    if 1 in pools:
        _warm(warm)
    with tempfile.TemporaryDirectory() as tmp:
        first = Path(tmp) / "warm.jsonl"
        with first.open("w", encoding="utf-8") as handle:
            for i, text in enumerate(warm):
                handle.write(json.dumps({"id": f"warm-{i}", "text": text}) + "\n")
        for w, pool in pools.items():
            _build_pass(first, pool, w, size)
    return pools


def measure_throughput(path: Path, workers_list: list[int], size: int, rounds: int) -> Any:
    """Bare and build passes for each W, alternating, `rounds` times; rates per pass."""
    texts = _texts(path)
    clock = time.perf_counter()
    pools = _ready(path, workers_list, size)
    startup = time.perf_counter() - clock
    rates: dict[str, dict[int, list[float]]] = {"bare": {}, "build": {}}
    cpu_rates: dict[str, dict[int, list[float]]] = {"bare": {}, "build": {}}
    cores: dict[str, dict[int, list[float]]] = {"bare": {}, "build": {}}
    main_cpu: dict[str, dict[int, list[float]]] = {"bare": {}, "build": {}}
    counts = {}
    for r in range(rounds):
        for w, pool in pools.items():
            passes = {
                "bare": partial(_bare_pass, texts, pool, w, size),
                "build": partial(_build_pass, path, pool, w, size),
            }
            for side in ("bare", "build") if r % 2 == 0 else ("build", "bare"):
                cpu, own = _cpu_seconds(pool), time.process_time()
                result, seconds = _timed(passes[side])
                cpu, own = _cpu_seconds(pool) - cpu, time.process_time() - own
                main_cpu[side].setdefault(w, []).append(own)
                counts[side] = result if side == "bare" else result["sentences"]
                rates[side].setdefault(w, []).append(counts[side] / seconds)
                cpu_rates[side].setdefault(w, []).append(counts[side] / cpu)
                cores[side].setdefault(w, []).append(cpu / seconds)
    for pool in pools.values():
        if pool is not None:
            pool.shutdown()
    return {
        "rates": rates,
        "cpu_rates": cpu_rates,
        "cores": cores,
        "main_cpu": main_cpu,
        "sentences": counts,
        "documents": len(texts),
        "startup_s": startup,
    }


def measure_rss(path: Path, workers: int, size: int) -> Any:
    """One build pass (the engine of `--workers W`), for its peak RSS."""
    pool = _ready(path, [workers], size)[workers]
    built, seconds = _timed(partial(_build_pass, path, pool, workers, size))
    if pool is not None:
        pool.shutdown()
    return {
        "documents": built["documents"],
        "rate": built["sentences"] / seconds,
        "rss_self_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_child_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


# --- the driver -----------------------------------------------------------------------------


def write_input(corpus: Path, limit: int, repeat: int, path: Path) -> int:
    """The first `limit` documents, then `repeat - 1` marked copies with new ids."""
    with corpus.open(encoding="utf-8") as handle:
        docs = [json.loads(line) for line in islice(handle, limit or None) if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for k in range(repeat):
            for doc in docs:
                text = (
                    doc["text"] if k == 0 else f"{doc['text']}\n\nCopy {k} of the benchmark input."
                )
                doc_id = doc["id"] if k == 0 else f"{doc['id']}~{k}"
                out.write(json.dumps({"id": doc_id, "text": text}) + "\n")
    return len(docs) * repeat


def run_child(*args: str) -> Any:
    """A measurement in a fresh interpreter; its JSON result."""
    command = [sys.executable, __file__, "--child", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def spread(values: list[float], digits: int = 1) -> str:
    """Median and range."""
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{mid:.{digits}f} ({low:.{digits}f}-{high:.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200, help="documents to use (0: all)")
    parser.add_argument("--workers-list", default="1,2", help="worker counts to time")
    parser.add_argument("--shard-size", type=int, default=16, help="documents per shard")
    parser.add_argument("--rounds", type=int, default=2, help="timed passes per side and W")
    parser.add_argument(
        "--repeat", type=int, default=10, help="RSS run: copies of the input (1: skip it)"
    )
    parser.add_argument("--rss-limit", type=int, default=50, help="RSS run: documents (1x)")
    parser.add_argument("--child", choices=["throughput", "rss"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    workers_list = [int(w) for w in args.workers_list.split(",")]
    if args.child == "throughput":
        result = measure_throughput(args.corpus, workers_list, args.shard_size, args.rounds)
        print(json.dumps(result), flush=True)
        return
    if args.child == "rss":
        print(json.dumps(measure_rss(args.corpus, workers_list[0], args.shard_size)), flush=True)
        return
    if not args.corpus.exists():
        raise SystemExit(f"corpus {args.corpus} not found; pass a JSONL path")
    print(f"$ {' '.join([Path(sys.executable).name, *sys.argv])}  ({os.cpu_count()} cores)")
    common = ["--shard-size", str(args.shard_size)]
    with tempfile.TemporaryDirectory() as tmp:
        single = Path(tmp) / "input.jsonl"
        documents = write_input(args.corpus, args.limit, 1, single)
        print(
            f"{documents} documents of {args.corpus.name}, shards of {args.shard_size}; "
            f"median (range) of {args.rounds} passes, start-up excluded"
        )
        every = ["--workers-list", args.workers_list, "--rounds", str(args.rounds)]
        timing = run_child("throughput", str(single), *every, *common)
        rates, cpu_rates, cores, main_cpu = (
            {side: {int(w): v for w, v in by_w.items()} for side, by_w in timing[key].items()}
            for key in ("rates", "cpu_rates", "cores", "main_cpu")
        )
        print(
            f"sentences: bare {timing['sentences']['bare']}, build {timing['sentences']['build']}"
            f"; start-up (excluded) {timing['startup_s']:.1f} s"
        )
        print(f"{'W':>2}  {'bare sentences/s':<23}{'build sentences/s':<23}build/bare")
        for w in workers_list:
            ratios = [b / a for a, b in zip(rates["bare"][w], rates["build"][w], strict=True)]
            print(
                f"{w:>2}  {spread(rates['bare'][w]):<23}{spread(rates['build'][w]):<23}"
                f"{spread(ratios, 3)}"
            )
        print(
            f"{'W':>2}  {'bare sentences/CPU-s':<23}{'build sentences/CPU-s':<23}build/bare"
            "      cores busy bare / build"
        )
        for w in workers_list:
            pairs = zip(cpu_rates["bare"][w], cpu_rates["build"][w], strict=True)
            print(
                f"{w:>2}  {spread(cpu_rates['bare'][w]):<23}{spread(cpu_rates['build'][w]):<23}"
                f"{spread([b / a for a, b in pairs], 3):<22}"
                f"{spread(cores['bare'][w], 2)} / {spread(cores['build'][w], 2)}"
            )
        for w in workers_list:
            if w > 1:
                print(
                    f"main process CPU-s per pass, W={w} (serial work beside the workers): bare "
                    f"{spread(main_cpu['bare'][w], 2)}, build {spread(main_cpu['build'][w], 2)}"
                )
        first, last = workers_list[0], workers_list[-1]
        if last != first:
            for side in ("bare", "build"):
                pairs = zip(rates[side][first], rates[side][last], strict=True)
                print(f"scaling {last}w/{first}w {side:<6}{spread([b / a for a, b in pairs], 2)}x")
        if args.repeat < 2:
            return
        small = Path(tmp) / "input-rss.jsonl"
        big = Path(tmp) / "input-repeated.jsonl"
        write_input(args.corpus, args.rss_limit, 1, small)
        write_input(args.corpus, args.rss_limit, args.repeat, big)
        small_rss = run_child("rss", str(small), "--workers-list", str(last), *common)
        large_rss = run_child("rss", str(big), "--workers-list", str(last), *common)
        for name, run in (("1x", small_rss), (f"{args.repeat}x", large_rss)):
            print(
                f"peak RSS {name:>4} input ({run['documents']} documents, W={last}): main "
                f"{run['rss_self_mib']:.0f} MiB, largest worker {run['rss_child_mib']:.0f} MiB "
                f"(build {run['rate']:.1f} sentences/s)"
            )
        growth = [
            large_rss[key] / small_rss[key]
            for key in ("rss_self_mib", "rss_child_mib")
            if small_rss[key] > 0
        ]
        print(f"peak RSS growth {args.repeat}x/1x: " + ", ".join(f"x{g:.3f}" for g in growth))


if __name__ == "__main__":
    main()
