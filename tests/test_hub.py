"""Publishing (eventcoder.hub), the dataset card (eventcoder.card) and the `datasets` Features
(eventcoder.features).

Pushes run the real huggingface_hub client in a subprocess against the stub Hub API of
tests/hub_stub.py on 127.0.0.1 (HF_ENDPOINT), with debug logging on, so that the test sees
everything the client sent and printed. `datasets` runs in this process, offline, on local
folders only.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before datasets/huggingface_hub are imported

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from hub_stub import HubStub

from eventcoder.build import build
from eventcoder.card import (
    GENERATED_MARK,
    CardError,
    card_metadata,
    default_template,
    render_card,
    size_category,
    write_card,
)
from eventcoder.dataset import read_manifest, write_manifest
from eventcoder.features import CLASS_LABEL_COLUMNS, class_label_names, dataset_features
from eventcoder.hub import PushError, push_dataset
from eventcoder.pipeline import Pipeline
from eventcoder.schema import event_fields
from eventcoder.shards import split_of

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_567aca93efc50564.txt"
TOKEN = "hf_stubTOKEN0123456789abcdefXYZ"
REPO = "alice/seed-events"

PUSH_SCRIPT = """
import dataclasses, json, logging, sys
from huggingface_hub.utils import logging as hf_logging
from eventcoder.errors import EventcoderError
from eventcoder.hub import push_dataset
logging.basicConfig(level=logging.DEBUG)
hf_logging.set_verbosity_debug()
try:
    report = push_dataset(**json.loads(sys.argv[1]))
except EventcoderError as err:
    print(f"error: {err}", file=sys.stderr)
    sys.exit(1)
