"""Nothing lost, nothing mixed: output folders, resume, damaged inputs, workers, push, validate.

Each test is a probe a careful user would try: misuse of output folders, interruption and
changed resources, damaged or hostile input files, a stalled Hub. The build must refuse
clearly or quarantine the item and go on; no file outside the output folder is removed.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import good_row

from eventcoder import api
from eventcoder.build import BuildLockedError, ResumeError, build
from eventcoder.cli import main
from eventcoder.config import BuildConfig
from eventcoder.dataset import DocumentOutcome, write_atomic
from eventcoder.errors import UnsafeOutputError
from eventcoder.export import export
from eventcoder.hub import PushError, push_dataset
from eventcoder.ingest import ReadOptions, input_files, read_inputs
from eventcoder.pipeline import Pipeline
from eventcoder.shards import SHARDS_DIR
from eventcoder.types import Document, Quarantine
from eventcoder.validate import validate_path

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Iraq condemned Israel on Tuesday after the strike."
OTHER = "Iran criticized the United States over the sanctions on Monday."


def _jsonl(path: Path, records: list[Any]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _inputs(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(OTHER, encoding="utf-8")
    return folder


def _items(*paths: Path, **options: Any) -> list[Document | Quarantine]:
    return list(read_inputs(paths, ReadOptions(**options)))


def _reasons(items: list[Document | Quarantine]) -> list[str]:
    return [i.reason for i in items if isinstance(i, Quarantine)]


def _docs(items: list[Document | Quarantine]) -> list[str]:
    return [i.doc_id for i in items if isinstance(i, Document)]


# --- output folders ------------------------------------------------------------------------


def test_overwrite_refuses_an_output_folder_that_holds_the_inputs(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    inputs = _inputs(tmp_path / "p" / "in")
    with pytest.raises(UnsafeOutputError, match="holds the input"):
        build([inputs], tmp_path / "p", pipeline=pipeline, overwrite=True)
    assert sorted(p.name for p in inputs.iterdir()) == ["a.txt", "b.txt"]


def test_an_output_folder_inside_an_input_folder_is_refused(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    inputs = _inputs(tmp_path / "in")
    with pytest.raises(UnsafeOutputError, match="inside the input folder"):
        build([inputs], inputs / "out", pipeline=pipeline)
    assert sorted(p.name for p in inputs.iterdir()) == ["a.txt", "b.txt"]


def test_the_current_folder_and_its_parents_are_never_an_output(
    pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = _inputs(tmp_path / "in")
    work = tmp_path / "work"
    work.mkdir()
    (work / "notes.txt").write_text("mine", encoding="utf-8")
    monkeypatch.chdir(work)
    for out in (Path("."), Path(".."), work):
        with pytest.raises(UnsafeOutputError, match="current folder"):
            build([inputs], out, pipeline=pipeline, overwrite=True)
    assert (work / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_overwrite_refuses_a_folder_of_files_eventcoder_did_not_write(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    inputs = _inputs(tmp_path / "in")
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work", encoding="utf-8")
    with pytest.raises(UnsafeOutputError, match="not a dataset eventcoder wrote"):
        build([inputs], out, pipeline=pipeline, overwrite=True)
    assert (out / "thesis.tex").read_text(encoding="utf-8") == "years of work"


def test_an_output_given_as_a_symbolic_link_is_refused(pipeline: Pipeline, tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    real = tmp_path / "real"
    build([inputs], real, pipeline=pipeline)
    link = tmp_path / "link"
    link.symlink_to(real)
    with pytest.raises(UnsafeOutputError, match="symbolic link"):
        build([inputs], link, pipeline=pipeline, overwrite=True)
    assert (real / "manifest.json").is_file()


def test_export_refuses_the_folder_that_holds_the_dataset(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    inputs = _inputs(tmp_path / "in")
    dataset = tmp_path / "sets" / "seed"
    build([inputs], dataset, pipeline=pipeline)
    with pytest.raises(UnsafeOutputError, match="holds the input"):
        export(dataset, "token-classification", tmp_path / "sets", overwrite=True)
    with pytest.raises(UnsafeOutputError, match="holds the input"):
        export(dataset, "token-classification", dataset, overwrite=True)
    assert (dataset / "manifest.json").is_file()


def test_the_lock_is_taken_before_the_output_is_checked(pipeline: Pipeline, tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    build([inputs], out, pipeline=pipeline)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / ".out.lock").write_text(f"{sleeper.pid} {socket.gethostname()}\n")
        # a second command meets the lock first, whatever the folder holds
        with pytest.raises(BuildLockedError, match=f"pid {sleeper.pid}"):
            build([inputs], out, pipeline=pipeline)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert (out / "manifest.json").is_file()


# --- resume ----------------------------------------------------------------------------------


def _interrupted(pipeline: Pipeline, inputs: Path, out: Path) -> None:
    def explode(_: DocumentOutcome) -> None:
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        build([inputs], out, pipeline=pipeline, on_document=explode)


def test_resume_refuses_when_the_lexicon_changed_and_names_what_changed(
    pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    _interrupted(pipeline, inputs, out)
    coder = type(pipeline.coder)
    provenance = coder.provenance

    def changed(self: Any) -> dict[str, str]:
        return {**provenance(self), "actors_sha256": "0" * 64}

    monkeypatch.setattr(coder, "provenance", changed)
    with pytest.raises(ResumeError, match="actors_sha256"):
        build([inputs], out, pipeline=pipeline, resume=True)
    monkeypatch.undo()
    report = build([inputs], out, pipeline=pipeline, resume=True)
    assert report.documents == 2


def test_a_shard_record_cut_short_by_a_crash_is_coded_again(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    inputs = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    calls = []

    def explode_second(_: DocumentOutcome) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("power cut")

    config = BuildConfig(shard_size=1)
    with pytest.raises(RuntimeError, match="power cut"):
        build([inputs], out, config, pipeline=pipeline, on_document=explode_second)
    records = sorted((tmp_path / ".out.building" / SHARDS_DIR).glob("[0-9]*.json"))
    assert records
    records[0].write_text("", encoding="utf-8")  # a record the crash left empty
    report = build([inputs], out, config, pipeline=pipeline, resume=True)
    assert report.documents == 2 and report.resumed_shards == len(records) - 1


def test_staging_writes_are_flushed_to_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    write_atomic(tmp_path / "record.json", "{}")
    assert len(synced) >= 1 and (tmp_path / "record.json").read_text() == "{}"


# --- damaged and hostile input -------------------------------------------------------------


def test_a_truncated_gzip_is_quarantined_and_other_files_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    records = "".join(json.dumps({"id": f"d{n}", "text": GOOD}) + "\n" for n in range(200))
    packed = gzip.compress(records.encode())
    (folder / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    (folder / "fake.jsonl.gz").write_text('{"id": "x", "text": "not gzip"}\n', encoding="utf-8")
    (folder / "z.txt").write_text(GOOD, encoding="utf-8")
    items = _items(folder)
    reasons = _reasons(items)
    assert any("unreadable" in r for r in reasons)
    assert sum("unreadable" in r for r in reasons) == 2
    assert "z" in _docs(items)


def test_a_file_that_cannot_be_read_is_quarantined_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "locked.jsonl").write_text('{"id": "x", "text": "hidden"}\n', encoding="utf-8")
    real_open = Path.open

    def no_access(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.jsonl":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", no_access)
    items = _items(folder)
    assert _docs(items) == ["a"]
    assert _reasons(items) == ["file unreadable: Permission denied"]
    assert {p.name for p in input_files([folder])} == {"a.txt"}


def test_lone_surrogates_huge_numbers_and_deep_nesting_are_quarantined_lines(
    tmp_path: Path,
) -> None:
    path = _jsonl(
        tmp_path / "docs.jsonl",
        [
            {"id": "s1", "text": "Rebels \ud800 attacked the town."},
            '{"id": ' + "9" * 5000 + ', "text": "x"}',
            "[" * 200_000 + "]" * 200_000,
            {"id": "ok", "text": GOOD},
        ],
    )
    items = _items(path)
    reasons = _reasons(items)
    assert _docs(items) == ["ok"]
    assert any("lone surrogate" in r for r in reasons)
    assert len(reasons) == 3


def test_a_line_over_the_limit_is_skipped_without_being_held_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "huge", "text": "a" * 20_000_000}) + "\n")
        handle.write(json.dumps({"id": "ok", "text": GOOD}) + "\n")
    tracemalloc.start()
    try:
        items = _items(path, max_chars=1000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert _docs(items) == ["ok"]
    assert any("over the document limit" in r for r in _reasons(items))
    assert peak < 8_000_000


def test_csv_problems_are_quarantined_by_row_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "docs.csv"
    path.write_bytes(
        b"id,text\n"
        b"c1," + GOOD.encode() + b"\n"
        b"c2," + b"x" * 5000 + b"\n"
        b'c3,"' + OTHER.encode() + b'"\n'
        b"c4,Caf\xe9 owners in Iraq protested the decision on Monday.\n"
        b'c5,"an unterminated quote\n'
        b"c6,swallowed\n"
    )
    items = _items(path, max_chars=1000)
    assert _docs(items) == ["c1", "c3", "c4"]
    c4 = next(i for i in items if isinstance(i, Document) and i.doc_id == "c4")
    assert "bad_encoding_replaced" in c4.flags
    reasons = _reasons(items)
    assert len(reasons) == 2
    assert any("lines 6-7" in r for r in reasons)
    strict = _items(path, max_chars=1000, on_bad_encoding="quarantine")
    assert "c4" not in _docs(strict)


@pytest.mark.skipif(os.name != "posix", reason="links and FIFOs are POSIX")
def test_links_special_files_and_deep_folders_are_all_accounted_for(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "linked-folder").symlink_to(outside)
    (folder / "linked-file.txt").symlink_to(outside / "secret.txt")
    (folder / "broken.txt").symlink_to(tmp_path / "missing.txt")
    os.mkfifo(folder / "pipe.txt")
    deep = folder
    for _ in range(1100):
        deep = deep / "d"
        deep.mkdir()
    (deep / "bottom.txt").write_text(OTHER, encoding="utf-8")
    try:
        _check_every_path_is_accounted_for(folder)
    finally:  # shutil.rmtree (pytest's clean-up) recurses: remove the deep folder bottom up
        (deep / "bottom.txt").unlink()
        while deep != folder:
            deep.rmdir()
            deep = deep.parent


def _check_every_path_is_accounted_for(folder: Path) -> None:
    items = _items(folder)
    assert sorted(_docs(items)) == ["a", "bottom"]
    sources = {Path(i.source).name: i.reason for i in items if isinstance(i, Quarantine)}
    assert "symbolic link to a folder" in sources["linked-folder"]
    assert "outside the input folder" in sources["linked-file.txt"]
    assert "broken symbolic link" in sources["broken.txt"]
    assert "FIFO" in sources["pipe.txt"]
    files = {p.name for p in input_files([folder])}
    assert files == {"a.txt", "bottom.txt"}


def test_card_data_files_outside_the_folder_are_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    _jsonl(outside / "private.jsonl", [{"id": "p", "text": GOOD}])
    folder = tmp_path / "downloaded"
    folder.mkdir()
    _jsonl(folder / "data.jsonl", [{"id": "d", "text": OTHER}])
    card = (
        "---\nconfigs:\n- config_name: default\n  data_files:\n"
        "  - split: train\n    path: data.jsonl\n"
        "  - split: extra\n    path: ../outside/*.jsonl\n"
        f"  - split: abs\n    path: {outside}/*.jsonl\n---\n"
    )
    (folder / "README.md").write_text(card, encoding="utf-8")
    items = _items(folder)
    assert _docs(items) == ["d"]
    assert sum("outside the folder" in r for r in _reasons(items)) == 2


def test_a_build_over_damaged_inputs_finishes_and_accounts_for_every_path(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "cut.jsonl.gz").write_bytes(gzip.compress(b'{"id": "q", "text": "x"}\n')[:20])
    _jsonl(folder / "bad.jsonl", ["[" * 100_000, {"id": "s", "text": "a \ud800 b"}])
    (folder / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    out = tmp_path / "out"
    report = build([folder], out, pipeline=pipeline)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    sources = {Path(d["source"].split(":")[0]).name for d in manifest["documents"]}
    assert sources == {"a.txt", "cut.jsonl.gz", "bad.jsonl", "broken.txt"}
    assert report.coded == 1 and report.quarantined == 4


# --- workers, push, validate, command line ---------------------------------------------------


WORKER_SCRIPT = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
import multiprocessing
from eventcoder.engines import exit_with_parent

def init():
    exit_with_parent(0.2)

if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=init)
    print(pool.submit(os.getpid).result(), flush=True)
    time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_workers_exit_when_the_main_process_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "main.py"
    script.write_text(WORKER_SCRIPT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    main_process = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert main_process.stdout is not None
        worker = int(main_process.stdout.readline())
        assert _alive(worker)
        main_process.send_signal(signal.SIGKILL)
        main_process.wait()
        deadline = time.monotonic() + 10
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(worker)
    finally:
        main_process.kill()


@pytest.fixture
def silent_hub() -> Iterator[str]:
    """An endpoint that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_push_to_an_endpoint_that_never_answers_fails_after_its_retries(
    pipeline: Pipeline, tmp_path: Path, silent_hub: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub.constants  # here: importing it at collection would fix its settings

    # other test modules set HF_HUB_OFFLINE for the process; this one needs the network code
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    inputs = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    build([inputs], out, pipeline=pipeline)
    started = time.monotonic()
    with pytest.raises(PushError, match="no answer .* after 2 tries"):
        push_dataset(out, "me/events", token="hf_x", endpoint=silent_hub, timeout=0.5, retries=1)
    assert time.monotonic() - started < 30


def test_validate_checks_codes_against_the_codebook_and_ids_for_repeats(tmp_path: Path) -> None:
    unknown = {**good_row(), "cameo_code": "999"}
    misnamed = {**good_row(), "cameo_name": "Praise or endorse"}
    nonsense = {**good_row(), "plover_event": "NONSENSE"}
    first = good_row()
    repeat = {**good_row(), "event_id": first["event_id"]}
    path = _jsonl(tmp_path / "rows.jsonl", [unknown, misnamed, nonsense, first, repeat])
    report = validate_path(path)
    found = {(v.violation.row, v.violation.field) for v in report.violations}
    assert {row for row, _ in found} == {0, 1, 2, 4}
    assert {(1, "cameo_name"), (2, "plover_event"), (4, "event_id")} <= found


def test_validate_reports_a_missing_or_changed_part_of_a_dataset(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    inputs = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    build([inputs], out, pipeline=pipeline)
    assert validate_path(out).ok
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    part = out / manifest["parts"][0]["path"]
    data = part.read_bytes()
    part.write_bytes(data + b"\0")
    assert any("checksum" in str(v) for v in validate_path(out).violations)
    part.unlink()
    assert any("missing" in str(v) for v in validate_path(out).violations)


def test_the_command_line_answers_bad_input_with_one_line_not_a_traceback(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    bad_stdin = runner.invoke(main, ["code"], input=b"Iran \xff condemned")
    assert bad_stdin.exit_code == 2 and "not valid UTF-8" in bad_stdin.output
    huge = runner.invoke(main, ["code", "Iraq condemned Israel. " * 100_000])
    assert huge.exit_code == 2 and "over the limit" in huge.output
    not_parquet = tmp_path / "rows.parquet"
    not_parquet.write_text("hello", encoding="utf-8")
    checked = runner.invoke(main, ["validate", str(not_parquet)])
    assert checked.exit_code == 1 and "not a readable Parquet file" in checked.output
    long_name = tmp_path / ("x" * 300)
    (tmp_path / "in.txt").write_text(GOOD, encoding="utf-8")
    named = runner.invoke(main, ["build", str(tmp_path / "in.txt"), "--out", str(long_name)])
    assert named.exit_code == 2 and "shorter" in named.output
    assert named.exception is None or isinstance(named.exception, SystemExit)


def test_a_full_disk_is_reported_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out"))

    monkeypatch.setattr(api, "_build", full)
    (tmp_path / "in.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", str(tmp_path / "in.txt"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "No space left on device" in result.output and "free some disk space" in result.output