print(json.dumps(dataclasses.asdict(report)))
"""

# Documents whose ids fall in each split (split_of is a stable hash), with events and without.
TEXTS = {
    "train": "Iraq condemned Israel. The weather was mild and the market was quiet.",
    "validation": "Iran warned Israel of serious consequences.",
    "test": "Baghdad condemned the Israeli airstrike. Officials met to discuss trade.",
}
NO_EVENT_TEXT = "The weather was mild and the market was quiet in the capital."


def _doc_id(split: str) -> str:
    return next(f"doc-{i}" for i in range(1000) if split_of(f"doc-{i}", (0.8, 0.1, 0.1)) == split)


def three_split_inputs(folder: Path) -> Path:
    """A JSONL input with one document per split and a document without events."""
    records = [{"id": _doc_id(split), "text": text} for split, text in TEXTS.items()]
    records.append({"id": "calm", "text": NO_EVENT_TEXT})
    path = folder / "docs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_dir(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hub") / "seed-events"
    build([SEED], out, pipeline=pipeline)
    return out


@pytest.fixture(scope="module")
def split_dir(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hub-splits")
    out = base / "three-splits"
    report = build([three_split_inputs(base)], out, pipeline=pipeline)
    assert all(report.by_split[s] > 0 for s in TEXTS), report.by_split
    return out


def _copy(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def _front_matter(card: str) -> dict[str, Any]:
    assert card.startswith("---\n")
    loaded: dict[str, Any] = yaml.safe_load(card.split("---\n")[1])
    return loaded


def _push(
    hub: HubStub, tmp_path: Path, token: str | None = TOKEN, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    """push_dataset(**kwargs) in a fresh interpreter talking to the stub; no HF_* from here."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    env.update(
        HF_ENDPOINT=hub.endpoint,
        HF_HOME=str(tmp_path / "hf-home"),
        HF_DEBUG="1",
        HF_HUB_DISABLE_TELEMETRY="1",
        PYTHONPATH=str(ROOT),
    )
    if token is not None:
        env["HF_TOKEN"] = token
    args = {k: str(v) if isinstance(v, Path) else v for k, v in kwargs.items()}
    return subprocess.run(
        [sys.executable, "-c", PUSH_SCRIPT, json.dumps(args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


# --- push over HTTP -----------------------------------------------------------------------------


def test_push_commits_the_dataset_layout_and_keeps_the_token_secret(
    seed_dir: Path, tmp_path: Path
) -> None:
    folder = _copy(seed_dir, tmp_path)
    before = _tree(folder)
    with HubStub(TOKEN) as hub:
        done = _push(hub, tmp_path, folder=folder, repo_id=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert hub.unexpected == []
    repo = hub.repos[REPO]
    assert not repo.private
    (commit,) = repo.commits
    assert commit.branch == "main"
    assert sorted(commit.files) == [
        "README.md",
        "data/train-00000-000.parquet",
        "event.schema.json",
        "manifest.json",
        "quarantine.jsonl",
    ]
    assert report["files"] == sorted(commit.files)
    assert report["commit_oid"] == commit.oid
    assert report["commit_url"].endswith(f"/datasets/{REPO}/commit/{commit.oid}")
    assert report["revision"] == "main"
    for name in ("data/train-00000-000.parquet", "manifest.json", "event.schema.json"):
        assert commit.files[name] == (folder / name).read_bytes()
    card = commit.files["README.md"].decode("utf-8")
    meta = _front_matter(card)
    assert meta["configs"][0]["data_files"] == [{"split": "train", "path": "data/train-*.parquet"}]
    assert f'load_dataset("{REPO}")' in card
    events = read_manifest(folder).counts.events
    assert f"Upload {events} events" in commit.summary
    # the token went in the Authorization header of every API call ...
    api_calls = [r for r in hub.requests if r.path.startswith("/api/") and "agent" not in r.path]
    assert {r.path.split("/")[-2] for r in api_calls} >= {"preupload", "commit", "tree"}
    assert all(r.headers.get("authorization") == f"Bearer {TOKEN}" for r in api_calls)
    # ... and nowhere else: not in the commit, the output (debug logging on), or the folder
    assert all(TOKEN.encode() not in data for data in commit.files.values())
    assert all(TOKEN not in r.body.decode("utf-8", "replace") for r in hub.requests)
    assert TOKEN not in done.stdout + done.stderr
    assert "authenticated: True" in done.stderr  # the debug log was on
    assert _tree(folder) == before  # nothing written into the dataset folder


def test_push_private_to_a_new_branch_with_a_message(seed_dir: Path, tmp_path: Path) -> None:
    with HubStub(TOKEN) as hub:
        done = _push(
            hub,
            tmp_path,
            folder=seed_dir,
            repo_id=REPO,
            private=True,
            revision="v1.0",
            commit_message="First release",
        )
        again = _push(hub, tmp_path, folder=seed_dir, repo_id=REPO, revision="v1.0")
    assert done.returncode == 0, done.stderr[-3000:]
    assert again.returncode == 0, again.stderr[-3000:]
    repo = hub.repos[REPO]
    assert repo.private
    assert [c.branch for c in repo.commits] == ["v1.0", "v1.0"]
    assert repo.commits[0].summary == "First release"
    assert "README.md" in repo.branches["v1.0"] and "README.md" not in repo.branches["main"]
    assert json.loads(again.stdout)["deleted"] == []


def test_push_deletes_stale_data_files_only(seed_dir: Path, tmp_path: Path) -> None:
    with HubStub(TOKEN) as hub:
        hub.add_repo(
            REPO,
            {
                "data/train-00009-000.parquet": b"old",
                "data/validation-00000-000.parquet": b"old",
                "profiles/acled.csv": b"old",
                "notes/about.md": b"kept",
            },
        )
        done = _push(hub, tmp_path, folder=seed_dir, repo_id=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    (commit,) = hub.repos[REPO].commits
    assert sorted(commit.deleted) == [
        "data/train-00009-000.parquet",
        "data/validation-00000-000.parquet",
        "profiles/acled.csv",
    ]
    assert json.loads(done.stdout)["deleted"] == sorted(commit.deleted)
    tree = hub.repos[REPO].branches["main"]
    assert tree["notes/about.md"] == b"kept"
    assert sorted(p for p in tree if p.startswith("data/")) == ["data/train-00000-000.parquet"]


def test_a_refused_token_fails_with_a_message_that_does_not_show_it(
    seed_dir: Path, tmp_path: Path
) -> None:
    wrong = "hf_wrongTOKENabcdef0123456789"
    with HubStub(TOKEN) as hub:
        done = _push(hub, tmp_path, token=wrong, folder=seed_dir, repo_id=REPO)
    assert done.returncode == 1
    assert "push to alice/seed-events failed" in done.stderr
    assert "401" in done.stderr
    assert wrong not in done.stdout + done.stderr
    assert REPO not in hub.repos


def test_push_without_any_token_says_how_to_log_in(seed_dir: Path, tmp_path: Path) -> None:
    with HubStub(TOKEN) as hub:
        done = _push(hub, tmp_path, token=None, folder=seed_dir, repo_id=REPO)
    assert done.returncode == 1
    assert "no Hugging Face token: set HF_TOKEN" in done.stderr
    assert [r for r in hub.requests if "agent" not in r.path] == []


def test_push_refuses_a_folder_that_is_not_a_complete_build(seed_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(PushError, match="no manifest.json"):
        push_dataset(tmp_path, REPO, token=TOKEN, endpoint="http://127.0.0.1:9")
    with pytest.raises(PushError, match="OWNER/NAME"):
        push_dataset(seed_dir, "no-owner", token=TOKEN, endpoint="http://127.0.0.1:9")
    changed = _copy(seed_dir, tmp_path)
    part = changed / "data" / "train-00000-000.parquet"
    part.write_bytes(part.read_bytes() + b"\0")
    with pytest.raises(PushError, match="differs from the sha256 in manifest.json"):
        push_dataset(changed, REPO, token=TOKEN, endpoint="http://127.0.0.1:9")
    invalid = _copy(seed_dir, tmp_path / "invalid")
    manifest = read_manifest(invalid)
    counts = dataclasses.replace(manifest.counts, invalid_rows=2)
    write_manifest(invalid, dataclasses.replace(manifest, counts=counts))
    with pytest.raises(PushError, match="2 invalid row"):
        push_dataset(invalid, REPO, token=TOKEN, endpoint="http://127.0.0.1:9")


# --- the dataset card ---------------------------------------------------------------------------


def test_card_metadata_declares_splits_features_and_hub_fields(split_dir: Path) -> None:
    card = render_card(split_dir, repo_id=REPO)
    meta = _front_matter(card)
    assert GENERATED_MARK in card
    manifest = read_manifest(split_dir)
    assert meta["configs"] == [
        {
            "config_name": "default",
            "default": True,
            "data_files": [
                {"split": s, "path": f"data/{s}-*.parquet"} for s in ("train", "validation", "test")
            ],
        }
    ]
    info = meta["dataset_info"]
    assert [f["name"] for f in info["features"]] == [f.name for f in event_fields()]
    roots = next(f for f in info["features"] if f["name"] == "cameo_root")
    assert roots["dtype"]["class_label"]["names"]["7"] == "08"  # a string, not the number 8
    assert {s["name"]: s["num_examples"] for s in info["splits"]} == manifest.by_split
    assert meta["language"] == ["en"]
    assert meta["license"] == "unknown"
    assert meta["size_categories"] == ["n<1K"]
    assert {"token-classification", "text-classification"} <= set(meta["task_categories"])
    assert "cameo" in meta["tags"]
    # the Hub client's own card parser accepts it
    from huggingface_hub import DatasetCard

    parsed = DatasetCard(card).data.to_dict()
    assert parsed["configs"][0]["data_files"][0]["path"] == "data/train-*.parquet"


def test_card_sections_come_from_the_manifest_and_the_schema(seed_dir: Path) -> None:
    card = render_card(seed_dir)
    manifest = read_manifest(seed_dir)
    run = manifest.provenance
    for heading in (
        "## Fields",
        "### Class labels",
        "## Sources",
        "## Coders and dictionaries",
        "## Taxonomies",
        "## Known limitations",
        "## Citation",
    ):
        assert heading in card
    for spec in event_fields():  # one table row per field, with the schema's description
        assert f"| `{spec.name}` |" in card
        assert spec.description.replace("|", "\\|") in card
    assert run.coder["patterns_sha256"] in card
    assert run.coder["actors_sha256"] in card
    assert run.schema_sha256 in card
    assert run.inputs[0].sha256 in card
    assert run.spacy_model["version"] in card
    assert "CAMEO 1.1b3" in card and "PLOVER 2021" in card and "cameo_acled.tsv" in card
    assert "@misc{seed_events_" in card
    fights = manifest.by_root.get("19", 0)
    assert f"| 18 | `19` | FIGHT | {fights} |" in card  # class index, root, CAMEO name, events
    assert "index 0 (`none`) is a placeholder" in card


def test_a_template_adds_prose_and_metadata(seed_dir: Path, tmp_path: Path) -> None:
    template = tmp_path / "card.md"
    template.write_text(
        "---\nlicense: cc-by-4.0\npretty_name: Seed events\ntags: [demo]\n---\n"
        "# {{ title }}\n\nOur own words about the collection.\n\n{{fields}}\n\n{{ citation }}\n",
        encoding="utf-8",
    )
    card = render_card(seed_dir, template)
    meta = _front_matter(card)
    assert meta["license"] == "cc-by-4.0"
    assert meta["tags"] == ["demo"]
    assert meta["pretty_name"] == "Seed events"
    assert "configs" in meta and "dataset_info" in meta
    assert "# Seed events\n\nOur own words about the collection." in card
    assert "| `event_id` |" in card and "## Sources" not in card
    assert render_card(seed_dir, template, license="mit").count("license: mit") == 1

    template.write_text("{{ fields }} {{ nonsense }}", encoding="utf-8")
    with pytest.raises(CardError, match="unknown placeholder.*nonsense"):
        render_card(seed_dir, template)
    template.write_text("---\nconfigs: []\n---\n{{ fields }}", encoding="utf-8")
    with pytest.raises(CardError, match="generates"):
        render_card(seed_dir, template)
    with pytest.raises(CardError, match="cannot be read"):
        render_card(seed_dir, tmp_path / "missing.md")
    assert "{{ limitations }}" in default_template()


def test_size_categories() -> None:
    assert [size_category(n) for n in (0, 999, 1000, 99_999, 2_000_000)] == [
        "n<1K",
        "n<1K",
        "1K<n<10K",
        "10K<n<100K",
        "1M<n<10M",
    ]


# --- datasets -----------------------------------------------------------------------------------


def test_features_derive_from_the_schema() -> None:
    features = dataset_features()
    assert list(features) == [f.name for f in event_fields()]
    for name in CLASS_LABEL_COLUMNS:
        assert isinstance(features[name], datasets.ClassLabel)
        assert features[name].names == list(class_label_names(name))
    assert features["cameo_root"].names == [f"{i:02d}" for i in range(1, 21)]
    assert features["quad_class"].int2str(4) == "material conflict"
    assert "ASSAULT" in features["plover_event"].names
    assert features["actor_start"] == datasets.Value("int64")
    assert features["actor_text"] == datasets.Value("string")
    assert features["latitude"] == datasets.Value("float64")


def test_load_dataset_reads_the_built_folder_with_its_splits_and_features(
    split_dir: Path, tmp_path: Path
) -> None:
    folder = _copy(split_dir, tmp_path)
    write_card(folder)
    loaded = datasets.load_dataset(str(folder), cache_dir=str(tmp_path / "cache"))
    manifest = read_manifest(folder)
    assert sorted(loaded) == ["test", "train", "validation"]
    assert {s: loaded[s].num_rows for s in loaded} == manifest.by_split
    expected = dataset_features()
    for split in loaded:
        assert loaded[split].features == expected
    for part in manifest.parts:  # same values as the Parquet files, class labels by name
        rows = pq.read_table(folder / part.path).to_pylist()
        got = loaded[part.split]
        roots = expected["cameo_root"]
        assert [roots.int2str(i) for i in got["cameo_root"]] == [r["cameo_root"] for r in rows]
        assert got["quad_class"] == [r["quad_class"] for r in rows]
        plover = expected["plover_event"]
        assert [None if i is None else plover.int2str(i) for i in got["plover_event"]] == [
            r["plover_event"] for r in rows
        ]
        assert got["event_id"] == [r["event_id"] for r in rows]


def test_null_plover_events_load_as_none(seed_dir: Path, tmp_path: Path) -> None:
    folder = _copy(seed_dir, tmp_path)
    part = folder / "data" / "train-00000-000.parquet"
    table = pq.read_table(part)
    rows = table.to_pylist()
    rows[0]["plover_event"] = None  # as for CAMEO roots 01 and 02, which PLOVER does not map
    rows[-1]["plover_event"] = "ASSAULT"
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), part)
    write_card(folder)
    train = datasets.load_dataset(str(folder), split="train", cache_dir=str(tmp_path / "c"))
    plover = train.features["plover_event"]
    assert train[0]["plover_event"] is None
    assert plover.int2str(train[len(rows) - 1]["plover_event"]) == "ASSAULT"
    assert [None if v is None else plover.int2str(v) for v in train["plover_event"]] == [
        r["plover_event"] for r in rows
    ]


def test_card_metadata_counts_only_splits_with_parts(seed_dir: Path) -> None:
    meta = card_metadata(seed_dir)
    assert [s["name"] for s in meta["dataset_info"]["splits"]] == ["train"]
    assert (
        meta["dataset_info"]["download_size"]
        == (seed_dir / "data" / "train-00000-000.parquet").stat().st_size
    )
